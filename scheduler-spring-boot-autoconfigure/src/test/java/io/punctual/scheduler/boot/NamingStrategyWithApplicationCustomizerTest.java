package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.boot.jpa.entity.Invoice;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application that sets its own physical naming strategy in a {@link HibernatePropertiesCustomizer} of its own, which
 * Spring Boot may run before or after Punctual's: either way, with a custom {@code punctual.jdbc.table-prefix}, both
 * apply, the application's to its own tables ({@code app_invoice}) and Punctual's prefix to Punctual's
 * ({@code sched_job}, ...), so the scheduler finds the tables its scripts created.
 */
class NamingStrategyWithApplicationCustomizerTest {

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(Entities.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "spring.datasource.username=sa", "spring.datasource.password=",
                        "punctual.jdbc.initialize-schema=always", "spring.jpa.hibernate.ddl-auto=create",
                        "punctual.jdbc.table-prefix=sched_", "punctual.shutdown.await=1s");
    }

    private static String mappedTable(AssertableApplicationContext context, Class<?> entity) {
        return context.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                .getEntityDescriptor(entity).getMappedTableDetails().getTableName().toLowerCase(Locale.ROOT);
    }

    private static void bothStrategiesApply(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        Map<String, Object> hibernateProperties = context.getBean(AbstractEntityManagerFactoryBean.class).getJpaPropertyMap();
        assertThat(hibernateProperties.keySet()).noneMatch(key -> key.startsWith("io.punctual"));
        Object installed = hibernateProperties.get(MappingSettings.PHYSICAL_NAMING_STRATEGY);
        assertThat(installed).isInstanceOf(PrefixedTableNames.class);
        assertThat(((PrefixedTableNames) installed).delegate()).isInstanceOf(AppTables.class);

        // the mapping Hibernate built: the application's rule for its entity, Punctual's prefix for Punctual's
        assertThat(mappedTable(context, Invoice.class)).as("the application's rule").isEqualTo("app_invoice");
        assertThat(JpaJobStore.ENTITY_CLASSES).as("Punctual's").allSatisfy(entity ->
                assertThat(mappedTable(context, entity)).startsWith("sched_"));

        // and the database: Hibernate created app_invoice, Punctual's scripts its tables, and nothing under other names
        DataSource dataSource = context.getBean(DataSource.class);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForList("select lower(table_name) from information_schema.tables where table_schema = 'PUBLIC'",
                String.class)).contains("app_invoice", "sched_job", "sched_execution")
                .noneMatch(table -> table.equals("invoice") || table.contains("punctual_") || table.startsWith("app_sched"));

        JobScheduler scheduler = context.getBean(JobScheduler.class);
        scheduler.register(JobDefinition.of("named", Schedule.at(Instant.now())), ctx -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("named", 1).isEmpty());
        assertThat(jdbc.queryForList("select id from sched_job", String.class)).containsExactly("named");
        assertThat(jdbc.queryForList("select job_id from sched_execution", String.class)).containsExactly("named");
    }

    @Test
    void aCustomizerInTheApplicationsConfiguration() {
        runner().withUserConfiguration(ApplicationCustomizer.class)
                .run(NamingStrategyWithApplicationCustomizerTest::bothStrategiesApply);
    }

    /** Registered after Punctual's, as a library's auto-configuration is: Spring Boot runs it after Punctual's customizer. */
    @Test
    void aCustomizerThatRunsAfterPunctuals() {
        runner().withConfiguration(AutoConfigurations.of(LaterCustomizer.class))
                .run(NamingStrategyWithApplicationCustomizerTest::bothStrategiesApply);
    }

    /** The application's naming: its tables get {@code app_} in front. */
    public static class AppTables extends CamelCaseToUnderscoresNamingStrategy {
        @Override
        public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
            Identifier table = super.toPhysicalTableName(name, context);
            return Identifier.toIdentifier("app_" + table.getText(), table.isQuoted());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Invoice.class)
    static class Entities {
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationCustomizer {
        @Bean
        HibernatePropertiesCustomizer appTables() {
            return properties -> properties.put(MappingSettings.PHYSICAL_NAMING_STRATEGY, new AppTables());
        }
    }

    @AutoConfiguration(after = PunctualJpaAutoConfiguration.class)
    static class LaterCustomizer {
        @Bean
        HibernatePropertiesCustomizer appTablesLater() {
            return properties -> properties.put(MappingSettings.PHYSICAL_NAMING_STRATEGY, AppTables.class.getName());
        }
    }
}
