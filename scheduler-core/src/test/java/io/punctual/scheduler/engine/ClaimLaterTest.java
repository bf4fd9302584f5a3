package io.punctual.scheduler.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a remote store's claim waits: fires claimed ahead hold their workers until they have run, so with few workers
 * free and the next fire still far, a claim now would take a fire or two for a whole transaction.
 */
class ClaimLaterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
    private static final Duration LEAD = StoreLane.CLAIM_AHEAD; // 20 ms
    private static final int WORKERS = 8;

    @Test
    void fewWorkersFreeAndTheNextFireFarWaitUntilItIsHalfTheLeadAway() {
        Instant next = NOW.plusMillis(18);
        assertThat(ClaimTiming.claimLater(next, 1, WORKERS, LEAD, NOW, false, false)).isEqualTo(NOW.plusMillis(8));
        assertThat(ClaimTiming.claimLater(next, 3, WORKERS, LEAD, NOW, false, false)).isEqualTo(NOW.plusMillis(8));
    }

    @Test
    void halfTheWorkersFreeClaimNow() {
        assertThat(ClaimTiming.claimLater(NOW.plusMillis(18), 4, WORKERS, LEAD, NOW, false, false)).isNull();
        assertThat(ClaimTiming.claimLater(NOW.plusMillis(18), 1, 2, LEAD, NOW, false, false))
                .as("two workers: one free is half").isNull();
    }

    @Test
    void aFireWithinHalfTheLeadIsClaimedNow() {
        assertThat(ClaimTiming.claimLater(NOW.plusMillis(10), 1, WORKERS, LEAD, NOW, false, false)).isNull();
        assertThat(ClaimTiming.claimLater(NOW.minusMillis(5), 1, WORKERS, LEAD, NOW, false, false)).as("due already").isNull();
    }

    @Test
    void withoutALeadOrANextFireNothingWaits() {
        assertThat(ClaimTiming.claimLater(NOW.plusSeconds(5), 1, WORKERS, Duration.ZERO, NOW, false, false))
                .as("a test's clock: claims when asked").isNull();
        assertThat(ClaimTiming.claimLater(null, 1, WORKERS, LEAD, NOW, false, false)).as("next fire unknown").isNull();
    }

    @Test
    void queuedOutcomesWaitAtMostTheirLingerAndOnlyOnce() {
        Instant far = NOW.plusSeconds(60); // long runs hold the workers, the next fire is a minute away
        assertThat(ClaimTiming.claimLater(far, 1, WORKERS, LEAD, NOW, true, false)).isEqualTo(NOW.plus(StoreLane.OUTCOME_LINGER));
        assertThat(ClaimTiming.claimLater(far, 1, WORKERS, LEAD, NOW, true, true)).as("put off once already: written now").isNull();
        assertThat(ClaimTiming.claimLater(NOW.plusMillis(13), 1, WORKERS, LEAD, NOW, true, false))
                .as("half the lead away before the linger ends").isEqualTo(NOW.plusMillis(3));
    }
}
