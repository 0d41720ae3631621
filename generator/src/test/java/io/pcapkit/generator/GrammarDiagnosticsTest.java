package io.pcapkit.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grammar mistakes fail the build with a message naming the file and the key (style guide: {@code
 * grammars/gre.ksy: meta/-pcapkit/dispatch: unknown table 'ethertyp'}).
 */
class GrammarDiagnosticsTest {
    @TempDir
    Path dir;

    /** A parent that names the ethertype table and a child that may declare keys in it. */
    private static final String PARENT = """
            meta:
              id: parent
              endian: be
              -pcapkit:
                name: Parent
                layer: link
                dispatch:
                  linktype: 1
                next:
                  - table: ethertype
                    key: type
            seq:
              - id: type
                type: u2
            """;

    private static String child(String pcapkit, String seq) {
        return "meta:\n  id: child\n  endian: be\n  -pcapkit:\n" + pcapkit.indent(4) + "seq:\n" + seq.indent(2);
    }

    private static final String PLAIN_SEQ = "- id: x\n  type: u1\n";

    private String generateFails(String childYaml) throws IOException {
        Path g = Files.createDirectories(dir.resolve("grammars"));
        Files.writeString(g.resolve("parent.ksy"), PARENT, StandardCharsets.UTF_8);
        Files.writeString(g.resolve("child.ksy"), childYaml, StandardCharsets.UTF_8);
        GeneratorException e = assertThrows(GeneratorException.class, () -> Main.generate(g, dir.resolve("out")));
        return e.getMessage();
    }

    @Test
    void aValidPairGenerates() throws IOException {
        Path g = Files.createDirectories(dir.resolve("grammars"));
        Files.writeString(g.resolve("parent.ksy"), PARENT, StandardCharsets.UTF_8);
        Files.writeString(g.resolve("child.ksy"), child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800", PLAIN_SEQ));
        Main.Result r = Main.generate(g, dir.resolve("out"));
        assertEquals(2, r.grammars().size());
        assertEquals(2, r.fastCount());
    }

    @Test
    void quotedMustBeABoolean() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\nnext:\n  - protocol: child\n    quoted: often",
                PLAIN_SEQ));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/next/0"), m);
        assertTrue(m.contains("quoted: must be true or false"), m);
    }

    @Test
    void declinesMustNameASeqFieldWithACheck() throws IOException {
        String fields = "- id: version\n  type: u1\n  valid: 6\n- id: y\n  type: u1\n  valid: 1\n- id: z\n  type: u1\n";
        String m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\ndeclines: z", fields));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/declines"), m);
        assertTrue(m.contains("must name a top-level seq field with a valid: check ('z' has none)"), m);
        m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\ndeclines: w", fields));
        assertTrue(m.contains("(found 'w')"), m);
        m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\ndeclines:\n  field: y\n  shrt: true", fields));
        assertTrue(m.contains("unknown key 'shrt'"), m);
        String sized = "- id: x\n  size: 2\n- id: y\n  type: u1\n  valid: 1\n";
        m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\ndeclines:\n  field: y\n  short: true", sized));
        assertTrue(m.contains("must be integers or bit fields"), m);
        // a later field, and short: the bytes up to its end (8 + 4 + 4 bits: 2 bytes)
        String bits = "- id: a\n  type: u1\n- id: b\n  type: b4\n- id: version\n  type: b4\n  valid: 6\n";
        Path g = dir.resolve("grammars");
        Files.writeString(g.resolve("child.ksy"), child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\ndeclines:\n  field: version\n  short: true", bits));
        Main.generate(g, dir.resolve("out"));
        String protocols = Files.readString(dir.resolve("out/io/pcapkit/gen/Protocols.java"));
        assertTrue(protocols.contains("ChildFields.VERSION, 2, false, null, -1, 0, 0, Map.of())"), "the protocol entry names the declining field and the bytes it needs: " + protocols);
        String codec = Files.readString(dir.resolve("out/io/pcapkit/gen/ChildKaitaiCodec.java"));
        assertTrue(codec.contains("startsWith(\"/seq/2:\")"), "the Kaitai-backed codec tells the declining field by its place");
    }

    @Test
    void handOverNamesACheckedFieldAtAFixedByteAndATable() throws IOException {
        String head = "name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\n";
        String fields = "- id: version\n  type: b4\n  valid: 4\n- id: rest\n  type: b4\n- id: z\n  type: u1\n";
        String m = generateFails(child(head + "hand-over:\n  field: z\n  table: ethertype", fields));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/hand-over"), m);
        assertTrue(m.contains("('z' has none)"), m);
        m = generateFails(child(head + "hand-over:\n  field: version", fields));
        assertTrue(m.contains("needs field and table"), m);
        m = generateFails(child(head + "hand-over:\n  field: version\n  table: nowhere", fields));
        assertTrue(m.contains("unknown table 'nowhere'"), m);
        m = generateFails(child(head + "declines: version\nhand-over:\n  field: version\n  table: ethertype", fields));
        assertTrue(m.contains("cannot both decline and hand over"), m);
        m = generateFails(child(head + "hand-over:\n  field: version\n  table: ethertype", "- id: a\n  type: b4\n- id: version\n  type: b4\n  valid: 4\n"));
        assertTrue(m.contains("must start on a byte boundary"), m);
        m = generateFails(child(head + "hand-over:\n  field: version\n  table: ethertype", "- id: x\n  size: 2\n- id: version\n  type: u1\n  valid: 4\n"));
        assertTrue(m.contains("must be integers or bit fields"), m);
        m = generateFails(child(head + "hand-over:\n  field: version\n  table: ethertype", "- id: version\n  type: u1\n  valid: 4\n  -json: v.version\n"));
        assertTrue(m.contains("must not be inside a group"), m);
        m = generateFails(child(head + "hand-over:\n  field: version\n  table: ethertype", "- id: version\n  type: u2le\n  valid: 4\n"));
        assertTrue(m.contains("must be big-endian"), m);
        m = generateFails(child(head + "hand-over:\n  field: version\n  table: ethertype", "- id: version\n  type: u1\n  valid: 4\n  -value: _ * 2\n"));
        assertTrue(m.contains("plain number"), m);
        // accepted: the protocol entry names the field, its table and where it lies; the Kaitai-backed
        // codec tells the field by its place and shows its value from the bytes
        Path g = dir.resolve("grammars");
        Files.writeString(g.resolve("child.ksy"), child(head + "hand-over:\n  field: version\n  table: ethertype", "- id: a\n  type: u1\n" + fields));
        Main.generate(g, dir.resolve("out"));
        String protocols = Files.readString(dir.resolve("out/io/pcapkit/gen/Protocols.java"));
        assertTrue(protocols.contains("ChildFields.VERSION, Protocols.T_ETHERTYPE, 8, 4, Map.of())"), protocols);
        String codec = Files.readString(dir.resolve("out/io/pcapkit/gen/ChildKaitaiCodec.java"));
        assertTrue(codec.contains("startsWith(\"/seq/1:\")"), "the Kaitai-backed codec tells the field by its place");
        assertTrue(codec.contains("bitsAt(b, start, 8, 4), start + 1, 1)"), "and shows it from the bytes");
    }

    @Test
    void nextWhenEmptyIsTrueFalseOrCut() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\nnext-when-empty: sometimes", PLAIN_SEQ));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/next-when-empty"), m);
        assertTrue(m.contains("must be true, false or cut (found 'sometimes')"), m);
        Path g = dir.resolve("grammars");
        Files.writeString(g.resolve("child.ksy"), child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800\nnext-when-empty: cut", PLAIN_SEQ));
        Main.generate(g, dir.resolve("out"));
        String protocols = Files.readString(dir.resolve("out/io/pcapkit/gen/Protocols.java"));
        assertTrue(protocols.contains("\"child\", false, false, false, false, false, null, 0, true, null, -1, 0, 0, Map.of())"), "cut: not when empty, yes when cut: " + protocols);
    }

    @Test
    void rolesNameFixedFieldsOfTheirWidthInTheirSets() throws IOException {
        String head = "name: Child\nlayer: transport\ndispatch:\n  ethertype: 0x88b5\n";
        String fields = "- id: sport\n  type: u2\n- id: dport\n  type: u2\n- id: seq\n  type: u4\n- id: ack\n  type: u4\n"
                + "- id: flags\n  type: b4\n- id: f_syn\n  type: b1\n- id: f_ack\n  type: b1\n- id: f_fin\n  type: b1\n- id: f_rst\n  type: b1\n"
                + "- id: addr\n  size: 16\n- id: addr2\n  size: 4\n- id: wide\n  type: u8\n- id: le\n  type: u2le\n"
                + "- id: opt\n  type: u2\n  if: sport > 1\n- id: after\n  type: u2\n";
        String m = generateFails(child(head + "roles:\n  src-host: sport", fields));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/roles"), m);
        assertTrue(m.contains("unknown role 'src-host'"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport", fields));
        assertTrue(m.contains("roles [src-port, dst-port] go together"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport\n  dst-port: dport\n  sequence: seq", fields));
        assertTrue(m.contains("go together"), m);
        m = generateFails(child(head + "roles:\n  sequence: seq\n  acknowledgement: ack\n  syn: f_syn\n  ack: f_ack\n  fin: f_fin\n  rst: f_rst", fields));
        assertTrue(m.contains("a byte stream (sequence) needs ports"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport\n  dst-port: nowhere", fields));
        assertTrue(m.contains("must name a top-level seq field (found 'nowhere')"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport\n  dst-port: after", fields));
        assertTrue(m.contains("the fields before 'after' must be integers, bit fields or bytes of a literal size, with no if: ('opt' is not)"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport\n  dst-port: wide", fields));
        assertTrue(m.contains("'wide' must be an unsigned integer or a bit field of at most 32 bits"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport\n  dst-port: le", fields));
        assertTrue(m.contains("'le' must be big-endian"), m);
        m = generateFails(child(head + "roles:\n  src-port: sport\n  dst-port: dport\n  sequence: flags\n  acknowledgement: ack\n"
                + "  syn: f_syn\n  ack: f_ack\n  fin: f_fin\n  rst: f_rst", fields));
        assertTrue(m.contains("'flags' must be 32 bits wide"), m);
        m = generateFails(child(head + "roles:\n  src-address: sport\n  dst-address: dport", fields));
        assertTrue(m.contains("'sport' must be an address of 4 or 16 bytes"), m);
        m = generateFails(child(head + "roles:\n  src-address: addr\n  dst-address: addr2", fields));
        assertTrue(m.contains("the two addresses must have the same size"), m);
        m = generateFails(child(head + "roles:\n  fragment-id: seq\n  fragment-offset: sport", fields));
        assertTrue(m.contains("roles [fragment-id, fragment-offset, more-fragments] go together"), m);
        m = generateFails(child(head + "roles:\n  next-header: sport", fields));
        assertTrue(m.contains("next-header goes with fragment-id"), m);
        m = generateFails(child(head + "roles:\n  total-length: sport\n  payload-length: dport", fields));
        assertTrue(m.contains("a length is total-length or payload-length, not both"), m);
        m = generateFails(child(head + "roles:\n  fragment-id: seq\n  fragment-offset: sport\n  more-fragments: flags", fields));
        assertTrue(m.contains("'flags' must be 1 bit wide"), m);
        // accepted: the protocol entry carries each role's place and width in bits
        Path g = dir.resolve("grammars");
        Files.writeString(g.resolve("child.ksy"), child(head + "roles:\n  src-port: sport\n  dst-port: dport\n  sequence: seq\n"
                + "  acknowledgement: ack\n  syn: f_syn\n  ack: f_ack\n  fin: f_fin\n  rst: f_rst\n  src-address: addr2\n  dst-address: wide", fields
                .replace("- id: wide\n  type: u8\n", "- id: wide\n  type: u4\n")));
        Main.generate(g, dir.resolve("out"));
        String protocols = Files.readString(dir.resolve("out/io/pcapkit/gen/Protocols.java"));
        assertTrue(protocols.contains("Map.of(\"src-port\", new int[] {0, 16}, \"dst-port\", new int[] {16, 16}, \"sequence\", new int[] {32, 32}, "
                + "\"acknowledgement\", new int[] {64, 32}, \"syn\", new int[] {100, 1}, \"ack\", new int[] {101, 1}, \"fin\", new int[] {102, 1}, "
                + "\"rst\", new int[] {103, 1}, \"src-address\", new int[] {232, 32}, \"dst-address\", new int[] {264, 32})"), protocols);
    }

    @Test
    void textMustBeUtf8() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertype: 0x0800",
                "- id: x\n  type: str\n  size: 2\n  encoding: ASCII\n"));
        assertTrue(m.startsWith("grammars/child.ksy"), m);
        assertTrue(m.contains("only UTF-8 is supported (found 'ASCII')"), m);
    }

    @Test
    void unknownPcapkitKeyNamesFileAndKey() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\ndispach:\n  ethertype: 0x0800", PLAIN_SEQ));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit"), m);
        assertTrue(m.contains("unknown key 'dispach'"), m);
    }

    @Test
    void unknownDispatchTableNamesFileAndTable() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  ethertyp: 0x0800", PLAIN_SEQ));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/dispatch"), m);
        assertTrue(m.contains("unknown table 'ethertyp'"), m);
        assertTrue(m.contains("ethertype"), "lists the tables that exist: " + m);
    }

    @Test
    void aKeyDeclaredTwiceNamesBothFiles() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\ndispatch:\n  linktype: 1", PLAIN_SEQ));
        // grammars load in path order, so the second one (parent.ksy) is the one reported
        assertTrue(m.startsWith("grammars/parent.ksy: meta/-pcapkit/dispatch"), m);
        assertTrue(m.contains("key 1 in table 'linktype' is also declared by grammars/child.ksy"), m);
    }

    @Test
    void unknownFieldKeyNamesFieldAndKey() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet", "- id: x\n  type: u1\n  -jsn: y\n"));
        assertTrue(m.startsWith("grammars/child.ksy: seq/0"), m);
        assertTrue(m.contains("unknown key '-jsn'"), m);
    }

    @Test
    void unknownFormatAndLayerAreRejected() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet", "- id: x\n  type: u1\n  -format: hexa\n"));
        assertTrue(m.contains("grammars/child.ksy: seq/0 (x)") && m.contains("-format must be one of"), m);
        m = generateFails(child("name: Child\nlayer: network", PLAIN_SEQ));
        assertTrue(m.contains("grammars/child.ksy: meta/-pcapkit") && m.contains("layer: must be one of"), m);
    }

    @Test
    void idMustMatchTheFileName() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet", PLAIN_SEQ).replace("id: child", "id: kid"));
        assertTrue(m.startsWith("grammars/child.ksy: meta/id must equal the file name 'child'"), m);
    }

    @Test
    void unknownEnumTableNamesFieldAndTables() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet", "- id: x\n  type: u1\n  -enum: colours\n"));
        assertTrue(m.contains("grammars/child.ksy: seq/0 (x)") && m.contains("-enum: unknown table 'colours'"), m);
    }

    @Test
    void nextToAnUnknownProtocolIsAnError() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\nnext:\n  - protocol: nosuch", PLAIN_SEQ));
        assertTrue(m.contains("grammars/child.ksy") && m.contains("no protocol grammar with id 'nosuch'"), m);
    }

    @Test
    void rulesAfterAnUnconditionalProtocolRuleAreAnError() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet\nnext:\n  - protocol: parent\n  - table: ethertype\n    key: x",
                PLAIN_SEQ));
        assertTrue(m.startsWith("grammars/child.ksy: meta/-pcapkit/next/1"), m);
        assertTrue(m.contains("never used") && m.contains("'parent'"), m);
    }

    @Test
    void aJsonNameIsAFieldOrAGroupNotBoth() throws IOException {
        String seq = "- id: auth\n  size: 8\n  if: x == 0\n- id: key_id\n  type: u1\n  if: x == 2\n  -json: auth.key_id\n";
        String m = generateFails(child("name: Child\nlayer: internet", "- id: x\n  type: u1\n" + seq));
        assertTrue(m.contains("grammars/child.ksy: seq/2 (key_id)") && m.contains("'auth' names both a field and a group"), m);
    }

    @Test
    void jsonGroupsMustBeContiguous() throws IOException {
        String seq = "- id: a\n  type: u1\n  -json: flags.a\n- id: b\n  type: u1\n- id: c\n  type: u1\n  -json: flags.c\n";
        String m = generateFails(child("name: Child\nlayer: internet", seq));
        assertTrue(m.contains("grammars/child.ksy: seq/2 (c)") && m.contains("group 'flags' must be contiguous"), m);
    }

    @Test
    void importsAreRefused() throws IOException {
        String m = generateFails(child("name: Child\nlayer: internet", PLAIN_SEQ).replace("endian: be", "endian: be\n  imports: [parent]"));
        assertTrue(m.contains("grammars/child.ksy") && m.contains("imports are not supported"), m);
    }
}
