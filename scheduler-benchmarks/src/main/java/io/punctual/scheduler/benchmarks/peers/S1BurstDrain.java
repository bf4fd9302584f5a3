package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * S1, burst drain on PostgreSQL: N one-time jobs due now are inserted through each scheduler's one-job API from
 * 8 threads while it is stopped; then it starts and drains them. Two warm-up rounds of N jobs come first
 * ({@link #WARM_UP_ROUNDS}), in the same context on the same database; after each the contender is paused and the JIT
 * compilers are left to go quiet ({@link JitWarmth}), and the next round's jobs are inserted before it resumes. Until session 10 the warm-up ran in a context of its own
 * that was closed before the measured one was built: Punctual's hot code was then compiled again during the measured
 * drain (466 compilations in it, 172 of them replacing code made not entrant, C2 using a fifth of the two cores beside
 * the drain), which measures a scheduler's first seconds, not a running application. The insert phase and the drain each
 * have the run's budget ({@link Options#budget()}; a warm-up's inserts a quarter of it, {@link Options#warmUpBudget()}),
 * and a drain also stops when no job has started for {@link DrainWait#STALL}: a phase that stops is rated on what it
 * finished and marked, and jobs it did not reach are not counted as missing.
 */
final class S1BurstDrain implements Scenario {

    static final String[] COLUMNS = {"inserts/s", "executions/s", "commits/job insert", "commits/job drain", "duplicates", "missing",
        "app CPU µs/job", "db CPU µs/job"};
    static final String VARIANT = "PostgreSQL";
    /**
     * Warm-up rounds before the measured one, in the same context: after one, Punctual's compiler threads still used 3.8
     * CPU-seconds in 8 s of the measured drain (methods called once per claim reach C2's thresholds only in the second
     * round); after two, 0.6.
     */
    static final int WARM_UP_ROUNDS = 2;

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
        for (Contenders c : o.pick(true, true)) {
            Result r = measure(bench, c, n, !o.quick());
            table.add(VARIANT, c.label(), c.isPunctual(), r.values());
            mark(table, c.label(), r);
        }
        return List.of(table.note("Inserts/s: N ÷ time to insert all from 8 threads, scheduler stopped. Executions/s: N ÷ time from"
                + " start() to the last job's start. Commits from pg_stat_database.xact_commit (drain includes start and stop)."
                + " CPU per job started, over the drain from start() to the last start: the benchmark's JVM (the scheduler, its"
                + " workers, the JIT, the recorder) and the PostgreSQL server's processes, from /proc: less sensitive to other load on the"
                + " machine than the rates are."
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

    /** CPU microseconds per job started, or NaN when the CPU time could not be read ({@code before} is -1). */
    static double perJob(long before, long cpuNanos, int jobs) {
        return before < 0 || jobs == 0 ? Double.NaN : cpuNanos / 1e3 / jobs;
    }

    /**
     * Measures {@code which} on a database of its own: after a warm-up round in the same context when {@code warmUpFirst}
     * (then paused, the JIT left to go quiet, and resumed for the measured round, whose jobs are new ones). A warm-up that
     * does not drain all its jobs within its budget would leave them to the measured round: the contender is then closed
     * and measured as built anew, on a fresh database, after that warm-up (as every contender was until session 10),
     * and the log says so.
     */
    static Result measure(Bench bench, Contenders which, int n, boolean warmUpFirst) throws Exception {
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s1_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            if (!warmUpFirst) {
                return round(bench, which, db, c, recorder, n, "s1-", false, false);
            }
            boolean drained = true;
            for (int w = 0; w < WARM_UP_ROUNDS && drained; w++) {
                Recorder warm = w == 0 ? recorder : recorder.forwardTo(new Recorder());
                drained = round(bench, which, db, c, warm, n, "w" + w + "-", true, w > 0) == null;
                if (drained) {
                    c.pause();
                    JitWarmth.awaitCompilerQuiet();
                }
            }
            if (drained) {
                return round(bench, which, db, c, recorder.forwardTo(new Recorder()), n, "s1-", false, true);
            }
        }
        // as every contender was measured until session 10: after a warm-up in a context of its own, now closed
        Bench.log("  the warm-up did not drain all its jobs: measured on a fresh database and context, after that warm-up");
        JitWarmth.awaitCompilerQuiet();
        return measure(bench, which, n, false);
    }

    /**
     * One burst drain: inserts {@code n} jobs while the contender does not fire, starts (or resumes) it, and waits for the
     * drain. A warm-up ({@code warmUp}) reads no commit counters, does not wait for late duplicates and leaves the contender
     * open: it returns null when it drained all its jobs, else a result to throw away. A measured round closes it.
     */
    private static Result round(Bench bench, Contenders which, Db db, Contender c, Recorder recorder, int n, String prefix,
                                boolean warmUp, boolean resume) throws Exception {
        Bench.log("S1 " + which.label() + " " + n + " jobs" + (warmUp ? " (warm-up)" : resume ? " (after the warm-up, same context)" : ""));
        // a warm-up inserts within a quarter of the budget, but has the whole budget to drain: the measured round must not
        // start with its jobs left over (a contender slower than that is measured afresh instead, see measure)
        Duration insertBudget = warmUp ? bench.options().warmUpBudget() : bench.options().budget();
        Duration budget = bench.options().budget();
        long c0 = warmUp ? 0 : db.commits();
        Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Phase insert = Load.parallel(n, insertBudget, i -> {
            recorder.expect(prefix + i, due);
            c.scheduleOneTime(prefix + i, due);
        });
        long inserted = insert.done();
        if (!warmUp) {
            db.settleStatistics(c.pool()); // the inserts' last commits are counted as the inserts'
        }
        long c1 = warmUp ? 0 : db.commits();
        long appCpu0 = Db.jvmCpuNanos();
        long dbCpu0 = db.serverCpuNanos();
        long started = System.nanoTime();
        if (resume) {
            c.resume();
        } else {
            c.start();
        }
        DrainWait.End end = DrainWait.await(recorder, inserted, started, budget);
        long appCpu = Db.jvmCpuNanos() - appCpu0;
        long dbCpu = db.serverCpuNanos() - dbCpu0;
        int startedJobs = recorder.distinct();
        double budgetSeconds = budget.toNanos() / 1e9;
        double stoppedAfter = end == DrainWait.End.STALL ? (System.nanoTime() - started) / 1e9 : budgetSeconds;
        Phase drain = new Phase(recorder.distinct(), inserted, (recorder.lastStartNanos() - started) / 1e9,
                end != DrainWait.End.ALL, stoppedAfter, end == DrainWait.End.STALL);
        Bench.log(String.format("  inserted %d of %d in %.1f s, started %d in %.1f s%s%s", inserted, n, insert.seconds(),
                drain.done(), drain.seconds(), insert.stopped() || end == DrainWait.End.BUDGET ? " (budget " + Table.format(budgetSeconds) + " s)" : "",
                drain.stalled() ? String.format(" (stalled: stopped after %.1f s)", stoppedAfter) : ""));
        if (warmUp) {
            return insert.stopped() || drain.stopped() ? new Result(null, insert, drain) : null;
        }
        if (!drain.stopped()) {
            recorder.awaitQuiet(Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
        c.close();
        long c2 = db.commits();
        // a stopped drain goes on until close: its commits are shared by every job that started by then
        long drained = drain.stopped() ? recorder.distinct() : inserted;
        double[] values = {insert.rate(), drain.rate(), (c1 - c0) / (double) inserted, (c2 - c1) / (double) drained,
                recorder.duplicates(), drain.stopped() ? Double.NaN : recorder.missing(), perJob(appCpu0, appCpu, startedJobs),
                perJob(dbCpu0, dbCpu, startedJobs)};
        return new Result(values, insert, drain);
    }
}
