package io.pcapkit.flow;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops the first {@code n} bytes written, then passes everything on: a dumper that resumes a
 * flow's file writes its header again, and the file already has one.
 */
final class SkipOutputStream extends FilterOutputStream {
    private long skip;

    SkipOutputStream(OutputStream out, long skip) {
        super(out);
        this.skip = skip;
    }

    @Override
    public void write(int b) throws IOException {
        if (skip > 0) skip--;
        else out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int drop = (int) Math.min(skip, len);
        skip -= drop;
        if (len > drop) out.write(b, off + drop, len - drop);
    }
}
