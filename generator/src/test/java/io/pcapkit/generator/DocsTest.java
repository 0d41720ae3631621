package io.pcapkit.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pcapkit.generator.emit.DocsEmitter;
import io.pcapkit.generator.emit.OutputPlan;
import io.pcapkit.generator.emit.ProtocolIndex;
import io.pcapkit.generator.model.FieldDef;
import io.pcapkit.generator.model.Grammar;
import io.pcapkit.generator.model.GrammarLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field reference covers every grammar and every output field, so it cannot lag behind them. */
class DocsTest {
    @Test
    void everyGrammarHasAPageListingEveryOutputField(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("pcapkit.root", "..")).resolve("grammars").toAbsolutePath().normalize();
        List<Grammar> grammars = new ArrayList<>();
        for (Path p : Main.findGrammars(root)) grammars.add(GrammarLoader.load(root, p));
        DocsEmitter.write(grammars, new ProtocolIndex(grammars), tmp, false);
        String index = Files.readString(tmp.resolve("README.md"));
        for (Grammar g : grammars) {
            Path page = tmp.resolve(g.id + ".md");
            assertTrue(Files.exists(page), "a page for " + g.id);
            String text = Files.readString(page);
            if (g.isProtocol()) {
                assertTrue(index.contains("](" + g.id + ".md)"), "the index links " + g.id);
                assertTrue(text.contains("| chain token | `" + g.layer.name + "`"), g.id + " names its chain token");
            }
            for (FieldDef f : OutputPlan.outputs(g.top)) {
                assertTrue(text.contains("`" + f.outputPath() + "`"), g.id + ": field " + f.outputPath());
            }
        }
        assertTrue(index.contains("`ethertype`: ") && index.contains("0x0800 → IPv4"), "dispatch tables are listed");
    }
}
