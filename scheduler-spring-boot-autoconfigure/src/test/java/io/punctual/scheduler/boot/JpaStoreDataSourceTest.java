package io.punctual.scheduler.boot;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScheduler;
import io.punctual.scheduler.Schedule;
import io.punctual.scheduler.annotation.JobHandler;
import io.punctual.scheduler.store.jpa.JpaSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JPA store writes new jobs and, on PostgreSQL, listens for the other nodes' changes through one DataSource: the
 * persistence unit's own, not whichever DataSource bean the context would call unique (here a {@code @Primary} H2
 * database the unit does not use).
 */
class JpaStoreDataSourceTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    /** A fresh PostgreSQL database with Punctual's tables, named {@code name}. */
    static DataSource database(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        DataSource dataSource = postgres.getDatabase("postgres", name);
        try (Connection c = dataSource.getConnection()) {
            JpaSchema.create(c, "punctual_");
        }
        return dataSource;
    }

    static LocalContainerEntityManagerFactoryBean unit(DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean unit = new LocalContainerEntityManagerFactoryBean();
        unit.setDataSource(dataSource);
        unit.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        unit.setPackagesToScan("io.punctual.scheduler.store.jpa");
        return unit;
    }

    /** Whether a session of database {@code name} is listening on Punctual's channel. */
    static boolean listening(String name) {
        return new JdbcTemplate(postgres.getPostgresDatabase()).queryForObject(
                "select count(*) from pg_stat_activity where datname = ? and query = 'LISTEN punctual_wake'",
                Integer.class, name) > 0;
    }

    static ApplicationContextRunner runner(Class<?> app, String database) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(app)
                .withPropertyValues("test.database=" + database, "punctual.jdbc.initialize-schema=never");
    }

    @Test
    void listensAndInsertsThroughThePersistenceUnitsDataSourceNotThePrimaryOne() {
        runner(SpringBuiltUnit.class, "spring_built").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EntityManagerFactory.class)).isInstanceOf(EntityManagerFactoryInfo.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> listening("spring_built"));

            context.getBean(JobScheduler.class).schedule("noop", Schedule.at(Instant.now().plusSeconds(3600)), null);
            assertThat(new JdbcTemplate(postgres.getDatabase("postgres", "spring_built"))
                    .queryForObject("select count(*) from punctual_job", Integer.class)).isEqualTo(1);
        });
    }

    @Test
    void aFactoryThatIsNotSpringsIsAskedForTheDataSourceInItsProperties() {
        runner(HandBuiltUnit.class, "hand_built").run(context -> {
            assertThat(context).hasNotFailed();
            EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
            assertThat(factory).isNotInstanceOf(EntityManagerFactoryInfo.class);
            assertThat(JpaStores.unitDataSource(factory)).isSameAs(context.getBean("unitDataSource"));
            await().atMost(Duration.ofSeconds(10)).until(() -> listening("hand_built"));
            JobScheduler scheduler = context.getBean(JobScheduler.class);
            scheduler.register(JobDefinition.of("stored", Schedule.fixedRate(Duration.ofHours(1))), ctx -> { });
            await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.history("stored", 1).isEmpty());
        });
    }

    /** The application's primary DataSource: H2, which the persistence unit does not use. */
    @Configuration(proxyBeanMethods = false)
    static class PrimaryH2 {

        @Bean
        @Primary
        DataSource primaryDataSource() {
            return new EmbeddedDatabaseBuilder().generateUniqueName(true).setType(EmbeddedDatabaseType.H2).build();
        }

        @Bean
        DataSource unitDataSource(Environment environment) throws SQLException {
            return database(environment.getRequiredProperty("test.database"));
        }

        @Bean
        JobHandlers handlers() {
            return new JobHandlers();
        }
    }

    static class JobHandlers {
        @JobHandler("noop")
        void noop(String payload) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SpringBuiltUnit extends PrimaryH2 {

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(@Qualifier("unitDataSource") DataSource unitDataSource) {
            return unit(unitDataSource);
        }
    }

    /** An EntityManagerFactory bootstrapped by the application, not a Spring factory bean. */
    @Configuration(proxyBeanMethods = false)
    static class HandBuiltUnit extends PrimaryH2 {

        @Bean
        EntityManagerFactory entityManagerFactory(@Qualifier("unitDataSource") DataSource unitDataSource) {
            LocalContainerEntityManagerFactoryBean unit = unit(unitDataSource);
            unit.afterPropertiesSet();
            return unit.getNativeEntityManagerFactory();
        }
    }
}
