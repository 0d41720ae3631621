/**
 * Output formats: {@link io.pcapkit.dump.Dumpers} makes a {@link io.pcapkit.dump.Dumper} for
 * {@code json}, {@code ndjson}, {@code plist}, {@code tree}, {@code pcap} or {@code pcapng}, writing
 * one document or, in files mode, a folder of {@code Global Header.<ext>} and
 * {@code Frame <n>.<ext>} files.
 *
 * <h2>The frame record (text formats)</h2>
 * {@code number}, {@code time} (UTC ISO-8601 at the capture's precision), {@code time_epoch} (a
 * decimal number with the capture's digits), {@code cap_len}, {@code len}, {@code interface}
 * (pcapng), {@code packet} (hex, with {@code --bytes}), then the first layer under its key with
 * each next layer nested in the one before it ({@code ethernet} → {@code ipv4} → {@code tcp}), then
 * {@code protocols}, the chain string. In a layer: its fields in wire order (an enumerated value as
 * {@code {"value": 6, "name": "TCP"}}, HEX numbers still numbers, addresses as text, other bytes as
 * lower-case hex, groups as objects, lists as arrays), with {@code --offsets}
 * {@code _offsets: {"<field path>": [offset from the frame start, length]}}, then the nested
 * layer, a {@code raw} node ({@code len}, and {@code data} with {@code --bytes}) or a
 * {@code malformed} node ({@code protocol}, {@code field}, {@code offset}, {@code reason}).
 *
 * <h2>Costs</h2>
 * The text formats share {@code RecordDumper}, which allocates nothing per frame: time and address
 * text is formatted into a reused {@code char[]}, the chain string is rebuilt only when the chain
 * changes, and each format caches its encoded key names by field id. NDJSON also writes an
 * enumerated value's object as pre-encoded text (NDJSON allocates about 1 byte per frame, the
 * reader's). What remains is jackson's own cost per token: about 130 generator calls for an
 * Ethernet/IPv4/TCP record with options, 7-8 ns each on the 2-core development machine. Measured
 * there: {@code bench/run-jmh.sh 'ExtractBench.ndjson'} 1.7 µs per frame (about 0.6 M frames/s,
 * against 0.2 µs for the visitor path over the same synthetic mix); pretty-printed JSON about
 * 4 µs, tree about 4 µs, plist about 5 µs. The NDJSON target of 1.5 M frames/s is not reached
 * with this record through jackson.
 */
package io.pcapkit.dump;
