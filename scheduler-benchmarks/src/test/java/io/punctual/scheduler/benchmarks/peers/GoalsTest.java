package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GoalsTest {

    @Test
    void aGoalComparedWithAStoppedFigureSaysSo() {
        Table table = new Table("S1 burst drain", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "punctual-jpa", true, 2_000, 1_200, 1, 0.29, 0, 0)
                .add("PostgreSQL", "dbs-lock-and-fetch", false, 4_000, 2_700, 1.9, 1.3, 0, Double.NaN)
                .bound("PostgreSQL", "dbs-lock-and-fetch", "drain stopped after 30 s: 18,000 of 20,000 started", "executions/s");

        String goals = Goals.markdown(List.of(table));

        assertThat(goals).contains("| S1 drain executions/s ≥ 2× dbs-lock-and-fetch | **no** | 1,200 vs 2,700 (0.440×) † "
                + "(dbs-lock-and-fetch: stopped by the budget, over what finished in time) |");
        assertThat(goals).contains("| S1 drain ≤ 0.3 commits per job | yes | 0.290 |");
        assertThat(goals).as("compared with the db-scheduler variant that ran")
                .contains("| S1 inserts/s ≥ db-scheduler's | **no** | 2,000 vs 4,000 |");
    }

    @Test
    void withoutDbSchedulerTheS1GoalsAgainstItAreNotMeasured() {
        Table table = new Table("S1 burst drain", S1BurstDrain.COLUMNS)
                .add("PostgreSQL", "punctual-jpa", true, 2_000, 1_200, 1, 0.29, 0, 0);

        assertThat(Goals.markdown(List.of(table)))
                .contains("| S1 drain executions/s ≥ 2× dbs-lock-and-fetch | not measured |")
                .contains("| S1 inserts/s ≥ db-scheduler's | not measured | 2,000 vs NaN |");
    }
}
