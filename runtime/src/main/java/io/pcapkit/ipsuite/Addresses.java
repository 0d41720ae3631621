package io.pcapkit.ipsuite;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses address literals (never a DNS lookup). */
public final class Addresses {
    private Addresses() {
    }

    /** {@code aa:bb:cc:dd:ee:ff} (or with '-') to 6 bytes. */
    public static byte[] mac(String s) {
        String[] parts = s.split("[:-]");
        if (parts.length != 6) throw new IllegalArgumentException("not a MAC address: " + s);
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) b[i] = (byte) Integer.parseInt(parts[i], 16);
        return b;
    }

    /** An IPv4 or IPv6 literal to 4 or 16 bytes. */
    public static byte[] ip(String s) {
        if (!s.matches("[0-9A-Fa-f:.%]+")) throw new IllegalArgumentException("not an IP address literal: " + s);
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + s, e);
        }
    }

    static byte[] ipv4(String s) {
        byte[] b = ip(s);
        if (b.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + s);
        return b;
    }

    static byte[] ipv6(String s) {
        byte[] b = ip(s);
        if (b.length == 4) {
            byte[] m = new byte[16];
            m[10] = m[11] = (byte) 0xff;
            System.arraycopy(b, 0, m, 12, 4);
            return m;
        }
        return b;
    }
}
