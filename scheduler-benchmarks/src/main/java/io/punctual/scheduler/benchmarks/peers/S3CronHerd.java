package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * S3, cron herd on PostgreSQL: N recurring cron jobs all due at the same second (second 0 of each minute with
 * {@code --s3-period=60}; every 15 s by default to fit the run in 20 minutes), registered through each
 * scheduler's API on the running scheduler; measured over the cycles due after all were registered (2 in a full
 * run). Per cycle: how late the last job of the cycle started; jobs that missed a cycle; jobs that ran twice in one.
 * The last cycle is waited for one period after its due time, at most 30 s ({@link #lastCycleWait}): by then the
 * next cycle would be due.
 */
final class S3CronHerd implements Scenario {

    static final String[] COLUMNS = {"last start ms (max)", "last start ms (min)", "missed", "doubled", "registered/s"};

    @Override
    public String id() {
        return "S3";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int n = o.size(10_000, 200);
        int cycles = cycles(o);
        String variant = "PostgreSQL, every " + o.s3Period() + " s";
        Table table = new Table("S3 cron herd: " + n + " cron jobs due at the same second, " + cycles + (cycles == 1 ? " cycle" : " cycles"), COLUMNS);
        for (Contenders c : o.pick(true, true)) {
            if (!o.quick()) {
                measure(bench, c, n / 10, 5, 1, true);
                JitWarmth.awaitCompilerQuiet();
            }
            table.add(variant, c.label(), c.isPunctual(), measure(bench, c, n, o.s3Period(), cycles, false));
        }
        return List.of(table.note("Last start = start of the last job of a cycle − the cycle's due second (max and min over the"
                + " cycles). Missed = (job, cycle) pairs that did not run (the last cycle is waited for "
                + lastCycleWait(o.s3Period()) + " s after its due second); doubled = extra runs of a (job, cycle)."));
    }

    /**
     * Measured cycles: 2 in a full run (the first after registration and one more), 1 with {@code --quick};
     * {@code -Dbench.s3.cycles} for more (the log gives each cycle's last start).
     */
    static int cycles(Options o) {
        return Integer.getInteger("bench.s3.cycles", o.size(2, 1));
    }

    /** Seconds the runner waits for the last cycle's jobs after its due second: one period, at most 30. */
    static int lastCycleWait(int period) {
        return Math.min(period, 30);
    }

    /** One herd; a warm-up ({@code warmUp}) does not wait for late duplicates (its numbers are thrown away). */
    static double[] measure(Bench bench, Contenders which, int n, int period, int cycles, boolean warmUp) throws Exception {
        Bench.log("S3 " + which.label() + " " + n + " crons every " + period + " s, " + cycles + " cycles" + (warmUp ? " (warm-up)" : ""));
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s3_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            c.start();
            double seconds = Load.parallel(n, i -> c.scheduleCron("cron-" + i, period));
            long firstDue = (Instant.now().getEpochSecond() + 1 + period) / period * period;
            long lastDue = firstDue + (long) (cycles - 1) * period;
            long lastDueMicros = lastDue * 1_000_000L;
            long deadline = System.nanoTime() + (lastDue - Instant.now().getEpochSecond() + lastCycleWait(period)) * 1_000_000_000L;
            while (recorder.runsForDue(lastDueMicros) < n && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000_000L);
            }
            if (!warmUp) {
                recorder.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(2));
            }
            c.close();
            Map<Long, Long> last = recorder.lastLatenessPerDue();
            double max = 0;
            double min = Double.MAX_VALUE;
            long runs = 0;
            long doubled = 0;
            for (long due = firstDue; due <= lastDue; due += period) {
                long micros = due * 1_000_000L;
                Long late = last.get(micros);
                if (!warmUp) {
                    Bench.log("  cycle due at " + Instant.ofEpochSecond(due) + ": last start "
                            + (late == null ? "none" : late / 1000 + " ms") + ", " + recorder.runsForDue(micros) + " runs");
                }
                max = Math.max(max, late == null ? Double.NaN : late / 1000.0);
                min = Math.min(min, late == null ? Double.NaN : late / 1000.0);
                runs += recorder.runsForDue(micros);
                for (int i = 0; i < n; i++) {
                    doubled += Math.max(0, recorder.runsOf("cron-" + i + "@" + micros) - 1);
                }
            }
            long missed = (long) n * cycles - (runs - doubled);
            return new double[]{max, min, missed, doubled, n / seconds};
        }
    }
}
