package io.pcapkit.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decompressor's output where a complaint about the compressed data (corrupt, or cut short)
 * ends the data instead of failing the read, so the records before it are kept; the complaint is
 * kept for the reader to report with the offset where the data ended. Failures of the file
 * itself (read errors below the decompressor) still throw.
 */
final class DecompressedStream extends FilterInputStream {
    /** Below the decompressor: remembers whether the file itself failed. */
    static final class FileSide extends FilterInputStream {
        private boolean failed;

        FileSide(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    private final FileSide file;
    private final String compression;
    private IOException dataError;
    private long produced;

    DecompressedStream(InputStream decompressor, FileSide file, String compression) {
        super(decompressor);
        this.file = file;
        this.compression = compression;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (dataError != null) return -1;
        try {
            int r = super.read(b, off, len);
            if (r > 0) produced += r;
            return r;
        } catch (IOException e) {
            if (file.failed) throw e;
            dataError = e;
            return -1;
        }
    }

    /** Decompressors rethrow a stored failure from available() too (xz does): it ends the data as well. */
    @Override
    public int available() throws IOException {
        if (dataError != null) return 0;
        try {
            return super.available();
        } catch (IOException e) {
            if (file.failed) throw e;
            dataError = e;
            return 0;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] tmp = new byte[(int) Math.min(n, 8192)];
        int r = read(tmp, 0, tmp.length);
        return Math.max(r, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Why the data ended early, or null when it ended normally. */
    String problem() {
        if (dataError == null) return null;
        String m = dataError.getMessage();
        return "the " + compression + " data is corrupt or cut short after " + produced + " decompressed bytes ("
                + dataError.getClass().getSimpleName() + (m == null ? "" : ": " + m) + ")";
    }

    /** Decompressed bytes delivered so far. */
    long produced() {
        return produced;
    }
}
