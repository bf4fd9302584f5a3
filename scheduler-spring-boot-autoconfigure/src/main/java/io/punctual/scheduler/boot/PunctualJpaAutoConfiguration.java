package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.JobStore;
import io.punctual.scheduler.store.jpa.JpaJobStore;
import io.punctual.scheduler.store.jpa.JpaSchema;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.AbstractEntityManagerFactoryBean;

import javax.sql.DataSource;

/**
 * The JPA store in the application's own database: Punctual's entities join the application's
 * {@link EntityManagerFactory} (no {@code @EntityScan} needed, and a user's {@code @EntityScan} still works),
 * the schema scripts run as {@code punctual.jdbc.initialize-schema} says (through the DataSource marked
 * {@link PunctualDataSource @PunctualDataSource}, else the only or primary one), and the store runs its own
 * resource-local transactions, so it never joins or breaks the application's.
 */
@AutoConfiguration(before = PunctualAutoConfiguration.class,
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({EntityManagerFactory.class, EntityManagerFactoryBuilderCustomizer.class})
@Conditional({PunctualEnabledCondition.class, JpaStoreCondition.class})
@EnableConfigurationProperties(PunctualProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class PunctualJpaAutoConfiguration {

    @Bean
    EntityManagerFactoryBuilderCustomizer punctualEntities() {
        return builder -> builder.setPersistenceUnitPostProcessors(unit -> JpaJobStore.MANAGED_CLASSES.forEach(name -> {
            if (!unit.getManagedClassNames().contains(name)) {
                unit.addManagedClassName(name);
            }
        }));
    }

    /**
     * The schema initializer, on the DataSource marked {@link PunctualDataSource @PunctualDataSource}, else the only or
     * primary one (as Spring Boot picks Flyway's). It runs before the EntityManagerFactory exists, since the provider
     * may validate the tables, so it cannot ask the persistence unit for its DataSource as the store does.
     */
    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean
    PunctualSchemaInitializer punctualSchemaInitializer(@PunctualDataSource ObjectProvider<DataSource> punctualDataSource,
            ObjectProvider<DataSource> dataSources, ListableBeanFactory beanFactory, PunctualProperties properties,
            Environment environment) {
        // where the unit maps the tables when it sets a default schema (or, on MySQL and MariaDB, catalog): they go there
        String schema = environment.getProperty("spring.jpa.properties." + JpaSchema.DEFAULT_SCHEMA_PROPERTY);
        String catalog = environment.getProperty("spring.jpa.properties." + JpaSchema.DEFAULT_CATALOG_PROPERTY);
        DataSource dataSource = punctualDataSource.getIfAvailable(dataSources::getIfUnique);
        if (dataSource == null) {
            return PunctualSchemaInitializer.undecided(beanFactory.getBeansOfType(DataSource.class), properties.getJdbc(),
                    schema, catalog);
        }
        return new PunctualSchemaInitializer(dataSource, properties.getJdbc(), schema, catalog);
    }

    @Bean
    @ConditionalOnBean(EntityManagerFactory.class)
    @ConditionalOnMissingBean
    JobStore punctualJobStore(EntityManagerFactory entityManagerFactory, PunctualProperties properties) {
        return JpaStores.create(entityManagerFactory, properties.getJdbc().getTablePrefix(),
                properties.getCluster().getPollInterval());
    }

    /**
     * Hibernate's properties for Punctual's tables in the application's persistence unit. A custom table prefix renames
     * them, and only them. And they are left out of what Hibernate's {@code ddl-auto} creates, drops and truncates:
     * Punctual's scripts create them and their rows survive a restart under {@code create} or {@code create-drop}. The
     * application's own naming strategy and filter provider ({@code spring.jpa.hibernate.naming.physical-strategy},
     * {@code spring.jpa.properties.hibernate.hbm2ddl.schema_filter_provider}, or either set by a
     * {@code HibernatePropertiesCustomizer} of its own, whether it runs before or after Punctual's) still name and decide
     * every other table.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.hibernate.boot.model.naming.PhysicalNamingStrategy",
            "org.hibernate.tool.schema.spi.SchemaFilterProvider", "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean"})
    static class HibernatePropertiesConfiguration {

        @Bean
        HibernatePropertiesCustomizer punctualHibernateProperties(PunctualProperties properties) {
            String prefix = JpaSchema.checkPrefix(properties.getJdbc().getTablePrefix());
            return hibernateProperties -> {
                PrefixedTableNames.install(hibernateProperties, prefix);
                PunctualSchemaFilterProvider.install(hibernateProperties, prefix);
            };
        }

        /**
         * Customizers without an order run in the order their beans were registered, so one from a library's
         * auto-configuration may run after Punctual's and replace its filter or its naming strategy: the factory's
         * properties, once every customizer has run, get them back around the provider and the strategy found there.
         */
        @Bean
        static BeanPostProcessor punctualHibernatePropertiesAfterCustomizers() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof AbstractEntityManagerFactoryBean factory) {
                        PrefixedTableNames.installAgain(factory.getJpaPropertyMap());
                        PunctualSchemaFilterProvider.installAgain(factory.getJpaPropertyMap());
                    }
                    return bean;
                }
            };
        }
    }
}
