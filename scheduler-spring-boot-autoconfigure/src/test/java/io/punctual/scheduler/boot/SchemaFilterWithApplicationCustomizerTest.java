package io.punctual.scheduler.boot;

import io.punctual.scheduler.boot.jpa.entity.Invoice;
import io.punctual.scheduler.boot.jpa.entity.NoInvoiceTableCreated;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * An application that sets its own schema filter provider in a {@link HibernatePropertiesCustomizer} of its own, which
 * Spring Boot may run before or after Punctual's: either way both filters apply under {@code ddl-auto=create}, the
 * application's (no {@code invoice} table created) and Punctual's (its tables left to its scripts).
 */
class SchemaFilterWithApplicationCustomizerTest {

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
                        PunctualJpaAutoConfiguration.class, PunctualAutoConfiguration.class))
                .withUserConfiguration(Entities.class)
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "spring.datasource.username=sa", "spring.datasource.password=",
                        "punctual.jdbc.initialize-schema=always", "spring.jpa.hibernate.ddl-auto=create");
    }

    private static Table table(String name) {
        Table table = mock(Table.class);
        when(table.getName()).thenReturn(name);
        return table;
    }

    private static void bothFiltersApply(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        Map<String, Object> hibernateProperties = context.getBean(AbstractEntityManagerFactoryBean.class).getJpaPropertyMap();
        assertThat(hibernateProperties.keySet()).noneMatch(key -> key.startsWith("io.punctual"));
        Object installed = hibernateProperties.get(PunctualSchemaFilterProvider.PROPERTY);
        assertThat(installed).isInstanceOf(PunctualSchemaFilterProvider.class);
        SchemaFilterProvider provider = (SchemaFilterProvider) installed;
        assertThat(((PunctualSchemaFilterProvider) provider).delegate()).isInstanceOf(NoInvoiceTableCreated.class);
        assertThat(provider.getCreateFilter().includeTable(table("invoice"))).as("the application's rule").isFalse();
        assertThat(provider.getCreateFilter().includeTable(table("punctual_job"))).as("Punctual's").isFalse();
        assertThat(provider.getDropFilter().includeTable(table("punctual_job"))).as("Punctual's").isFalse();
        assertThat(provider.getCreateFilter().includeTable(table("customer"))).isTrue();

        // and what Hibernate did with them: no invoice table, and Punctual's table is its script's, not the mapping's
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        assertThat(jdbc.queryForList("select lower(table_name) from information_schema.tables where table_schema = 'PUBLIC'",
                String.class)).doesNotContain("invoice").contains("punctual_job", "punctual_execution");
        assertThat(jdbc.queryForObject("select column_default from information_schema.columns where"
                + " lower(table_name) = 'punctual_job' and lower(column_name) = 'running'", String.class)).isEqualTo("0");
    }

    @Test
    void aCustomizerInTheApplicationsConfiguration() {
        runner().withUserConfiguration(ApplicationCustomizer.class).run(SchemaFilterWithApplicationCustomizerTest::bothFiltersApply);
    }

    /** Registered after Punctual's, as a library's auto-configuration is: Spring Boot runs it after Punctual's customizer. */
    @Test
    void aCustomizerThatRunsAfterPunctuals() {
        runner().withConfiguration(AutoConfigurations.of(LaterCustomizer.class))
                .run(SchemaFilterWithApplicationCustomizerTest::bothFiltersApply);
    }

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Invoice.class)
    static class Entities {
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationCustomizer {
        @Bean
        HibernatePropertiesCustomizer noInvoiceTable() {
            return properties -> properties.put(PunctualSchemaFilterProvider.PROPERTY, new NoInvoiceTableCreated());
        }
    }

    @AutoConfiguration(after = PunctualJpaAutoConfiguration.class)
    static class LaterCustomizer {
        @Bean
        HibernatePropertiesCustomizer noInvoiceTableLater() {
            return properties -> properties.put(PunctualSchemaFilterProvider.PROPERTY, NoInvoiceTableCreated.class.getName());
        }
    }
}
