package io.punctual.scheduler.benchmarks.peers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * S7, start-up: {@link StartupProbe} in fresh JVMs with and without Punctual's auto-configuration, alternating,
 * the median of several starts each; what the starter adds to start-up time and heap.
 */
final class S7Startup implements Scenario {

    /** What a probe reports: start-up ms, main thread CPU ms, JVM CPU ms, heap MiB. */
    private static final int COLUMNS = 4;

    @Override
    public String id() {
        return "S7";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        int runs = runs(bench.options());
        List<double[]> with = new ArrayList<>();
        List<double[]> without = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            with.add(probe("with"));
            without.add(probe("without"));
        }
        double[] w = median(with);
        double[] wo = median(without);
        Table table = new Table("S7 start-up: a small JPA application (H2) with three @ScheduledJob methods, median of " + runs,
                "start-up ms", "main thread CPU ms", "JVM CPU ms", "heap MiB");
        table.add("start-up", "with the starter", true, w);
        table.add("start-up", "without (auto-configuration excluded)", false, wo);
        double[] added = new double[COLUMNS];
        for (int k = 0; k < COLUMNS; k++) {
            added[k] = w[k] - wo[k];
        }
        table.add("added by the starter", "with − without", false, added);
        return List.of(table.note("Start-up: JVM uptime when SpringApplication.run returned (scheduler started). CPU as run"
                + " returned: the main thread's (which runs the start-up), and the JVM's (compilers, GC and the other threads"
                + " too); steadier than the uptime on a shared machine. Heap: used after GC."));
    }

    /** Starts of each variant: 3 in a full run (5 in run 5 gave the same picture: with 5.3-5.9 s, without 3.6-4.2 s), 1 with --quick. */
    static int runs(Options o) {
        return o.size(3, 1);
    }

    private static double[] probe(String variant) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                StartupProbe.class.getName(), variant).redirectErrorStream(true).start();
        double[] result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("STARTUP ")) {
                    String[] parts = line.split(" ");
                    result = new double[]{Double.parseDouble(parts[1]), Double.parseDouble(parts[3]),
                            Double.parseDouble(parts[4]), Double.parseDouble(parts[2])};
                }
            }
        }
        p.waitFor();
        if (result == null) {
            throw new IllegalStateException("StartupProbe " + variant + " printed no result (exit " + p.exitValue() + ")");
        }
        Bench.log("S7 " + variant + ": " + result[0] + " ms, main thread CPU " + result[1] + " ms, JVM CPU " + result[2]
                + " ms, " + result[3] + " MiB");
        return result;
    }

    private static double[] median(List<double[]> samples) {
        double[] out = new double[COLUMNS];
        for (int k = 0; k < COLUMNS; k++) {
            int col = k;
            double[] v = samples.stream().mapToDouble(s -> s[col]).sorted().toArray();
            out[k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }
}
