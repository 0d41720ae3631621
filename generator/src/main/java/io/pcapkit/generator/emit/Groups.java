package io.pcapkit.generator.emit;

import java.util.ArrayList;
import java.util.List;

/** Tracks the dotted {@code -json} groups open around a type's output fields, in output order. */
final class Groups {
    private final List<String> open = new ArrayList<>();

    /** Group paths to close (innermost first) and to open (outermost first) before a field with {@code path}. */
    record Step(List<String> close, List<String> open) {
    }

    Step before(String path) {
        String[] parts = path.split("\\.");
        List<String> want = List.of(parts).subList(0, parts.length - 1);
        int common = 0;
        while (common < open.size() && common < want.size() && open.get(common).equals(want.get(common))) common++;
        List<String> close = new ArrayList<>();
        for (int i = open.size() - 1; i >= common; i--) close.add(String.join(".", open.subList(0, i + 1)));
        while (open.size() > common) open.remove(open.size() - 1);
        List<String> opened = new ArrayList<>();
        for (int i = common; i < want.size(); i++) {
            open.add(want.get(i));
            opened.add(String.join(".", open));
        }
        return new Step(close, opened);
    }

    /** The groups open now, to go back to with {@link #restore} (code for another branch was emitted meanwhile). */
    List<String> save() {
        return new ArrayList<>(open);
    }

    void restore(List<String> saved) {
        open.clear();
        open.addAll(saved);
    }

    List<String> closeAll() {
        List<String> close = new ArrayList<>();
        for (int i = open.size() - 1; i >= 0; i--) close.add(String.join(".", open.subList(0, i + 1)));
        open.clear();
        return close;
    }
}
