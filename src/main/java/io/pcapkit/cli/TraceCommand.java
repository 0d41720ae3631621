package io.pcapkit.cli;

import io.pcapkit.ExtractOptions;
import io.pcapkit.Extractor;
import io.pcapkit.Pcapkit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pcapkit trace IN -o DIR [-f FORMAT] [--udp]}: one file per flow and index.json. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = PcapkitCommand.Version.class,
        description = {"Trace the flows of a capture: TCP connections (and UDP flows with --udp), numbered as tshark numbers its streams,",
                "into DIR: index.json ({\"flows\": [...]}) and, with -f, one file per flow (tcp-000000.pcap, ...).",
                "Exit codes: 0 ok, 1 the input had problems (the frames that could be read are traced), 2 usage or I/O error."},
        exitCodeOnInvalidInput = ExitCodes.USAGE_OR_IO, exitCodeOnExecutionException = ExitCodes.USAGE_OR_IO)
public final class TraceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "capture file, or - for standard input")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "output folder (created if needed)")
    String output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "per-flow files: json, ndjson, plist, tree, pcap or pcapng (default: none, the index alone)")
    String format;

    @Option(names = "--udp", description = "trace UDP flows too")
    boolean udp;

    @Option(names = "--reassemble", paramLabel = "WHAT", defaultValue = "ip",
            description = "what to reassemble: ip (the default), ipv4, ipv6, tcp, none; with tcp, the index has each direction's stream bytes")
    String reassemble;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show progress on stderr when it is a terminal (default: on)")
    boolean progress;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        try {
            Path in = input.equals("-") ? null : Paths.get(input);
            ExtractOptions o = in == null ? Pcapkit.extract(System.in, "<stdin>") : Pcapkit.extract(in);
            String problem = Reassembly.apply(o, reassemble, null, null, output, format, udp, null, null);
            if (problem != null) return usage(problem);
            try (Extractor ex = o.open()) {
                int code = Progress.run(ex, in, progress, err);
                long[] flows = ex.flowCounts();
                err.println("pcapkit: " + flows[0] + " TCP" + (udp ? " and " + flows[1] + " UDP" : "") + " flows in " + ex.count() + " frames: "
                        + Paths.get(output).resolve("index.json"));
                return code;
            }
        } catch (IOException e) {
            err.println("pcapkit: " + IoMessage.of(e));
            return ExitCodes.USAGE_OR_IO;
        } catch (java.io.UncheckedIOException e) {
            // an output the run writes as it goes (a trace's index or per-flow files) failed
            err.println("pcapkit: " + IoMessage.of(e.getCause()));
            return ExitCodes.USAGE_OR_IO;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private int usage(String message) {
        System.err.println("pcapkit trace: " + message);
        return ExitCodes.USAGE_OR_IO;
    }
}
