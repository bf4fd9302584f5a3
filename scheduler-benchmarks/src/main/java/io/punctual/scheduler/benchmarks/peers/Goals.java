package io.punctual.scheduler.benchmarks.peers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * The runtime-core issue's goals, each checked against this run's tables: met or not, and by how much. A figure
 * from a phase that its budget stopped ({@link Table#bound}) is compared as it is (a rate over what finished in
 * time) and flagged in the "measured" column.
 */
final class Goals {

    private static final String P = "punctual-jpa";
    /** Punctual claiming only for its free threads, and db-scheduler tuned for throughput (see {@link Contenders}). */
    private static final String P0 = "punctual-jpa-q0";
    private static final String DBS_4X = "dbs-lock-and-fetch-4x";

    private Goals() {
    }

    static String markdown(List<Table> tables) {
        List<String> rows = new ArrayList<>();
        find(tables, "S1 ").ifPresent(t -> {
            String v = "PostgreSQL";
            double mine = t.value(v, P, "executions/s");
            double dbs = t.value(v, "dbs-lock-and-fetch", "executions/s");
            rows.add(row("S1 drain executions/s ≥ 2× dbs-lock-and-fetch", mine >= 2 * dbs,
                    fmt(mine) + " vs " + fmt(dbs) + " (" + fmt(mine / dbs) + "×)"
                            + stopped(t, v, "executions/s", P, "dbs-lock-and-fetch")));
            double tuned = t.value(v, DBS_4X, "executions/s");
            if (!Double.isNaN(tuned)) {
                rows.add(info("S1 drain against " + DBS_4X + " (tuned for throughput)",
                        fmt(mine) + " vs " + fmt(tuned) + " (" + fmt(mine / tuned) + "×)" + stopped(t, v, "executions/s", P, DBS_4X)));
            }
            double strict = t.value(v, P0, "executions/s");
            if (!Double.isNaN(strict)) {
                rows.add(info("S1 drain with queue-capacity 0 (" + P0 + ": claims only for free threads)",
                        fmt(strict) + " vs " + fmt(dbs) + " (" + fmt(strict / dbs) + "×)"
                                + stopped(t, v, "executions/s", P0, "dbs-lock-and-fetch")));
            }
            double commits = t.value(v, P, "commits/job drain");
            rows.add(row("S1 drain ≤ 0.3 commits per job", commits <= 0.3, fmt(commits) + stopped(t, v, "commits/job drain", P)));
            rows.add(row("S1 drain 0 duplicates", t.value(v, P, "duplicates") == 0, fmt(t.value(v, P, "duplicates"))));
            double ins = t.value(v, P, "inserts/s");
            // the faster db-scheduler variant of those that ran (Math.max would give NaN when one did not run)
            double dbsIns = DoubleStream.of(t.value(v, "dbs-lock-and-fetch", "inserts/s"), t.value(v, "dbs-fetch", "inserts/s"))
                    .filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
            rows.add(row("S1 inserts/s ≥ db-scheduler's", ins >= dbsIns, fmt(ins) + " vs " + fmt(dbsIns)
                    + stopped(t, v, "inserts/s", P, "dbs-lock-and-fetch", "dbs-fetch")));
        });
        find(tables, "S2 ").ifPresent(t -> {
            for (String v : List.of("PostgreSQL 200/s", "PostgreSQL 500/s")) {
                double p99 = t.value(v, P, "p99 ms");
                double early = t.value(v, P, "early");
                double commits = t.value(v, P, "commits/job");
                rows.add(row("S2 " + v + ": p99 ≤ 20 ms, 0 early, ≤ 2 commits/job", p99 <= 20 && early == 0 && commits <= 2,
                        "p99 " + fmt(p99) + " ms, early " + fmt(early) + ", commits/job " + fmt(commits)));
            }
        });
        find(tables, "S6 ").ifPresent(t -> {
            String v = "10000/s";
            double p99 = t.value(v, "punctual-memory", "p99 ms");
            double tpts = t.value(v, "spring-tpts", "p99 ms");
            rows.add(row("S6 10,000/s: p99 ≤ 2 ms and ≤ 2× ThreadPoolTaskScheduler", p99 <= 2 && p99 <= 2 * tpts,
                    fmt(p99) + " ms vs " + fmt(tpts) + " ms"));
        });
        find(tables, "S3 ").ifPresent(t -> {
            String v = t.rows().isEmpty() ? "" : t.rows().get(0).variant();
            double last = t.value(v, P, "last start ms (max)");
            double missed = t.value(v, P, "missed");
            double doubled = t.value(v, P, "doubled");
            rows.add(row("S3 all started within 1 s, none missed or doubled", last <= 1000 && missed == 0 && doubled == 0,
                    "last start " + fmt(last) + " ms, missed " + fmt(missed) + ", doubled " + fmt(doubled)));
            double strict = t.value(v, P0, "last start ms (max)");
            if (!Double.isNaN(strict)) {
                rows.add(info("S3 with queue-capacity 0 (" + P0 + ")", "last start " + fmt(strict) + " ms, missed "
                        + fmt(t.value(v, P0, "missed")) + ", doubled " + fmt(t.value(v, P0, "doubled"))));
            }
        });
        if (rows.isEmpty()) {
            return "";
        }
        return "### Goals of the runtime-core issue (Punctual's JPA store unless noted)\n\n| goal | met | measured |\n|---|---|---|\n"
                + String.join("", rows) + "\n";
    }

    /** " (… stopped by the budget, see the table)" when a compared figure comes from a stopped phase. */
    private static String stopped(Table t, String variant, String column, String... contenders) {
        List<String> stopped = new ArrayList<>();
        for (String c : contenders) {
            if (t.bounded(variant, c, column)) {
                stopped.add(c);
            }
        }
        return stopped.isEmpty() ? "" : " " + Table.BOUNDED + " (" + String.join(", ", stopped)
                + ": stopped by the budget, over what finished in time)";
    }

    private static java.util.Optional<Table> find(List<Table> tables, String prefix) {
        return tables.stream().filter(t -> t.title().startsWith(prefix)).findFirst();
    }

    /** A row for comparison, not a goal of the issue: its "met" column is a dash. */
    private static String info(String what, String measured) {
        return "| " + what + " | – | " + (measured.contains("NaN") ? "not measured" : measured) + " |\n";
    }

    private static String row(String goal, boolean met, String measured) {
        return "| " + goal + " | " + (measured.contains("NaN") ? "not measured" : met ? "yes" : "**no**") + " | " + measured + " |\n";
    }

    /**
     * A measured figure with at least three significant digits of its real value, in the tables' style
     * ({@link Table#format}); below 0.1, where the tables' three decimals would keep fewer, rounded to three
     * significant digits. Not rounded to two decimals first, which showed 0.254 as "0.250".
     */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a > 0 && a < 0.1) {
            return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).toPlainString();
        }
        return Table.format(v);
    }
}
