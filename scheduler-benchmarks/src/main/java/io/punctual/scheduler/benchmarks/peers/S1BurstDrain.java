package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * S1, burst drain on PostgreSQL: N one-time jobs due now are inserted through each scheduler's one-job API from
 * 8 threads while it is stopped; then it starts and drains them. A warm-up run of N/10 jobs on its own database
 * comes first.
 */
final class S1BurstDrain implements Scenario {

    static final String[] COLUMNS = {"inserts/s", "executions/s", "commits/job insert", "commits/job drain", "duplicates", "missing"};

    @Override
    public String id() {
        return "S1";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int n = o.size(20_000, 1_000);
        Table table = new Table("S1 burst drain: " + n + " one-time jobs due now, PostgreSQL", COLUMNS);
        for (Contenders c : o.pick(true)) {
            if (!o.quick()) {
                measure(bench, c, n / 10, true);
            }
            table.add("PostgreSQL", c.label(), c.isPunctual(), measure(bench, c, n, false));
        }
        return List.of(table.note("Inserts/s: N ÷ time to insert all from 8 threads, scheduler stopped. Executions/s: N ÷ time from"
                + " start() to the last job's start. Commits from pg_stat_database.xact_commit (drain includes start and stop)."));
    }

    /**
     * One burst drain; a warm-up ({@code warmUp}) runs the same inserts and drain but reads no commit counters and
     * does not wait for late duplicates (its numbers are thrown away), and returns null.
     */
    static double[] measure(Bench bench, Contenders which, int n, boolean warmUp) throws Exception {
        Bench.log("S1 " + which.label() + " " + n + " jobs" + (warmUp ? " (warm-up)" : ""));
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s1_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            long c0 = warmUp ? 0 : db.commits();
            Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            double insertSeconds = Load.parallel(n, i -> {
                recorder.expect("s1-" + i, due);
                c.scheduleOneTime("s1-" + i, due);
            });
            long c1 = warmUp ? 0 : db.commits();
            long started = System.nanoTime();
            c.start();
            recorder.awaitFired(n, Duration.ofSeconds(Math.max(120, n / 50)));
            double drainSeconds = (recorder.lastStartNanos() - started) / 1e9;
            Bench.log(String.format("  inserted in %.1f s, drained in %.1f s", insertSeconds, drainSeconds));
            if (warmUp) {
                return null;
            }
            recorder.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(5));
            c.close();
            long c2 = db.commits();
            return new double[]{n / insertSeconds, recorder.distinct() / drainSeconds, (c1 - c0) / (double) n,
                    (c2 - c1) / (double) n, recorder.duplicates(), recorder.missing()};
        }
    }
}
