package io.pcapkit.cli;

import io.pcapkit.ExtractOptions;
import io.pcapkit.Extractor;
import io.pcapkit.Pcapkit;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.dissect.Protocol;
import io.pcapkit.dump.Dumpers;
import io.pcapkit.gen.Protocols;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pcapkit extract IN [-o OUT|-] [-f FORMAT] ...}: dissect a capture and write its frames. */
@Command(name = "extract", mixinStandardHelpOptions = true, versionProvider = PcapkitCommand.Version.class,
        description = {"Dissect every frame of a pcap or pcapng capture (optionally gzip/xz/zstd-compressed) and write the frames.",
                "Exit codes: 0 ok, 1 the input had problems (the frames that could be read are written), 2 usage or I/O error."},
        exitCodeOnInvalidInput = ExitCodes.USAGE_OR_IO, exitCodeOnExecutionException = ExitCodes.USAGE_OR_IO)
public final class ExtractCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "capture file, or - for standard input")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "output file (a folder with --files), or - for standard output (the default)")
    String output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "json, ndjson, plist, tree, pcap or pcapng (default: from OUT's extension, else json)")
    String format;

    @Option(names = "--layer", paramLabel = "LAYER", description = "stop after this layer: link, internet, transport or application")
    String layer;

    @Option(names = "--protocol", paramLabel = "PROTO", description = "stop after the first layer of this protocol (e.g. IPv4, IP, TCP)")
    String protocol;

    @Option(names = "--files", description = "write one file per frame into the folder OUT")
    boolean files;

    @Option(names = "--offsets", description = "add _offsets: {field: [offset, length]} to each layer")
    boolean offsets;

    @Option(names = "--bytes", description = "add the raw frame bytes (and undissected bytes) as hex")
    boolean bytes;

    @Option(names = "--shallow", description = "write option lists and other nested structures as their bytes (hex)")
    boolean shallow;

    @Option(names = {"-v", "--verbose"}, description = "print each frame's protocol chain on stderr")
    boolean verbose;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show progress on stderr when it is a terminal (default: on)")
    boolean progress;

    @Option(names = {"-d", "--decode-as"}, paramLabel = "RULE",
            description = "decode as, in tshark's syntax: tcp.port==8097,http2 (repeatable)")
    java.util.List<String> decodeAs = new java.util.ArrayList<>();

    @Option(names = "--reference", hidden = true, description = "dissect with the Kaitai-backed reference codecs")
    boolean reference;

    @Option(names = "--reassemble", paramLabel = "WHAT", defaultValue = "ip",
            description = "what to reassemble: ip (IPv4 and IPv6, the default), ipv4, ipv6, tcp, none; comma-separated (ip,tcp)")
    String reassemble;

    @Option(names = "--ip-policy", paramLabel = "POLICY", defaultValue = "bsd",
            description = "where IP fragments overlap: first, last, bsd (default), bsd-right, linux, windows, solaris, drop-on-overlap")
    String ipPolicy;

    @Option(names = "--tcp-policy", paramLabel = "POLICY", defaultValue = "first",
            description = "where TCP segments overlap: first (default) or last")
    String tcpPolicy;

    @Option(names = "--trace", paramLabel = "DIR", description = "trace flows into DIR: index.json and, with --trace-format, one file per flow")
    String trace;

    @Option(names = "--trace-format", paramLabel = "FORMAT", description = "per-flow file format: json, ndjson, plist, tree, pcap or pcapng")
    String traceFormat;

    @Option(names = "--trace-udp", description = "trace UDP flows too")
    boolean traceUdp;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            ExtractOptions o;
            Path in = null;
            if (input.equals("-")) {
                o = Pcapkit.extract(System.in, "<stdin>");
            } else {
                in = Paths.get(input);
                o = Pcapkit.extract(in);
            }
            boolean toStdout = output == null || output.equals("-");
            String fmt = format != null ? format.toLowerCase(Locale.ROOT) : (toStdout ? "json" : Extractor.formatFor(output));
            if (!Dumpers.FORMATS.contains(fmt)) {
                return usage("unknown format '" + format + "' (formats: " + String.join(", ", Dumpers.FORMATS) + ")");
            }
            if (layer != null) {
                try {
                    o.layer(LayerType.parse(layer));
                } catch (IllegalArgumentException e) {
                    return usage("unknown layer '" + layer + "' (layers: link, internet, transport, application)");
                }
            }
            if (protocol != null) {
                if (!knownProtocol(protocol)) return usage("unknown protocol '" + protocol + "' (known: " + String.join(", ", protocolNames()) + ")");
                o.protocol(protocol);
            }
            if (files && toStdout) return usage("--files needs -o FOLDER");
            String problem = Reassembly.apply(o, reassemble, ipPolicy, tcpPolicy, trace, traceFormat, traceUdp, layer, protocol);
            if (problem != null) return usage(problem);
            for (String rule : decodeAs) o.decodeAs(rule);
            o.format(fmt).files(files).offsets(offsets).bytes(bytes).shallow(shallow).reference(reference);
            if (verbose) o.verbose(err::println);
            OutputStream stdout = null;
            if (toStdout) {
                if (Dumpers.isBinary(fmt) && System.console() != null) {
                    return usage("refusing to write binary " + fmt + " to a terminal: use -o FILE or redirect standard output");
                }
                stdout = new BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
                o.output(stdout);
            } else {
                o.output(Paths.get(output));
            }
            int code;
            try (Extractor ex = o.open()) {
                code = Progress.run(ex, in, progress, err);
                if (verbose) Reassembly.report(ex, err);
            }
            if (stdout != null) stdout.flush();
            return code;
        } catch (IOException e) {
            if (stdoutClosed(e)) return ExitCodes.OK;
            err.println("pcapkit: " + IoMessage.of(e));
            return ExitCodes.USAGE_OR_IO;
        } catch (java.io.UncheckedIOException e) {
            if (stdoutClosed(e)) return ExitCodes.OK;
            // an output the run writes as it goes (a trace's index or per-flow files) failed
            err.println("pcapkit: " + IoMessage.of(e.getCause()));
            return ExitCodes.USAGE_OR_IO;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    /** Standard output closed by its reader ({@code | head}): the run ends quietly. */
    private boolean stdoutClosed(Throwable e) {
        return (output == null || output.equals("-")) && ClosedOutput.is(e);
    }

    private int usage(String message) {
        System.err.println("pcapkit extract: " + message);
        return ExitCodes.USAGE_OR_IO;
    }

    static boolean knownProtocol(String name) {
        for (Protocol p : Protocols.all()) if (DissectOptions.matches(p, name)) return true;
        return false;
    }

    static TreeSet<String> protocolNames() {
        TreeSet<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Protocol p : Protocols.all()) {
            if (p.transparent) continue;
            s.add(p.name);
            s.addAll(p.groups);
        }
        return s;
    }
}
