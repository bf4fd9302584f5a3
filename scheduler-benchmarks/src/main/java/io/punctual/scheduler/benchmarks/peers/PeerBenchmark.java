package io.punctual.scheduler.benchmarks.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peer benchmark: runs the selected scenarios for Punctual and its peers, prints one markdown table per
 * scenario and writes them, with the machine and versions, to the results file. See the module's README.
 */
public final class PeerBenchmark {

    static final Map<String, Scenario> SCENARIOS = Map.of(
            "S1", new S1BurstDrain(), "S2", new S2OpenLoop(), "S3", new S3CronHerd(), "S4", new S4BigStore(),
            "S5", new S5KillNode(), "S6", new S6InMemory(), "S7", new S7Startup());

    private PeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path out = run(options);
        System.out.println("Results written to " + out.toAbsolutePath());
        System.exit(0);
    }

    /** Runs the scenarios of {@code options} and returns the results file. */
    public static Path run(Options options) throws Exception {
        long t0 = System.nanoTime();
        List<Table> tables = new ArrayList<>();
        Map<String, Double> scenarioMinutes = new LinkedHashMap<>();
        String pg;
        try (Bench bench = new Bench(options)) {
            for (String id : options.scenarios()) {
                Bench.log("=== " + id);
                long s0 = System.nanoTime();
                List<Table> result = SCENARIOS.get(id).run(bench);
                scenarioMinutes.put(id, (System.nanoTime() - s0) / 6e10);
                Bench.log(String.format(Locale.ROOT, "=== %s took %.1f min", id, scenarioMinutes.get(id)));
                result.forEach(t -> System.out.println("\n" + t.markdown()));
                tables.addAll(result);
            }
            pg = bench.pgDescription();
        }
        double minutes = (System.nanoTime() - t0) / 6e10;
        String report = Environment.header(options, pg, minutes, scenarioMinutes) + Goals.markdown(tables)
                + tables.stream().map(Table::markdown).reduce("", String::concat);
        Path out = options.out();
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        Files.writeString(out, report);
        return out;
    }
}
