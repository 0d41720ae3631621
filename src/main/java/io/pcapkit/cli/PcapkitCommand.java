package io.pcapkit.cli;

import io.pcapkit.Pcapkit;
import picocli.CommandLine.Command;

/** Top-level command: {@code pcapkit <subcommand>}. */
@Command(name = "pcapkit", mixinStandardHelpOptions = true, versionProvider = PcapkitCommand.Version.class,
        description = "Packet-capture extraction and analysis: pcap and pcapng in, dissected frames out.",
        subcommands = {ExtractCommand.class, TraceCommand.class, FollowCommand.class, picocli.CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE_OR_IO, exitCodeOnExecutionException = ExitCodes.USAGE_OR_IO)
public final class PcapkitCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (extract, trace, follow)");
    }

    /** Prints the library and Java versions. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pcapkit " + Pcapkit.version(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
