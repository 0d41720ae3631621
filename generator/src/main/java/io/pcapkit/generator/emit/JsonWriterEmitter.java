package io.pcapkit.generator.emit;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.expr.JavaExpr;
import io.pcapkit.generator.model.FieldDef;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.TypeDef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Emits a fast codec's {@code writeJson}: after a decode, the layer's fields written as NDJSON
 * bytes from the stored values (the codec's slots), in the order and form the sink calls of its
 * walk would give the NDJSON dumper, without a sink call per field. Numbers, flags, IPv4, MAC and
 * IPv6 addresses, enumerated values and groups are written straight to the
 * {@code JsonLayerOut}; nested types are walked again from their stored offsets by their JSON
 * walkers ({@link FastCodecEmitter#jsonWalker}), or through the sink when they have none, and
 * bytes in other forms go through the sink's {@code bytes}. A grammar whose top level has a field with no
 * stored value to write from (a top-level list, a switch, a processed or primitive field, a
 * conditional group) gets none, and its layers take the walk.
 *
 * <p>Writes go in runs: one room check for the run's largest size, then keys and values at a
 * position the method carries; a sink call ends a run (an enumerated name, whose size is not known
 * here, checks its own room and the room of what follows it).
 *
 * <p>Header bits change little from packet to packet (versions, header lengths, flags, TTLs), so a
 * stretch of narrow fields (at most {@link #NARROW_BITS} bits each, {@link #KEY_BITS} together)
 * is written once per distinct value of those bits and then copied: its text, keys and brackets
 * included, is a function of the bits and of whether a comma opens it. Wide fields (ports,
 * lengths, checksums, addresses) vary per packet and are written each time.
 */
final class JsonWriterEmitter {

    // the longest text of a value, for the room a run asks for
    private static final int NUMBER_BYTES = 20;
    private static final int BOOL_BYTES = 5;
    private static final int IPV4_BYTES = 17;
    private static final int MAC_BYTES = 19;
    private static final int IPV6_BYTES = 41;
    /** Room a run may ask for (JsonLayerOut.MAX_ROOM). */
    private static final int MAX_ROOM = 4096;
    /** The widest field a cached stretch takes: wider ones (ports, ids, lengths) vary per packet. */
    private static final int NARROW_BITS = 13;
    /**
     * Bits of the fields of one cached stretch: 16 keep the distinct values few (the dumper keeps
     * 256 texts per stretch), and with the comma bit the key is a non-negative int.
     */
    private static final int KEY_BITS = 16;
    /** A translated expression that reads the walk's position {@code p}, which a writer does not have. */
    private static final Pattern READS_POSITION = Pattern.compile("(?<![\\w.$])p(?![\\w$])");

    /** What the writer needs from the codec's emitter. */
    interface Codec {
        String fieldConstant(FieldDef f);

        /** Java for {@code src} over the top-level slots, {@code _} being {@code underscore}. */
        JavaExpr.Code topExpr(String src, String where, String underscore, boolean underscoreBool);

        String walkerName(TypeDef t);

        /** The JSON walker of nested type {@code t}, or null when it has none. */
        String jsonWalker(TypeDef t);
    }

    private final Grammar g;
    private final OutputPlan plan;
    private final Codec codec;
    private final String codecName;
    private final JsonKeys keys;
    private final Body o = new Body();
    /** The current run: writes with the room they need, not yet emitted. */
    private final List<Item> run = new ArrayList<>();
    private int runRoom;
    private int tmp;

    /** Writes its statements, given the room the items after it in its run need. */
    private interface Write {
        void emit(int roomAfter);
    }

    /**
     * One write of a run. {@code raw} is Java for the field's raw value and {@code bits} its
     * width, when the text depends on that value alone (null and -1 otherwise; a group bracket
     * has no value and 0 bits). {@code field} names a scalar for the cache's id.
     */
    private record Item(int room, Write write, String raw, int bits, String field, boolean named, boolean commaAfter) {
        boolean cacheable() {
            return bits >= 0;
        }

        boolean scalar() {
            return field != null;
        }
    }

    JsonWriterEmitter(Grammar g, OutputPlan plan, Codec codec, String codecName, JsonKeys keys) {
        this.keys = keys;
        this.g = g;
        this.plan = plan;
        this.codec = codec;
        this.codecName = codecName;
    }

    /** Thrown inside when a field cannot be written from stored values. */
    private static final class NoWriter extends RuntimeException {
        NoWriter(String why) {
            super(why, null, false, false);
        }
    }

    /** Adds {@code writesJson} and {@code writeJson} (and their key constants) to {@code cls}, when the grammar allows. */
    boolean addTo(TypeSpec.Builder cls) {
        MethodSpec m;
        try {
            m = method();
        } catch (NoWriter | Unsupported e) {
            return false;
        }
        cls.addFields(keys.fields());
        cls.addMethod(MethodSpec.methodBuilder("writesJson").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN).addStatement("return true").build());
        cls.addMethod(m);
        return true;
    }

    private MethodSpec method() {
        TypeDef top = g.top;
        o.line("final " + codecName + " c = this");
        o.line("final java.nio.ByteBuffer b = c.buf");
        o.line("final int io0 = c.start");
        o.line("final int end = c.limit");
        o.line("int jq = j.position()");
        o.line("boolean jc = j.comma()");
        Groups groups = new Groups();
        for (FieldDef f : OutputPlan.outputs(top)) {
            Groups.Step step = groups.before(f.outputPath());
            for (String gp : step.close()) closeGroup();
            for (String gp : step.open()) openGroup(top, gp);
            if (f.isInstance) instance(f);
            else field(top, f);
        }
        for (String gp : groups.closeAll()) closeGroup();
        endRun();
        o.line("j.at(jq, jc)");
        return MethodSpec.methodBuilder("writeJson").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(JsonKeys.JSON_OUT, "j").addParameter(FastCodecEmitter.FIELD_SINK, "sink")
                .addCode(o.build()).build();
    }

    // ---- fields ----

    private void field(TypeDef top, FieldDef f) {
        if (f.isRepeated()) throw new NoWriter("a top-level list");
        if (f.process != null || f.switchOn != null || RuntimeTypes.isPrimitive(f.type)) throw new NoWriter("no stored value");
        String guard = f.ifExpr == null ? null : "c.p_" + f.id;
        if (f.intType() != null) {
            scalar(f, "c.s_" + f.id, FastCodecEmitter.isBoolField(f), guard, f.intType().bitField() ? f.intType().bits() : 8 * f.intType().bytes());
            return;
        }
        TypeDef ut = f.type == null ? null : top.resolve(f.type);
        if (ut != null) {
            if (f.terminator != null) throw new NoWriter("a type bounded by a terminator");
            nested(f, ut, guard);
            return;
        }
        if (f.valueExpr != null) throw new NoWriter("-value on bytes");
        String fmt = plan.desc(f).format();
        int want = switch (fmt) {
            case "MAC" -> 6;
            case "IPV4" -> 4;
            case "IPV6" -> 16;
            default -> -1;
        };
        String fc = codec.fieldConstant(f);
        String off = "c.o_" + f.id;
        String len = "c.n_" + f.id;
        if (want < 0) {
            sinkCall(guard, "sink.bytes(" + fc + ", b, " + off + ", " + len + ")");
            return;
        }
        JsonKeys.Key k = keys.of(plan.desc(f).name(), ":");
        String key = k.constant();
        int keyLen = k.length();
        String value = switch (fmt) {
            case "MAC" -> "j.mac(jq, b, " + off + ")";
            case "IPV4" -> "j.ipv4(jq, b.getInt(" + off + ") & 0xFFFFFFFFL)";
            default -> "j.ipv6(jq, b, " + off + ")";
        };
        int room = keyLen + (want == 6 ? MAC_BYTES : want == 4 ? IPV4_BYTES : IPV6_BYTES);
        if (String.valueOf(want).equals(f.size) && guard == null) {
            // always that long: part of the run
            add(new Item(room, after -> {
                o.line("jq = j.key(jq, " + key + ", " + keyLen + ", jc)");
                o.line("jq = " + value);
                o.line("jc = true");
            }, null, -1, null, false, true));
            return;
        }
        endRun();
        o.open("if (" + (guard == null ? "" : guard + " && ") + len + " == " + want + ")");
        o.line("jq = j.key(j.room(jq, " + room + "), " + key + ", " + keyLen + ", jc)");
        o.line("jq = " + value);
        o.line("jc = true");
        o.next(guard == null ? "else" : "else if (" + guard + ")");
        sync("sink.bytes(" + fc + ", b, " + off + ", " + len + ")");
        o.close();
    }

    /** A value instance with {@code -json}. */
    private void instance(FieldDef inst) {
        if (inst.value == null) throw new NoWriter("a positional instance");
        JavaExpr.Code c = expr(inst.value, inst.where, null, false);
        if (c.isText()) throw new NoWriter("a text instance");
        String guard = inst.ifExpr == null ? null : boolExpr(inst.ifExpr, inst.where);
        scalar(inst, c.java(), c.bool(), guard, -1);
    }

    /**
     * A number, flag or enumerated value, as the walk's {@code emitScalar} shows it. {@code bits}
     * is the raw value's width on the wire (-1 when it is not a field's own value).
     */
    private void scalar(FieldDef f, String raw, boolean rawBool, String guard, int bits) {
        String v = raw;
        boolean vb = rawBool;
        boolean pure = bits >= 0 && bits <= NARROW_BITS && guard == null;
        if (f.valueExpr != null) {
            JavaExpr.Code c = expr(f.valueExpr, f.where, raw, rawBool);
            if (c.bool()) throw new io.pcapkit.generator.GeneratorException(f.where, "-value must be an integer expression");
            v = c.java();
            vb = false;
            // a -value of the field alone (such as _ * 4) keeps the text a function of its bits
            pure &= readsOnly(f, raw, rawBool);
        }
        String packed = !pure ? null : rawBool ? "(" + raw + " ? 1 : 0)" : "(int) (" + raw + " & 0x" + Long.toHexString((1L << bits) - 1) + "L)";
        int width = pure ? bits : -1;
        String fc = codec.fieldConstant(f);
        String name = plan.desc(f).name();
        JsonKeys.Key k = keys.of(name, ":");
        String key = k.constant();
        int keyLen = k.length();
        String value = v;
        if (f.namesEnum != null) {
            if (vb) throw new io.pcapkit.generator.GeneratorException(f.where, "-enum on a boolean");
            String t = "t" + (tmp++);
            add(new Item(0, after -> {
                if (guard != null) o.open("if (" + guard + ")");
                o.line("long " + t + " = " + value);
                o.line("jq = j.enumerated(jq, " + key + ", " + keyLen + ", jc, " + fc + ", " + t + ", " + plan.namesCall(f, t) + ")");
                o.line("jc = true");
                if (guard != null) o.close();
                // the name's room was its own: the room of what follows is asked again
                if (after > 0) o.line("jq = j.room(jq, " + after + ")");
            }, packed, width, fc, true, true));
            return;
        }
        String write = valueWrite(vb, plan.desc(f).format(), value);
        int room = valueRoom(vb, plan.desc(f).format());
        add(new Item(keyLen + room, after -> {
            if (guard != null) o.open("if (" + guard + ")");
            o.line("jq = j.key(jq, " + key + ", " + keyLen + ", jc)");
            o.line("jq = " + write);
            o.line("jc = true");
            if (guard != null) o.close();
        }, packed, width, fc, false, true));
    }

    /**
     * The writer call for a number or flag {@code v} (Java) as the NDJSON dumper shows it: a flag
     * as {@code true}/{@code false}, an IPv4-format integer dotted, any other integer as a number
     * (a HEX checksum too). Shared with the nested JSON walkers.
     */
    static String valueWrite(boolean isBool, String format, String v) {
        if (isBool) return "j.bool(jq, " + v + ")";
        return "IPV4".equals(format) ? "j.ipv4(jq, " + v + ")" : "j.number(jq, " + v + ")";
    }

    /** The most bytes {@link #valueWrite} writes. */
    static int valueRoom(boolean isBool, String format) {
        return isBool ? BOOL_BYTES : "IPV4".equals(format) ? IPV4_BYTES : NUMBER_BYTES;
    }

    /** Whether {@code f}'s -value reads nothing but the raw value (numbers, operators and casts around it). */
    private boolean readsOnly(FieldDef f, String raw, boolean rawBool) {
        String java = codec.topExpr(f.valueExpr, f.where, "RAW__", rawBool).java().replace("RAW__", "")
                .replaceAll("\\b(long|int)\\b", "")
                .replaceAll("\\b0[xX][0-9a-fA-F_]+[lL]?\\b|\\b[0-9][0-9_]*[lL]?\\b", "");
        return !java.matches("(?s).*[A-Za-z_$].*");
    }

    /**
     * A nested type: walked again over its stored bytes with the sink (as the walk's own call,
     * with the same stream bounds), or written as bytes when the sink does not expand it.
     */
    private void nested(FieldDef f, TypeDef ut, String guard) {
        String fc = codec.fieldConstant(f);
        boolean sized = f.size != null || f.sizeEos;
        String off = "c.o_" + f.id;
        String regionEnd = sized ? off + " + c.n_" + f.id : "end";
        String io0 = sized ? off : "io0";
        endRun();
        if (guard != null) o.open("if (" + guard + ")");
        o.line("j.at(jq, jc)");
        o.line("final io.pcapkit.dissect.FieldSink s" + tmp + " = sink.expand(" + fc + ") ? sink : null");
        String s = "s" + (tmp++);
        o.open("if (" + s + " != null)");
        String direct = codec.jsonWalker(ut);
        if (direct != null) {
            // straight to the writer too: its group here, its fields in its JSON walker
            String name = plan.desc(f).name();
            if (!f.flatten) {
                JsonKeys.Key k = keys.of(name, ":{");
                o.line("jq = j.key(j.room(jq, " + k.length() + "), " + k.constant() + ", " + k.length() + ", jc)");
                o.line("j.at(jq, false)");
            }
            o.line(direct + "(b, " + off + ", " + regionEnd + ", " + s + ", " + io0 + ", io0, end, c, 1, j)");
            if (!f.flatten) o.line("j.at(j.closeGroup(j.room(j.position(), 1)), true)");
        } else {
            if (!f.flatten) o.line(s + ".beginGroup(" + fc + ")");
            o.line(codec.walkerName(ut) + "(b, " + off + ", " + regionEnd + ", " + s + ", " + io0 + ", io0, end, c, 1)");
            if (!f.flatten) o.line(s + ".endGroup(" + fc + ")");
        }
        o.next("else");
        o.line("sink.bytes(" + fc + ", b, " + off + ", c.n_" + f.id + ")");
        o.close();
        o.line("jq = j.position()");
        o.line("jc = j.comma()");
        if (guard != null) o.close();
    }

    private void openGroup(TypeDef top, String gp) {
        if (OutputPlan.conditionalGroup(top, gp) != null) throw new NoWriter("a conditional group");
        String name = plan.group(top, gp).name();
        JsonKeys.Key k = keys.of(name, ":{");
        String key = k.constant();
        int keyLen = k.length();
        add(new Item(keyLen, after -> {
            o.line("jq = j.key(jq, " + key + ", " + keyLen + ", jc)");
            o.line("jc = false");
        }, "", 0, null, false, false));
    }

    private void closeGroup() {
        add(new Item(1, after -> {
            o.line("jq = j.closeGroup(jq)");
            o.line("jc = true");
        }, "", 0, null, false, true));
    }

    /** A sink call: the position handed back around it. */
    private void sinkCall(String guard, String call) {
        endRun();
        if (guard != null) o.open("if (" + guard + ")");
        sync(call);
        if (guard != null) o.close();
    }

    private void sync(String call) {
        o.line("j.at(jq, jc)");
        o.line(call);
        o.line("jq = j.position()");
        o.line("jc = j.comma()");
    }

    // ---- runs ----

    private void add(Item item) {
        if (runRoom + item.room() > MAX_ROOM) endRun();
        if (item.room() > MAX_ROOM) throw new NoWriter("a key longer than the room a run may take");
        runRoom += item.room();
        run.add(item);
    }

    private void endRun() {
        if (run.isEmpty()) return;
        if (runRoom > 0) o.line("jq = j.room(jq, " + runRoom + ")");
        int i = 0;
        while (i < run.size()) {
            int end = stretch(i);
            if (end > i) {
                cached(i, end);
                i = end;
            } else {
                run.get(i).write().emit(roomAfter(i + 1));
                i++;
            }
        }
        run.clear();
        runRoom = 0;
    }

    /** Room of the run's items from {@code i} on. */
    private int roomAfter(int i) {
        int r = 0;
        for (int k = i; k < run.size(); k++) r += run.get(k).room();
        return r;
    }

    /**
     * The end of the longest stretch of cacheable items from {@code i} whose bits fit a key, or
     * {@code i} when it would not pay (fewer than three values, or two with a name among them).
     */
    private int stretch(int i) {
        int bits = 0;
        int values = 0;
        boolean named = false;
        int k = i;
        while (k < run.size() && run.get(k).cacheable() && bits + run.get(k).bits() <= KEY_BITS) {
            Item it = run.get(k);
            bits += it.bits();
            if (it.scalar()) values++;
            named |= it.named();
            k++;
        }
        // a stretch that ends on an opening bracket leaves it to the next
        while (k > i && !run.get(k - 1).scalar() && !run.get(k - 1).commaAfter()) k--;
        return values >= 3 || named && values >= 2 ? k : i;
    }

    /** Items {@code [from, to)}: copied when their bits were seen before, else written and kept. */
    private void cached(int from, int to) {
        StringBuilder key = new StringBuilder("(jc ? 1 : 0)");
        String id = null;
        for (int k = from; k < to; k++) {
            Item it = run.get(k);
            if (!it.scalar()) continue;
            if (id == null) id = it.field();
            key.insert(0, "(").append(" << ").append(it.bits()).append(" | ").append(it.raw()).append(")");
        }
        String n = String.valueOf(tmp++);
        o.line("int k" + n + " = " + key);
        o.line("int h" + n + " = j.cachedRun(jq, " + id + ", k" + n + ")");
        o.open("if (h" + n + " >= 0)");
        o.line("jq = h" + n);
        o.next("else");
        o.line("final int s" + n + " = jq");
        for (int k = from; k < to; k++) run.get(k).write().emit(roomAfter(k + 1));
        o.line("j.keepRun(" + id + ", k" + n + ", s" + n + ", jq)");
        o.close();
        o.line("jc = " + run.get(to - 1).commaAfter());
    }

    // ---- keys and expressions ----

    private JavaExpr.Code expr(String src, String where, String underscore, boolean underscoreBool) {
        JavaExpr.Code c = codec.topExpr(src, where, underscore, underscoreBool);
        if (READS_POSITION.matcher(c.java()).find()) throw new NoWriter("an expression that reads the position");
        return c;
    }

    private String boolExpr(String src, String where) {
        JavaExpr.Code c = expr(src, where, null, false);
        if (!c.bool()) throw new io.pcapkit.generator.GeneratorException(where, "expected a condition: " + src);
        return c.java();
    }
}
