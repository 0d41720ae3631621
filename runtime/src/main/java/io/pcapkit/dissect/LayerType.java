package io.pcapkit.dissect;

import java.util.Locale;

/** The layer a protocol belongs to, for the layer thresholds of {@code extract}. */
public enum LayerType {
    LINK, INTERNET, TRANSPORT, APPLICATION;

    /** Parses {@code link}, {@code internet}, {@code transport}, {@code application} (any case). */
    public static LayerType parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
