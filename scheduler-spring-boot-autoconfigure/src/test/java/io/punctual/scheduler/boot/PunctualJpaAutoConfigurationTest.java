package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import io.punctual.scheduler.store.memory.InMemoryJobStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PunctualJpaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                    TransactionAutoConfiguration.class, PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
            .withPropertyValues("spring.datasource.generate-unique-name=true", "spring.jpa.hibernate.ddl-auto=validate");

    private static List<String> tables(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForList(
                "select lower(table_name) from information_schema.tables where lower(table_name) like '%job%' order by 1", String.class);
    }

    @Test
    void picksTheJpaStoreWhenADataSourceAndJpaArePresent() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobStore.class)).isInstanceOf(JpaJobStore.class);
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            assertThat(scheduler.info().store()).isEqualTo("jpa");
            scheduler.register(JobDefinition.of("stored", Schedule.fixedRate(Duration.ofHours(1))), ctx -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("stored", 5).isEmpty());
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("select count(*) from punctual_execution where job_id = 'stored'", Integer.class)).isEqualTo(1);
        });
    }

    @Test
    void schemaScriptsCreateTablesAndIndexesOnAnEmbeddedDatabase() {
        runner.run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(tables(dataSource)).contains("punctual_job", "punctual_job_tag");
            assertThat(new JdbcTemplate(dataSource).queryForList(
                    "select lower(index_name) from information_schema.indexes where lower(table_name) = 'punctual_job'", String.class))
                    .contains("punctual_job_claim_idx");
        });
    }

    /**
     * A persistence unit with a default schema: the tables are created in it (the provider validates them there), the
     * store reads and writes them there, and the connection's own schema gets none.
     */
    @Test
    void theUnitsDefaultSchemaHoldsTheTablesAndTheStoresRows() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:schema-" + java.util.UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1;INIT=CREATE SCHEMA IF NOT EXISTS sched",
                "spring.jpa.properties.hibernate.default_schema=sched").run(context -> {
            assertThat(context).hasNotFailed();
            DataSource dataSource = context.getBean(DataSource.class);
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.register(JobDefinition.of("stored", Schedule.fixedRate(Duration.ofHours(1))), ctx -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("stored", 5).isEmpty());
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("select count(*) from sched.punctual_execution where job_id = 'stored'", Integer.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForList("select lower(table_name) from information_schema.tables where lower(table_name)"
                    + " like 'punctual%' and table_schema <> 'SCHED'", String.class)).isEmpty();
        });
    }

    @Test
    void aDefaultSchemaThatDoesNotExistIsNamedAtStartUp() {
        runner.withPropertyValues("spring.jpa.properties.hibernate.default_schema=nowhere").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("default schema 'nowhere' does not exist");
        });
    }

    @Test
    void initializeSchemaNeverLeavesTheSchemaAloneAndAMissingSchemaIsExplainedAtStartUp() {
        runner.withPropertyValues("punctual.jdbc.initialize-schema=never", "spring.jpa.hibernate.ddl-auto=none").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isNotNull();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("Punctual's tables (punctual_job, punctual_execution, ...) cannot be read")
                    .hasStackTraceContaining("punctual.jdbc.initialize-schema=always");
        });
    }

    @Test
    void keepsJobsInMemoryWhenToldTo() {
        runner.withPropertyValues("punctual.store=memory").run(context ->
                assertThat(context.getBean(JobStore.class)).isInstanceOf(InMemoryJobStore.class));
    }

    @Test
    void keepsJobsInMemoryWithoutADataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class,
                PunctualAutoConfiguration.class)).run(context ->
                assertThat(context.getBean(JobStore.class)).isInstanceOf(InMemoryJobStore.class));
    }

    @Test
    void storeJpaWithoutJpaFailsWithAnExplanation() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class,
                PunctualAutoConfiguration.class)).withPropertyValues("punctual.store=jpa").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("punctual.store = 'jpa' is invalid: "
                    + "the application has no DataSource and JPA");
            var analysis = new PunctualPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property:  punctual.store").contains("Value:     'jpa'");
            assertThat(analysis.getAction()).contains("add spring-boot-starter-data-jpa and a JDBC driver");
        });
    }

    @Test
    void worksBesideTheApplicationsOwnEntityScan() {
        runner.withUserConfiguration(ScanningApp.class).withPropertyValues("spring.jpa.hibernate.ddl-auto=create-drop").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobStore.class)).isInstanceOf(JpaJobStore.class);
            assertThat(tables(context.getBean(DataSource.class))).contains("punctual_job");
            assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("select count(*) from invoice", Integer.class)).isZero();
            context.getBean(JobScheduler.class).register(JobDefinition.of("x", Schedule.at(java.time.Instant.now())), ctx -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !context.getBean(JobScheduler.class).history("x", 1).isEmpty());
        });
    }

    @Test
    void customTablePrefixRenamesOnlyPunctualsTables() {
        runner.withPropertyValues("punctual.jdbc.table-prefix=sched_").run(context -> {
            assertThat(context).hasNotFailed();
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(tables(dataSource)).contains("sched_job", "sched_job_tag").doesNotContain("punctual_job");
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.register(JobDefinition.of("prefixed", Schedule.at(java.time.Instant.now())), ctx -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("prefixed", 1).isEmpty());
            assertThat(new JdbcTemplate(dataSource).queryForList("select job_id, outcome from sched_execution"))
                    .as("rows").hasSize(1);
        });
    }

    @Test
    void tablePrefixWithOtherCharactersIsRefused() {
        runner.withPropertyValues("punctual.jdbc.table-prefix=my-app.").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("my-app.").hasMessageContaining("letters, digits");
        });
    }

    @Test
    void schedulerTransactionsNeverJoinTheApplicationsTransaction() {
        runner.run(context -> {
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.register(JobDefinition.of("t", Schedule.fixedRate(Duration.ofHours(1))), ctx -> { });
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            tx.executeWithoutResult(status -> {
                scheduler.pause("t");
                status.setRollbackOnly(); // the application's transaction rolls back ...
            });
            // ... and the scheduler's own, separate transaction stood
            assertThat(scheduler.job("t").orElseThrow().state().word()).isEqualTo("paused");
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = io.punctual.scheduler.boot.jpa.entity.Invoice.class)
    static class ScanningApp {
    }

}
