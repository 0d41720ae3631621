package io.pcapkit.reassembly;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * PyPCAPKit's view of a TCP connection: the bytes one side sent between two changes of the
 * direction data flows in (a request, a response), with the frames that carried them. Missing
 * bytes are never filled in: {@link #gaps()} says where they were and how many.
 *
 * @param flow      the connection's flow id (tshark's tcp.stream)
 * @param direction 0 from A (the connection's first sender) to B, 1 back
 * @param index     the message's place in the connection, from 0
 * @param frames    frames whose bytes are in the message, in stream order, each once
 * @param payload   the bytes received, in order, gaps left out
 * @param gaps      where bytes are missing: at {@code position} in {@code payload}, {@code length} bytes
 * @param continues whether the message was cut to stay under a cap and goes on in the next one
 */
public record Message(long flow, Endpoints endpoints, int direction, int index, long[] frames, byte[] payload, List<Gap> gaps,
        boolean continues, Set<Anomaly> anomalies) {

    /** {@code length} bytes never seen, between {@code payload[position - 1]} and {@code payload[position]}. */
    public record Gap(int position, long length) {
    }

    /** Whether every byte of the message was seen. */
    public boolean completed() {
        return gaps.isEmpty();
    }

    /** The sender's side as text: {@code 10.0.0.1:80}. */
    public String source() {
        return direction == 0 ? Endpoints.socket(endpoints.addressA(), endpoints.portA()) : Endpoints.socket(endpoints.addressB(), endpoints.portB());
    }

    public String destination() {
        return direction == 1 ? Endpoints.socket(endpoints.addressA(), endpoints.portA()) : Endpoints.socket(endpoints.addressB(), endpoints.portB());
    }

    @Override
    public String toString() {
        return "flow " + flow + " #" + index + " " + source() + " > " + destination() + " " + payload.length + " bytes, frames "
                + Arrays.toString(frames) + (gaps.isEmpty() ? "" : ", gaps " + gaps) + (continues ? " (continues)" : "");
    }
}
