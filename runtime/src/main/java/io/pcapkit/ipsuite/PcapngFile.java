package io.pcapkit.ipsuite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a pcapng file block by block: Section Header, Interface Description (with if_tsresol and
 * if_tsoffset), Enhanced, Simple and (obsolete) Packet Blocks, and any other block as raw body.
 * A new section may switch the byte order.
 */
public final class PcapngFile {
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PcapngFile() {
    }

    /** A file that starts with a little-endian section header. */
    public static PcapngFile create() {
        return new PcapngFile().section(ByteOrder.LITTLE_ENDIAN);
    }

    /** A file that starts with a section header in {@code order}. */
    public static PcapngFile create(ByteOrder order) {
        return new PcapngFile().section(order);
    }

    /** Starts a new section (its interfaces are numbered from 0 again). */
    public PcapngFile section(ByteOrder o) {
        order = o;
        ByteBuffer b = body(16);
        b.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(0x0a0d0d0a, b.array(), options(new Opt(4, "pcapkit ipsuite".getBytes(StandardCharsets.UTF_8))));
    }

    /** An interface; {@code tsresol} < 0 leaves the default (microseconds), {@code tsoffset} 0 is omitted. */
    public PcapngFile interfaceBlock(int linkType, long snaplen, int tsresol, long tsoffset) {
        ByteBuffer b = body(8);
        b.putShort((short) linkType).putShort((short) 0).putInt((int) snaplen);
        java.util.List<Opt> opts = new java.util.ArrayList<>();
        if (tsresol >= 0) opts.add(new Opt(9, new byte[] {(byte) tsresol}));
        if (tsoffset != 0) opts.add(new Opt(14, body(8).putLong(tsoffset).array()));
        return block(1, b.array(), options(opts.toArray(new Opt[0])));
    }

    /** An Enhanced Packet Block with a 64-bit timestamp in the interface's units. */
    public PcapngFile epb(int ifaceId, long timestamp, byte[] data, long origLen) {
        ByteBuffer b = body(20 + pad(data.length));
        b.putInt(ifaceId).putInt((int) (timestamp >>> 32)).putInt((int) timestamp).putInt(data.length).putInt((int) origLen).put(data);
        return block(6, b.array(), new byte[0]);
    }

    /** A Simple Packet Block (interface 0, no timestamp). */
    public PcapngFile spb(byte[] data, long origLen) {
        ByteBuffer b = body(4 + pad(data.length));
        b.putInt((int) origLen).put(data);
        return block(3, b.array(), new byte[0]);
    }

    /** The obsolete Packet Block (type 2). */
    public PcapngFile opb(int ifaceId, long timestamp, byte[] data, long origLen) {
        ByteBuffer b = body(20 + pad(data.length));
        b.putShort((short) ifaceId).putShort((short) 0).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                .putInt(data.length).putInt((int) origLen).put(data);
        return block(2, b.array(), new byte[0]);
    }

    /** Any block: type and body (padded to 4 bytes). */
    public PcapngFile block(int type, byte[] body) {
        byte[] padded = new byte[pad(body.length)];
        System.arraycopy(body, 0, padded, 0, body.length);
        return block(type, padded, new byte[0]);
    }

    /** Appends raw bytes (to craft a corrupt block). */
    public PcapngFile raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    private PcapngFile block(int type, byte[] body, byte[] options) {
        int total = 12 + body.length + options.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total).put(body).put(options).putInt(total);
        out.writeBytes(b.array());
        return this;
    }

    private record Opt(int code, byte[] value) {
    }

    private byte[] options(Opt... opts) {
        if (opts.length == 0) return new byte[0];
        int n = 4;
        for (Opt o : opts) n += 4 + pad(o.value.length);
        ByteBuffer b = body(n);
        for (Opt o : opts) {
            b.putShort((short) o.code).putShort((short) o.value.length).put(o.value);
            for (int i = o.value.length; i < pad(o.value.length); i++) b.put((byte) 0);
        }
        b.putShort((short) 0).putShort((short) 0);
        return b.array();
    }

    private ByteBuffer body(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static int pad(int n) {
        return (n + 3) / 4 * 4;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    public Path write(Path p) throws IOException {
        return Files.write(p, toBytes());
    }
}
