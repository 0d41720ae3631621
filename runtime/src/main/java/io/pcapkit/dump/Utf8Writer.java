package io.pcapkit.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A {@link Writer} that encodes UTF-8 into its own buffer without locking. The JDK's XML writer
 * hands its writer one character at a time while it escapes text, and every other writer takes a
 * lock per call: that was most of the plist output's time. Encodes as the JDK's UTF-8 encoder
 * does, an unpaired surrogate included (it becomes {@code ?}).
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buf;
    private int n;
    /** a high surrogate waiting for its low half, or 0 */
    private char high;

    Utf8Writer(OutputStream out, int bufferBytes) {
        this.out = out;
        this.buf = new byte[bufferBytes];
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) put(c[off + i]);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) put(s.charAt(off + i));
    }

    private void put(char c) throws IOException {
        if (n > buf.length - 4) drain();
        if (high != 0) {
            char h = high;
            high = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(h, c);
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buf[n++] = '?';
            if (n > buf.length - 4) drain();
        }
        if (c < 0x80) {
            buf[n++] = (byte) c;
        } else if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | c >> 6);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[n++] = '?';
        } else {
            buf[n++] = (byte) (0xE0 | c >> 12);
            buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        }
    }

    private void drain() throws IOException {
        if (n > 0) out.write(buf, 0, n);
        n = 0;
    }

    /** Writes out what is buffered (a high surrogate still waiting for its pair stays). */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Ends the text (a high surrogate left alone becomes {@code ?}) and closes the stream. */
    @Override
    public void close() throws IOException {
        if (high != 0) {
            high = 0;
            if (n > buf.length - 4) drain();
            buf[n++] = '?';
        }
        flush();
        out.close();
    }
}
