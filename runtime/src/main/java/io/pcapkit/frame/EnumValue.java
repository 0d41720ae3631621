package io.pcapkit.frame;

/**
 * An enumerated field: the number on the wire and its short name ({@code Unassigned} when the
 * number has none).
 */
public record EnumValue(long value, String name) {
    /** The name shown for numbers without one. */
    public static final String UNASSIGNED = "Unassigned";

    @Override
    public String toString() {
        return value + " (" + name + ")";
    }
}
