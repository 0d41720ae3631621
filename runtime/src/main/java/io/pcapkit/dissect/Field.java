package io.pcapkit.dissect;

/**
 * Describes one output field of a layer. Instances are generated as constants, one per grammar
 * field, so dumpers can cache per-field data (pre-encoded JSON names) by {@link #id}.
 */
public final class Field {
    /** Index unique across all grammars of one generation. */
    public final int id;
    /** The key in the layer's object, e.g. {@code df}. */
    public final String name;
    /** The dotted path inside the layer, e.g. {@code flags.df}: the key of {@code _offsets}. */
    public final String path;
    public final FieldKind kind;
    public final Format format;
    /** The grammar the field belongs to. */
    public final String grammar;

    public Field(int id, String name, String path, FieldKind kind, Format format, String grammar) {
        this.id = id;
        this.name = name;
        this.path = path;
        this.kind = kind;
        this.format = format;
        this.grammar = grammar;
    }

    @Override
    public String toString() {
        return grammar + "." + path;
    }
}
