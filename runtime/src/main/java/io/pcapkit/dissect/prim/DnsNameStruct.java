package io.pcapkit.dissect.prim;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.pcapkit.dissect.BoundedKaitaiStream;
import java.nio.ByteBuffer;

/**
 * {@code dns_name} for the Kaitai-generated reference parsers (an opaque type to the Kaitai
 * compiler: the generator emits {@code io.pcapkit.kaitai.DnsName} extending this). It reads the
 * in-place labels from its own stream, as ksc's other types read theirs, and follows a pointer
 * through {@link DnsName}'s code into the message stream given as its argument, so both codecs
 * render a name the same way.
 */
public class DnsNameStruct extends KaitaiStruct.ReadOnly {
    /** A name {@link DnsName#scan} would reject (other than by running out of bytes). */
    public static final class InvalidName extends RuntimeException {
        public InvalidName(int code) {
            super(DnsName.reason(code), null, false, false);
        }
    }

    private final String text;
    /** The walk stopped at an extended label of unknown type (the name shows {@link DnsName#EXTENDED_TEXT}). */
    private static final int EXTENDED = 1;

    public DnsNameStruct(KaitaiStream own, KaitaiStream message) {
        super(own);
        StringBuilder out = new StringBuilder();
        int total = 0;
        int fault = 0;
        while (true) {
            int l = u1(own);
            if (l == 0) break;
            if ((l & 0xc0) == 0xc0) {
                int ptr = ((l & 0x3f) << 8) | u1(own);
                ByteBuffer m = ((ByteBufferKaitaiStream) message).asRoBuffer();
                int r = DnsName.chain(m, 0, m.limit(), ptr, total, out, out.length() == 0);
                if (r < 0 && !DnsName.shownAsNote(r)) throw new InvalidName(r);
                fault = r;
                break;
            }
            if (DnsName.unknownExtended(l) && total > 0) {
                fault = EXTENDED;
                break;
            }
            if ((l & 0xc0) != 0) throw new InvalidName(DnsName.BAD_LABEL);
            long have = own.size() - own.pos();
            if (l > have) throw new BoundedKaitaiStream.Truncated(l, have);
            byte[] label = own.readBytes(l);
            total += l + 1;
            if (out.length() > 0) out.append('.');
            DnsName.label(out, ByteBuffer.wrap(label), 0, l);
        }
        if (fault == 0 && total + 1 > DnsName.MAX_NAME_OCTETS) fault = DnsName.TOO_LONG;
        // as Wireshark: a loop or a name too long shows as a note, and the record goes on
        if (fault == EXTENDED) text = DnsName.EXTENDED_TEXT;
        else if (fault == DnsName.LOOP) text = DnsName.LOOP_TEXT;
        else if (fault == DnsName.TOO_LONG) text = DnsName.TOO_LONG_TEXT;
        else text = out.length() == 0 ? "<Root>" : out.toString();
    }

    private static int u1(KaitaiStream s) {
        if (s.isEof()) throw new BoundedKaitaiStream.Truncated(1, 0);
        return s.readU1();
    }

    /** The name as {@link DnsName#render} writes it. */
    public String text() {
        return text;
    }

    @Override
    public void _read() {
    }

    public void _fetchInstances() {
    }
}
