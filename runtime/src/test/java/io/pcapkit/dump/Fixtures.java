package io.pcapkit.dump;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pcapkit.capture.CaptureInput;
import io.pcapkit.capture.CaptureReader;
import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers of the dumper tests: our captures, running a dumper, reading output back. */
final class Fixtures {
    private Fixtures() {
    }

    /** A capture in this repository's testdata/ (made by testdata/make-captures.sh). */
    static Path testdata(String name) {
        Path p = Corpus.repoRoot().resolve("testdata").resolve(name);
        assertTrue(Files.isRegularFile(p), "missing test capture " + p);
        return p;
    }

    /** Runs the whole pipeline (read, dissect, dump) into memory. */
    static byte[] dump(Path in, String format, DumpOptions o) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CaptureReader r = CaptureInput.open(in); Dumper d = Dumpers.create(format, out, o)) {
            Dumpers.dump(r, new Dissector(), d);
        }
        return out.toByteArray();
    }

    static byte[] dump(Path in, String format) throws IOException {
        return dump(in, format, new DumpOptions());
    }

    /** A record of 64 zero bytes, captured whole, numbered {@code number}: for sink calls made by hand. */
    static PacketRecord blankRecord(long number) {
        PacketRecord r = new PacketRecord();
        r.buffer = java.nio.ByteBuffer.wrap(new byte[64]);
        r.capLen = 64;
        r.origLen = 64;
        r.number = number;
        return r;
    }

    /** Every record of a capture, copied. */
    static List<PacketRecord> records(Path in) throws IOException {
        try (CaptureReader r = CaptureInput.open(in)) {
            return records(r);
        }
    }

    static List<PacketRecord> records(byte[] capture) throws IOException {
        try (CaptureReader r = CaptureInput.open(new ByteArrayInputStream(capture), "output")) {
            List<PacketRecord> l = records(r);
            assertTrue(r.problems().isEmpty(), "problems reading our own output: " + r.problems());
            return l;
        }
    }

    private static List<PacketRecord> records(CaptureReader r) throws IOException {
        List<PacketRecord> out = new ArrayList<>();
        PacketRecord rec = new PacketRecord();
        while (r.next(rec)) out.add(rec.copy());
        return out;
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One JSON value as maps (key order kept), lists, Long/BigInteger, BigDecimal (exact decimal
     * text), String, Boolean or null; fails on trailing content.
     */
    static Object json(byte[] text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            p.nextToken();
            Object v = value(p);
            if (p.nextToken() != null) throw new IOException("trailing content after the JSON value: " + p.currentToken());
            return v;
        }
    }

    static Object json(String text) throws IOException {
        return json(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) throw new IOException("no JSON value");
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    if (m.containsKey(k)) throw new IOException("duplicate key " + k);
                    p.nextToken();
                    m.put(k, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(value(p));
                return l;
            }
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t);
        }
    }

    /** {@code m.get(k1).get(k2)...} through nested maps. */
    @SuppressWarnings("unchecked")
    static Object at(Object m, String... keys) {
        Object v = m;
        for (String k : keys) {
            if (!(v instanceof Map)) throw new AssertionError("no object at " + k + " in path " + String.join(".", keys));
            Map<String, Object> mm = (Map<String, Object>) v;
            if (!mm.containsKey(k)) throw new AssertionError("no key " + k + " in " + mm.keySet());
            v = mm.get(k);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /**
     * A test IPv6 address at {@code at} of {@code a}: random groups, most of them zero so that "::"
     * runs of every length and place occur, and every tenth ({@code i % 10 == 0}) IPv4-mapped.
     */
    static void randomIpv6(java.nio.ByteBuffer a, int at, java.util.SplittableRandom rnd, int i) {
        for (int g = 0; g < 8; g++) a.putShort(at + 2 * g, (short) (rnd.nextInt(3) == 0 ? rnd.nextInt(1 << (1 + rnd.nextInt(16))) : 0));
        if (i % 10 == 0) {
            for (int g = 0; g < 5; g++) a.putShort(at + 2 * g, (short) 0);
            a.putShort(at + 10, (short) 0xffff);
        }
    }
}
