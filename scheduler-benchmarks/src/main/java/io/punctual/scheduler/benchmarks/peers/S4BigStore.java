package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * S4, big store on PostgreSQL: a store of 10,000 and one of {@code --s4-jobs} future jobs (due in a day), inserted
 * through the API while stopped; then, running: database transactions per second while idle, and a trickle of
 * 20 jobs a second due 1 s after submission whose lateness is the per-fire claim latency; heap growth. The inserts
 * have the run's budget ({@link Options#budget()}): when it runs out the store holds what was inserted by then, and
 * every figure of that row is marked (it was measured with a smaller store).
 */
final class S4BigStore implements Scenario {

    static final String[] COLUMNS = {"inserts/s", "idle commits/s", "trickle p50 ms", "trickle p99 ms", "trickle max ms", "heap MiB"};

    @Override
    public String id() {
        return "S4";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int small = 10_000;
        Table table = new Table("S4 big store: claim latency and idle cost with " + (o.quick() ? "" : small + " vs ") + o.s4Jobs()
                + " stored jobs", COLUMNS);
        for (Contenders c : o.pick(true)) {
            for (int size : o.quick() ? List.of(o.s4Jobs()) : List.of(small, o.s4Jobs())) {
                String variant = String.format("%,d stored", size);
                Result r = measure(bench, c, size, o.size(10, 2));
                table.add(variant, c.label(), c.isPunctual(), r.values());
                if (r.insert().stopped()) {
                    table.bound(variant, c.label(), r.insert().note("stored") + "; idle, trickle and heap measured with those", COLUMNS);
                }
            }
        }
        return List.of(table.note("Idle commits/s: xact_commit growth over the idle seconds with nothing due (a proxy for queries per"
                + " second; PostgreSQL counts one per transaction). Heap: used heap after GC with the store loaded minus before"
                + " inserting, in this JVM. The smaller store warms up the JIT for the bigger. Inserts stop after "
                + o.budgetSeconds() + " s (" + Table.BOUNDED + ": inserts/s over what was stored in time, the rest measured with that"
                + " smaller store)."));
    }

    /** One store's row, and how far its inserts got. */
    record Result(double[] values, Phase insert) {
    }

    static Result measure(Bench bench, Contenders which, int size, int seconds) throws Exception {
        Bench.log("S4 " + which.label() + " " + size + " stored jobs");
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s4_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            double heap0 = Environment.heapMiB();
            Instant future = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
            Phase insert = Load.parallel(size, bench.options().budget(), i -> c.scheduleOneTime("future-" + i, future));
            if (insert.stopped()) {
                Bench.log("  " + insert.note("stored") + " (budget)");
            }
            c.start();
            LockSupport.parkNanos(Math.min(3, seconds) * 1_000_000_000L);
            long c0 = db.commitsNow();
            LockSupport.parkNanos(seconds * 1_000_000_000L);
            double idle = (db.commitsNow() - c0) / (double) seconds;
            Load.OpenLoop trickle = Load.openLoop(c, recorder, "trickle-", 20, Duration.ofSeconds(seconds), Duration.ofSeconds(1),
                    OpenLoopRun.GRACE);
            recorder.awaitFired(trickle.submitted(), Duration.ofSeconds(30));
            double heap = Environment.heapMiB() - heap0;
            return new Result(new double[]{insert.rate(), idle, recorder.latenessMs(50), recorder.latenessMs(99),
                    recorder.maxLatenessMs(), heap}, insert);
        }
    }
}
