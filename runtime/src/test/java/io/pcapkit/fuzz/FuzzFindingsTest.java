package io.pcapkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.capture.PcapBuilder;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One test per input the fuzz targets found, named for what it exercised. The input itself stays
 * in the target's corpus folder (replayed by every mvn verify) under the same name.
 */
class FuzzFindingsTest {
    private static Path finding(String target, String name) {
        return SeedCorpusTest.folder().resolve(target).resolve(name);
    }

    /**
     * DumperFuzzTest#pcap: a record whose microsecond field is 4,194,362,921 was read as 4,194 s
     * later and written back in range, so the copy differed from the input. Not a defect (the
     * input is not well-formed, and the time is what its fields say), but now documented
     * (PcapReader) and pinned here; the target's byte-for-byte property covers well-formed files.
     */
    @Test
    void pcapRecordFractionOfASecondOrMore() throws IOException {
        byte[] input = Files.readAllBytes(finding("DumperFuzzTestInputs/pcap", "pcap-record-fraction-of-a-second-or-more"));
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(input), "finding")) {
            PacketRecord rec = new PacketRecord();
            assertTrue(r.next(rec));
            assertTrue(r.next(rec));
            long sec = ByteBuffer.wrap(input, 88, 8).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            long usec = ByteBuffer.wrap(input, 92, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            assertEquals(4_194_362_921L, usec);
            assertEquals(sec + usec / 1_000_000, rec.time.seconds);
            assertEquals(usec % 1_000_000, rec.time.fraction);
            assertTrue(r.problems().isEmpty(), r.problems().toString());
        }
        // written back: the same time, in range
        byte[] in = new PcapBuilder(true, false, 65535, 1).record(10, 2_500_000, new byte[20]).bytes();
        byte[] want = new PcapBuilder(true, false, 65535, 1).record(12, 500_000, new byte[20]).bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(in), "finding");
                Dumper d = Dumpers.create("pcap", out, null)) {
            Dumpers.dump(r, new Dissector(), d);
        }
        assertArrayEquals(want, out.toByteArray());
    }
}
