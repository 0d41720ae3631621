package io.pcapkit.dissect;

import io.pcapkit.gen.Protocols;

/**
 * Descriptors of the fields the runtime itself writes (capture header groups), numbered after the
 * grammars' fields so dumpers can index all of them in one table.
 */
public final class RuntimeFields {
    private RuntimeFields() {
    }

    private static final int BASE = Protocols.fieldCount();

    public static final Field SECTION = new Field(BASE, "section", "section", FieldKind.GROUP, Format.DEC, "pcapng");
    public static final Field INTERFACES = new Field(BASE + 1, "interfaces", "interfaces", FieldKind.LIST, Format.DEC, "pcapng");
    public static final Field FORMAT = new Field(BASE + 2, "format", "format", FieldKind.TEXT, Format.TEXT, "capture");
    public static final Field INTERFACE_ID = new Field(BASE + 3, "id", "id", FieldKind.NUMBER, Format.DEC, "pcapng");

    /** Size of a table indexed by {@link Field#id} covering every descriptor. */
    public static int count() {
        return BASE + 4;
    }
}
