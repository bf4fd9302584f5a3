package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder counts runs, duplicates and missing jobs the same whether it keeps a job by number or in its maps. */
class RecorderTest {

    @Test
    void numberedJobsAreCountedLikeAnyOther() {
        Recorder recorder = new Recorder();
        Instant due = Instant.now().plusSeconds(60); // not due yet: every run is early, which is counted too
        for (int i = 0; i < 20_000; i++) {
            recorder.expect("ol-" + i, due);
        }
        recorder.expect("other-id", due); // another form: kept in the maps
        recorder.expect("ol-x", due);
        for (int i = 0; i < 20_000; i += 2) {
            recorder.fired("ol-" + i);
        }
        recorder.fired("ol-4");
        recorder.fired("ol-4");
        recorder.fired("other-id");
        recorder.fired("other-id");

        assertThat(recorder.fired()).isEqualTo(10_000 + 2 + 2);
        assertThat(recorder.distinct()).isEqualTo(10_000 + 1);
        assertThat(recorder.duplicates()).isEqualTo(2 + 1);
        assertThat(recorder.missing()).isEqualTo(10_000 + 1); // the odd ones, and ol-x
        assertThat(recorder.runsOf("ol-4")).isEqualTo(3);
        assertThat(recorder.runsOf("ol-5")).isZero();
        assertThat(recorder.runsOf("other-id")).isEqualTo(2);
        assertThat(recorder.early()).isEqualTo(recorder.fired());
    }

    @Test
    void onlyTheFirstPrefixAndPlainNumbersAreNumbered() {
        NumberedRuns runs = new NumberedRuns();
        assertThat(runs.index("ol-12", false)).as("a lookup sets no prefix").isEqualTo(-1);
        assertThat(runs.index("ol-12", true)).isEqualTo(12);
        assertThat(runs.index("ol-0", true)).isZero();
        assertThat(runs.index("ol-012", true)).as("not the same id as ol-12").isEqualTo(-1);
        assertThat(runs.index("s1-12", true)).isEqualTo(-1);
        assertThat(runs.index("ol-", true)).isEqualTo(-1);
        assertThat(runs.index("ol-99999999", true)).as("beyond the arrays").isEqualTo(-1);
        assertThat(runs.index("cron-1@1700000000000000", false)).isEqualTo(-1);
    }

    @Test
    void aRunWithoutAnAnnouncedDueTimeIsMeasuredAgainstItsStart() {
        Recorder recorder = new Recorder();
        recorder.fired("s5-3"); // S5's nodes run jobs another process inserted
        assertThat(recorder.lateness().getMaxValue()).isLessThan(1_000);
        assertThat(recorder.distinct()).isEqualTo(1);
        assertThat(recorder.missing()).isZero();
    }
}
