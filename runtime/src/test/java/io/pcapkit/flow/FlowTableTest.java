package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The open flows' table against a model (a map in access order): lookups, insertions, removals
 * with their backward shifts (clusters that wrap around the table's end included) and the order
 * of recency, over random operations on keys whose hashes collide often.
 */
class FlowTableTest {
    /** A key with a chosen hash: few distinct hashes make long clusters and equal hashes of different keys. */
    private static FlowKey key(long a, int hash) {
        FlowKey k = new FlowKey();
        k.protocol = FlowKey.BYTE_STREAM;
        k.version = 4;
        k.lo0 = a;
        k.hi0 = a + 1;
        k.loPort = 1;
        k.hiPort = 2;
        k.hash = hash;
        return k;
    }

    private static void check(FlowTable t, Map<Long, Flow> model, Map<Long, FlowKey> keys) {
        assertEquals(model.size(), t.size());
        assertEquals(new ArrayList<>(model.values()), t.list());
        assertSame(model.isEmpty() ? null : model.values().iterator().next(), t.oldest());
        for (Map.Entry<Long, Flow> e : model.entrySet()) assertSame(e.getValue(), t.get(keys.get(e.getKey())));
    }

    private static void run(long seed, int distinctHashes, int keySpace, int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FlowTable t = new FlowTable(16);
        Map<Long, Flow> model = new LinkedHashMap<>(16, 0.75f, true);
        Map<Long, FlowKey> keys = new LinkedHashMap<>();
        List<Flow> ended = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            long a = rnd.nextInt(keySpace);
            FlowKey k = keys.computeIfAbsent(a, x -> key(x, (int) (x % distinctHashes) * 0x10001 - 3));
            int op = rnd.nextInt(10);
            boolean isOpen = model.containsKey(a); // (no access: a model get moves the key as a touch does)
            if (op < 5) {
                if (!isOpen) {
                    assertNull(t.get(k));
                    // a flow ended earlier is reused now and then, as the hook reuses them
                    Flow f = !ended.isEmpty() && rnd.nextBoolean() ? ended.remove(ended.size() - 1) : new Flow(k, step, step);
                    f.reuse(k, step, step);
                    t.put(f);
                    model.put(a, f);
                } else {
                    Flow present = model.get(a); // the touch, in the model
                    assertSame(present, t.get(k));
                    t.touch(present);
                }
            } else if (op < 8) {
                if (isOpen) {
                    Flow present = model.get(a);
                    t.remove(present);
                    model.remove(a);
                    ended.add(present);
                }
            } else if (!model.isEmpty()) {
                Flow oldest = t.oldest();
                Map.Entry<Long, Flow> first = model.entrySet().iterator().next();
                assertSame(first.getValue(), oldest);
                t.remove(oldest);
                model.remove(first.getKey());
                ended.add(oldest);
            }
            if (step % 97 == 0) check(t, model, keys);
        }
        check(t, model, keys);
        t.clear();
        assertEquals(0, t.size());
        assertNull(t.oldest());
    }

    @Test
    void agreesWithAMapWhenHashesCollide() {
        for (long seed = 1; seed <= 20; seed++) run(seed, 7, 300, 20_000);
    }

    @Test
    void agreesWithAMapWithSpreadHashesAndGrowth() {
        for (long seed = 1; seed <= 5; seed++) run(seed, Integer.MAX_VALUE, 5_000, 60_000);
    }

    @Test
    void aClusterAcrossTheTableEndSurvivesRemovals() {
        // every key's home is the table's last slot, so each cluster wraps to the start
        FlowTable t = new FlowTable(16);
        int lastHome = 0;
        for (int h = 0; h < 1 << 20 && lastHome == 0; h++) {
            if (((h ^ (h >>> 16)) * 0x9E3779B9) >>> 27 == 31) lastHome = h;
        }
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Flow f = new Flow(key(i, lastHome), i, i);
            t.put(f);
            flows.add(f);
        }
        for (int i = 0; i < 10; i += 2) t.remove(flows.get(i));
        for (int i = 0; i < 10; i++) {
            FlowKey k = key(i, lastHome);
            if (i % 2 == 0) assertNull(t.get(k));
            else assertSame(flows.get(i), t.get(k));
        }
        assertEquals(5, t.size());
    }
}
