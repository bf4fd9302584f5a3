package io.punctual.scheduler.policy;

import io.punctual.scheduler.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MissedFiresTest {

    private static final Instant DUE = Instant.parse("2026-06-01T12:05:20Z");

    @Test
    void aSkippedTriggersRowSaysItWasATriggerAndEndsWithItsNote() {
        assertThat(FirePlanner.skippedPending(DUE, "triggered by alice").detail())
                .isEqualTo("max-instances; trigger due 2026-06-01T12:05:20Z; triggered by alice");
        assertThat(FirePlanner.skippedPending(DUE, null).detail()).isEqualTo("max-instances; trigger due 2026-06-01T12:05:20Z");
        assertThat(FirePlanner.skippedPending(DUE).detail()).isEqualTo("max-instances; trigger due 2026-06-01T12:05:20Z");
    }

    @Test
    void aSkippedTriggersRowWithANoteIsStillNeverASkipSummary() {
        MissedFires schedule = new MissedFires(Outcome.SKIPPED, "max-instances", 1, DUE.plusSeconds(60), DUE.plusSeconds(60));
        String triggerRow = FirePlanner.skippedPending(DUE, "max-instances; due looks like a summary").detail();

        assertThat(schedule.extendsSkipRow(Outcome.SKIPPED, triggerRow)).isFalse();
        assertThat(FirePlanner.skippedPending(DUE, "triggered by alice")
                .extendsSkipRow(Outcome.SKIPPED, "max-instances; due 2026-06-01T12:04:20Z")).isFalse();
    }
}
