package io.pcapkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * An accepted difference with tshark: in one capture, for the frames it names (a list, or a
 * condition described in words), the fields it names differ for the reason it gives. Each must
 * match at least one difference, so that a stale entry is noticed and removed.
 */
record Accepted(String capture, String frames, BiPredicate<Map<String, String>, Layers> frameTest, List<String> fields,
        String reason) {

    /** Frames by number: {@code "3"}, {@code "1-4,9"}. */
    static BiPredicate<Map<String, String>, Layers> numbers(String spec) {
        Set<Long> set = new TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            if (dash < 0) {
                set.add(Long.parseLong(p));
            } else {
                for (long i = Long.parseLong(p.substring(0, dash)); i <= Long.parseLong(p.substring(dash + 1)); i++) set.add(i);
            }
        }
        return (row, ours) -> set.contains(Long.parseLong(row.get("frame.number")));
    }

    static Accepted of(String capture, String frames, String fields, String reason) {
        return new Accepted(capture, "frames " + frames, numbers(frames), split(fields), reason);
    }

    static Accepted where(String capture, String description, BiPredicate<Map<String, String>, Layers> test, String fields,
            String reason) {
        return new Accepted(capture, description, test, split(fields), reason);
    }

    private static List<String> split(String fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields.split(",")) out.add(f.trim());
        return out;
    }

    /** Whether tshark's chain for the frame has {@code token}. */
    static boolean tsharkChainHas(Map<String, String> row, String token) {
        String p = row.get("frame.protocols");
        if (p == null) return false;
        for (String t : p.split(":")) if (t.equals(token)) return true;
        return false;
    }

    boolean covers(String captureName, Map<String, String> row, Layers ours, String field) {
        if (!capture.equals(captureName)) return false;
        boolean fieldMatches = false;
        for (String f : fields) {
            if (f.equals(field) || (f.endsWith(".*") && field.startsWith(f.substring(0, f.length() - 1)))) {
                fieldMatches = true;
                break;
            }
        }
        return fieldMatches && frameTest.test(row, ours);
    }

    @Override
    public String toString() {
        return capture + " " + frames + " " + fields + ": " + reason;
    }
}
