package io.punctual.scheduler.benchmarks;

import io.punctual.scheduler.Schedule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The cost of computing the next fire of a cron schedule, the call every cron fire makes once. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CronNextBenchmark {

    @Param({"0 */5 * * * *", "0 30 2 * * *", "0 0 12 ? * MON#2 *", "*/10 * * * *"})
    public String expression;

    private Schedule schedule;
    private Instant after;

    @Setup
    public void setUp() {
        schedule = Schedule.cron(expression, ZoneId.of("Europe/Berlin"));
        after = Instant.parse("2026-03-29T00:17:00Z");
    }

    @Benchmark
    public Optional<Instant> next() {
        return schedule.next(after);
    }
}
