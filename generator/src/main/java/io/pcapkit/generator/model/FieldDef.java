package io.pcapkit.generator.model;

import java.util.List;
import java.util.Map;

/**
 * One attribute of a {@code seq} (or one value instance), as written in the grammar.
 * Unknown keys are rejected by the loader so that a typo never silently changes the output.
 */
public final class FieldDef {
    public String id;
    /** where it was declared, for diagnostics: {@code grammars/ipv4.ksy: seq/3 (ihl)} */
    public String where;

    // wire description (Kaitai keys)
    public String type;                    // primitive or user type name; null for plain bytes
    /** Arguments of the type, {@code dns_name(_io)}: expressions, in order (empty without). */
    public List<String> typeArgs = List.of();
    public Map<Object, String> switchCases; // type: {switch-on: x, cases: {...}}: case literal -> type
    public String switchOn;
    public String size;                    // size expression
    public boolean sizeEos;
    public List<Integer> contents;
    public String repeat;                  // eos | expr | until
    public String repeatExpr;
    public String repeatUntil;
    public String ifExpr;
    public Object valid;                   // scalar, or map {eq,min,max,any-of,expr}
    public String encoding;
    public Integer terminator;
    public boolean consume = true;
    public boolean include = false;
    public boolean eosError = true;
    public Integer padRight;
    public String process;                 // process: name(arg) as written
    /** The processor's name and its argument expression (null without one). */
    public String processName;
    public String processArg;
    public String enumRef;                 // Kaitai's own enum: key (discouraged: null for unknown values in Java)

    // value instances
    public String value;                   // instance value expression
    public String pos;                     // positional instance (not in the fast path)

    // pcapkit output keys (ignored by ksc because they start with '-')
    public String json;                    // output path, dotted for groups, e.g. flags.df
    public boolean hide;                   // not in the output
    public String format;                  // dec | hex | mac | ipv4 | ipv6 | text | bytes
    public String namesEnum;               // -enum: local enum or registry table
    public String valueExpr;               // -value: transform of the raw value (_) for output
    public boolean flatten;                // -flatten: a user type's fields join the parent object

    public boolean isInstance;
    /** The field's {@code doc}. */
    public String doc;

    public IntType intType() {
        return IntType.parse(type);
    }

    public boolean isRepeated() {
        return repeat != null;
    }

    /** The output path (the {@code -json} key or the id). */
    public String outputPath() {
        return json != null ? json : id;
    }
}
