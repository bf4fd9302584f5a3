package io.punctual.scheduler.store.jpa;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobPolicy;
import io.punctual.scheduler.Schedule;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the store is asked on the application's main thread as it starts (the schema check, saving the jobs declared in
 * code, marking the undeclared ones orphaned, counting the dynamic jobs) runs no JPQL: the provider builds its query
 * parser and translator at the first JPQL query, which cost S7's start-up about half a second of main-thread CPU (see
 * the benchmarks' README, session 11). The scheduler's own threads build it after the start.
 */
class StartUpWithoutJpqlTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private EntityManagerFactory factory;
    private Statistics statistics;

    @BeforeEach
    void setUp() {
        JpaTestDatabase database = JpaTestDatabase.h2("start-up", JpaJobStore.DEFAULT_TABLE_PREFIX).createSchema();
        factory = database.entityManagerFactory(Map.of("hibernate.generate_statistics", true));
        statistics = factory.unwrap(SessionFactory.class).getStatistics();
    }

    @AfterEach
    void tearDown() {
        factory.close();
    }

    @Test
    void theStartUpCallsRunNoJpql() {
        JpaJobStore store = new JpaJobStore(factory);
        store.checkSchema();
        store.save(JobDefinition.of("kept", Schedule.fixedRate(Duration.ofMinutes(1))), T0);

        assertThat(store.markOrphans(Set.of("kept"))).isEmpty();
        assertThat(store.countDynamicByHandler()).isEmpty();
        assertThat(statistics.getQueries()).as("JPQL queries run").isEmpty();
        assertThat(statistics.getQueryPlanCacheMissCount()).as("JPQL queries parsed").isZero();
    }

    @Test
    void theJdbcReadsFindWhatTheJpqlOnesFound() {
        JpaJobStore store = new JpaJobStore(factory);
        store.save(JobDefinition.of("kept", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        store.save(JobDefinition.of("gone", Schedule.fixedRate(Duration.ofMinutes(1))), T0);
        for (String id : new String[]{"report-1", "report-2", "mail-1"}) {
            store.save(new JobDefinition(id, Schedule.at(T0.plusSeconds(60)), JobPolicy.defaults(), Set.of(), true,
                    Duration.ZERO, id.substring(0, id.indexOf('-')), "{}"), T0);
        }

        assertThat(store.markOrphans(Set.of("kept"))).containsExactly("gone");
        assertThat(store.markOrphans(Set.of("kept"))).as("marked once").isEmpty();
        assertThat(store.countDynamicByHandler()).containsExactly(Map.entry("mail", 1L), Map.entry("report", 2L));
    }
}
