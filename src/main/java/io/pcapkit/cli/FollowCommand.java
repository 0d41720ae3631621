package io.pcapkit.cli;

import io.pcapkit.ExtractOptions;
import io.pcapkit.Extractor;
import io.pcapkit.Pcapkit;
import io.pcapkit.dissect.LayerType;
import io.pcapkit.flow.Flow;
import io.pcapkit.flow.Follow;
import io.pcapkit.flow.FollowText;
import io.pcapkit.ipsuite.Addresses;
import io.pcapkit.reassembly.Endpoints;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pcapkit follow IN --flow ID | --between A:P,B:P [--udp] [--mode ascii|raw]}: a flow's payload, as tshark -z follow. */
@Command(name = "follow", mixinStandardHelpOptions = true, versionProvider = PcapkitCommand.Version.class,
        description = {"Print one flow's payload in order, as tshark -z follow,tcp|udp,ascii|raw does; bytes never captured show as",
                "[N bytes missing in capture file]. The flow is chosen by id (tshark's tcp.stream or udp.stream) or by its endpoints.",
                "Exit codes: 0 ok, 1 the input had problems, 2 usage or I/O error (or no such flow)."},
        exitCodeOnInvalidInput = ExitCodes.USAGE_OR_IO, exitCodeOnExecutionException = ExitCodes.USAGE_OR_IO)
public final class FollowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "capture file, or - for standard input")
    String input;

    static final class Which {
        @Option(names = "--flow", paramLabel = "ID", description = "the flow's id (tshark's tcp.stream / udp.stream)")
        Long id;

        @Option(names = "--between", paramLabel = "A:PORT,B:PORT", description = "the first flow between these sockets, either way round ([v6]:port for IPv6)")
        String between;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--udp", description = "follow a UDP flow (default: TCP)")
    boolean udp;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "ascii", description = "ascii (default) or raw (hex)")
    String mode;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "output file (default: standard output)")
    String output;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "show progress on stderr when it is a terminal (default: on)")
    boolean progress;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        String proto = udp ? "UDP" : "TCP";
        FollowText.Mode m;
        try {
            m = FollowText.Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            return usage("unknown mode '" + mode + "' (ascii, raw)");
        }
        Endpoints between = null;
        if (which.id == null) {
            between = endpoints(which.between);
            if (between == null) return usage("--between wants A:PORT,B:PORT (IPv6 as [addr]:port): " + which.between);
        }
        Writer out = null;
        try {
            Path in = input.equals("-") ? null : Paths.get(input);
            ExtractOptions o = in == null ? Pcapkit.extract(System.in, "<stdin>") : Pcapkit.extract(in);
            out = new BufferedWriter(output == null ? new OutputStreamWriter(System.out, StandardCharsets.ISO_8859_1)
                    : Files.newBufferedWriter(Paths.get(output), StandardCharsets.ISO_8859_1), 1 << 16);
            // streamed: the banner goes out with the first chunk (the flow is known by then)
            FollowText text = new FollowText(out, m);
            Follow[] self = new Follow[1];
            boolean[] begun = {false};
            java.util.function.Consumer<Follow.Chunk> sink = c -> {
                if (!begun[0]) {
                    begun[0] = true;
                    text.begin(proto, self[0].flow().id(), self[0].flow().endpoints());
                }
                text.chunk(c);
            };
            Follow follow = which.id != null ? Follow.byId(proto, which.id, sink) : Follow.byEndpoints(proto, between, sink);
            self[0] = follow;
            o.layer(LayerType.TRANSPORT).follow(follow);
            int code;
            try (Extractor ex = o.open()) {
                code = Progress.run(ex, in, progress, err);
            }
            Flow f = follow.flow();
            if (f == null) {
                err.println("pcapkit follow: no such " + proto + " flow in " + input);
                return ExitCodes.USAGE_OR_IO;
            }
            if (!begun[0]) text.begin(proto, f.id(), f.endpoints());
            text.end();
            // written out before the exit code is decided: a write that fails here is an I/O error
            Writer done = out;
            out = null;
            done.flush();
            if (output != null) done.close();
            return code;
        } catch (IOException | UncheckedIOException e) {
            if (output == null && ClosedOutput.is(e)) return ExitCodes.OK; // | head: the reader stopped
            err.println("pcapkit: " + IoMessage.of(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
            return ExitCodes.USAGE_OR_IO;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } finally {
            // an early return or an error: what was written goes out if it can (its error, if any,
            // is the one already reported)
            if (out != null) {
                try {
                    out.flush();
                    if (output != null) out.close();
                } catch (IOException e) {
                    // reported above, or nothing to report
                }
            }
        }
    }

    /** {@code 10.0.0.1:80,10.0.0.2:1234} or {@code [2001:db8::1]:80,[2001:db8::2]:1234}, or null. */
    static Endpoints endpoints(String s) {
        String[] two = s.split(",");
        if (two.length != 2) return null;
        try {
            byte[][] a = new byte[2][];
            int[] p = new int[2];
            for (int i = 0; i < 2; i++) {
                String x = two[i].trim();
                int colon = x.lastIndexOf(':');
                if (colon < 0) return null;
                String host = x.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
                a[i] = Addresses.ip(host);
                p[i] = Integer.parseInt(x.substring(colon + 1));
                if (p[i] < 0 || p[i] > 65535) return null;
            }
            if (a[0].length != a[1].length) return null;
            return new Endpoints(a[0], p[0], a[1], p[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private int usage(String message) {
        System.err.println("pcapkit follow: " + message);
        return ExitCodes.USAGE_OR_IO;
    }
}
