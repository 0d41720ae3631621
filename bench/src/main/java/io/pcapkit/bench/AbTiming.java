package io.pcapkit.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Compares two builds in one JVM: each benchmarks jar in a class loader of its own, their
 * {@link InCache} passes alternated, the best CPU time per frame of each kept. The development
 * VM has phases, lasting whole runs, in which everything is about 1.6x slower; runs one after the
 * other then compare phases, not builds. Both builds here see the same phases. Differences under
 * about 10 % are still noise (the same jar against itself gives 0.96-1.11).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.pcapkit.bench.AbTiming OLD.jar NEW.jar FILE PATH[:PATH_B] [ROUNDS]</pre>
 *
 * <p>PATH is one of {@link InCache}'s: ndjson, visitor, decode, hand, flows, or a whole-file run
 * (file-plain, file-ip, file-tcp, file-flows, file-trace, file-deep, file-deep-trace); with
 * {@code PATH:PATH_B} the second jar runs the second path (give one jar twice to compare two
 * paths of one build: what a part of the reassembly costs).
 */
public final class AbTiming {
    /** Rounds before the best is kept: the JIT has settled by then. */
    private static final int WARMUP_ROUNDS = 20;

    private AbTiming() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        Object[] states = new Object[2];
        Method[] timed = new Method[2];
        for (int i = 0; i < 2; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[i]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(InCache.class.getName());
            // PATH_A:PATH_B compares two paths (of the same build, or of two)
            String[] paths = args[3].split(":", 2);
            states[i] = c.getMethod("setup", String.class, String.class).invoke(null, args[2], paths[Math.min(i, paths.length - 1)]);
            timed[i] = c.getMethod("timed", Object.class);
        }
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                long ns = (long) timed[i].invoke(null, states[i]);
                if (round >= Math.min(WARMUP_ROUNDS, rounds / 2)) best[i] = Math.min(best[i], ns);
            }
        }
        System.out.printf("%s: A %d ns CPU/frame, B %d ns CPU/frame, B/A %.3f%n", args[3], best[0], best[1], best[1] / (double) best[0]);
    }
}
