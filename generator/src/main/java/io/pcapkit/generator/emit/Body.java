package io.pcapkit.generator.emit;

import com.palantir.javapoet.CodeBlock;

/** Writes Java statements as text into a JavaPoet code block (the text never contains JavaPoet's '$'). */
final class Body {
    private final CodeBlock.Builder b = CodeBlock.builder();

    Body line(String stmt) {
        b.addStatement("$L", stmt);
        return this;
    }

    Body open(String head) {
        b.beginControlFlow("$L", head);
        return this;
    }

    Body next(String head) {
        b.nextControlFlow("$L", head);
        return this;
    }

    Body close() {
        b.endControlFlow();
        return this;
    }

    Body comment(String text) {
        b.add("// $L\n", text);
        return this;
    }

    CodeBlock build() {
        return b.build();
    }
}
