package io.pcapkit.dissect;

/** What a field holds, so that dumpers and {@code Info} can lay it out without looking at values. */
public enum FieldKind {
    NUMBER, BOOL, ENUM, BYTES, TEXT,
    /** a nested object (a user type, or a dotted {@code -json} group such as {@code flags}) */
    GROUP,
    /** an array (a repeated field) */
    LIST
}
