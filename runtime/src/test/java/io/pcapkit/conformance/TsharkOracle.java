package io.pcapkit.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tshark's per-frame fields for one capture: {@code NAME.tshark.tsv}, merged with
 * {@code NAME.tshark-app.tsv} when present (both keyed by frame.number). {@code #} lines are
 * comments, the first other line is the header, an empty cell is an absent field.
 */
final class TsharkOracle {
    private final List<Map<String, String>> rows;

    private TsharkOracle(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    static TsharkOracle load(Path capture) throws IOException {
        List<Map<String, String>> rows = read(sibling(capture, ".tshark.tsv"));
        Path app = sibling(capture, ".tshark-app.tsv");
        if (Files.exists(app)) {
            List<Map<String, String>> extra = read(app);
            if (extra.size() != rows.size()) {
                throw new IOException(app + ": " + extra.size() + " rows, but " + rows.size() + " in the main oracle");
            }
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> r = rows.get(i);
                Map<String, String> e = extra.get(i);
                if (!r.get("frame.number").equals(e.get("frame.number"))) {
                    throw new IOException(app + ": row " + (i + 1) + " is frame " + e.get("frame.number") + ", not " + r.get("frame.number"));
                }
                // the main oracle wins where both have a column: they come from the same run
                for (var c : e.entrySet()) r.putIfAbsent(c.getKey(), c.getValue());
            }
        }
        return new TsharkOracle(rows);
    }

    private static Path sibling(Path capture, String suffix) {
        return capture.resolveSibling(capture.getFileName() + suffix);
    }

    private static List<Map<String, String>> read(Path tsv) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        String[] header = null;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isEmpty()) continue;
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.length != header.length) {
                throw new IOException(tsv + ": a row has " + cells.length + " cells, the header " + header.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], cells[i].isEmpty() ? null : cells[i]);
            out.add(row);
        }
        return out;
    }

    int size() {
        return rows.size();
    }

    /** The row of the {@code i}-th frame (0-based), column name to value (null when absent). */
    Map<String, String> row(int i) {
        return rows.get(i);
    }

    boolean has(String column) {
        return !rows.isEmpty() && rows.get(0).containsKey(column);
    }
}
