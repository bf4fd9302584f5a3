package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * S3, cron herd on PostgreSQL: N recurring cron jobs all due at the same second (second 0 of each minute with
 * {@code --s3-period=60}; every 15 s by default to fit the run in 20 minutes), registered through each
 * scheduler's API on the running scheduler. The first cycles after registration let the JVM settle (its JIT compiles
 * the herd's path for two or three herds: a running application has done so long before its next herd); the cycles after
 * them are measured (2 in a full run). Per cycle: how late the last job of the cycle started; jobs that missed a cycle;
 * jobs that ran twice in one, counted over every cycle, settling ones included. The first cycle's last start is reported
 * too. The last cycle is waited for one period after its due time, at most 30 s ({@link #lastCycleWait}): by then the
 * next cycle would be due.
 */
final class S3CronHerd implements Scenario {

    static final String[] COLUMNS = {"last start ms (max)", "last start ms (min)", "first cycle ms", "missed", "doubled",
            "registered/s"};

    @Override
    public String id() {
        return "S3";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int n = o.size(10_000, 200);
        int cycles = cycles(o);
        int settle = settlingCycles(o);
        String variant = "PostgreSQL, every " + o.s3Period() + " s";
        Table table = new Table("S3 cron herd: " + n + " cron jobs due at the same second, " + cycles
                + (cycles == 1 ? " cycle" : " cycles") + " measured after " + settle + " settling", COLUMNS);
        for (Contenders c : o.pick(true, true)) {
            table.add(variant, c.label(), c.isPunctual(), measure(bench, c, n, o.s3Period(), settle, cycles));
        }
        return List.of(table.note("Last start = start of the last job of a cycle − the cycle's due second (max and min over the"
                + " measured cycles, which follow " + settle + " settling ones; first cycle = the first after registration)."
                + " Missed = (job, cycle) pairs that did not run, over every cycle (the last one is waited for "
                + lastCycleWait(o.s3Period()) + " s after its due second); doubled = extra runs of a (job, cycle)."));
    }

    /**
     * Measured cycles: 2 in a full run (the first after registration and one more), 1 with {@code --quick};
     * {@code -Dbench.s3.cycles} for more (the log gives each cycle's last start).
     */
    static int cycles(Options o) {
        return Integer.getInteger("bench.s3.cycles", o.size(2, 1));
    }

    /**
     * Cycles run before the measured ones, in the same scheduler: 2 in a full run (the JIT was still compiling the herd's
     * path in the second herd after a start, and had settled by the fourth), none with {@code --quick};
     * {@code -Dbench.s3.settle} for another count.
     */
    static int settlingCycles(Options o) {
        return Integer.getInteger("bench.s3.settle", o.size(2, 0));
    }

    /** Seconds the runner waits for the last cycle's jobs after its due second: one period, at most 30. */
    static int lastCycleWait(int period) {
        return Math.min(period, 30);
    }

    /** One registration of {@code n} crons, {@code settle} cycles run first, then {@code cycles} measured. */
    static double[] measure(Bench bench, Contenders which, int n, int period, int settle, int cycles) throws Exception {
        Bench.log("S3 " + which.label() + " " + n + " crons every " + period + " s, " + settle + " settling and " + cycles
                + " measured cycles");
        Recorder recorder = new Recorder();
        try (Db db = bench.fresh(Db.Kind.POSTGRES, "s3_" + which.label()); Contender c = which.create()) {
            c.open(db, recorder);
            c.start();
            double seconds = Load.parallel(n, i -> c.scheduleCron("cron-" + i, period));
            long firstDue = (Instant.now().getEpochSecond() + 1 + period) / period * period;
            long firstMeasured = firstDue + (long) settle * period;
            long lastDue = firstMeasured + (long) (cycles - 1) * period;
            long lastDueMicros = lastDue * 1_000_000L;
            long deadline = System.nanoTime() + (lastDue - Instant.now().getEpochSecond() + lastCycleWait(period)) * 1_000_000_000L;
            while (recorder.runsForDue(lastDueMicros) < n && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000_000L);
            }
            recorder.awaitQuiet(Duration.ofMillis(500), Duration.ofSeconds(2));
            c.close();
            Map<Long, Long> last = recorder.lastLatenessPerDue();
            double max = 0;
            double min = Double.MAX_VALUE;
            double first = Double.NaN;
            long runs = 0;
            long doubled = 0;
            for (long due = firstDue; due <= lastDue; due += period) {
                long micros = due * 1_000_000L;
                Long late = last.get(micros);
                boolean measured = due >= firstMeasured;
                Bench.log("  cycle due at " + Instant.ofEpochSecond(due) + (measured ? "" : " (settling)") + ": last start "
                        + (late == null ? "none" : late / 1000 + " ms") + ", " + recorder.runsForDue(micros) + " runs");
                double ms = late == null ? Double.NaN : late / 1000.0;
                if (due == firstDue) {
                    first = ms;
                }
                if (measured) {
                    max = Math.max(max, ms);
                    min = Math.min(min, ms);
                }
                runs += recorder.runsForDue(micros);
                for (int i = 0; i < n; i++) {
                    doubled += Math.max(0, recorder.runsOf("cron-" + i + "@" + micros) - 1);
                }
            }
            long missed = (long) n * (settle + cycles) - (runs - doubled);
            return new double[]{max, min, first, missed, doubled, n / seconds};
        }
    }
}
