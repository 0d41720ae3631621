package io.pcapkit.dissect.proc;

import io.pcapkit.dissect.DissectContext;
import java.nio.ByteBuffer;

/**
 * A runtime processor: Kaitai's {@code process:} for a transformation that Kaitai's expression
 * language cannot describe (a decompression, or a stateful decoding such as HPACK). It turns the
 * bytes of a sized field into a decoded form that the grammar goes on to describe with an ordinary
 * type. Both codecs call the same processor: the fast ones through {@link DissectContext#process},
 * the Kaitai-generated parsers through the {@code CustomDecoder} adapter the generator emits.
 *
 * <p>A processor may keep state per flow direction ({@link DissectContext#state}); the context
 * caches each result for the frame, so a frame decoded twice (decode, then emit) changes the
 * state once.
 */
public interface Processor {
    /** The input ended inside an item (a cut field). */
    int TRUNCATED = -1;
    /** The input is not valid for this processor. */
    int INVALID = -2;
    /** A bound of {@link io.pcapkit.dissect.Limits} was reached. */
    int LIMIT_EXCEEDED = -3;

    /** The name grammars use in {@code process:}. */
    String name();

    /**
     * Decodes {@code [off, off + len)} of {@code src}, appending the decoded form to {@code out}.
     *
     * @param arg the grammar's argument ({@code process: name(arg)}), 0 when it gives none
     * @return 0 on success, or a negative code ({@link #TRUNCATED}, {@link #INVALID},
     *         {@link #LIMIT_EXCEEDED}) with the reason left in {@link DissectContext#failure}
     */
    int process(DissectContext ctx, ByteBuffer src, int off, int len, long arg, Output out);
}
