package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * S1, burst drain on PostgreSQL: N one-time jobs due now are inserted through each scheduler's one-job API from
 * 8 threads while it is stopped; then it starts and drains them. A warm-up run of N jobs on its own database
 * comes first, then a wait for the JIT compilers to go quiet ({@link JitWarmth}). The insert phase and the drain each
 * have the run's budget ({@link Options#budget()}; a warm-up's phases a quarter of it, {@link Options#warmUpBudget()}),
 * and a drain also stops when no job has started for {@link DrainWait#STALL}: a phase that stops is rated on what it
 * finished and marked, and jobs it did not reach are not counted as missing.
 */
final class S1BurstDrain implements Scenario {

    static final String[] COLUMNS = {"inserts/s", "executions/s", "commits/job insert", "commits/job drain", "duplicates", "missing"};
    static final String VARIANT = "PostgreSQL";

    /** One contender's row, and how far its two phases got. */
    record Result(double[] values, Phase insert, Phase drain) {
    }

    @Override
    public String id() {
        return "S1";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int n = o.size(20_000, 500);
        Table table = new Table("S1 burst drain: " + n + " one-time jobs due now, PostgreSQL", COLUMNS);
        for (Contenders c : o.pick(true)) {
            if (!o.quick()) {
                measure(bench, c, n, true);
                JitWarmth.awaitCompilerQuiet();
            }
            Result r = measure(bench, c, n, false);
            table.add(VARIANT, c.label(), c.isPunctual(), r.values());
            mark(table, c.label(), r);
        }
        return List.of(table.note("Inserts/s: N ÷ time to insert all from 8 threads, scheduler stopped. Executions/s: N ÷ time from"
                + " start() to the last job's start. Commits from pg_stat_database.xact_commit (drain includes start and stop)."
                + " Inserts and drain stop after " + o.budgetSeconds() + " s each, and a drain in which no job started for "
                + DrainWait.STALL.toSeconds() + " s stops then (" + Table.BOUNDED + ": rates and commits per job"
                + " over what finished in time; jobs not reached are not counted as missing)."));
    }

    /** Marks the figures of a stopped phase: the drain's, or everything after a stopped insert (fewer jobs to drain). */
    static void mark(Table table, String contender, Result r) {
        if (r.insert().stopped()) {
            table.bound(VARIANT, contender, r.insert().note("inserted") + (r.drain().stopped() ? "; drain " + r.drain().note("started") : ""),
                    "inserts/s", "commits/job insert", "executions/s", "commits/job drain");
        } else if (r.drain().stopped()) {
            table.bound(VARIANT, contender, "drain " + r.drain().note("started"), "executions/s", "commits/job drain");
        }
    }

    /**
     * One burst drain; a warm-up ({@code warmUp}) runs the same inserts and drain but reads no commit counters and
     * does not wait for late duplicates (its numbers are thrown away).
     */
    static Result measure(Bench bench, Contenders which, int n, boolean warmUp) throws Exception {
        Bench.log("S1 " + which.label() + " " + n + " jobs" + (warmUp ? " (warm-up)" : ""));
        Duration budget = warmUp ? bench.options().warmUpBudget() : bench.options().budget();
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s1_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            long c0 = warmUp ? 0 : db.commits();
            Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Phase insert = Load.parallel(n, budget, i -> {
                recorder.expect("s1-" + i, due);
                c.scheduleOneTime("s1-" + i, due);
            });
            long inserted = insert.done();
            if (!warmUp) {
                db.settleStatistics(c.pool()); // the inserts' last commits are counted as the inserts'
            }
            long c1 = warmUp ? 0 : db.commits();
            long started = System.nanoTime();
            c.start();
            DrainWait.End end = DrainWait.await(recorder, inserted, started, budget);
            double budgetSeconds = budget.toNanos() / 1e9;
            double stoppedAfter = end == DrainWait.End.STALL ? (System.nanoTime() - started) / 1e9 : budgetSeconds;
            Phase drain = new Phase(recorder.distinct(), inserted, (recorder.lastStartNanos() - started) / 1e9,
                    end != DrainWait.End.ALL, stoppedAfter, end == DrainWait.End.STALL);
            Bench.log(String.format("  inserted %d of %d in %.1f s, started %d in %.1f s%s%s", inserted, n, insert.seconds(),
                    drain.done(), drain.seconds(), insert.stopped() || end == DrainWait.End.BUDGET ? " (budget " + Table.format(budgetSeconds) + " s)" : "",
                    drain.stalled() ? String.format(" (stalled: stopped after %.1f s)", stoppedAfter) : ""));
            if (warmUp) {
                return null;
            }
            if (!drain.stopped()) {
                recorder.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(5));
            }
            c.close();
            long c2 = db.commits();
            // a stopped drain goes on until close: its commits are shared by every job that started by then
            long drained = drain.stopped() ? recorder.distinct() : inserted;
            double[] values = {insert.rate(), drain.rate(), (c1 - c0) / (double) inserted, (c2 - c1) / (double) drained,
                    recorder.duplicates(), drain.stopped() ? Double.NaN : recorder.missing()};
            return new Result(values, insert, drain);
        }
    }
}
