package io.pcapkit.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The JSON key constants of one codec's writers ({@code ,"name":}, <code>,"name":&#123;</code>,
 * {@code ,"name":[}), each text once. Keys are ASCII: OutputPlan admits {@code [A-Za-z0-9_/-]} only.
 */
final class JsonKeys {
    static final ClassName JSON_OUT = ClassName.get("io.pcapkit.dissect", "JsonLayerOut");

    private final Map<String, String> names = new LinkedHashMap<>();
    private final List<FieldSpec> fields = new ArrayList<>();

    /** The constant holding {@code text}. */
    String constant(String text) {
        String name = names.get(text);
        if (name != null) return name;
        name = "J_" + names.size();
        names.put(text, name);
        fields.add(FieldSpec.builder(byte[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(CodeBlock.of("$T.key($S)", JSON_OUT, text)).build());
        return name;
    }

    List<FieldSpec> fields() {
        return fields;
    }

    /** Bytes of {@code ,"name"} and {@code tail}. */
    static int length(String name, String tail) {
        return 3 + name.length() + tail.length();
    }
}
