package io.pcapkit.dump;

import io.pcapkit.dissect.Protocol;
import io.pcapkit.dump.JsonBytes.Encoded;
import io.pcapkit.gen.Protocols;

/**
 * The texts an NDJSON dumper encodes once and copies after, by key: a key, a flag's two values, an
 * object's and a list's opening, an enumerated value, a stretch of fields by their bits. They depend on the key alone, so the
 * dumpers of one {@link DumperFamily} (a trace's per-flow files) share one: a flow's file then
 * starts with what earlier flows encoded, and each dumper is small. Used from one thread.
 */
final class NdjsonTexts {
    final Encoded[] keys = new Encoded[RecordDumper.KEY_COUNT];
    final EnumTexts enumTexts = new EnumTexts(RecordDumper.KEY_COUNT);
    final Encoded[] flagTexts = new Encoded[2 * RecordDumper.KEY_COUNT];
    final Encoded[] objectOpens = new Encoded[RecordDumper.KEY_COUNT];
    final Encoded[] arrayOpens = new Encoded[RecordDumper.KEY_COUNT];
    /**
     * <code>,"Protocol":&#123;</code> per protocol, made up front: made on first use, a protocol
     * first seen late in a capture took a branch the compiler had left out of the dissector's
     * whole compiled loop, which then ran unoptimised until compiled again.
     */
    final Encoded[] layerOpens = new Encoded[Protocols.all().size()];
    /** The texts of stretches of fields, by their bits (the writer's cache: see {@link JsonBytes#cachedRun}). */
    final RunTexts runs = new RunTexts();

    NdjsonTexts() {
        for (Protocol p : Protocols.all()) {
            int k = RecordDumper.layerKey(p);
            keys[k] = JsonBytes.encodeKey(p.key);
            layerOpens[p.id] = objectOpens[k] = JsonBytes.encodeKeyed(keys[k], JsonBytes.encodeValue("{"));
        }
    }
}
