package io.pcapkit.capture;

import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FieldSink;
import io.pcapkit.dissect.RuntimeFields;
import io.pcapkit.gen.PcapngBlockCodec;
import io.pcapkit.gen.PcapngBomCodec;
import io.pcapkit.gen.PcapngEpbCodec;
import io.pcapkit.gen.PcapngIdbCodec;
import io.pcapkit.gen.PcapngIdbFields;
import io.pcapkit.gen.PcapngOpbCodec;
import io.pcapkit.gen.PcapngShbCodec;
import io.pcapkit.gen.PcapngSpbCodec;
import io.pcapkit.gen.PcapngTrailerCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng: sections in either byte order (several per file), interfaces with their link
 * type, snap length and timestamp resolution/offset, and the packet blocks (EPB, SPB and the
 * obsolete PB). Other blocks (NRB, ISB, DSB, custom, unknown) are skipped by their length. Every
 * block is decoded by its grammar; a block whose lengths disagree stops reading unless the next
 * block can be found.
 */
final class PcapngReader implements CaptureReader {
    static final long SHB_TYPE = 0x0a0d0d0aL;
    private static final long IDB = 1;
    private static final long OPB = 2;
    private static final long SPB = 3;
    private static final long EPB = 6;
    private static final int MIN_BLOCK = 12;
    /** type, length, byte-order magic, versions, section length, trailing length */
    private static final int MIN_SHB = 28;
    /** link type, reserved, snap length: an interface block's body without options */
    private static final int IDB_FIXED = 8;

    /** One interface of the current section. */
    private static final class Iface {
        long linkType;
        long snaplen;
        /** timestamp unit: 10^-digits seconds, or 2^-binaryExp when binaryExp >= 0 */
        int digits = 6;
        int binaryExp = -1;
        long offsetSeconds;
        ByteBuffer body;
    }

    private final ByteSource src;
    private final String name;
    private final PcapngBomCodec bom = new PcapngBomCodec();
    private final PcapngBlockCodec block = new PcapngBlockCodec();
    private final PcapngTrailerCodec trailer = new PcapngTrailerCodec();
    private final PcapngShbCodec shb = new PcapngShbCodec();
    private final PcapngIdbCodec idb = new PcapngIdbCodec();
    private final PcapngEpbCodec epb = new PcapngEpbCodec();
    private final PcapngSpbCodec spb = new PcapngSpbCodec();
    private final PcapngOpbCodec opb = new PcapngOpbCodec();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Iface> ifaces = new ArrayList<>();
    private final CaptureFormat format;
    private ByteBuffer shbBody;
    private boolean le;
    private long pos;
    private long count;
    private int section;
    /** Bytes of interface blocks kept for {@link #writeHeader} in this section. */
    private long interfaceBytes;
    private boolean done;

    PcapngReader(ByteSource src, String name, String compression) throws IOException {
        this.src = src;
        this.name = name;
        if (!readSectionHeader()) {
            String why = src.dataProblem();
            throw new CaptureException((problems.isEmpty() ? name + ": bad pcapng section header" : problems.get(0).message())
                    + (why == null ? "" : ": " + why));
        }
        format = new CaptureFormat("pcapng", le, false, compression);
    }

    @Override
    public CaptureFormat format() {
        return format;
    }

    @Override
    public long linkType(int interfaceId) {
        return interfaceId >= 0 && interfaceId < ifaces.size() ? ifaces.get(interfaceId).linkType : -1;
    }

    @Override
    public long snaplen(int interfaceId) {
        return interfaceId >= 0 && interfaceId < ifaces.size() ? ifaces.get(interfaceId).snaplen : -1;
    }

    /** Reads the Section Header Block at {@link #pos}; false (with a problem) when it is not one. */
    private boolean readSectionHeader() throws IOException {
        int i = src.ensure(pos, MIN_BLOCK);
        if (i < 0) {
            problem(Problem.Kind.TRUNCATED, pos, "the file ends inside a section header (" + src.available(pos) + " bytes)");
            return false;
        }
        ByteBuffer b = src.buffer();
        bom.decode(b, i, i + MIN_BLOCK);
        if (!bom.isValid()) {
            problem(Problem.Kind.CORRUPT, pos, String.format("section header with an unknown byte-order magic 0x%08x", bom.byteOrderMagic()));
            return false;
        }
        le = bom.isLe();
        setOrder();
        block.decode(b, i, i + 8);
        long len = block.blockTotalLength();
        if (!lengthOk(len)) return false;
        if (len < MIN_SHB) {
            problem(Problem.Kind.CORRUPT, pos, "section header block length " + len + " is shorter than its fixed fields (" + MIN_SHB
                    + " bytes); reading stops here");
            return false;
        }
        int j = src.ensure(pos, (int) len);
        if (j < 0) {
            problem(Problem.Kind.TRUNCATED, pos, "the file ends inside the section header block (it claims " + len + " bytes, "
                    + src.available(pos) + " remain)");
            return false;
        }
        b = src.buffer();
        if (!trailerOk(b, j, len)) return false;
        byte[] body = new byte[(int) len - MIN_BLOCK];
        b.get(j + 8, body, 0, body.length);
        shbBody = ByteBuffer.wrap(body);
        if (shb.decode(shbBody, 0, body.length) < 0) {
            problem(Problem.Kind.SKIPPED, pos, "section header options are malformed (" + shb.errorReason() + "); they are ignored");
        }
        ifaces.clear();
        interfaceBytes = 0;
        section++;
        pos += len;
        return true;
    }

    private void setOrder() {
        block.setIsLe(le);
        trailer.setIsLe(le);
        shb.setIsLe(le);
        idb.setIsLe(le);
        epb.setIsLe(le);
        spb.setIsLe(le);
        opb.setIsLe(le);
    }

    private boolean lengthOk(long len) {
        if (len < MIN_BLOCK || len % 4 != 0 || len > CaptureLimits.MAX_BLOCK_BYTES) {
            problem(Problem.Kind.CORRUPT, pos, "block length " + len + " is impossible (at least " + MIN_BLOCK
                    + ", a multiple of 4, at most " + CaptureLimits.MAX_BLOCK_BYTES + "); reading stops here");
            return false;
        }
        return true;
    }

    private boolean trailerOk(ByteBuffer b, int j, long len) {
        trailer.decode(b, j + (int) len - 4, j + (int) len);
        if (trailer.blockTotalLength() != len) {
            problem(Problem.Kind.CORRUPT, pos, "block length " + len + " does not match its trailing copy "
                    + trailer.blockTotalLength() + "; reading stops here");
            return false;
        }
        return true;
    }

    @Override
    public boolean next(PacketRecord r) throws IOException {
        while (!done) {
            int i = src.ensure(pos, 8);
            if (i < 0) {
                long have = src.available(pos);
                if (have > 0) {
                    problem(Problem.Kind.TRUNCATED, pos, "the file ends inside a block header (" + have + " of 8 bytes); the "
                            + count + " packets before it were read, reading stops here");
                }
                return stop();
            }
            ByteBuffer b = src.buffer();
            block.decode(b, i, i + 8);
            long type = block.blockType();
            if (type == SHB_TYPE) {
                if (!readSectionHeader()) return stop();
                continue;
            }
            long len = block.blockTotalLength();
            if (!lengthOk(len)) return stop();
            int j = src.ensure(pos, (int) len);
            if (j < 0) {
                problem(Problem.Kind.TRUNCATED, pos, "the file ends inside a block of type " + type + " (it claims " + len + " bytes, "
                        + src.available(pos) + " remain); the " + count + " packets before it were read, reading stops here");
                return stop();
            }
            b = src.buffer();
            if (!trailerOk(b, j, len)) return stop();
            int body = j + 8;
            int end = j + (int) len - 4;
            long blockPos = pos;
            pos += len;
            if (type == IDB) {
                addInterface(b, body, end, blockPos);
            } else if (type == EPB) {
                if (packet(r, b, body, end, blockPos, epb.decode(b, body, end) < 0 ? epb.errorReason() : null,
                        epb.interfaceId(), epb.timestampHigh(), epb.timestampLow(), epb.packetDataOffset(), epb.packetDataLength(),
                        epb.originalLen())) {
                    return true;
                }
            } else if (type == OPB) {
                if (packet(r, b, body, end, blockPos, opb.decode(b, body, end) < 0 ? opb.errorReason() : null,
                        opb.interfaceId(), opb.timestampHigh(), opb.timestampLow(), opb.packetDataOffset(), opb.packetDataLength(),
                        opb.originalLen())) {
                    return true;
                }
            } else if (type == SPB) {
                if (spb.decode(b, body, end) < 0) {
                    problem(Problem.Kind.SKIPPED, blockPos, "simple packet block is malformed (" + spb.errorReason() + "); skipped");
                    continue;
                }
                if (ifaces.isEmpty()) {
                    problem(Problem.Kind.SKIPPED, blockPos, "simple packet block before any interface; skipped");
                    continue;
                }
                Iface f = ifaces.get(0);
                // the captured length is the original length cut to the snap length (the block's
                // size includes padding, so it cannot tell); a block too small for it is refused, as
                // Wireshark does
                long cap = spb.originalLen();
                if (f.snaplen > 0) cap = Math.min(cap, f.snaplen);
                int room = end - (body + 4);
                if (cap > room) {
                    problem(Problem.Kind.SKIPPED, blockPos, "simple packet block holds " + room + " bytes, fewer than the " + cap
                            + " its original length and the snap length call for; skipped");
                    continue;
                }
                fill(r, b, body + 4, (int) cap, spb.originalLen(), 0, f, blockPos);
                r.time.setUnknown(f.binaryExp >= 0 ? 9 : f.digits);
                return true;
            }
            // NRB, ISB, DSB, custom and unknown blocks: skipped by their length
        }
        return false;
    }

    /** Ends reading; a compressed file whose data ended early says so. @return false */
    private boolean stop() {
        done = true;
        String why = src.dataProblem();
        if (why != null) problem(Problem.Kind.TRUNCATED, src.dataEnd(), why + "; reading stops there");
        return false;
    }

    private boolean packet(PacketRecord r, ByteBuffer b, int body, int end, long blockPos, String error, long ifaceId, long tsHigh,
            long tsLow, int dataOff, int dataLen, long origLen) {
        if (error != null) {
            problem(Problem.Kind.SKIPPED, blockPos, "packet block is malformed (" + error + "); skipped");
            return false;
        }
        if (ifaceId >= ifaces.size()) {
            problem(Problem.Kind.SKIPPED, blockPos, "packet block for interface " + ifaceId + ", but the section has "
                    + ifaces.size() + "; skipped");
            return false;
        }
        Iface f = ifaces.get((int) ifaceId);
        fill(r, b, dataOff, dataLen, origLen, (int) ifaceId, f, blockPos);
        long units = (tsHigh << 32) | tsLow;
        if (f.binaryExp >= 0) r.time.setBinaryUnits(units, f.binaryExp);
        else r.time.setUnits(units, f.digits);
        r.time.addSeconds(f.offsetSeconds);
        if (r.time.clamp()) {
            problem(Problem.Kind.CORRUPT, blockPos, "packet " + r.number + ": its timestamp lies beyond the years a date can be written for; "
                    + "it is clamped to " + r.time.isoString());
        }
        return true;
    }

    private void fill(PacketRecord r, ByteBuffer b, int off, int capLen, long origLen, int ifaceId, Iface f, long blockPos) {
        r.buffer = b;
        r.offset = off;
        r.capLen = capLen;
        r.origLen = origLen;
        r.interfaceId = ifaceId;
        r.linkType = f.linkType;
        r.fileOffset = blockPos;
        r.number = ++count;
    }

    private void addInterface(ByteBuffer b, int body, int end, long blockPos) {
        if (ifaces.size() >= CaptureLimits.MAX_INTERFACES) {
            problem(Problem.Kind.SKIPPED, blockPos, "more than " + CaptureLimits.MAX_INTERFACES + " interfaces in a section; skipped");
            return;
        }
        Iface f = new Iface();
        int n = end - body;
        if (n < IDB_FIXED) {
            problem(Problem.Kind.CORRUPT, blockPos, "interface " + ifaces.size() + " has no room for a link type and snap length ("
                    + n + " of " + IDB_FIXED + " bytes); its packets stay undissected");
            f.linkType = -1;
            f.body = ByteBuffer.allocate(0);
            ifaces.add(f);
            return;
        }
        if (interfaceBytes + n > CaptureLimits.MAX_INTERFACE_BYTES) {
            problem(Problem.Kind.SKIPPED, blockPos, "interface " + ifaces.size() + ": the section's interfaces hold more than "
                    + CaptureLimits.MAX_INTERFACE_BYTES + " bytes; its options are dropped");
            n = IDB_FIXED;
        }
        byte[] copy = new byte[n];
        b.get(body, copy, 0, n);
        interfaceBytes += n;
        f.body = ByteBuffer.wrap(copy);
        if (idb.decode(f.body, 0, n) < 0) {
            problem(Problem.Kind.SKIPPED, blockPos, "interface " + ifaces.size() + " has malformed options (" + idb.errorReason()
                    + "); defaults are used");
        } else {
            idb.emit(f.body, new OptionGrabber(f, blockPos));
        }
        f.linkType = idb.linktype();
        f.snaplen = idb.snaplen();
        ifaces.add(f);
    }

    /** Picks if_tsresol and if_tsoffset out of an interface's options. */
    private final class OptionGrabber extends io.pcapkit.dissect.FieldSinkAdapter {
        private final Iface f;
        private final long at;

        OptionGrabber(Iface f, long at) {
            this.f = f;
            this.at = at;
        }

        @Override
        public void number(Field field, long value, int off, int len) {
            if (field == PcapngIdbFields.TSRESOL_VALUE__TSRESOL) {
                if ((value & 0x80) != 0) {
                    f.binaryExp = (int) (value & 0x7f);
                } else if (value <= 18) {
                    f.digits = (int) value;
                } else {
                    problem(Problem.Kind.SKIPPED, at, "if_tsresol 10^-" + value + " is finer than supported; microseconds are used");
                }
            } else if (field == PcapngIdbFields.TSOFFSET_VALUE__TSOFFSET) {
                f.offsetSeconds = value;
            }
        }
    }

    private void problem(Problem.Kind kind, long offset, String message) {
        if (problems.size() < CaptureLimits.MAX_PROBLEMS) problems.add(new Problem(kind, offset, name + ": " + message));
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public void writeHeader(FieldSink sink) {
        sink.beginGroup(RuntimeFields.SECTION);
        if (shbBody != null && shb.decode(shbBody, 0, shbBody.capacity()) >= 0) shb.emit(shbBody, sink);
        sink.endGroup(RuntimeFields.SECTION);
        sink.beginList(RuntimeFields.INTERFACES);
        for (int k = 0; k < ifaces.size(); k++) {
            Iface f = ifaces.get(k);
            sink.beginItem(RuntimeFields.INTERFACES);
            sink.number(RuntimeFields.INTERFACE_ID, k, -1, 0);
            if (idb.decode(f.body, 0, f.body.capacity()) >= 0) idb.emit(f.body, sink);
            sink.endItem(RuntimeFields.INTERFACES);
        }
        sink.endList(RuntimeFields.INTERFACES);
    }

    /** Interfaces known so far in the current section (for writers that copy them). */
    int interfaceCount() {
        return ifaces.size();
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}
