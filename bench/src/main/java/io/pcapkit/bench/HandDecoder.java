package io.pcapkit.bench;

import io.pcapkit.capture.PacketRecord;
import java.nio.ByteBuffer;

/**
 * A measurement baseline, not part of the library: a hand-written, zero-allocation decoder of the
 * synthetic capture's layers (Ethernet, 802.1Q, ARP, IPv4, IPv6, TCP, UDP; options as their
 * offset and length) that reads every header field, bit fields split as the grammars split them,
 * and folds each value into an accumulator as {@link BlackholeSink} does. It checks only what it
 * needs not to read past the frame. It is the performance notes' "ceiling" (item 8) on this
 * machine: no decoder that hands every field to a consumer can cost less, so it bounds from below
 * what issue 2's visitor can reach against the record walk.
 */
final class HandDecoder {
    private static final int ETHERNET = 14;

    private HandDecoder() {
    }

    /** One record: its header's fields, then its frame's. */
    static long record(PacketRecord r) {
        long acc = r.time.seconds;
        acc = acc * 31 + r.time.fraction;
        acc = acc * 31 + r.capLen;
        acc = acc * 31 + r.origLen;
        return acc * 31 + frame(r.buffer, r.offset, r.capLen);
    }

    /** One frame of {@code [off, off + len)}; returns its fold of every field. */
    static long frame(ByteBuffer b, int off, int len) {
        int end = off + len;
        if (len < ETHERNET) return len;
        long acc = mac(b, off);
        acc = acc * 31 + mac(b, off + 6);
        int type = b.getShort(off + 12) & 0xffff;
        acc = acc * 31 + type;
        int p = off + ETHERNET;
        while (type == 0x8100 && p + 4 <= end) {
            int tci = b.getShort(p) & 0xffff;
            acc = acc * 31 + (tci >>> 13);
            acc = acc * 31 + (tci >>> 12 & 1);
            acc = acc * 31 + (tci & 0xfff);
            type = b.getShort(p + 2) & 0xffff;
            acc = acc * 31 + type;
            p += 4;
        }
        return switch (type) {
            case 0x0800 -> ipv4(b, p, end, acc);
            case 0x86dd -> ipv6(b, p, end, acc);
            case 0x0806 -> arp(b, p, end, acc);
            default -> acc;
        };
    }

    private static long mac(ByteBuffer b, int at) {
        return (b.getShort(at) & 0xffffL) << 32 | b.getInt(at + 2) & 0xffffffffL;
    }

    private static long arp(ByteBuffer b, int p, int end, long acc) {
        if (p + 8 > end) return acc;
        acc = acc * 31 + (b.getShort(p) & 0xffff);
        acc = acc * 31 + (b.getShort(p + 2) & 0xffff);
        int hlen = b.get(p + 4) & 0xff;
        int plen = b.get(p + 5) & 0xff;
        acc = acc * 31 + hlen;
        acc = acc * 31 + plen;
        acc = acc * 31 + (b.getShort(p + 6) & 0xffff);
        if (hlen != 6 || plen != 4 || p + 28 > end) return acc;
        acc = acc * 31 + mac(b, p + 8);
        acc = acc * 31 + (b.getInt(p + 14) & 0xffffffffL);
        acc = acc * 31 + mac(b, p + 18);
        return acc * 31 + (b.getInt(p + 24) & 0xffffffffL);
    }

    private static long ipv4(ByteBuffer b, int p, int end, long acc) {
        if (p + 20 > end) return acc;
        int vi = b.get(p) & 0xff;
        int ihl = (vi & 15) * 4;
        acc = acc * 31 + (vi >>> 4);
        acc = acc * 31 + (vi & 15);
        int tos = b.get(p + 1) & 0xff;
        acc = acc * 31 + (tos >>> 2);
        acc = acc * 31 + (tos & 3);
        int total = b.getShort(p + 2) & 0xffff;
        acc = acc * 31 + total;
        acc = acc * 31 + (b.getShort(p + 4) & 0xffff);
        int ff = b.getShort(p + 6) & 0xffff;
        acc = acc * 31 + (ff >>> 15);
        acc = acc * 31 + (ff >>> 14 & 1);
        acc = acc * 31 + (ff >>> 13 & 1);
        acc = acc * 31 + (ff & 0x1fff);
        acc = acc * 31 + (b.get(p + 8) & 0xff);
        int proto = b.get(p + 9) & 0xff;
        acc = acc * 31 + proto;
        acc = acc * 31 + (b.getShort(p + 10) & 0xffff);
        acc = acc * 31 + (b.getInt(p + 12) & 0xffffffffL);
        acc = acc * 31 + (b.getInt(p + 16) & 0xffffffffL);
        if (ihl < 20 || p + ihl > end) return acc;
        acc = acc * 31 + (ihl - 20); // options: their bytes' length
        if ((ff & 0x3fff) != 0) return acc; // a fragment: its payload stays raw
        int payloadEnd = Math.min(end, p + Math.max(ihl, total));
        return transport(b, proto, p + ihl, payloadEnd, acc);
    }

    private static long ipv6(ByteBuffer b, int p, int end, long acc) {
        if (p + 40 > end) return acc;
        int first = b.getInt(p);
        acc = acc * 31 + (first >>> 28);
        acc = acc * 31 + (first >>> 20 & 0xff);
        acc = acc * 31 + (first & 0xfffff);
        int payload = b.getShort(p + 4) & 0xffff;
        acc = acc * 31 + payload;
        int next = b.get(p + 6) & 0xff;
        acc = acc * 31 + next;
        acc = acc * 31 + (b.get(p + 7) & 0xff);
        acc = acc * 31 + b.getLong(p + 8);
        acc = acc * 31 + b.getLong(p + 16);
        acc = acc * 31 + b.getLong(p + 24);
        acc = acc * 31 + b.getLong(p + 32);
        return transport(b, next, p + 40, Math.min(end, p + 40 + payload), acc);
    }

    private static long transport(ByteBuffer b, int proto, int p, int end, long acc) {
        if (proto == 17) {
            if (p + 8 > end) return acc;
            acc = acc * 31 + (b.getShort(p) & 0xffff);
            acc = acc * 31 + (b.getShort(p + 2) & 0xffff);
            acc = acc * 31 + (b.getShort(p + 4) & 0xffff);
            return acc * 31 + (b.getShort(p + 6) & 0xffff);
        }
        if (proto != 6 || p + 20 > end) return acc;
        acc = acc * 31 + (b.getShort(p) & 0xffff);
        acc = acc * 31 + (b.getShort(p + 2) & 0xffff);
        acc = acc * 31 + (b.getInt(p + 4) & 0xffffffffL);
        acc = acc * 31 + (b.getInt(p + 8) & 0xffffffffL);
        int of = b.getShort(p + 12) & 0xffff;
        int dataOffset = (of >>> 12) * 4;
        acc = acc * 31 + (of >>> 12);
        acc = acc * 31 + (of >>> 9 & 7);
        for (int bit = 8; bit >= 0; bit--) acc = acc * 31 + (of >>> bit & 1);
        acc = acc * 31 + (b.getShort(p + 14) & 0xffff);
        acc = acc * 31 + (b.getShort(p + 16) & 0xffff);
        acc = acc * 31 + (b.getShort(p + 18) & 0xffff);
        if (dataOffset < 20 || p + dataOffset > end) return acc;
        return acc * 31 + (dataOffset - 20); // options: their bytes' length
    }
}
