package io.pcapkit.reassembly;

/**
 * Every bound of IP defragmentation, TCP stream reassembly and flow tracing, in one place, each
 * with the reason for its default. All are defaults of the option objects ({@link DefragOptions},
 * {@link StreamOptions}, {@code FlowOptions}) and can be changed there. When a bound is reached
 * the oldest state is evicted (or the excess bytes left out), counted and reported; nothing throws.
 * Times are capture time (the frames' timestamps), never the wall clock.
 */
public final class ReassemblyLimits {
    private ReassemblyLimits() {
    }

    // ---- IP defragmentation ----

    /** 30 s: Linux's ipfrag_time (RFC 791 suggests 15 s as the initial timer; hosts keep fragments longer). */
    public static final long DEFRAG_TIMEOUT_NANOS = 30_000_000_000L;

    /**
     * 65,535 bytes: the largest IPv4 datagram (the total length field, header included) and the
     * largest IPv6 payload without a jumbogram option, which cannot be fragmented (RFC 2675).
     * Anything longer is the "ping of death".
     */
    public static final int DEFRAG_MAX_DATAGRAM_BYTES = 65_535;

    /**
     * 128 fragments per datagram: a 65,535-byte datagram over the smallest common MTUs (576 bytes
     * for IPv4, 1,280 for IPv6) needs at most 119; more is a flood of tiny fragments (FreeBSD
     * allows 16, Wireshark has no limit).
     */
    public static final int DEFRAG_MAX_FRAGMENTS = 128;

    /**
     * 4,096 datagrams in progress: thirty seconds of fragments from busy links rarely keep more than
     * a few hundred open; FreeBSD's maxfragpackets is of this order. The oldest goes first.
     */
    public static final int DEFRAG_MAX_DATAGRAMS = 4_096;

    /**
     * 32 MiB of fragment data held, with a fixed overhead per fragment: eight times Linux's
     * ipfrag_high_thresh (4 MiB for one host), since a capture holds many hosts' traffic.
     */
    public static final long DEFRAG_MAX_MEMORY_BYTES = 32L << 20;

    /**
     * At most 1,024 datagrams that ended unseen (incomplete, nobody asked for them) kept for reuse:
     * a flood of fragments that never complete ends one datagram for each new one, so a few would
     * do; past this many they go to the collector. A waiting record holds no fragment data, only
     * its bookkeeping arrays, kept while small: some 900 bytes, at most about 1.5 KiB, so 1 to 1.5 MiB.
     */
    public static final int DEFRAG_RECYCLED = 1_024;

    /** Bytes counted per stored fragment on top of its data (its record and list entries). */
    public static final int DEFRAG_FRAGMENT_OVERHEAD = 64;

    // ---- TCP streams ----

    /**
     * 1,024 out-of-order segments buffered per direction: a full 64 KiB window of 64-byte
     * segments; beyond it the hole is declared a gap and the data is delivered.
     */
    public static final int TCP_MAX_OUT_OF_ORDER_SEGMENTS = 1_024;

    /**
     * 4 MiB buffered per connection (out-of-order data, the current message of each direction,
     * application data waiting for its message to complete): the largest receive windows Linux
     * grants by default (tcp_rmem max 6 MiB) are of this order.
     */
    public static final long TCP_MAX_CONNECTION_BYTES = 4L << 20;

    /** 256 MiB buffered over all connections: sixty-four connections at their cap. */
    public static final long TCP_MAX_TOTAL_BYTES = 256L << 20;

    /**
     * 16 KiB of delivered bytes per direction compared with a retransmission that repeats them, to
     * tell one that repeats them from one that changes them: retransmissions come within a window,
     * and most windows on the wire are smaller; an overlap reaching further back is counted
     * ({@code TcpStats.uncomparedBytes}), not compared.
     */
    public static final int TCP_RETAINED_BYTES = 16 << 10;

    /**
     * 64 delivered chunks a comparison walks back through (each chunk in the delivered-bytes ring
     * links to its direction's previous one): the retained bytes in segments of 256 bytes, far
     * smaller than most.
     */
    public static final int TCP_RETAINED_CHUNKS = 64;

    /**
     * 32 MiB shared by all connections for their delivered bytes (the last retained bytes of each
     * segment, after a 20-byte header linking it to its direction's previous one): a retransmission comes within a round trip, long before 32 MiB of other traffic
     * passes on all but the busiest links, and bytes overwritten before are counted, not compared.
     * One sequential buffer instead of an array per direction: those scattered the writes over
     * memory and kept the garbage collector busy (a third of a reassembling run). A fixed cost,
     * grown by doubling from 1 MiB as traffic passes, and at most an eighth of
     * {@link #TCP_MAX_TOTAL_BYTES} (or of the cap configured), on top of it.
     */
    public static final int TCP_DELIVERED_RING_BYTES = 32 << 20;

    /**
     * 1 MiB of stream data an application message may span while its parser waits for the rest:
     * larger than any header block the application grammars parse; a message that runs past it is
     * handed over as it stands.
     */
    public static final int TCP_MAX_APP_MESSAGE_BYTES = 1 << 20;

    /**
     * 64 requests a connection may have sent before their responses (pipelining) whose exchange
     * notes (a HEAD request) are kept for the responses that answer them: clients pipeline a few;
     * past it the oldest note is forgotten (one word per direction, whatever the traffic).
     */
    public static final int TCP_MAX_PENDING_EXCHANGES = 64;

    // ---- flows ----

    /**
     * 600 s without a packet ends a flow: longer than any pause inside a flow of the corpus (6 min
     * 9 s between two WS-Discovery datagrams), twice Zeek's TCP inactivity timeout; tshark never ends
     * a stream on time.
     */
    public static final long FLOW_IDLE_TIMEOUT_NANOS = 600_000_000_000L;

    /**
     * 65,536 flows open at once (TCP and UDP together): the oldest idle one is ended beyond that, so
     * a flood of half-open connections costs bounded memory.
     */
    public static final int FLOW_MAX_OPEN = 65_536;

    /**
     * At least 128 per-flow output files open at once: well under the usual limit of 1,024
     * descriptors per process. A flow whose file had to be closed is reopened when it goes on
     * (appended to, or a new part for document formats), so fewer files than concurrent flows
     * costs an open and a close per packet.
     */
    public static final int FLOW_MAX_OPEN_FILES = 128;

    /**
     * At most 4,096 per-flow files open at once, however many descriptors the process may have:
     * each holds an 8 KiB buffer ({@code TraceWriter}), with a dumper 10-55 KiB by format once it
     * has written a few frames (measured: pcap 10, tree 53; NDJSON, JSON and plist files take
     * records, not a dumper: their buffer and stream, about 9 KiB), so 4,096 stay within ~220 MiB
     * ({@code TraceFilesHeapTest} runs them in 256 MiB).
     */
    public static final int FLOW_MAX_OPEN_FILES_CEILING = 4_096;

    /**
     * At most 4,096 ended flows (and as many closed TCP connections) kept for reuse, when no
     * listener holds on to them: a flood of short flows ends one for each new one, so a handful
     * would do; a burst of idle timeouts ends more at once, and those past this many go to the
     * collector. At most about 2.5 MiB (a flow, its connection and two directions are some 500
     * bytes). Without reuse, a million one-packet connections were a million flows promoted to the
     * old generation and dying there: reuse took a fifth of the reassembly run's extra time and
     * half its peak memory.
     */
    public static final int FLOW_RECYCLED = 4_096;

    /**
     * 65,536 index entries may wait for an earlier flow to end, so that a trace's index is in start
     * order; beyond that (one long flow among a flood of short ones) entries go out as flows end.
     * Some 24 MiB at most (an entry is about 370 bytes).
     */
    public static final int TRACE_INDEX_WAITING_ENTRIES = 65_536;

    /**
     * A trace's index is written on a thread of its own, and the flows' events go to it 256 at a
     * time: one hand-over per 256 flows costs little next to writing their entries.
     */
    public static final int TRACE_INDEX_BATCH_EVENTS = 256;

    /**
     * At most 8 batches of index events in flight (2,048 flow summaries, a few hundred KiB): past
     * that the run waits for the index thread, so a slow disk bounds memory, not the other way.
     */
    public static final int TRACE_INDEX_BATCHES = 8;

    /**
     * When the flow hook works on a thread of its own (its results feed no frame's output), the
     * dissecting thread hands it 1,024 transport packets at a time: one hand-over per 1,024 frames
     * costs little next to the flows' work on them.
     */
    public static final int FLOW_THREAD_BATCH_PACKETS = 1_024;

    /**
     * A batch of packets for the flow thread holds up to 1 MiB of their TCP payloads (1,024 full
     * Ethernet segments are 1.5 MiB: a batch of those goes over a little early); its room starts at
     * 64 KiB and doubles as payloads come, so a short capture allocates little. A payload larger
     * than this gets a batch of its own, as large as it: never more than the frame's own bytes.
     */
    public static final int FLOW_THREAD_BATCH_BYTES = 1 << 20;

    /**
     * At most 4 batches for the flow thread exist (some 4 MiB of payloads), made as they are
     * needed: past that the dissecting thread waits for the flow thread, so memory stays bounded
     * when flows are the slower side.
     */
    public static final int FLOW_THREAD_BATCHES = 4;

    /**
     * The default number of per-flow files open at once: a quarter of the process's descriptor
     * limit (the rest is the capture, the JVM's jars, the output), between
     * {@link #FLOW_MAX_OPEN_FILES} and {@link #FLOW_MAX_OPEN_FILES_CEILING}.
     */
    public static int defaultMaxOpenFiles() {
        long limit = -1;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            limit = u.getMaxFileDescriptorCount();
        }
        if (limit <= 0) return FLOW_MAX_OPEN_FILES;
        return (int) Math.max(FLOW_MAX_OPEN_FILES, Math.min(FLOW_MAX_OPEN_FILES_CEILING, limit / 4));
    }
}
