package io.punctual.scheduler.benchmarks.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runner's command line: {@code --quick}, {@code --only=<contender,...>}, {@code --scenarios=S1,S3},
 * {@code --out=<file>}, {@code --s3-period=<seconds>}, {@code --s4-jobs=<n>}, {@code --budget=<seconds>}.
 */
public record Options(boolean quick, Set<Contenders> contenders, Set<String> scenarios, Path out, int s3Period, int s4Jobs,
                      int budgetSeconds) {

    static final List<String> SCENARIOS = List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7");
    /** Seconds an insert or drain phase may take in a full run ({@value}) and with {@code --quick} ({@value #QUICK_BUDGET}). */
    static final int FULL_BUDGET = 60;
    static final int QUICK_BUDGET = 15;

    public static Options parse(String... args) {
        boolean quick = false;
        Set<Contenders> contenders = new LinkedHashSet<>(List.of(Contenders.values()));
        Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
        Path out = null;
        Integer s3Period = null;
        Integer s4Jobs = null;
        Integer budget = null;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                contenders = new LinkedHashSet<>();
                for (String label : value.split(",")) {
                    contenders.add(Contenders.byLabel(label.trim()));
                }
            } else if (arg.startsWith("--scenarios=")) {
                scenarios = new LinkedHashSet<>();
                for (String s : value.split(",")) {
                    String id = s.trim().toUpperCase();
                    if (!SCENARIOS.contains(id)) {
                        throw new IllegalArgumentException("Unknown scenario '" + s + "' in --scenarios; allowed: " + SCENARIOS);
                    }
                    scenarios.add(id);
                }
            } else if (arg.startsWith("--out=")) {
                out = Path.of(value);
            } else if (arg.startsWith("--s3-period=")) {
                s3Period = positive(arg, value);
            } else if (arg.startsWith("--s4-jobs=")) {
                s4Jobs = positive(arg, value);
            } else if (arg.startsWith("--budget=")) {
                budget = positive(arg, value);
            } else {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; allowed: --quick, --only=<contender,...>,"
                        + " --scenarios=<S1,...,S7>, --out=<file>, --s3-period=<seconds 1-60>, --s4-jobs=<n>, --budget=<seconds>");
            }
        }
        if (s3Period != null && (s3Period > 60 || 60 % s3Period != 0)) {
            throw new IllegalArgumentException("--s3-period=" + s3Period + ": must divide 60 (e.g. 5, 15, 60)");
        }
        if (out == null) {
            out = Path.of("scheduler-benchmarks", "results", quick ? "peers-quick.md" : "peers.md");
        }
        return new Options(quick, contenders, scenarios, out,
                s3Period != null ? s3Period : quick ? 3 : 15, s4Jobs != null ? s4Jobs : quick ? 2_000 : 50_000,
                budget != null ? budget : quick ? QUICK_BUDGET : FULL_BUDGET);
    }

    private static int positive(String arg, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(arg + ": expected a positive whole number");
    }

    /** The selected contenders that satisfy {@code persistent}, without the variants run only for throughput. */
    public List<Contenders> pick(boolean persistent) {
        return pick(persistent, false);
    }

    /** The selected contenders that satisfy {@code persistent}, with the variants run only for throughput when {@code tuned}. */
    public List<Contenders> pick(boolean persistent, boolean tuned) {
        List<Contenders> out = new ArrayList<>();
        contenders.forEach(c -> {
            if (c.persistent() == persistent && (tuned || !c.throughputVariant())) {
                out.add(c);
            }
        });
        return out;
    }

    /**
     * The wall-clock budget of one insert or drain phase (S1's inserts and drain, S4's inserts): when it runs out
     * the phase stops and its figures are computed on what it finished, marked in the table.
     */
    public Duration budget() {
        return Duration.ofSeconds(budgetSeconds);
    }

    /**
     * The budget of S4's inserts: half of {@link #budget()} (30 s in a full run). They fill the store that S4
     * measures at rest; their rate is a by-product (S1 measures inserts). In run 5, Quartz JDBC took 47 s for
     * 10,000 and reached 44,429 of 50,000 in 60 s; Punctual took 14.7 s for 50,000, db-scheduler about 11 s.
     */
    public Duration s4Budget() {
        return Duration.ofMillis(budgetSeconds * 500L);
    }

    /**
     * The budget of each phase of a warm-up run (S1's warm-up inserts and drain): a quarter of {@link #budget()}
     * (15 s in a full run). It bounds what a slow contender spends on runs whose
     * numbers are thrown away (in run 5, Quartz JDBC's warm-up drain took 43 s); Punctual's took 6.8 s.
     */
    public Duration warmUpBudget() {
        return Duration.ofMillis(budgetSeconds * 250L);
    }

    /** {@code full} in a full run, {@code quick} with {@code --quick}. */
    public int size(int full, int quick) {
        return this.quick ? quick : full;
    }
}
