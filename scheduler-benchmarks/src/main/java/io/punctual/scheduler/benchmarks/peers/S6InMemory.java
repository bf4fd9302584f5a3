package io.punctual.scheduler.benchmarks.peers;

import java.time.Duration;
import java.util.List;

/**
 * S6, S2 in memory: one-time jobs due 2 s after submission at 200 and 10,000 per second (10 s each) for Punctual's memory
 * store, Spring's {@code ThreadPoolTaskScheduler} and Quartz's {@code RAMJobStore}. A 3-second warm-up at
 * 10,000/s runs first for each contender.
 */
final class S6InMemory implements Scenario {

    @Override
    public String id() {
        return "S6";
    }

    @Override
    public List<Table> run(Bench bench) throws Exception {
        Options o = bench.options();
        int seconds = o.size(10, 1);
        Duration delay = S2OpenLoop.delay(o);
        Table table = new Table("S6 in memory: one-time jobs due " + delay.toSeconds() + " s after submission, " + seconds + " s per rate",
                OpenLoopRun.COLUMNS);
        for (Contenders c : o.pick(false)) {
            if (!o.quick()) {
                OpenLoopRun.measure(bench, c, null, 10_000, 3, S2OpenLoop.DELAY, true);
                JitWarmth.awaitCompilerQuiet();
            }
            for (int rate : List.of(200, 10_000)) {
                OpenLoopRun.Result r = OpenLoopRun.measure(bench, c, null, rate, seconds, delay);
                table.add(rate + "/s", c.label(), c.isPunctual(), r.values());
                r.mark(table, rate + "/s", c.label());
            }
        }
        return List.of(table.note("Submitted from 8 threads on a fixed timetable (open loop); the commits column does not apply."));
    }
}
