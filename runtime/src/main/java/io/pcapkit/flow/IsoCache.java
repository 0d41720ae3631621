package io.pcapkit.flow;

import io.pcapkit.capture.Timestamp;
import io.pcapkit.dump.TimeText;

/** ISO-8601 and epoch text of a time; the text up to the second is kept, since neighbouring flows share it. */
final class IsoCache {
    private long second = Long.MIN_VALUE;
    private byte[] prefix;
    private final Timestamp t = new Timestamp();
    private final TimeText text = new TimeText();
    private final char[] chars = new char[TimeText.MAX_ISO];
    private long epochSecond = Long.MIN_VALUE;
    private final Ascii epochText = new Ascii();

    /**
     * The epoch text of a time; {@code fractionAt}, where {@link #append} wrote the same time's
     * fraction in {@code b} (or -1), is copied rather than written again.
     */
    void epoch(Ascii b, long seconds, long fraction, int digits, int fractionAt) {
        if (seconds < 0) {
            plainEpoch(b, seconds, fraction, digits);
            return;
        }
        if (seconds != epochSecond) {
            epochText.reset().num(seconds);
            epochSecond = seconds;
        }
        b.put(epochText.buf, epochText.len);
        if (digits > 0) {
            if (fractionAt >= 0) b.copy(fractionAt, digits + 1);
            else b.put('.').padded(fraction, digits);
        }
    }

    /** The ISO-8601 text of a time. @return where its fraction ('.' first) starts in {@code b}, or -1 */
    int append(Ascii b, long seconds, long fraction, int digits) {
        if (seconds != second) {
            // TimeText, not Timestamp.isoString: java.time's formatter took microseconds, and flows
            // ending one after another often started in different seconds
            t.set(seconds, 0, 0);
            int n = text.iso(t, chars, 0) - 1; // without its 'Z'
            prefix = new byte[n];
            for (int i = 0; i < n; i++) prefix[i] = (byte) chars[i];
            second = seconds;
        }
        b.put(prefix);
        int at = -1;
        if (digits > 0) {
            at = b.len;
            b.put('.').padded(fraction, digits);
        }
        b.put('Z');
        return at;
    }

    /** Epoch seconds with the fraction, written without the cache. */
    static void plainEpoch(Ascii b, long seconds, long fraction, int digits) {
        if (seconds < 0 && fraction > 0 && digits > 0) {
            // before 1970 the fraction counts up from the floored second (as Timestamp writes it)
            b.put('-').num(-(seconds + 1)).put('.').padded(Ascii.POW10[digits] - fraction, digits);
            return;
        }
        b.num(seconds);
        if (digits > 0) b.put('.').padded(fraction, digits);
    }
}
