package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GoalsTest {

    @Test
    void aGoalComparedWithAStoppedFigureSaysSo() {
        Table table = new Table("S1 burst drain", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "punctual-jpa", true, 2_000, 1_200, 1, 0.29, 0, 0, 100, 300)
                .add("PostgreSQL", "dbs-lock-and-fetch", false, 4_000, 2_700, 1.9, 1.3, 0, Double.NaN, 100, 300)
                .bound("PostgreSQL", "dbs-lock-and-fetch", "drain stopped after 30 s: 18,000 of 20,000 started", "executions/s");

        String goals = Goals.markdown(List.of(table));

        assertThat(goals).contains("| S1 drain executions/s ≥ 2× dbs-lock-and-fetch | **no** | 1,200 vs 2,700 (0.444×) † "
                + "(dbs-lock-and-fetch: stopped by the budget, over what finished in time) |");
        assertThat(goals).contains("| S1 drain ≤ 0.3 commits per job | yes | 0.290 |");
        assertThat(goals).as("compared with the db-scheduler variant that ran")
                .contains("| S1 inserts/s ≥ db-scheduler's | **no** | 2,000 vs 4,000 |");
    }

    @Test
    void withoutDbSchedulerTheS1GoalsAgainstItAreNotMeasured() {
        Table table = new Table("S1 burst drain", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "punctual-jpa", true, 2_000, 1_200, 1, 0.29, 0, 0, 100, 300);

        assertThat(Goals.markdown(List.of(table)))
                .contains("| S1 drain executions/s ≥ 2× dbs-lock-and-fetch | not measured |")
                .contains("| S1 inserts/s ≥ db-scheduler's | not measured | 2,000 vs NaN |");
    }

    @Test
    void punctualIsCheckedAgainstTheNormalLockAndFetchAndComparedWithTheTunedOneAndWithoutItsQueue() {
        Table s1 = new Table("S1 burst drain", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "punctual-jpa", true, 5_000, 5_400, 1, 0.05, 0, 0, 100, 200)
                .add("PostgreSQL", "punctual-jpa-q0", true, 5_000, 2_500, 1, 0.29, 0, 0, 100, 300)
                .add("PostgreSQL", "dbs-lock-and-fetch", false, 4_000, 2_500, 1.9, 1.3, 0, 0, 100, 300)
                .add("PostgreSQL", "dbs-lock-and-fetch-4x", false, 4_000, 4_000, 1.9, 1.0, 0, 0, 100, 300);
        Table s3 = new Table("S3 cron herd", S3CronHerd.COLUMNS)
                .add("PostgreSQL, every 15 s", "punctual-jpa", true, 3_000, 2_500, 3_500, 0, 0, 1_000)
                .add("PostgreSQL, every 15 s", "punctual-jpa-q0", true, 5_000, 4_000, 5_500, 0, 0, 1_000);

        String goals = Goals.markdown(List.of(s1, s3));

        assertThat(goals).contains("| S1 drain executions/s ≥ 2× dbs-lock-and-fetch | yes | 5,400 vs 2,500 (2.16×) |")
                .contains("| S1 drain against dbs-lock-and-fetch-4x (tuned for throughput) | – | 5,400 vs 4,000 (1.35×) |")
                .contains("| S1 drain with queue-capacity 0 (punctual-jpa-q0: claims only for free threads) | – | "
                        + "2,500 vs 2,500 (1×) |")
                .contains("| S3 all started within 1 s, none missed or doubled | **no** | last start 3,000 ms")
                .contains("| S3 with queue-capacity 0 (punctual-jpa-q0) | – | last start 5,000 ms, missed 0, doubled 0 |");
    }

    @Test
    void figuresKeepThreeSignificantDigitsOfTheirRealValue() {
        assertThat(Goals.fmt(0.254)).as("not rounded to 0.25 first").isEqualTo("0.254");
        assertThat(Goals.fmt(1_200.0 / 2_700)).isEqualTo("0.444");
        assertThat(Goals.fmt(0.0254)).isEqualTo("0.0254");
        assertThat(Goals.fmt(0.000_123_4)).isEqualTo("0.000123");
        assertThat(Goals.fmt(-0.0254)).isEqualTo("-0.0254");
        assertThat(Goals.fmt(2.346)).isEqualTo("2.35");
        assertThat(Goals.fmt(19.96)).isEqualTo("20.0");
        assertThat(Goals.fmt(1_234.4)).isEqualTo("1,234");
        assertThat(Goals.fmt(0)).isEqualTo("0");
        assertThat(Goals.fmt(3)).isEqualTo("3");
        assertThat(Goals.fmt(Double.NaN)).isEqualTo("NaN");
    }
}
