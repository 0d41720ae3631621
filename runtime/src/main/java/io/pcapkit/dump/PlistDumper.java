package io.pcapkit.dump;

import io.pcapkit.dissect.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Apple XML property list, streamed with the JDK's {@link XMLStreamWriter}: a root dict with
 * {@code Global Header} and {@code Frame N} keys. Integers are {@code <integer>}, booleans
 * {@code <true/>}/{@code <false/>}, text and hex {@code <string>}, {@code time_epoch} a
 * {@code <real>} holding the capture's exact digits, {@code time} a {@code <date>}.
 *
 * <p>Differences forced by the format: a plist date has whole seconds only (its text form is
 * {@code yyyy-MM-ddTHH:mm:ssZ}, and readers such as dd-plist accept nothing finer), so the fraction
 * lives in {@code time_epoch}; a date outside years 0000-9999 is written as a string. A plist has
 * no null, so a null value (a malformed layer's unknown field) leaves its key out. Characters XML
 * 1.0 cannot carry (control characters in a text field) become U+FFFD.
 */
final class PlistDumper extends RecordDumper {
    private static final String DOCTYPE =
            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">";

    private final OutputStream out;
    /**
     * The text, UTF-8 encoded without a lock per character: given the byte stream itself, the
     * JDK's XML writer encoded char by char into it, a synchronized write per character (nine
     * tenths of the plist time), and a BufferedWriter still locked per character
     */
    private final Utf8Writer text;
    private final XMLStreamWriter w;
    private final String[] names = new String[KEY_COUNT];
    private final char[] number = new char[24];
    private int indent;
    private String[] tabs = new String[16];

    PlistDumper(OutputStream out, DumpOptions options) throws IOException {
        super(options);
        this.out = out;
        try {
            // the JDK's own writer, whatever StAX implementation the classpath brings
            text = new Utf8Writer(out, options.bufferBytes);
            w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
        } catch (XMLStreamException e) {
            throw new IOException("cannot start the XML writer: " + e.getMessage(), e);
        }
    }

    private static IOException io(XMLStreamException e) {
        return new IOException("plist output failed: " + e.getMessage(), e);
    }

    private void newline() throws XMLStreamException {
        if (indent >= tabs.length) tabs = java.util.Arrays.copyOf(tabs, indent * 2);
        String t = tabs[indent];
        if (t == null) tabs[indent] = t = "\n" + "\t".repeat(indent);
        w.writeCharacters(t);
    }

    /** Writes {@code <key>} for a dict entry (nothing for an array element). */
    private void key(int k) throws XMLStreamException {
        newline();
        if (k < 0) return;
        String s = names[k];
        if (s == null) names[k] = s = keyText(k);
        element("key", s);
    }

    private void keyText(String s) throws XMLStreamException {
        newline();
        element("key", s);
    }

    private void element(String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(clean(value));
        w.writeEndElement();
    }

    private void element(String name, char[] c, int off, int len) throws XMLStreamException {
        w.writeStartElement(name);
        clean(c, off, len);
        w.writeCharacters(c, off, len);
        w.writeEndElement();
    }

    private void open(String name) throws XMLStreamException {
        w.writeStartElement(name);
        indent++;
    }

    private void end() throws XMLStreamException {
        indent--;
        newline();
        w.writeEndElement();
    }

    /** Whether XML 1.0 allows {@code ch} (surrogates are checked in pairs by the callers). */
    private static boolean xmlChar(char ch) {
        return ch >= 0x20 ? ch < 0xfffe : ch == '\t' || ch == '\n' || ch == '\r';
    }

    private static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!xmlChar(ch) || Character.isSurrogate(ch)) {
                char[] c = s.toCharArray();
                clean(c, 0, c.length);
                return new String(c);
            }
        }
        return s;
    }

    /** Replaces, in place, what XML 1.0 cannot carry (controls, lone surrogates) by U+FFFD. */
    private static void clean(char[] c, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            char ch = c[i];
            if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1])) {
                i++;
            } else if (!xmlChar(ch) || Character.isSurrogate(ch)) {
                c[i] = '\ufffd';
            }
        }
    }

    @Override
    protected void openDocument() throws IOException {
        try {
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeDTD(DOCTYPE);
            w.writeCharacters("\n");
            w.writeStartElement("plist");
            w.writeAttribute("version", "1.0");
            newline();
            open("dict");
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void closeDocument() throws IOException {
        try {
            end();
            newline();
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
            text.flush();
        } catch (XMLStreamException e) {
            throw io(e);
        } finally {
            out.close();
        }
    }

    @Override
    void flushOutput() throws IOException {
        try {
            w.flush();
            text.flush();
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void openHeader() throws IOException {
        try {
            keyText(GLOBAL_HEADER);
            newline();
            open("dict");
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void openRecord(long number) throws IOException {
        try {
            keyText("Frame " + number);
            newline();
            open("dict");
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void closeRecord() throws IOException {
        try {
            end();
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void openObject(int k) throws IOException {
        try {
            key(k);
            if (k >= 0) newline();
            open("dict");
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void closeObject() throws IOException {
        closeRecord();
    }

    @Override
    protected void openArray(int k) throws IOException {
        try {
            key(k);
            if (k >= 0) newline();
            open("array");
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void closeArray() throws IOException {
        closeRecord();
    }

    /** {@code <integer>} without a String per number. */
    private void integer(long value) throws XMLStreamException {
        char[] c = number;
        int p = 0;
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                element("integer", Long.toString(value));
                return;
            }
            c[p++] = '-';
            value = -value;
        }
        p = TimeText.unsigned(c, p, value);
        w.writeStartElement("integer");
        w.writeCharacters(c, 0, p);
        w.writeEndElement();
    }

    @Override
    protected void writeNumber(int k, long value, Format format, int len) throws IOException {
        try {
            key(k);
            integer(value);
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void writeEnum(int k, long value, String name, Format format, int len) throws IOException {
        try {
            key(k);
            if (k >= 0) newline();
            open("dict");
            key(K_VALUE);
            integer(value);
            key(K_NAME);
            element("string", name);
            end();
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void writeBool(int k, boolean value) throws IOException {
        try {
            key(k);
            w.writeEmptyElement(value ? "true" : "false");
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void writeChars(int k, char[] c, int off, int len) throws IOException {
        try {
            key(k);
            element("string", c, off, len);
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void writeString(int k, String s) throws IOException {
        try {
            key(k);
            element("string", s);
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void writeHex(int k, ByteBuffer buf, int off, int len) throws IOException {
        int n = hexChars(buf, off, len);
        writeChars(k, chars, 0, n);
    }

    @Override
    protected void writeNull(int k) {
        // a plist has no null: the key is left out
    }

    @Override
    protected void writeEpoch(int k, char[] c, int off, int len) throws IOException {
        try {
            key(k);
            element("real", c, off, len);
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }

    @Override
    protected void writeTime(int k, char[] c, int off, int len) throws IOException {
        try {
            key(k);
            // yyyy-MM-ddTHH:mm:ss[.fff]Z: keep whole seconds; other year forms stay text
            if (len >= 20 && Character.isDigit(c[off]) && c[off + 4] == '-') {
                w.writeStartElement("date");
                w.writeCharacters(c, off, 19);
                w.writeCharacters("Z");
                w.writeEndElement();
            } else {
                element("string", c, off, len);
            }
        } catch (XMLStreamException e) {
            throw io(e);
        }
    }
}
