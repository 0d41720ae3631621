package io.pcapkit.fuzz;

import io.pcapkit.capture.CaptureException;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.Problem;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The property every fuzz target checks: what comes out of hostile bytes is a result, a
 * {@code malformed} node or our typed error, and each is well-formed. Anything else a target
 * lets escape (an exception, an {@link AssertionError} from here, a stack overflow) is a finding;
 * a hang is one through the per-input timeout (see the surefire execution "fuzz").
 */
final class Checks {
    private Checks() {
    }

    /** Fails the input with a message; Jazzer reports it as a finding, regression mode as a failure. */
    static AssertionError fail(String message) {
        return new AssertionError(message);
    }

    static void check(boolean condition, String message) {
        if (!condition) throw fail(message);
    }

    /** For messages that cost something to build (a chain described): built only on failure. */
    static void check(boolean condition, java.util.function.Supplier<String> message) {
        if (!condition) throw fail(message.get());
    }

    /**
     * Opens {@code data} as a capture, or returns null when it cannot be one: {@link CaptureException}
     * is the reader's typed refusal. Any other {@link IOException} cannot come from bytes in memory.
     */
    static CaptureReader open(byte[] data) {
        try {
            return CaptureInput.open(new ByteArrayInputStream(data), "fuzz");
        } catch (CaptureException e) {
            check(e.getMessage() != null && e.getMessage().startsWith("fuzz: "), "a refusal names the input: " + e.getMessage());
            return null;
        } catch (IOException e) {
            throw new AssertionError("opening bytes in memory threw " + e, e);
        }
    }

    /**
     * One record as the reader filled it: its bytes lie inside the buffer, it is numbered in order
     * and it does not claim fewer bytes than it holds on the wire... unless the file says so
     * (orig_len is the file's word, kept as read).
     */
    static void record(PacketRecord r, long expectedNumber) {
        check(r.number == expectedNumber, () -> "record number " + r.number + ", expected " + expectedNumber);
        check(r.capLen >= 0, () -> "negative captured length " + r.capLen);
        check(r.offset >= 0 && (long) r.offset + r.capLen <= r.buffer.capacity(),
                () -> "record bytes [" + r.offset + ", +" + r.capLen + ") outside a buffer of " + r.buffer.capacity());
        check(r.fileOffset >= 0, () -> "negative file offset " + r.fileOffset);
        check(r.origLen >= 0, () -> "negative original length " + r.origLen);
        check(r.time.digits >= 0 && r.time.digits <= 18, () -> "timestamp digits " + r.time.digits);
    }

    /** Problems point inside the (decompressed) data and say something. */
    static void problems(CaptureReader reader, long dataLength) {
        check(reader.problems().size() <= io.pcapkit.capture.CaptureLimits.MAX_PROBLEMS, () -> "problems unbounded: " + reader.problems().size());
        for (Problem p : reader.problems()) {
            check(p.kind() != null && p.message() != null && !p.message().isBlank(), () -> "empty problem " + p);
            check(p.offset() >= 0 && (dataLength < 0 || p.offset() <= dataLength), () -> "problem outside the data (" + dataLength + " bytes): " + p);
        }
    }

    /**
     * A chain as the dissector returns it: each layer starts where the header before it ended and
     * stays inside the payload bounds of the layers around it, at most {@link Limits#MAX_LAYERS}
     * of them; raw bytes are what the last layer's payload left; a malformed node names its
     * protocol, a reason, an offset inside the bounds of the layer that failed and, unless a limit
     * stopped it, a field.
     */
    static void chain(Chain c, int capLen) {
        check(c.size() <= Limits.MAX_LAYERS, () -> "more than " + Limits.MAX_LAYERS + " layers: " + c.size());
        int start = 0;
        int bound = capLen;
        for (int i = 0; i < c.size(); i++) {
            int s = c.start(i);
            int h = c.headerEnd(i);
            int p = c.payloadEnd(i);
            int st = start;
            int bd = bound;
            int k = i;
            check(s == start && h >= s && p >= h && p <= bound, () ->
                    "layer " + k + " (" + c.protocol(k) + ") at [" + s + ", " + h + ", " + p + "], expected to start at " + st
                            + " and end by " + bd + ": " + describe(c));
            start = h;
            bound = p;
        }
        if (c.hasRaw()) {
            int st = start;
            int bd = bound;
            check(!c.isMalformed(), () -> "both raw and malformed: " + describe(c));
            check(c.rawStart() == start && c.rawLength() == bound - start && c.rawLength() > 0,
                    () -> "raw [" + c.rawStart() + ", +" + c.rawLength() + ") but the layers leave [" + st + ", " + bd + "): " + describe(c));
        }
        if (c.isMalformed()) {
            java.util.function.Supplier<String> what = () -> describe(c) + ": " + c.malformedReason();
            int st = start;
            int bd = bound;
            check(c.malformedProtocol() != null && c.malformedKind() != null, () -> "malformed without protocol or kind: " + what.get());
            check(c.malformedReason() != null && !c.malformedReason().isBlank(), () -> "malformed without a reason: " + what.get());
            check(c.malformedOffset() >= start && c.malformedOffset() <= bound, () ->
                    "malformed offset " + c.malformedOffset() + " outside the failing layer's bytes [" + st + ", " + bd + "]: " + what.get());
            if (c.malformedKind() != ErrorKind.LIMIT_EXCEEDED) check(c.malformedField() != null, () -> "malformed without a field: " + what.get());
        }
    }

    /** Two dissections of the same bytes found the same layers and ended the same way. */
    static void sameChain(String what, Chain a, Chain b) {
        boolean same = a.size() == b.size() && a.isMalformed() == b.isMalformed() && a.rawStart() == b.rawStart()
                && a.rawLength() == b.rawLength();
        for (int i = 0; same && i < a.size(); i++) {
            same = a.protocolId(i) == b.protocolId(i) && a.start(i) == b.start(i) && a.headerEnd(i) == b.headerEnd(i)
                    && a.payloadEnd(i) == b.payloadEnd(i);
        }
        if (same && a.isMalformed()) {
            same = a.malformedProtocol() == b.malformedProtocol() && a.malformedKind() == b.malformedKind()
                    && a.malformedOffset() == b.malformedOffset() && a.malformedField() == b.malformedField();
        }
        check(same, () -> what + ": " + describe(a) + " vs " + describe(b));
    }

    static String describe(Chain c) {
        StringBuilder b = new StringBuilder(c.toString()).append(" [");
        for (int i = 0; i < c.size(); i++) b.append(i == 0 ? "" : " ").append(c.start(i)).append('-').append(c.headerEnd(i)).append('-').append(c.payloadEnd(i));
        b.append(']');
        if (c.isMalformed()) b.append(" malformed ").append(c.malformedKind()).append(' ').append(c.malformedField()).append('@').append(c.malformedOffset());
        return b.toString();
    }
}
