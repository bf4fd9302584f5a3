package io.punctual.scheduler.benchmarks.peers;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void noArgumentsRunEveryScenarioForEveryContenderIntoTheFullResultsFile() {
        Options o = Options.parse();
        assertThat(o.quick()).isFalse();
        assertThat(o.scenarios()).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
        assertThat(o.contenders()).containsExactly(Contenders.values());
        assertThat(o.out()).isEqualTo(Path.of("scheduler-benchmarks", "results", "peers.md"));
        assertThat(o.s3Period()).isEqualTo(15);
        assertThat(o.budget()).hasSeconds(60);
    }

    @Test
    void insertAndDrainPhasesHaveAShorterBudgetWithQuickAndAnyWithBudget() {
        assertThat(Options.parse("--quick").budget()).hasSeconds(15);
        assertThat(Options.parse("--quick", "--budget=30").budget()).hasSeconds(30);
        assertThatThrownBy(() -> Options.parse("--budget=0")).hasMessageContaining("--budget=0: expected a positive whole number");
    }

    @Test
    void quickOnlyAndScenariosSelectASmallerRun() {
        Options o = Options.parse("--quick", "--only=punctual-jpa,dbs-lock-and-fetch", "--scenarios=s1,S3", "--s3-period=60");
        assertThat(o.quick()).isTrue();
        assertThat(o.contenders()).containsExactly(Contenders.PUNCTUAL_JPA, Contenders.DBS_LOCK_AND_FETCH);
        assertThat(o.scenarios()).containsExactly("S1", "S3");
        assertThat(o.s3Period()).isEqualTo(60);
        assertThat(o.out()).isEqualTo(Path.of("scheduler-benchmarks", "results", "peers-quick.md"));
        assertThat(o.pick(true)).containsExactly(Contenders.PUNCTUAL_JPA, Contenders.DBS_LOCK_AND_FETCH);
        assertThat(o.pick(false)).isEmpty();
    }

    @Test
    void anUnknownContenderIsRejectedWithTheAllowedNames() {
        assertThatThrownBy(() -> Options.parse("--only=punctual,quartz-ram"))
                .hasMessageContaining("Unknown contender 'punctual'")
                .hasMessageContaining("punctual-jpa").hasMessageContaining("spring-tpts");
    }

    @Test
    void anUnknownScenarioIsRejectedWithTheAllowedIds() {
        assertThatThrownBy(() -> Options.parse("--scenarios=S1,S8"))
                .hasMessageContaining("Unknown scenario 'S8' in --scenarios; allowed: [S1, S2, S3, S4, S5, S6, S7]");
    }

    @Test
    void aCronPeriodThatDoesNotDivideAMinuteIsRejected() {
        assertThatThrownBy(() -> Options.parse("--s3-period=7")).hasMessageContaining("--s3-period=7: must divide 60");
        assertThatThrownBy(() -> Options.parse("--s4-jobs=lots")).hasMessageContaining("--s4-jobs=lots: expected a positive whole number");
    }

    @Test
    void anUnknownArgumentIsRejectedWithTheAllowedOnes() {
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageContaining("Unknown argument '--fast'; allowed: --quick")
                .hasMessageContaining("--budget=<seconds>");
    }

    @Test
    void theThroughputVariantsRunOnlyWhereAScenarioAsksForThem() {
        Options o = Options.parse("--only=punctual-jpa,punctual-jpa-q0,dbs-lock-and-fetch,dbs-lock-and-fetch-4x");

        assertThat(o.pick(true)).containsExactly(Contenders.PUNCTUAL_JPA, Contenders.DBS_LOCK_AND_FETCH);
        assertThat(o.pick(true, true)).containsExactly(Contenders.PUNCTUAL_JPA, Contenders.PUNCTUAL_JPA_NO_QUEUE,
                Contenders.DBS_LOCK_AND_FETCH, Contenders.DBS_LOCK_AND_FETCH_4X);
    }
}
