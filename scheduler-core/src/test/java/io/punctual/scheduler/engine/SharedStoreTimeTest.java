package io.punctual.scheduler.engine;

import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared store's time is the system clock at full precision plus the offset measured to the store's clock, even
 * when the engine's clock is the system clock in whole milliseconds (the default): the offset has a sub-millisecond
 * part, and on whole milliseconds the store's clock would reach a due time up to a millisecond after it did.
 */
class SharedStoreTimeTest {

    /** The store's clock runs 300 µs behind this machine's. */
    private static final Duration BEHIND = Duration.ofNanos(300_000);

    private static JobStore databaseBehind() {
        JobStore real = new InMemoryJobStore();
        return (JobStore) Proxy.newProxyInstance(JobStore.class.getClassLoader(), new Class<?>[]{JobStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "remote" -> true;
                    case "currentTime" -> Optional.of(Instant.now().minus(BEHIND));
                    default -> {
                        try {
                            yield method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private final StoreLane lane = new StoreLane(databaseBehind(), Clock.tickMillis(ZoneOffset.UTC),
            new EngineSettings("node-a", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                    Duration.ofSeconds(30), Duration.ofDays(1), 2, 0, true, true), new Listeners(List.of()), () -> { });

    @Test
    void aDueTimeWithinTheMillisecondIsWaitedForToTheMicrosecondAndNeverLess() {
        lane.housekeepingIfDue(); // heartbeat: measures the offset

        // read together, asserted after (the first assertion loads its library: milliseconds)
        long t0 = System.nanoTime();
        Instant now = lane.now();
        Instant machine = Instant.now();
        long soon = lane.nanosUntil(now.plusNanos(200_000));
        long later = lane.nanosUntil(now.plusMillis(5));
        long elapsed = System.nanoTime() - t0;

        assertThat(now).as("the store's clock is behind: its time is too").isBefore(machine);
        assertThat(soon).as("200 µs ahead, by the store's clock: not rounded up to a millisecond").isLessThanOrEqualTo(200_000L);
        assertThat(later).as("5 ms ahead: not started before the store's clock reads it")
                .isGreaterThan(5_000_000L - elapsed - 100_000L);
    }
}
