package io.pcapkit.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.frame.InfoBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a capture from memory the way the CLI does (open, next, dissect) and keeps what came out. */
final class Reading {
    /** One frame as read: enough to compare frames of two runs. */
    record Frame(long number, long fileOffset, int capLen, long origLen, long seconds, long fraction, int interfaceId, long linkType,
            int bytesHash, String chain) {
        static Frame of(PacketRecord r, String chain) {
            // CRC32C is an intrinsic: fingerprinting every frame of every run stays cheap
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(r.buffer.duplicate().limit(r.offset + r.capLen).position(r.offset));
            return new Frame(r.number, r.fileOffset, r.capLen, r.origLen, r.time.seconds, r.time.fraction * 100 + r.time.digits,
                    r.interfaceId, r.linkType, (int) crc.getValue(), chain);
        }
    }

    final List<Frame> frames = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    private Reading() {
    }

    /** Reads and dissects every frame. */
    static Reading read(byte[] data, Dissector dissector) throws IOException {
        return read(data, dissector, r -> true);
    }

    /**
     * Opens and reads {@code data}, dissecting with a field-collecting sink the frames
     * {@code dissect} selects (the others are frames a test knows to be the same bytes as in an
     * unmodified run, dissected there). Checks every malformed node on the way.
     *
     * @throws IOException only CaptureException, when the capture cannot be opened at all
     */
    static Reading read(byte[] data, Dissector dissector, java.util.function.Predicate<PacketRecord> dissect) throws IOException {
        Reading out = new Reading();
        InfoBuilder sink = new InfoBuilder();
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(data), "sweep")) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                String chain = null;
                if (dissect.test(rec)) {
                    Chain c = dissector.dissect(rec, sink);
                    checkMalformed(c, rec.capLen);
                    chain = c.toString();
                    assertTrue(sink.frame() != null && sink.frame().get("protocols") != null, "no frame record");
                }
                out.frames.add(Frame.of(rec, chain));
            }
            out.problems.addAll(r.problems());
        }
        for (Problem p : out.problems) {
            assertTrue(p.offset() >= 0 && p.offset() <= data.length, "problem offset outside the file: " + p);
        }
        return out;
    }

    /** A malformed node names its protocol, a field when a field failed, and an offset inside the frame. */
    static void checkMalformed(Chain c, int capLen) {
        if (!c.isMalformed()) return;
        String what = c + ": " + c.malformedReason();
        assertTrue(c.malformedProtocol() != null, what);
        assertTrue(c.malformedReason() != null && !c.malformedReason().isEmpty(), what);
        assertTrue(c.malformedOffset() >= 0 && c.malformedOffset() <= capLen, "offset " + c.malformedOffset() + " of " + capLen + ": " + what);
        if (c.malformedKind() != ErrorKind.LIMIT_EXCEEDED) assertTrue(c.malformedField() != null, "no field: " + what);
    }
}
