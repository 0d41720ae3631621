package io.pcapkit.reassembly;

import io.pcapkit.frame.Formats;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The two ends of a connection or flow: A is the source of its first packet, B the destination.
 * Direction 0 is A to B, direction 1 is B to A. Addresses are 4 or 16 bytes.
 */
public record Endpoints(byte[] addressA, int portA, byte[] addressB, int portB) {
    /** An address as text: dotted IPv4, compressed IPv6 as tshark writes it. */
    public static String text(byte[] a) {
        StringBuilder b = new StringBuilder();
        if (a.length == 4) Formats.ipv4(b, ByteBuffer.wrap(a), 0);
        else Formats.ipv6(b, ByteBuffer.wrap(a), 0);
        return b.toString();
    }

    public String textA() {
        return text(addressA);
    }

    public String textB() {
        return text(addressB);
    }

    /** {@code 10.0.0.1:80} or {@code [2001:db8::1]:80}. */
    public static String socket(byte[] a, int port) {
        return a.length == 16 ? "[" + text(a) + "]:" + port : text(a) + ":" + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoints e && Arrays.equals(addressA, e.addressA) && portA == e.portA && Arrays.equals(addressB, e.addressB)
                && portB == e.portB;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(addressA) * 31 + portA) * 31 * 31 + Arrays.hashCode(addressB) * 31 + portB;
    }

    @Override
    public String toString() {
        return socket(addressA, portA) + " <-> " + socket(addressB, portB);
    }
}
