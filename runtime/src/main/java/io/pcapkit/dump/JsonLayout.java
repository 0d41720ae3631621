package io.pcapkit.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.util.Arrays;

/**
 * The JSON output's layout: two-space indentation, {@code "key": value}, LF line ends, as jackson's
 * {@link DefaultPrettyPrinter} lays it out, written from pre-encoded bytes. The default printer
 * hands its separators and indentation to the generator as strings and chars, which it encodes
 * again on every line: that was half of the JSON writer's time.
 */
final class JsonLayout extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;
    private static final int INDENT = 2;

    private final SerializedString fieldValue;
    /** by nesting level: a line end and the level's indentation */
    private SerializedString[] lines = new SerializedString[16];
    /** by nesting level: the entry separator, a line end and the level's indentation */
    private SerializedString[] entryLines = new SerializedString[16];

    JsonLayout() {
        super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        indentObjectsWith(new Lines());
        fieldValue = new SerializedString(_objectFieldValueSeparatorWithSpaces);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new JsonLayout();
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(fieldValue);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        int level = _nesting;
        if (level >= entryLines.length) entryLines = Arrays.copyOf(entryLines, Math.max(level + 1, entryLines.length * 2));
        SerializedString s = entryLines[level];
        if (s == null) entryLines[level] = s = new SerializedString(_objectEntrySeparator + "\n" + " ".repeat(level * INDENT));
        g.writeRaw(s);
    }

    private SerializedString line(int level) {
        if (level >= lines.length) lines = Arrays.copyOf(lines, Math.max(level + 1, lines.length * 2));
        SerializedString s = lines[level];
        if (s == null) lines[level] = s = new SerializedString("\n" + " ".repeat(level * INDENT));
        return s;
    }

    /** Objects' indentation (arrays stay on one line, as by default). */
    private final class Lines implements Indenter {
        @Override
        public void writeIndentation(JsonGenerator g, int level) throws IOException {
            g.writeRaw(line(level));
        }

        @Override
        public boolean isInline() {
            return false;
        }
    }
}
