package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.Outcome;
import io.punctual.scheduler.store.Completion;
import io.punctual.scheduler.store.Fire;
import jakarta.persistence.EntityManagerFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This node's outcomes are written on a worker's thread ({@code completeAll}) while the engine's thread claims: the
 * outcome transaction lowers the {@link ClaimFloor} when it writes its job rows, before it commits. A claim that starts
 * in between scans from the lowered floor but cannot see the row (not committed yet), and sets the floor at its own first
 * row. The floor must still come before the row once the outcome has committed: this node's own writes lower it.
 */
class ClaimFloorOutcomeRaceTest {

    private static final Instant NOW = ClaimFloorScenarios.NOW;
    private static final int BATCH = ClaimFloorScenarios.BATCH;

    private EntityManagerFactory factory;
    private JpaJobStore store;
    private CommitFaultsDataSource dataSource;

    @BeforeEach
    void start() {
        String url = "jdbc:h2:mem:floor-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JpaTestDatabase database = new JpaTestDatabase(url, "sa", "punctual_").createSchema();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        dataSource = new CommitFaultsDataSource(h2);
        factory = database.entityManagerFactory(Map.of("jakarta.persistence.nonJtaDataSource", dataSource));
        store = new JpaJobStore(factory);
    }

    @AfterEach
    void stop() {
        factory.close();
    }

    @Test
    void aJobAnOutcomeReleasesAtTheFloorsDueTimeWhileAClaimRunsBeforeTheOutcomeCommitsIsClaimedByTheNextClaim() {
        List<List<Fire>> claims = new ArrayList<>();
        Fire triggered = ClaimFloorScenarios.herdAndAJobWaitingForItsTriggeredRun(store, claims);
        claims.add(store.claimDue(NOW, BATCH, "n1").fires()); // the floor: the key of h-003

        // the engine's claim, between the outcome's write (which releases w at T0, priority 5) and its commit
        dataSource.beforeNextCommit.set(() -> claims.add(store.claimDue(NOW, BATCH, "n1").fires()));
        store.completeAll(List.of(new Completion(triggered, Outcome.SUCCESS, NOW, NOW, "n1", null, null, null, null)));
        assertThat(claims).as("the claim ran while the outcome's transaction was open").hasSize(3);
        assertThat(ClaimFloorScenarios.ids(claims.get(2))).as("it could not see w")
                .containsExactly("h-007", "h-008", "h-009", "h-010");

        claims.add(store.claimDue(NOW, BATCH, "n1").fires());
        assertThat(ClaimFloorScenarios.ids(claims.get(3))).as("the claim after the outcome committed").first().isEqualTo("w");
    }
}
