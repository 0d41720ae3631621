package io.pcapkit.frame;

import io.pcapkit.dissect.Chain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The protocols of a frame in order, e.g. {@code Ethernet:IPv4:TCP}. Membership is
 * case-insensitive and knows the group aliases the grammars declare ({@code IP} for IPv4 and IPv6,
 * {@code IPsec} for AH and ESP, {@code HTTP} for HTTP/1.x and HTTP/2).
 */
public final class ProtoChain {
    private final List<String> names;
    private final List<List<String>> groups;

    private ProtoChain(List<String> names, List<List<String>> groups) {
        this.names = Collections.unmodifiableList(names);
        this.groups = groups;
    }

    /** The chain of a dissected frame (transparent layers are left out; undissected bytes end it in Raw). */
    public static ProtoChain of(Chain c) {
        List<String> n = new ArrayList<>();
        List<List<String>> g = new ArrayList<>();
        c.forEachShown(p -> {
            n.add(p.name);
            g.add(p.groups);
        });
        if (c.showsRaw()) {
            n.add("Raw");
            g.add(List.of());
        }
        return new ProtoChain(n, g);
    }

    /** Parses a chain string such as {@code Ethernet:IPv4:TCP} (no group aliases known). */
    public static ProtoChain parse(String s) {
        List<String> n = new ArrayList<>();
        List<List<String>> g = new ArrayList<>();
        for (String t : s.split(":")) {
            if (t.isEmpty()) continue;
            n.add(t);
            g.add(List.of());
        }
        return new ProtoChain(n, g);
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String get(int i) {
        return names.get(i);
    }

    /** Whether a layer is named {@code name} (any case) or belongs to a group of that name. */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** Position of the first layer matching {@code name} as in {@link #contains}, or -1. */
    public int indexOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(n)) return i;
            for (String grp : groups.get(i)) if (grp.toLowerCase(Locale.ROOT).equals(n)) return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        return String.join(":", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtoChain p && p.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }
}
