package io.pcapkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dump.DumpOptions;
import io.pcapkit.dump.Dumper;
import io.pcapkit.dump.Dumpers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Each dumper on whole capture files: read, dissect, write, as {@code pcapkit extract} does. The
 * output must be a complete document of its format, whatever the input: JSON and NDJSON parse,
 * the property list is well-formed XML (see {@link #VALIDATE_ONE_IN}), and a well-formed classic
 * pcap read without problems is written back byte for byte. The tree and pcapng go to a discarding stream. {@code --bytes} and
 * {@code --offsets} are on or off by the input's length, so both paths are fuzzed.
 */
class DumperFuzzTest {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final XMLInputFactory XML = XMLInputFactory.newDefaultFactory();

    static {
        // the plist DOCTYPE names Apple's DTD: never fetch it
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /**
     * Parsing the output back costs more than writing it (the plist above all). While fuzzing,
     * one input in {@code VALIDATE_ONE_IN} is parsed, chosen by its bytes, so a finding
     * reproduces; regression runs parse every one.
     */
    private static final int VALIDATE_ONE_IN = 4;
    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();

    private static boolean validate(byte[] data) {
        return !FUZZING || Math.floorMod(Arrays.hashCode(data), VALIDATE_ONE_IN) == 0;
    }

    @FuzzTest
    void json(byte[] data) throws IOException {
        byte[] out = dump("json", data, new ByteArrayOutputStream());
        if (out != null && validate(data)) json(out, false);
    }

    @FuzzTest
    void ndjson(byte[] data) throws IOException {
        byte[] out = dump("ndjson", data, new ByteArrayOutputStream());
        if (out != null && validate(data)) json(out, true);
    }

    @FuzzTest
    void plist(byte[] data) throws IOException {
        byte[] out = dump("plist", data, new ByteArrayOutputStream());
        if (out != null && validate(data)) xml(out);
    }

    @FuzzTest
    void tree(byte[] data) throws IOException {
        dump("tree", data, OutputStream.nullOutputStream());
    }

    @FuzzTest
    void pcap(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CaptureReader[] read = new CaptureReader[1];
        byte[] written = dump("pcap", data, out, read);
        if (written == null) return;
        // a complete, well-formed classic pcap read and written back is byte-identical
        if (Magic.of(data) == Magic.PCAP && read[0].problems().isEmpty() && fractionsBelowASecond(data) && !Arrays.equals(data, written)) {
            throw Checks.fail("a pcap read without problems was not written back byte for byte: " + data.length + " bytes in, "
                    + written.length + " out, first difference at " + Arrays.mismatch(data, written));
        }
    }

    /**
     * Whether every record's fraction is below a second. A larger one is not well-formed: the
     * reader carries it into the seconds (finding {@code pcap-record-fraction-of-a-second-or-more}),
     * so the copy has the same time written in range.
     */
    private static boolean fractionsBelowASecond(byte[] pcap) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(pcap);
        long magic = b.getInt(0) & 0xffffffffL;
        boolean le = magic == 0xd4c3b2a1L || magic == 0x4d3cb2a1L;
        b.order(le ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        long unit = magic == 0xa1b23c4dL || magic == 0x4d3cb2a1L ? 1_000_000_000L : 1_000_000L;
        for (long p = 24; p + 16 <= pcap.length; p += 16 + (b.getInt((int) p + 8) & 0xffffffffL)) {
            if ((b.getInt((int) p + 4) & 0xffffffffL) >= unit) return false;
        }
        return true;
    }

    @FuzzTest
    void pcapng(byte[] data) throws IOException {
        dump("pcapng", data, OutputStream.nullOutputStream());
    }

    private byte[] dump(String format, byte[] data, OutputStream sink) throws IOException {
        return dump(format, data, sink, new CaptureReader[1]);
    }

    /** Dumps {@code data} in {@code format}; null when it is not a capture, else what was written (when kept). */
    private byte[] dump(String format, byte[] data, OutputStream sink, CaptureReader[] read) throws IOException {
        CaptureReader reader = Checks.open(data);
        if (reader == null) return null;
        read[0] = reader;
        DumpOptions options = new DumpOptions().bytes((data.length & 1) != 0).offsets((data.length & 2) != 0);
        try (reader; Dumper dumper = Dumpers.create(format, sink, options)) {
            // a new dissector per input: no flow state carried from the last one (see Roots#dissector)
            long n = Dumpers.dump(reader, new Dissector(), dumper);
            Checks.check(n >= 0, "negative frame count");
            dumper.summary();
        }
        return sink instanceof ByteArrayOutputStream b ? b.toByteArray() : new byte[0];
    }

    /** One JSON object (or, for NDJSON, one per line), complete. */
    private static void json(byte[] out, boolean ndjson) throws IOException {
        try (JsonParser p = JSON.createParser(out)) {
            int objects = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Checks.check(t == JsonToken.START_OBJECT, "a top-level " + t + " in the output");
                p.skipChildren();
                objects++;
            }
            if (!ndjson) Checks.check(objects == 1, objects + " top-level JSON values, expected one");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Checks.fail("the output is not valid JSON: " + e.getOriginalMessage() + " at " + e.getLocation());
        }
        if (ndjson) {
            int lines = 0;
            for (byte b : out) if (b == '\n') lines++;
            Checks.check(out.length == 0 || out[out.length - 1] == '\n', "NDJSON does not end its last line");
            try (JsonParser p = JSON.createParser(out)) {
                int objects = 0;
                while (p.nextToken() != null) {
                    p.skipChildren();
                    objects++;
                }
                Checks.check(objects == lines, objects + " NDJSON objects on " + lines + " lines");
            }
        }
    }

    private static void xml(byte[] out) {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(out));
            while (r.hasNext()) r.next();
            r.close();
        } catch (XMLStreamException e) {
            throw Checks.fail("the property list is not well-formed XML: " + e.getMessage());
        }
    }
}
