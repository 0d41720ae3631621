package io.pcapkit.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.GeneratorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Registries vendored as data files in {@code grammars/registry/*.tsv} (value, name, description,
 * with their source and date in {@code #} header lines), turned into Java types such as
 * {@code EtherType.of(0x0800)}. Grammars name them with {@code -enum}.
 */
public final class Registries {
    /** One registry file. */
    public record Registry(String id, String javaClass, String title, String source, TreeMap<Long, String[]> values) {
    }

    private final Map<String, Registry> byId = new LinkedHashMap<>();

    /** Registries with at most this many entries also get named constants ({@code EtherType.IPV4}). */
    private static final int MAX_CONSTANTS = 1024;
    /** Java string constants are limited to 65,535 bytes of UTF-8: the data is split into chunks below it. */
    private static final int CHUNK_CHARS = 16_000;

    public static Registries load(Path dir) {
        Registries r = new Registries();
        if (!Files.isDirectory(dir)) return r;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            throw new GeneratorException(dir.toString(), "cannot list: " + e.getMessage());
        }
        for (Path f : files) r.add(f);
        return r;
    }

    private void add(Path f) {
        String id = f.getFileName().toString().replaceFirst("\\.tsv$", "");
        String where = "grammars/registry/" + f.getFileName();
        Map<String, String> header = new LinkedHashMap<>();
        TreeMap<Long, String[]> values = new TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GeneratorException(where, "cannot read: " + e.getMessage());
        }
        boolean sawColumns = false;
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) continue;
            if (line.startsWith("#")) {
                int c = line.indexOf(':');
                if (c > 0) header.put(line.substring(1, c).trim(), line.substring(c + 1).trim());
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (!sawColumns) {
                if (!cols[0].equals("value")) throw new GeneratorException(where + ":" + n, "first row must be the column names: value, name, description");
                sawColumns = true;
                continue;
            }
            long v;
            try {
                v = cols[0].startsWith("0x") ? Long.parseLong(cols[0].substring(2), 16) : Long.parseLong(cols[0]);
            } catch (NumberFormatException e) {
                throw new GeneratorException(where + ":" + n, "bad value '" + cols[0] + "'");
            }
            String name = cols.length > 1 ? cols[1] : "";
            String desc = cols.length > 2 ? cols[2] : name;
            if (values.put(v, new String[] {name, desc}) != null) throw new GeneratorException(where + ":" + n, "duplicate value " + cols[0]);
        }
        for (String k : List.of("class", "source", "date")) {
            if (!header.containsKey(k)) throw new GeneratorException(where, "header line '# " + k + ": ...' is required");
        }
        byId.put(id, new Registry(id, header.get("class"), header.getOrDefault("title", id), header.get("source") + " (" + header.get("date") + ")", values));
    }

    public String javaClass(String id) {
        Registry r = byId.get(id);
        return r == null ? null : r.javaClass();
    }

    public Set<String> names() {
        return byId.keySet();
    }

    public List<Registry> all() {
        return new ArrayList<>(byId.values());
    }

    /** The generated type of one registry. */
    public static TypeSpec emit(Registry r) {
        ClassName self = ClassName.get("io.pcapkit.registry", r.javaClass());
        TypeSpec.Builder c = TypeSpec.classBuilder(self).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("$L: $L values, generated from {@code grammars/registry/$L.tsv}.\n<p>Source: $L.\n",
                        r.title(), r.values().size(), r.id(), r.source());
        c.addField(FieldSpec.builder(TypeName.LONG, "value", Modifier.PUBLIC, Modifier.FINAL).addJavadoc("The number on the wire.\n").build());
        c.addField(FieldSpec.builder(String.class, "name", Modifier.PUBLIC, Modifier.FINAL).addJavadoc("Short name, or {@code Unassigned}.\n").build());
        c.addField(FieldSpec.builder(String.class, "description", Modifier.PUBLIC, Modifier.FINAL).build());
        c.addField(FieldSpec.builder(TypeName.BOOLEAN, "assigned", Modifier.PUBLIC, Modifier.FINAL).build());
        c.addField(FieldSpec.builder(long[].class, "KEYS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        c.addField(FieldSpec.builder(String[].class, "NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        c.addField(FieldSpec.builder(String[].class, "DESCRIPTIONS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        // nameOf runs for every enumerated field of every frame: an open-addressing table (load <= 1/2)
        // answers in one probe where a binary search over thousands of keys takes a dozen branches
        c.addField(FieldSpec.builder(long[].class, "SLOT_KEYS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        c.addField(FieldSpec.builder(String[].class, "SLOT_NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        // data as text chunks: a switch or array initialiser of thousands of entries would exceed the 64 KiB method limit
        StringBuilder data = new StringBuilder();
        for (Map.Entry<Long, String[]> e : r.values().entrySet()) {
            data.append(e.getKey()).append('\t').append(clean(e.getValue()[0])).append('\t').append(clean(e.getValue()[1])).append('\n');
        }
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < data.length(); i += CHUNK_CHARS) chunks.add(data.substring(i, Math.min(data.length(), i + CHUNK_CHARS)));
        CodeBlock.Builder init = CodeBlock.builder();
        init.addStatement("$T b = new $T()", StringBuilder.class, StringBuilder.class);
        for (String ch : chunks) init.addStatement("b.append($S)", ch);
        init.addStatement("String[] rows = b.toString().split($S)", "\n");
        init.addStatement("int n = b.length() == 0 ? 0 : rows.length");
        init.addStatement("KEYS = new long[n]");
        init.addStatement("NAMES = new String[n]");
        init.addStatement("DESCRIPTIONS = new String[n]");
        init.beginControlFlow("for (int i = 0; i < n; i++)");
        init.addStatement("String[] cols = rows[i].split($S, -1)", "\t");
        init.addStatement("KEYS[i] = Long.parseLong(cols[0])");
        init.addStatement("NAMES[i] = cols[1]");
        init.addStatement("DESCRIPTIONS[i] = cols[2]");
        init.endControlFlow();
        init.addStatement("int slots = Integer.highestOneBit(Math.max(1, n) * 2) * 2");
        init.addStatement("SLOT_KEYS = new long[slots]");
        init.addStatement("SLOT_NAMES = new String[slots]");
        init.addStatement("$T.fill(SLOT_KEYS, -1L)", java.util.Arrays.class);
        init.beginControlFlow("for (int i = 0; i < n; i++)");
        init.addStatement("int h = slot(KEYS[i], slots - 1)");
        init.addStatement("while (SLOT_KEYS[h] != -1L) h = (h + 1) & (slots - 1)");
        init.addStatement("SLOT_KEYS[h] = KEYS[i]");
        init.addStatement("SLOT_NAMES[h] = NAMES[i]");
        init.endControlFlow();
        if (r.values().size() <= MAX_CONSTANTS) {
            // named constants are assigned here, after the tables they are looked up in
            Set<String> used = new HashSet<>();
            for (Map.Entry<Long, String[]> e : r.values().entrySet()) {
                String id = constantName(e.getValue()[0]);
                if (id.isEmpty() || !used.add(id)) id = (id.isEmpty() ? "VALUE" : id) + "_" + e.getKey();
                used.add(id);
                c.addField(FieldSpec.builder(self, id, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("$L ($L).\n", javadocText(e.getValue()[1]), e.getKey()).build());
                init.addStatement("$L = of($LL)", id, e.getKey());
            }
        }
        c.addStaticBlock(init.build());
        c.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(TypeName.LONG, "value").addParameter(String.class, "name").addParameter(String.class, "description")
                .addParameter(TypeName.BOOLEAN, "assigned")
                .addStatement("this.value = value").addStatement("this.name = name").addStatement("this.description = description")
                .addStatement("this.assigned = assigned").build());
        c.addMethod(MethodSpec.methodBuilder("nameOf").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(String.class)
                .addParameter(TypeName.LONG, "value")
                .addJavadoc("The short name of {@code value}, or null when it is unassigned.\n")
                .addStatement("if (value < 0) return null")
                .addStatement("int mask = SLOT_KEYS.length - 1")
                .addStatement("int h = slot(value, mask)")
                .beginControlFlow("for (long k; (k = SLOT_KEYS[h]) != value; h = (h + 1) & mask)")
                .addStatement("if (k == -1L) return null")
                .endControlFlow()
                .addStatement("return SLOT_NAMES[h]").build());
        c.addMethod(MethodSpec.methodBuilder("slot").addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(TypeName.INT)
                .addParameter(TypeName.LONG, "value").addParameter(TypeName.INT, "mask")
                .addComment("Fibonacci hashing: consecutive numbers (ports, protocol numbers) spread over the table")
                .addStatement("return (int) ((value * 0x9E3779B97F4A7C15L) >>> 40) & mask").build());
        c.addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(self)
                .addParameter(TypeName.LONG, "value")
                .addJavadoc("The entry for {@code value}; an unassigned number is kept with its value.\n")
                .addStatement("int i = $T.binarySearch(KEYS, value)", java.util.Arrays.class)
                .addStatement("return i < 0 ? new $T(value, $S, $S, false) : new $T(value, NAMES[i], DESCRIPTIONS[i], true)",
                        self, "Unassigned", "Unassigned", self).build());
        c.addMethod(MethodSpec.methodBuilder("values").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), self))
                .addJavadoc("Every assigned entry, by value.\n")
                .addStatement("$T<$T> out = new $T<>(KEYS.length)", List.class, self, ArrayList.class)
                .addStatement("for (int i = 0; i < KEYS.length; i++) out.add(new $T(KEYS[i], NAMES[i], DESCRIPTIONS[i], true))", self)
                .addStatement("return $T.unmodifiableList(out)", java.util.Collections.class).build());
        c.addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(String.class).addStatement("return value + $S + name + $S", " (", ")").build());
        c.addMethod(MethodSpec.methodBuilder("equals").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN).addParameter(Object.class, "o")
                .addStatement("return o instanceof $T && (($T) o).value == value", self, self).build());
        c.addMethod(MethodSpec.methodBuilder("hashCode").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT).addStatement("return Long.hashCode(value)").build());
        return c.build();
    }

    static String javadocText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "* /").replace("@", "&#64;");
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }

    static String constantName(String name) {
        String s = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) return "";
        if (Character.isDigit(s.charAt(0))) s = "_" + s;
        return s;
    }
}
