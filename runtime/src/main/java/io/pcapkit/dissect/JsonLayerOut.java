package io.pcapkit.dissect;

import java.nio.ByteBuffer;

/**
 * Where a generated codec writes the fields of the layer it just decoded as JSON bytes (its
 * {@link LayerCodec#writeJson}), for the NDJSON dumper. The codec carries the write position
 * itself: it asks for room once per run of fields, then writes each key and value straight into
 * the buffer, instead of one sink call per field that the dumper then turns into bytes. Around a
 * field it leaves to the sink (a list, a nested type, bytes in another format) it hands the
 * position back with {@link #at} and takes it again with {@link #position}. What it leaves to the
 * sink goes through the sink whole: the sink writes a group or item only when its first member
 * comes through it (one with none is left out), so a codec never opens one through the sink and
 * writes its members here (the generator writes no direct form for conditional groups).
 *
 * <p>There is one implementation (the NDJSON dumper's writer), so these calls bind statically.
 * Keys are generated as {@link #key(String) padded} constants of the form {@code ,"name":} (or
 * <code>,"name":&#123;</code> for a group); a key is written without its comma where none is due.
 */
public abstract class JsonLayerOut {
    /**
     * The most room a generated writer asks for at once: a layer's fixed fields take a few hundred
     * bytes, and the generator splits longer runs. Far below the writer's buffer.
     */
    public static final int MAX_ROOM = 4096;
    /** Bytes past a key's text that a word copy may read: the padding {@link #key(String)} adds. */
    private static final int KEY_PAD = 16;

    /** Where the next byte goes. */
    public abstract int position();

    /** Whether the next member needs a comma before it. */
    public abstract boolean comma();

    /** Hands back the position and the comma state (before a sink call, and at the end). */
    public abstract void at(int position, boolean comma);

    /**
     * Room for {@code n} (at most {@link #MAX_ROOM}) more bytes from {@code p}; returns where to
     * write them (the NDJSON writer grows its buffer and returns {@code p}: it writes out whole
     * lines only, so the text a codec keeps of a stretch is always in one piece).
     */
    public abstract int room(int p, int n);

    /** The key {@code key} (its first {@code length} bytes, the first skipped without a comma). */
    public abstract int key(int p, byte[] key, int length, boolean comma);

    /** A JSON number (room for 20 bytes). */
    public abstract int number(int p, long v);

    /** {@code true} or {@code false}. */
    public abstract int bool(int p, boolean v);

    /** The low 32 bits as a quoted dotted quad (room for 17 bytes). */
    public abstract int ipv4(int p, long v);

    /** Six bytes as a quoted MAC address (room for 19 bytes). */
    public abstract int mac(int p, ByteBuffer b, int off);

    /** Sixteen bytes as a quoted RFC 5952 IPv6 address (room for 41 bytes). */
    public abstract int ipv6(int p, ByteBuffer b, int off);

    /** Closes a group or a list item: <code>&#125;</code>. */
    public abstract int closeGroup(int p);

    /** Closes a list: {@code ]}. */
    public abstract int closeArray(int p);

    /** Opens a list item: <code>&#123;</code>, after a comma when one is due. */
    public abstract int openItem(int p, boolean comma);

    /**
     * An enumerated field, key and <code>&#123;"value": …, "name": …&#125;</code>, with room of its
     * own (its text is not bounded at build time).
     */
    public abstract int enumerated(int p, byte[] key, int length, boolean comma, Field f, long value, String name);

    /**
     * Copies the text kept for the stretch of fields that starts with {@code f} and whose bits
     * (and opening comma) are {@code key}, inside room already asked for; returns the position
     * after it, or -1 when none is kept: the codec then writes the stretch and hands it to
     * {@link #keepRun}.
     */
    public abstract int cachedRun(int p, Field f, int key);

    /** Keeps the bytes {@code [start, end)} just written as the text of {@code f}'s stretch for {@code key}. */
    public abstract void keepRun(Field f, int key, int start, int end);

    /** A generated key constant: the ASCII text padded for word copies. */
    public static byte[] key(String text) {
        byte[] k = new byte[((text.length() + 8) & ~7) + KEY_PAD];
        for (int i = 0; i < text.length(); i++) k[i] = (byte) text.charAt(i);
        return k;
    }
}
