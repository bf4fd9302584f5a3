package io.punctual.scheduler.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's rule: what the workers start within 20 ms by recent run times, at most the capacity. */
class SlotsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theQueueHoldsWhatTheWorkersStartWithinTwentyMillisecondsAtMostItsCapacity() {
        assertThat(Slots.queueFor(8, 56, 50 * MS)).as("runs of 50 ms, 8 threads").isEqualTo(3);
        assertThat(Slots.queueFor(8, 56, 160 * MS)).as("runs of 160 ms: 8 × 20 / 160 = 1").isEqualTo(1);
        assertThat(Slots.queueFor(8, 56, 161 * MS)).as("runs of over 160 ms").isZero();
        assertThat(Slots.queueFor(8, 56, 1_000 * MS)).as("runs of a second").isZero();
        assertThat(Slots.queueFor(8, 56, 100_000)).as("runs of 0.1 ms: 1,600, capped").isEqualTo(56);
        assertThat(Slots.queueFor(8, 1_024, 100_000)).as("runs of 0.1 ms, the default capacity of 8 threads").isEqualTo(1_024);
        assertThat(Slots.queueFor(8, 1_024, 50 * MS)).as("runs of 50 ms, the default capacity of 8 threads").isEqualTo(3);
        assertThat(Slots.queueFor(8, 56, 0)).as("runs too short to measure").isEqualTo(56);
        assertThat(Slots.queueFor(8, 0, 100_000)).as("no capacity").isZero();
        assertThat(Slots.queueFor(8, 56, -1)).as("no run ended yet").isZero();
    }

    @Test
    void aLongerRunReplacesTheEstimateAtOnceAndShorterOnesBringItDownBySixteenths() {
        Slots slots = new Slots(8, 56, true);
        assertThat(slots.count()).as("before any run ended: the workers only").isEqualTo(8);

        slots.ran(100_000);
        assertThat(slots.queue()).isEqualTo(56);
        slots.ran(200 * MS);
        assertThat(slots.queue()).as("one run of 200 ms").isZero();
        assertThat(slots.count()).isEqualTo(8);

        for (int i = 0; i < 16; i++) {
            slots.ran(0);
        }
        // 200 ms × (15/16)^16 = 71.0 ms: 8 × 20 / 71.0 = 2
        assertThat(slots.queue()).as("after 16 instant runs").isEqualTo(2);
        for (int i = 0; i < 200; i++) {
            slots.ran(0);
        }
        assertThat(slots.queue()).as("after many instant runs").isEqualTo(56);
        assertThat(slots.count()).isEqualTo(64);
    }

    @Test
    void onATestsClockTheQueueIsItsCapacityExactly() {
        Slots slots = new Slots(2, 3, false);
        assertThat(slots.count()).isEqualTo(5);
        slots.ran(10_000 * MS);
        assertThat(slots.count()).isEqualTo(5);
    }
}
