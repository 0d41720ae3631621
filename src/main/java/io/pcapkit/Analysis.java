package io.pcapkit;

import io.pcapkit.capture.PacketRecord;
import io.pcapkit.dissect.Chain;
import io.pcapkit.dissect.Dissector;
import io.pcapkit.dissect.DissectOptions;
import io.pcapkit.frame.Info;
import io.pcapkit.frame.InfoBuilder;
import java.nio.ByteBuffer;

/**
 * What {@link Pcapkit#analyse(byte[])} found in an application payload: the protocol recognised by
 * content (FTP, HTTP/1.x, HTTP/2, or any grammar with a {@code heuristic}), its chain and its
 * fields. PyPCAPKit's {@code analyse} tried FTP, HTTP/1 and HTTP/2 in turn; here each grammar's
 * heuristic decides (FTP needs a known command or a reply code line, never just any line ending
 * in CRLF; HTTP/2 its connection preface), and the first that matches decodes the payload.
 *
 * @param protocol the chain token of the first layer ({@code FTP}, {@code HTTP/1.1}, {@code HTTP/2}),
 *                 or {@code Raw} when no grammar recognised the payload
 * @param chain    the whole chain, e.g. {@code HTTP/2:HTTP/2} for two frames, ending in the failing
 *                 protocol when the payload is malformed (a message cut short: more bytes needed)
 * @param fields   the first layer's fields (with the layers after it nested, as in a frame record),
 *                 empty when raw
 * @param malformed whether a layer could not be decoded
 */
public record Analysis(String protocol, String chain, Info fields, boolean malformed) {

    static Analysis of(byte[] payload) {
        Dissector d = new Dissector(new DissectOptions().sniff(true));
        InfoBuilder b = new InfoBuilder();
        PacketRecord r = new PacketRecord();
        r.buffer = ByteBuffer.wrap(payload);
        r.capLen = payload.length;
        r.origLen = payload.length;
        r.number = 1;
        Chain c = d.analyse(r.buffer, 0, payload.length, r, b);
        Info frame = b.frame();
        String chain = frame.string("protocols");
        if (c.size() == 0 && !c.isMalformed()) return new Analysis("Raw", chain, Info.of(java.util.Map.of()), false);
        io.pcapkit.dissect.Protocol first = c.size() > 0 ? c.protocol(0) : c.malformedProtocol();
        Info fields = frame.info(first.key);
        return new Analysis(first.name, chain, fields == null ? Info.of(java.util.Map.of()) : fields, c.isMalformed());
    }
}
