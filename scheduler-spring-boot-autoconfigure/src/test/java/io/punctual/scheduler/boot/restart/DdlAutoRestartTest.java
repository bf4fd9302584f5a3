package io.punctual.scheduler.boot.restart;

import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.JobState;
import io.punctual.scheduler.annotation.ScheduledJob;
import io.punctual.scheduler.boot.PunctualAutoConfiguration;
import io.punctual.scheduler.boot.PunctualJpaAutoConfiguration;
import io.punctual.scheduler.boot.jpa.entity.Invoice;
import io.punctual.scheduler.boot.jpa.entity.NoInvoiceTableCreated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate's {@code ddl-auto} and Punctual's tables, on an H2 file database that outlives each application context:
 * {@code create} and {@code create-drop} drop and create the application's tables, not Punctual's, which its own
 * scripts create, so what the scheduler stored (here a pause) is there after a restart.
 */
class DdlAutoRestartTest {

    @TempDir
    Path directory;

    private String url(String name) {
        return "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private ApplicationContextRunner runner(String name, String ddlAuto) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(App.class)
                .withPropertyValues("spring.datasource.url=" + url(name), "spring.datasource.username=sa",
                        "spring.datasource.password=", "punctual.jdbc.initialize-schema=always",
                        "spring.jpa.hibernate.ddl-auto=" + ddlAuto);
    }

    private static JdbcTemplate jdbc(org.springframework.context.ApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    /** The database after the application has closed, as a plain JDBC client sees it. */
    private JdbcTemplate closedDatabase(String name) {
        return new JdbcTemplate(new DriverManagerDataSource(url(name), "sa", ""));
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("select lower(table_name) from information_schema.tables where table_schema = 'PUBLIC'"
                + " order by 1", String.class);
    }

    @Test
    void aJobPausedUnderDdlAutoCreateIsStillPausedAfterARestartWhileTheApplicationsTablesAreCreatedAfresh() {
        runner("create", "create").run(context -> {
            assertThat(context).hasNotFailed();
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            assertThat(scheduler.job("nightly").orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
            scheduler.pause("nightly");
            jdbc(context).update("insert into invoice (id, customer) values (1, 'ada')");
        });
        runner("create", "create").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED);
            // the application's own table is still Hibernate's to drop and create
            assertThat(jdbc(context).queryForObject("select count(*) from invoice", Integer.class)).isZero();
            // Punctual's table is its script's, not the mapping's: the script gives this column a default
            assertThat(jdbc(context).queryForObject("select column_default from information_schema.columns where"
                    + " lower(table_name) = 'punctual_job' and lower(column_name) = 'running'", String.class)).isEqualTo("0");
        });
    }

    @Test
    void createDropLeavesPunctualsTablesAndRowsInPlaceWhenTheApplicationCloses() {
        runner("create-drop", "create-drop").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(JobScheduler.class).pause("nightly");
        });
        JdbcTemplate database = closedDatabase("create-drop");
        assertThat(tables(database)).doesNotContain("invoice").contains("punctual_job", "punctual_execution");
        assertThat(database.queryForObject("select paused from punctual_job where id = 'nightly'", Boolean.class)).isTrue();
        runner("create-drop", "create-drop").run(context ->
                assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED));
    }

    @Test
    void theConfiguredTablePrefixIsWhatIsLeftOut() {
        runner("prefix", "create").withPropertyValues("punctual.jdbc.table-prefix=sched_").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(JobScheduler.class).pause("nightly");
        });
        runner("prefix", "create").withPropertyValues("punctual.jdbc.table-prefix=sched_").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED);
            assertThat(tables(jdbc(context))).contains("sched_job", "invoice").doesNotContain("punctual_job");
        });
    }

    @Test
    void validateAndNoneStillStartOnTheTablesThePauseIsKeptIn() {
        runner("validate", "create").run(context -> context.getBean(JobScheduler.class).pause("nightly"));
        runner("validate", "validate").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        });
        runner("validate", "none").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        });
    }

    @Test
    void theApplicationsOwnSchemaFilterProviderStillDecidesItsTables() {
        String provider = "spring.jpa.properties.hibernate.hbm2ddl.schema_filter_provider=" + NoInvoiceTableCreated.class.getName();
        runner("own-filter", "create").withPropertyValues(provider).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(tables(jdbc(context))).doesNotContain("invoice").contains("punctual_job");
            context.getBean(JobScheduler.class).pause("nightly");
        });
        runner("own-filter", "create").withPropertyValues(provider).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED);
        });
    }

    /**
     * Without Punctual's scripts ({@code initialize-schema=never}), {@code create} no longer makes Punctual's tables:
     * start-up stops saying how to make them.
     */
    @Test
    void createWithoutPunctualsScriptsStopsStartUpSayingHowToCreateTheTables() {
        runner("never-" + UUID.randomUUID(), "create").withPropertyValues("punctual.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("cannot be read")
                    .hasStackTraceContaining("punctual.jdbc.initialize-schema=always");
        });
    }

    /** {@code update} only adds what is missing, and still does for Punctual's tables when its scripts do not run. */
    @Test
    void updateStillCreatesPunctualsTablesWhenItsScriptsDoNotRun() {
        runner("update", "update").withPropertyValues("punctual.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(JobScheduler.class).pause("nightly");
        });
        runner("update", "update").withPropertyValues("punctual.jdbc.initialize-schema=never").run(context ->
                assertThat(context.getBean(JobScheduler.class).job("nightly").orElseThrow().state()).isEqualTo(JobState.PAUSED));
    }

    static class Nightly {
        @ScheduledJob(id = "nightly", cron = "0 0 3 * * *")
        void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Invoice.class)
    static class App {
        @Bean
        Nightly nightly() {
            return new Nightly();
        }
    }
}
