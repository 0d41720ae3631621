package io.pcapkit.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pcapkit.capture.Timestamp;
import io.pcapkit.gen.Protocols;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A flow's frame numbers come back in order, whatever their gaps, also when read while the flow goes on. */
class FlowFramesTest {
    @Test
    void frameNumbersRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(11);
        Timestamp t = new Timestamp();
        for (int trial = 0; trial < 500; trial++) {
            FlowKey k = new FlowKey().set(Protocols.P_TCP, ByteBuffer.wrap(new byte[] {10, 0, 0, 1, 10, 0, 0, 2}), 0, 4, 4, 1000 + trial, 80);
            Flow f = new Flow(k, trial, trial);
            int n = rnd.nextInt(300);
            long[] expected = new long[n];
            long frame = 1 + rnd.nextLong(1L << 40);
            for (int i = 0; i < n; i++) {
                // deltas of one to five varint bytes
                frame += 1 + rnd.nextLong(1L << (7 * (1 + rnd.nextInt(5))));
                expected[i] = frame;
                f.count(i & 1, 60, frame, t, 0);
                if (rnd.nextInt(40) == 0) assertArrayEquals(Arrays.copyOf(expected, i + 1), f.frames(), "read at " + i);
            }
            // a frame already counted (a reassembled datagram's frames arrive again) is not added twice
            if (n > 0) f.count(0, 60, expected[n - 1], t, 0);
            assertArrayEquals(expected, f.frames(), "trial " + trial);
            assertEquals(n, f.frameCount());
            // as the index writes them, from a copy (the frame list of a long flow, then of a short one)
            FrameNumbers copy = new FrameNumbers();
            f.copyFrames(copy);
            Ascii a = new Ascii();
            copy.write(a);
            StringBuilder b = new StringBuilder();
            for (long v : expected) b.append(b.length() == 0 ? "" : ",").append(v);
            assertEquals(b.toString(), new String(a.buf, 0, a.len, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
