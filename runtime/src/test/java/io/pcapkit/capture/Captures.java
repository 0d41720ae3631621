package io.pcapkit.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/** Reads whole captures for tests: every record (copied) and the problems found. */
public final class Captures {
    private Captures() {
    }

    /** What a reader produced. */
    public record Result(CaptureFormat format, List<PacketRecord> records, List<Problem> problems) {
        public Problem problem(Problem.Kind kind) {
            for (Problem p : problems) if (p.kind() == kind) return p;
            return null;
        }
    }

    /** Opens {@code data} through {@link CaptureInput} (compression and magic detection) and reads it all. */
    public static Result read(byte[] data) throws IOException {
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(data), "test.bin")) {
            return drain(r);
        }
    }

    /** Reads every record of an open reader. */
    public static Result drain(CaptureReader r) throws IOException {
        List<PacketRecord> out = new ArrayList<>();
        PacketRecord rec = new PacketRecord();
        while (r.next(rec)) out.add(rec.copy());
        return new Result(r.format(), out, List.copyOf(r.problems()));
    }

    /** A pcap reader over {@code data} with its byte source exposed (window checks). */
    public static PcapReader pcap(byte[] data, ByteSource[] src) throws IOException {
        src[0] = new ByteSource(Channels.newChannel(new ByteArrayInputStream(data)));
        return new PcapReader(src[0], "test.pcap", "none");
    }

    /**
     * A pcap reader over a channel that delivers at most {@code chunk} bytes per read, as a pipe
     * or a decompressor does (a file channel fills whatever room there is).
     */
    public static PcapReader trickle(byte[] data, int chunk, ByteSource[] src) throws IOException {
        java.nio.channels.ReadableByteChannel ch = new java.nio.channels.ReadableByteChannel() {
            private int pos;

            @Override
            public int read(java.nio.ByteBuffer dst) {
                if (pos >= data.length) return -1;
                int n = Math.min(Math.min(chunk, dst.remaining()), data.length - pos);
                dst.put(data, pos, n);
                pos += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        src[0] = new ByteSource(ch);
        return new PcapReader(src[0], "test.pcap", "none");
    }

    /** A pcapng reader over {@code data} with its byte source exposed. */
    public static PcapngReader pcapng(byte[] data, ByteSource[] src) throws IOException {
        src[0] = new ByteSource(Channels.newChannel(new ByteArrayInputStream(data)));
        return new PcapngReader(src[0], "test.pcapng", "none");
    }
}
