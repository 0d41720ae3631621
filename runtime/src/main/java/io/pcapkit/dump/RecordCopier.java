package io.pcapkit.dump;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.ErrorKind;
import io.pcapkit.dissect.Field;
import io.pcapkit.dissect.FieldSinkAdapter;
import io.pcapkit.dissect.Protocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Base of the capture writers (PCAP, PCAPNG): they copy each record as it was read, in
 * {@link #beginFrame}, and ignore the dissection calls, so frames need not be dissected at all.
 */
abstract class RecordCopier extends FieldSinkAdapter implements Dumper {
    private byte[] scratch = new byte[2048];

    @Override
    public final boolean wantsLayers() {
        return false;
    }

    /** Writes a record's captured bytes (the buffer may be a mapping or a direct buffer). */
    protected final void writeBytes(OutputStream out, PacketRecord r) throws IOException {
        ByteBuffer b = r.buffer;
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + r.offset, r.capLen);
            return;
        }
        if (scratch.length < r.capLen) scratch = new byte[Math.max(r.capLen, scratch.length * 2)];
        b.get(r.offset, scratch, 0, r.capLen);
        out.write(scratch, 0, r.capLen);
    }

    @Override
    public void beginLayer(Protocol protocol, int offset) {
    }

    @Override
    public void raw(ByteBuffer buf, int off, int len) {
    }

    @Override
    public void malformed(Protocol protocol, Field field, int offset, ErrorKind kind, String reason) {
    }

    @Override
    public void endFrame(Chain chain) {
    }
}
