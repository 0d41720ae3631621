package io.pcapkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.FieldSinkAdapter;
import java.io.IOException;

/**
 * The capture readers on whole files, given as they are (magic detection, gzip/xz/zstd included):
 * a file is refused with {@link io.pcapkit.capture.CaptureException} before any record, or read
 * record by record with its problems reported at offsets inside the data; reading ends. Each
 * target keeps to its own container: bytes that start with another magic are left to the other
 * target (compressed files go to both: they decompress to either).
 */
class CaptureReaderFuzzTest {
    private static final FieldSinkAdapter NOWHERE = new FieldSinkAdapter();

    @FuzzTest
    void pcap(byte[] data) throws IOException {
        if (Magic.of(data) == Magic.PCAPNG) return;
        read(data);
    }

    @FuzzTest
    void pcapng(byte[] data) throws IOException {
        if (Magic.of(data) == Magic.PCAP) return;
        read(data);
    }

    static void read(byte[] data) throws IOException {
        CaptureReader reader = Checks.open(data);
        if (reader == null) return;
        boolean plain = Magic.of(data) != Magic.COMPRESSED;
        try (reader) {
            Checks.check(reader.format() != null, "no format");
            reader.writeHeader(NOWHERE);
            PacketRecord r = new PacketRecord();
            long n = 0;
            long lastOffset = -1;
            while (reader.next(r)) {
                Checks.record(r, ++n);
                long k = n;
                long last = lastOffset;
                Checks.check(r.fileOffset > lastOffset, () -> "record " + k + " at " + r.fileOffset + ", not after the last one at " + last);
                if (plain) {
                    Checks.check(r.fileOffset + r.capLen <= data.length, () -> "record " + k + " at " + r.fileOffset + " with " + r.capLen
                            + " bytes runs past the file's " + data.length);
                }
                lastOffset = r.fileOffset;
                r.time.isoString();
                r.time.epochString();
                reader.linkType(r.interfaceId);
                if (n % 64 == 0) reader.writeHeader(NOWHERE);
            }
            Checks.check(!reader.next(r), "a reader that ended gave another record");
            Checks.problems(reader, plain ? data.length : -1);
            reader.writeHeader(NOWHERE);
        }
    }
}
