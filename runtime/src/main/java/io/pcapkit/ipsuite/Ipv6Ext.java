package io.pcapkit.ipsuite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * An IPv6 extension header: Hop-by-Hop or Destination Options (padded with Pad1/PadN to 8 bytes),
 * Routing, or Fragment. The next-header field follows the payload.
 */
public final class Ipv6Ext extends PacketBuilder<Ipv6Ext> {
    private final int protocol;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    // fragment
    private int fragOffset;
    private boolean more;
    private long id;
    // routing
    private int routingType;
    private int segmentsLeft;

    private Ipv6Ext(int protocol) {
        this.protocol = protocol;
    }

    public static Ipv6Ext hopByHop() {
        return new Ipv6Ext(0);
    }

    public static Ipv6Ext destinationOptions() {
        return new Ipv6Ext(60);
    }

    /** A routing header of {@code type} with {@code segmentsLeft}; add addresses with {@link #address}. */
    public static Ipv6Ext routing(int type, int segmentsLeft) {
        Ipv6Ext e = new Ipv6Ext(43);
        e.routingType = type;
        e.segmentsLeft = segmentsLeft;
        e.body.writeBytes(new byte[4]);
        return e;
    }

    /** A fragment header: offset in bytes (a multiple of 8), more-fragments flag, identification. */
    public static Ipv6Ext fragment(int offsetBytes, boolean more, long id) {
        if (offsetBytes % 8 != 0) throw new IllegalArgumentException("a fragment offset is a multiple of 8 bytes: " + offsetBytes);
        Ipv6Ext e = new Ipv6Ext(44);
        e.fragOffset = offsetBytes;
        e.more = more;
        e.id = id & 0xffffffffL;
        return e;
    }

    /** An option (type, data) of a Hop-by-Hop or Destination Options header. */
    public Ipv6Ext option(int type, byte... data) {
        body.write(type);
        body.write(data.length);
        body.writeBytes(data);
        return this;
    }

    /** An address of a routing header (types 0 and 2). */
    public Ipv6Ext address(String ip) {
        body.writeBytes(Addresses.ipv6(ip));
        return this;
    }

    @Override
    protected int ipProtocol() {
        return protocol;
    }

    @Override
    protected byte[] build(PseudoHeader pseudo) {
        byte[] p = payloadBytes(pseudo);
        int next = nextIpProtocol(59);
        if (protocol == 44) {
            return ByteBuffer.allocate(8 + p.length).put((byte) next).put((byte) 0)
                    .putShort((short) (fragOffset | (more ? 1 : 0))).putInt((int) id).put(p).array();
        }
        byte[] data = body.toByteArray();
        int len = 2 + (protocol == 43 ? 2 : 0) + data.length;
        int padded = (len + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(padded + p.length);
        b.put((byte) next).put((byte) (padded / 8 - 1));
        if (protocol == 43) b.put((byte) routingType).put((byte) segmentsLeft);
        b.put(data);
        int pad = padded - len;
        if (pad == 1) {
            b.put((byte) 0);
        } else if (pad > 1) {
            b.put((byte) 1).put((byte) (pad - 2));
            for (int i = 2; i < pad; i++) b.put((byte) 0);
        }
        return b.put(p).array();
    }
}
