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

    /** A key constant and the length of its text. */
    record Key(String constant, int length) {
    }

    /** The key {@code ,"name"} followed by {@code tail} ({@code :}, <code>:&#123;</code> or {@code :[}). */
    Key of(String name, String tail) {
        String text = ",\"" + name + "\"" + tail;
        return new Key(constant(text), text.length());
    }

    /** The constant holding {@code text}. */
    private String constant(String text) {
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

}
