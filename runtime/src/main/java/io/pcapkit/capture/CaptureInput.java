package io.pcapkit.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Opens a capture: recognises gzip, xz and zstd by their magic (never by the file name), then
 * pcap or pcapng by theirs, and returns the matching reader. A file that cannot be a capture at
 * all (missing, unreadable, a directory, too short, an unknown magic, a cut global header) gives
 * a {@link CaptureException} whose message names the file and what was found. Compressed data
 * that is corrupt or cut short ends the capture there, like a cut file: the reader keeps the
 * records before it and reports a {@link Problem.Kind#TRUNCATED} problem.
 *
 * <p>A regular file is read to the size it had when it was opened: one that grows meanwhile (a
 * capture still being written) gives the records complete at that moment, and the one being
 * written then is reported as cut, at its offset. Pipes and devices are read to their end.
 */
public final class CaptureInput {
    private CaptureInput() {
    }

    /** Opens {@code path}. @throws CaptureException naming the file and what was found */
    public static CaptureReader open(Path path) throws IOException {
        if (!Files.exists(path)) throw new CaptureException(path + ": no such file");
        if (Files.isDirectory(path)) throw new CaptureException(path + ": is a directory");
        if (!Files.isReadable(path)) throw new CaptureException(path + ": not readable (permission denied)");
        InputStream in;
        long size;
        try {
            if (Files.isRegularFile(path)) {
                in = Files.newInputStream(path, StandardOpenOption.READ);
                size = Files.size(path);
            } else {
                // a named pipe or a device: the NIO stream asks such a file for its position (to
                // answer available()), which fails with "Illegal seek"; FileInputStream does not
                in = new java.io.FileInputStream(path.toFile());
                size = -1;
            }
        } catch (java.io.FileNotFoundException e) {
            throw new CaptureException(path + ": not readable (" + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new CaptureException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CaptureException(path + ": not readable (permission denied)");
        }
        if (size < 0) {
            // a pipe or a device: read to its end
            return open(in, path.toString(), null);
        }
        // a regular file is read to the size it had now, even if it grows meanwhile (see SizeAtOpen)
        InputStream bounded = Channels.newInputStream(new SizeAtOpen(Channels.newChannel(in), size));
        return open(bounded, path.toString(), () -> new SizeAtOpen(FileChannel.open(path, StandardOpenOption.READ), size));
    }

    /** Opens a stream (standard input, a decompressed file, a test's bytes). */
    public static CaptureReader open(InputStream in, String name) throws IOException {
        return open(in, name, null);
    }

    /** Supplies a seekable channel for uncompressed files, which is faster than a stream. */
    private interface ChannelOpener {
        ReadableByteChannel open() throws IOException;
    }

    /**
     * Opens a reader; a read error of the file itself before the first record (it cannot be read
     * at all) becomes a {@link CaptureException} naming it.
     */
    private static CaptureReader open(InputStream raw, String name, ChannelOpener direct) throws IOException {
        try {
            return detect(raw, name, direct);
        } catch (CaptureException e) {
            throw e;
        } catch (ByteSource.ReadError e) {
            raw.close();
            throw new CaptureException(e.getMessage(), e);
        } catch (IOException e) {
            raw.close();
            throw new CaptureException(name + ": read error: " + e.getMessage(), e);
        }
    }

    private static CaptureReader detect(InputStream raw, String name, ChannelOpener direct) throws IOException {
        DecompressedStream.FileSide file = new DecompressedStream.FileSide(raw);
        BufferedInputStream in = new BufferedInputStream(file, 1 << 16);
        byte[] head = peek(in, 6);
        String compression = "none";
        InputStream data = in;
        DecompressedStream decompressed = null;
        try {
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                compression = "gzip";
                decompressed = new DecompressedStream(new GZIPInputStream(in, 1 << 16), file, compression);
            } else if (head.length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                    && head[4] == 'Z' && head[5] == 0) {
                compression = "xz";
                decompressed = new DecompressedStream(new org.tukaani.xz.XZInputStream(in, CaptureLimits.MAX_XZ_MEMORY_KIB), file, compression);
            } else if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                    && (head[3] & 0xff) == 0xfd) {
                compression = "zstd";
                decompressed = new DecompressedStream(new com.github.luben.zstd.ZstdInputStream(in).setLongMax(CaptureLimits.MAX_ZSTD_WINDOW_LOG), file,
                        compression);
            }
        } catch (IOException e) {
            in.close();
            throw new CaptureException(name + ": bad " + compression + " data: " + e.getMessage(), e);
        } catch (LinkageError e) {
            // zstd-jni's native library is missing or failed to load on this platform
            in.close();
            throw new CaptureException(name + ": " + compression + " decompression is not available on this platform: " + e);
        }
        if (decompressed != null) data = new BufferedInputStream(decompressed, 1 << 16);
        byte[] magic = peek(data, 4);
        if (magic.length < 4) {
            data.close();
            String why = decompressed == null ? null : decompressed.problem();
            throw new CaptureException(name + ": " + (why != null ? why
                    : "too short to be a capture (" + magic.length + " bytes" + (compression.equals("none") ? "" : " after " + compression) + ")"));
        }
        long m = ((magic[0] & 0xffL) << 24) | ((magic[1] & 0xffL) << 16) | ((magic[2] & 0xffL) << 8) | (magic[3] & 0xffL);
        ReadableByteChannel ch;
        if (compression.equals("none") && direct != null) {
            data.close();
            ch = direct.open();
        } else {
            ch = Channels.newChannel(data);
        }
        ByteSource src = new ByteSource(ch, decompressed, name);
        try {
            if (PcapReader.isMagic(m)) return new PcapReader(src, name, compression);
            if (m == PcapngReader.SHB_TYPE) return new PcapngReader(src, name, compression);
        } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
        }
        src.close();
        throw new CaptureException(name + ": not a pcap or pcapng file (magic " + String.format("%02x %02x %02x %02x", magic[0], magic[1], magic[2], magic[3])
                + (compression.equals("none") ? "" : " after " + compression) + ")");
    }

    private static byte[] peek(InputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }
}
