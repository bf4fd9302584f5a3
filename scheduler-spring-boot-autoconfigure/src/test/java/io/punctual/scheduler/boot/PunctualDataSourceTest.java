package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which DataSource the schema initializer creates the tables in, when the application has several: the one marked
 * {@link PunctualDataSource @PunctualDataSource}, whatever is {@code @Primary}; with several and none primary or marked,
 * it cannot tell, and says so. Every DataSource here is its own in-memory H2 database.
 */
@ExtendWith(OutputCaptureExtension.class)
class PunctualDataSourceTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class));

    static DataSource h2() {
        return new EmbeddedDatabaseBuilder().generateUniqueName(true).setType(EmbeddedDatabaseType.H2).build();
    }

    /** Punctual's tables in the database of {@code dataSource}, in lower case. */
    static List<String> tables(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForList("select lower(table_name) from information_schema.tables"
                + " where lower(table_name) like 'punctual%'", String.class);
    }

    /** A persistence unit on {@code dataSource} whose provider does {@code ddlAuto} with the tables first. */
    static LocalContainerEntityManagerFactoryBean unit(DataSource dataSource, String ddlAuto) {
        LocalContainerEntityManagerFactoryBean unit = JpaStoreDataSourceTest.unit(dataSource);
        unit.getJpaPropertyMap().put("hibernate.hbm2ddl.auto", ddlAuto);
        return unit;
    }

    @Test
    void theTablesAreCreatedInTheDataSourceMarkedPunctualDataSourceNotInThePrimaryOne() {
        runner.withUserConfiguration(MarkedBesidePrimary.class).withPropertyValues(
                "app.reporting.datasource.jdbc-url=jdbc:h2:mem:reporting-" + UUID.randomUUID(),
                "app.scheduling.datasource.jdbc-url=jdbc:h2:mem:scheduling-" + UUID.randomUUID()).run(context -> {
            assertThat(context).hasNotFailed(); // the unit validated the tables: they were created before it started
            assertThat(tables(context.getBean("schedulingDataSource", DataSource.class)))
                    .containsExactlyInAnyOrderElementsOf(JpaJobStore.TABLE_NAMES);
            assertThat(tables(context.getBean("reportingDataSource", DataSource.class))).isEmpty();

            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.register(JobDefinition.of("stored", Schedule.fixedRate(Duration.ofHours(1))), ctx -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("stored", 1).isEmpty());
            assertThat(new JdbcTemplate(context.getBean("schedulingDataSource", DataSource.class))
                    .queryForObject("select count(*) from punctual_execution", Integer.class)).isEqualTo(1);
        });
    }

    @Test
    void initializeSchemaAlwaysWithSeveralDataSourcesAndNoneChosenStopsStartUpSayingWhatToDo() {
        runner.withUserConfiguration(SeveralUnmarked.class).withPropertyValues("punctual.jdbc.initialize-schema=always")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("punctual.jdbc.initialize-schema = 'always' is invalid")
                            .hasMessageContaining("several DataSources (firstDataSource, secondDataSource)")
                            .hasMessageContaining("@io.punctual.scheduler.boot.PunctualDataSource");
                    FailureAnalysis analysis = new PunctualPropertyFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property:  punctual.jdbc.initialize-schema");
                    assertThat(analysis.getAction()).contains("'never' when the tables are created otherwise")
                            .contains("keep 'always' and mark the DataSource bean that the persistence unit uses with"
                                    + " @PunctualDataSource (or @Primary)");
                });
    }

    @Test
    void initializeSchemaEmbeddedWithSeveralDataSourcesAndNoneChosenWarnsAndCreatesNothing(CapturedOutput output) {
        runner.withUserConfiguration(SeveralUnmarked.class).run(context -> {
            assertThat(context).hasNotFailed(); // the unit's provider created its tables itself
            assertThat(tables(context.getBean("firstDataSource", DataSource.class))).isEmpty();
        });
        assertThat(output).containsPattern("WARN .*Punctual's tables were not created: the application has several"
                + " DataSources \\(firstDataSource, secondDataSource\\), none of them @Primary or marked"
                + " @io.punctual.scheduler.boot.PunctualDataSource")
                .contains("punctual.jdbc.initialize-schema=embedded, and firstDataSource, secondDataSource are embedded")
                .contains("or set punctual.jdbc.initialize-schema=never if the tables are created otherwise");
    }

    @Test
    void initializeSchemaNeverWithSeveralDataSourcesSaysNothing(CapturedOutput output) {
        runner.withUserConfiguration(SeveralUnmarked.class).withPropertyValues("punctual.jdbc.initialize-schema=never")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("Punctual's tables were not created");
    }

    /**
     * The application's primary DataSource is not the one its persistence unit, and so Punctual's store, uses. As the
     * README shows it: the DataSources are configured with properties.
     */
    @Configuration(proxyBeanMethods = false)
    static class MarkedBesidePrimary {

        @Bean
        @Primary
        @ConfigurationProperties("app.reporting.datasource")
        DataSource reportingDataSource() {
            return DataSourceBuilder.create().build();
        }

        @Bean
        @PunctualDataSource // the EntityManagerFactory's DataSource: Punctual's tables are created there
        @ConfigurationProperties("app.scheduling.datasource")
        DataSource schedulingDataSource() {
            return DataSourceBuilder.create().build();
        }

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(@PunctualDataSource DataSource dataSource) {
            return unit(dataSource, "validate");
        }
    }

    /** Two DataSources, neither primary nor marked; the unit on the second creates the tables itself. */
    @Configuration(proxyBeanMethods = false)
    static class SeveralUnmarked {

        @Bean
        DataSource firstDataSource() {
            return h2();
        }

        @Bean
        DataSource secondDataSource() {
            return h2();
        }

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(@Qualifier("secondDataSource") DataSource dataSource) {
            return unit(dataSource, "create");
        }
    }
}
