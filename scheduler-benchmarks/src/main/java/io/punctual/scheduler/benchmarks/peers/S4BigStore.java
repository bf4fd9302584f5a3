package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * S4, big store on PostgreSQL: a store of 10,000 and one of {@code --s4-jobs} future jobs (due in a day), inserted
 * through the API while stopped; then, running: database transactions per second while idle (with the bigger store
 * only), and a trickle of {@value #TRICKLE_RATE} jobs a second due 1 s after submission whose lateness is the
 * per-fire claim latency (200 of them in a full run); heap growth. The inserts have half the run's budget
 * ({@link Options#s4Budget()}): when it runs out the store holds what was inserted by then, and every figure of that
 * row is marked (it was measured with a smaller store).
 */
final class S4BigStore implements Scenario {

    static final String[] COLUMNS = {"inserts/s", "idle commits/s", "trickle p50 ms", "trickle p99 ms", "trickle max ms", "heap MiB"};
    /** Jobs per second of the trickle: 40 for 5 s gives the 200 fires that 20/s gave in 10 s. */
    static final int TRICKLE_RATE = 40;

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
        List<Integer> sizes = o.quick() ? List.of(o.s4Jobs()) : List.of(small, o.s4Jobs());
        for (Contenders c : o.pick(true)) {
            for (int i = 0; i < sizes.size(); i++) {
                int size = sizes.get(i);
                String variant = String.format("%,d stored", size);
                Result r = measure(bench, c, size, settleSeconds(o), i == sizes.size() - 1 ? idleSeconds(o) : 0, trickleSeconds(o));
                table.add(variant, c.label(), c.isPunctual(), r.values());
                if (r.insert().stopped()) {
                    table.bound(variant, c.label(), r.insert().note("stored") + "; idle, trickle and heap measured with those", COLUMNS);
                }
            }
        }
        return List.of(table.note("Idle commits/s: xact_commit growth over " + idleSeconds(o) + " idle seconds with nothing due (a"
                + " proxy for queries per second; PostgreSQL counts one per transaction), with the bigger store only. Trickle: "
                + TRICKLE_RATE + " jobs/s for " + trickleSeconds(o) + " s, due 1 s after submission. Heap: used heap after GC with"
                + " the store loaded minus before inserting, in this JVM. The smaller store warms up the JIT for the bigger."
                + " Inserts stop after " + Table.format(o.s4Budget().toMillis() / 1000.0) + " s (" + Table.BOUNDED + ": inserts/s"
                + " over what was stored in time, the rest measured with that smaller store)."));
    }

    /** Seconds between start and the idle or trickle measurement, for start-up work to end. */
    static int settleSeconds(Options o) {
        return o.size(3, 1);
    }

    /** Seconds over which idle commits are counted (with the bigger store only). */
    static int idleSeconds(Options o) {
        return o.size(10, 1);
    }

    /** Seconds of the trickle. */
    static int trickleSeconds(Options o) {
        return o.size(5, 1);
    }

    /** One store's row, and how far its inserts got. */
    record Result(double[] values, Phase insert) {
    }

    /** One store: {@code idle} 0 skips the idle measurement. */
    static Result measure(Bench bench, Contenders which, int size, int settle, int idle, int trickleSeconds) throws Exception {
        Bench.log("S4 " + which.label() + " " + size + " stored jobs");
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s4_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            double heap0 = Environment.heapMiB();
            Instant future = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
            Phase insert = Load.parallel(size, bench.options().s4Budget(), i -> c.scheduleOneTime("future-" + i, future));
            if (insert.stopped()) {
                Bench.log("  " + insert.note("stored") + " (budget)");
            }
            if (idle > 0) {
                // as S1 does after its inserts: the connections that inserted report their last commits now, before
                // start-up and the settle, rather than at their next statement, inside the idle window
                db.settleStatistics(c.pool());
            }
            c.start();
            LockSupport.parkNanos(settle * 1_000_000_000L);
            double idleRate = Double.NaN;
            if (idle > 0) {
                long c0 = db.commitsNow();
                LockSupport.parkNanos(idle * 1_000_000_000L);
                idleRate = (db.commitsNow() - c0) / (double) idle;
            }
            Load.OpenLoop trickle = Load.openLoop(c, recorder, "trickle-", TRICKLE_RATE, Duration.ofSeconds(trickleSeconds),
                    Duration.ofSeconds(1), OpenLoopRun.GRACE);
            recorder.awaitFired(trickle.submitted(), Duration.ofSeconds(30));
            double heap = Environment.heapMiB() - heap0;
            return new Result(new double[]{insert.rate(), idleRate, recorder.latenessMs(50), recorder.latenessMs(99),
                    recorder.maxLatenessMs(), heap}, insert);
        }
    }
}
