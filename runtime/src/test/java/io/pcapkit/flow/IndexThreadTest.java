package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.Timestamp;
import io.pcapkit.gen.Protocols;
import io.pcapkit.reassembly.ReassemblyLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The trace index written on its own thread: the same bytes as written in line, bounded, and its errors reach the caller. */
class IndexThreadTest {
    /** What a trace tells its index. */
    private interface Events {
        void started(long serial) throws IOException;

        void ended(Flow f) throws IOException;
    }

    /**
     * A flood of flows: most end right after their packets, and their one {@link Flow} object is
     * reused at once for the next flow (as the flow hook reuses ended flows); every 97th runs on for
     * 500 flows, so that entries wait for it.
     */
    private static void flood(Events e, int flows) throws IOException {
        ByteBuffer addresses = ByteBuffer.allocate(8);
        FlowKey key = new FlowKey();
        Timestamp t = new Timestamp();
        Flow quick = null;
        ArrayDeque<Flow> running = new ArrayDeque<>();
        ArrayDeque<Long> endsAt = new ArrayDeque<>();
        long frame = 1;
        for (int id = 0; id < flows; id++) {
            addresses.putInt(0, 0x0A000000 | id).putInt(4, 0xC0A80001);
            key.set(id % 3 == 0 ? Protocols.P_UDP : Protocols.P_TCP, addresses, 0, 4, 4, 1024 + id % 50_000, 443);
            Flow f;
            boolean late = id % 97 == 0;
            if (late || quick == null) f = new Flow(key, id, id);
            else {
                f = quick;
                f.reuse(key, id, id);
            }
            e.started(id);
            for (int p = 0; p <= id % 4; p++) {
                t.set(1_700_000_000L + id / 1000, (id % 1000) * 1000L + p, 6);
                f.count(p & 1, 60 + id % 1400, frame++, t, 0);
            }
            f.tcp(0, id * 7L, p0Flags(id));
            if (late) {
                running.add(f);
                endsAt.add(id + 500L);
            } else {
                f.ended(Flow.End.EVICTED);
                e.ended(f);
                quick = f;
            }
            while (!endsAt.isEmpty() && endsAt.peek() <= id) {
                endsAt.poll();
                Flow l = running.poll();
                l.ended(Flow.End.TIMEOUT);
                e.ended(l);
            }
        }
        while (!running.isEmpty()) e.ended(running.poll());
    }

    private static int p0Flags(int id) {
        return id % 5 == 0 ? io.pcapkit.reassembly.TcpConnection.SYN : io.pcapkit.reassembly.TcpConnection.ACK;
    }

    private static byte[] inLine(int flows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (IndexWriter w = new IndexWriter(out)) {
            flood(new Events() {
                public void started(long serial) {
                    w.started(serial);
                }

                public void ended(Flow f) throws IOException {
                    w.ended(new FlowSummary().of(f));
                }
            }, flows);
        }
        return out.toByteArray();
    }

    private static byte[] onThread(int flows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (IndexThread t = new IndexThread(new IndexWriter(out), "test index")) {
            flood(new Events() {
                public void started(long serial) throws IOException {
                    t.started(serial);
                }

                public void ended(Flow f) throws IOException {
                    t.ended(f);
                }
            }, flows);
        }
        return out.toByteArray();
    }

    @Test
    void sameIndexAsWrittenInLineWhileFlowsAreReused() throws IOException {
        int flows = 20 * ReassemblyLimits.TRACE_INDEX_BATCH_EVENTS + 13;
        byte[] expected = inLine(flows);
        byte[] actual = onThread(flows);
        assertArrayEquals(expected, actual);
        // and that index is what the flood was: every flow once, in the order flows started
        Matcher m = Pattern.compile("\\{\"id\":(\\d+),\"protocol\":\"(\\w+)\",\"a\":\\{\"address\":\"10\\.0\\.(\\d+)\\.(\\d+)\"").matcher(new String(actual, StandardCharsets.US_ASCII));
        int n = 0;
        while (m.find()) {
            assertEquals(n, Integer.parseInt(m.group(1)));
            assertEquals(n % 3 == 0 ? "UDP" : "TCP", m.group(2), "flow " + n);
            assertEquals(n, Integer.parseInt(m.group(3)) * 256 + Integer.parseInt(m.group(4)), "flow " + n + "'s address");
            n++;
        }
        assertEquals(flows, n);
    }

    /** An output that fails after some bytes, or blocks until let go. */
    private static final class Output extends OutputStream {
        final long failAfter;
        final CountDownLatch letGo;
        long written;

        Output(long failAfter, CountDownLatch letGo) {
            this.failAfter = failAfter;
            this.letGo = letGo;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                if (letGo != null) letGo.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            written += len;
            if (written > failAfter) throw new IOException("disk full (test)");
        }
    }

    @Test
    void aWriteErrorOnTheThreadReachesTheCaller() throws IOException {
        IndexThread t = new IndexThread(new IndexWriter(new Output(200_000, null)), "test index");
        IOException e = assertThrows(IOException.class, () -> flood(new Events() {
            public void started(long serial) throws IOException {
                t.started(serial);
            }

            public void ended(Flow f) throws IOException {
                t.ended(f);
            }
        }, 100_000));
        assertTrue(e.getMessage().startsWith("cannot write test index: disk full"), e.getMessage());
        IOException again = assertThrows(IOException.class, t::close);
        assertTrue(again.getMessage().contains("disk full"), again.getMessage());
    }

    @Test
    void aSlowOutputHoldsTheCallerBackInsteadOfQueueing() throws Exception {
        CountDownLatch letGo = new CountDownLatch(1);
        IndexThread t = new IndexThread(new IndexWriter(new Output(Long.MAX_VALUE, letGo)), "test index");
        AtomicLong handed = new AtomicLong();
        int events = 16 * ReassemblyLimits.TRACE_INDEX_BATCHES * ReassemblyLimits.TRACE_INDEX_BATCH_EVENTS;
        FlowKey key = new FlowKey().set(Protocols.P_TCP, ByteBuffer.allocate(8).putInt(0, 0x0A000001).putInt(4, 0x0A000002), 0, 4, 4, 1000, 80);
        Flow f = new Flow(key, 0, 0);
        Thread caller = new Thread(() -> {
            try {
                for (int i = 0; i < events / 2; i++) {
                    f.reuse(key, i, i);
                    t.started(i);
                    handed.incrementAndGet();
                    t.ended(f);
                    handed.incrementAndGet();
                }
                t.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        caller.start();
        // the writer is stuck in its first write, once its 64 KiB buffer is full of entries (of more
        // than 100 bytes, two events each): the caller fills the batches there are, then waits
        long bound = (long) ReassemblyLimits.TRACE_INDEX_BATCHES * ReassemblyLimits.TRACE_INDEX_BATCH_EVENTS + 2 * 65_536 / 100
                + ReassemblyLimits.TRACE_INDEX_BATCH_EVENTS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handed.get() < (long) ReassemblyLimits.TRACE_INDEX_BATCHES * ReassemblyLimits.TRACE_INDEX_BATCH_EVENTS && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(200);
        assertTrue(handed.get() <= bound, "events handed while the writer was stuck: " + handed.get() + ", bound " + bound);
        assertTrue(caller.isAlive());
        letGo.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(events, handed.get());
    }
}
