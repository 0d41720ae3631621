package io.pcapkit.generator;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.pcapkit.generator.emit.FastCodecEmitter;
import io.pcapkit.generator.emit.FieldsEmitter;
import io.pcapkit.generator.emit.KaitaiCodecEmitter;
import io.pcapkit.generator.emit.OutputPlan;
import io.pcapkit.generator.emit.ProtocolIndex;
import io.pcapkit.generator.emit.ProtocolsEmitter;
import io.pcapkit.generator.emit.Registries;
import io.pcapkit.generator.emit.Unsupported;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.GrammarLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build-time entry point: finds every grammar under {@code --grammars}, emits the glue into
 * {@code --out} and runs the Kaitai Struct compiler into {@code --ksc-out}. Output is
 * reproducible byte for byte (no timestamps) and the output folders are cleaned first.
 */
public final class Main {
    static final String GEN_PKG = "io.pcapkit.gen";

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        Path grammars = null;
        Path out = null;
        Path kscOut = null;
        boolean runKsc = true;
        Path docs = null;
        boolean diagrams = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--grammars" -> grammars = Paths.get(args[++i]);
                case "--out" -> out = Paths.get(args[++i]);
                case "--ksc-out" -> kscOut = Paths.get(args[++i]);
                case "--no-ksc" -> runKsc = false;
                case "--docs" -> docs = Paths.get(args[++i]);
                case "--diagrams" -> diagrams = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: --grammars DIR --out DIR --ksc-out DIR [--no-ksc] [--docs DIR [--diagrams]])");
            }
        }
        if (grammars == null || out == null || kscOut == null) {
            throw new IllegalArgumentException("usage: --grammars DIR --out DIR --ksc-out DIR [--no-ksc]");
        }
        Result r = generate(grammars.toAbsolutePath().normalize(), out);
        System.out.println("[pcapkit-generator] " + r.grammars.size() + " grammars, " + r.protocols + " protocol entries, "
                + r.fastCount + " fast codecs; " + r.fields + " fields");
        for (String note : r.notes) System.out.println("[pcapkit-generator] " + note);
        if (docs != null) {
            boolean dot = diagrams && Diagrams.available();
            if (diagrams && !dot) System.out.println("[pcapkit-generator] Graphviz 'dot' not found: the field reference has no diagrams");
            io.pcapkit.generator.emit.DocsEmitter.write(r.grammars, new io.pcapkit.generator.emit.ProtocolIndex(r.grammars), docs, dot);
            if (dot) Diagrams.write(grammars, r.grammars, docs);
            System.out.println("[pcapkit-generator] field reference in " + docs);
        }
        if (runKsc) runKsc(grammars, kscOut, r.grammars);
    }

    /** What one generation produced. */
    public record Result(List<Grammar> grammars, int protocols, int fastCount, int fields, List<String> notes) {
    }

    public static List<Path> findGrammars(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".ksy")).sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList();
        }
    }

    public static Result generate(Path grammarsDir, Path out) throws IOException {
        List<Grammar> grammars = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Path p : findGrammars(grammarsDir)) {
            Grammar g = GrammarLoader.load(grammarsDir, p);
            String prev = ids.put(g.id, g.relPath);
            if (prev != null) throw new GeneratorException("grammars/" + g.relPath, "meta/id '" + g.id + "' is also used by grammars/" + prev);
            grammars.add(g);
        }
        Registries registries = Registries.load(grammarsDir.resolve("registry"));
        ProtocolIndex index = new ProtocolIndex(grammars);
        cleanDir(out);
        List<JavaFile> files = new ArrayList<>();
        Map<String, Boolean> hasFast = new LinkedHashMap<>();
        Map<String, Boolean> hasRef = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int nextId = 0;
        int fastCount = 0;
        for (Grammar g : grammars) {
            OutputPlan plan = new OutputPlan(g, registries, nextId);
            nextId = plan.nextId();
            files.add(file(FieldsEmitter.emit(g, plan), g));
            try {
                files.add(file(new FastCodecEmitter(g, plan, GEN_PKG, index).emit(), g));
                hasFast.put(g.id, true);
                fastCount++;
            } catch (Unsupported u) {
                if (!g.isProtocol()) {
                    throw new GeneratorException("grammars/" + g.relPath, "capture-format grammars must compile to the fast path: " + u.getMessage());
                }
                notes.add("grammars/" + g.relPath + ": no fast path (" + u.getMessage() + "); the Kaitai-backed codec is used");
            }
            if (g.isProtocol()) {
                files.add(file(new KaitaiCodecEmitter(g, plan, index).emit(), g));
                hasRef.put(g.id, true);
            }
        }
        files.add(JavaFile.builder(GEN_PKG, ProtocolsEmitter.emit(index, hasFast, hasRef, nextId))
                .addFileComment("Generated by pcapkit-generator from grammars/**/*.ksy: do not edit.").skipJavaLangImports(true).build());
        for (Grammar g : grammars) {
            if (io.pcapkit.generator.emit.RuntimeTypes.PRIMITIVES.containsKey(g.id) || io.pcapkit.generator.emit.RuntimeTypes.PROCESSORS.containsKey(g.id)) {
                throw new GeneratorException("grammars/" + g.relPath, "meta/id '" + g.id + "' is the name of a runtime type or processor");
            }
        }
        for (com.palantir.javapoet.TypeSpec a : io.pcapkit.generator.emit.RuntimeTypes.adapters()) {
            files.add(JavaFile.builder("io.pcapkit.kaitai", a)
                    .addFileComment("Generated by pcapkit-generator from grammars/ (a runtime type or processor for Kaitai-generated parsers): do not edit.").build());
        }
        for (Registries.Registry reg : registries.all()) {
            files.add(JavaFile.builder("io.pcapkit.registry", Registries.emit(reg))
                    .addFileComment("Generated by pcapkit-generator from grammars/registry/$L.tsv: do not edit.", reg.id()).build());
        }
        for (JavaFile f : files) f.writeTo(out);
        return new Result(grammars, index.entries.size(), fastCount, nextId, notes);
    }

    private static JavaFile file(TypeSpec t, Grammar g) {
        return JavaFile.builder(GEN_PKG, t).addFileComment("Generated by pcapkit-generator from grammars/$L: do not edit.", g.relPath)
                .skipJavaLangImports(true).build();
    }

    static void cleanDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(dir);
    }

    /**
     * Runs the Kaitai Struct compiler in-process on every grammar (last: on a grammar error it
     * calls {@code System.exit(2)}, which Maven's exec plugin turns into a build failure).
     */
    static void runKsc(Path grammars, Path kscOut, List<Grammar> all) throws IOException {
        cleanDir(kscOut);
        List<String> a = new ArrayList<>(List.of("--target", "java", "--java-package", "io.pcapkit.kaitai",
                "--outdir", kscOut.toString(), "--import-path", grammars.toString()));
        for (Grammar g : all) a.add(g.file.toString());
        io.kaitai.struct.JavaMain.main(a.toArray(new String[0]));
    }
}
