package io.punctual.scheduler.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimOrderTest {

    private static final Instant T = Instant.parse("2026-05-04T10:00:00Z");

    @Test
    void dueTimeFirstThenHigherPriorityThenJobId() {
        ClaimOrder earliest = new ClaimOrder(T, -9, "z");
        ClaimOrder urgent = new ClaimOrder(T.plusNanos(1_000), 5, "y");
        ClaimOrder a = new ClaimOrder(T.plusNanos(1_000), 0, "a");
        ClaimOrder b = new ClaimOrder(T.plusNanos(1_000), 0, "b");
        List<ClaimOrder> shuffled = new ArrayList<>(List.of(b, a, urgent, earliest));
        Collections.shuffle(shuffled, new java.util.Random(7));

        Collections.sort(shuffled);

        assertThat(shuffled).containsExactly(earliest, urgent, a, b);
    }

    @Test
    void theEarlierOfAPendingAndAScheduleFireGoesFirst() {
        ClaimOrder schedule = new ClaimOrder(T, 0, "job");
        ClaimOrder laterTrigger = new ClaimOrder(T.plusMillis(7), 0, "job");
        ClaimOrder earlierTrigger = new ClaimOrder(T.minusMillis(7), 0, "job");

        assertThat(ClaimOrder.pendingNext(schedule, laterTrigger)).isFalse();
        assertThat(ClaimOrder.pendingNext(schedule, earlierTrigger)).isTrue();
    }

    @Test
    void atATieAJobsPendingFireGoesBeforeItsScheduleFire() {
        assertThat(ClaimOrder.pendingNext(new ClaimOrder(T, 0, "job"), new ClaimOrder(T, 0, "job"))).isTrue();
        assertThat(ClaimOrder.pendingNext(new ClaimOrder(T, 0, "a"), new ClaimOrder(T, 0, "b"))).as("job id first").isFalse();
    }

    @Test
    void aMissingSideLeavesTheOther() {
        assertThat(ClaimOrder.pendingNext(null, new ClaimOrder(T, 0, "job"))).isTrue();
        assertThat(ClaimOrder.pendingNext(new ClaimOrder(T, 0, "job"), null)).isFalse();
        assertThat(ClaimOrder.pendingNext(null, null)).isFalse();
    }
}
