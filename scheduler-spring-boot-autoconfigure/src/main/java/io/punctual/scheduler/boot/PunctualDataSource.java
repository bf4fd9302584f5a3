package io.punctual.scheduler.boot;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link javax.sql.DataSource} bean that holds Punctual's tables, for an application with several: the schema
 * initializer ({@code punctual.jdbc.initialize-schema}) creates the tables through it. Without it Punctual uses the only
 * DataSource, else the {@code @Primary} one; with several, none of them primary, it cannot tell which, and then
 * {@code initialize-schema=always} stops start-up and {@code embedded} logs a warning and creates nothing.
 * <p>
 * Put it on the DataSource that the application's persistence unit (its {@code EntityManagerFactory}) uses, since the
 * JPA store reads and writes the tables through the unit's own DataSource; it matters when that one is not the
 * {@code @Primary} DataSource:
 * <pre>{@code
 * @Bean
 * @Primary
 * DataSource reportingDataSource() { ... }
 *
 * @Bean
 * @PunctualDataSource
 * DataSource schedulingDataSource() { ... } // the entity manager factory's DataSource
 * }</pre>
 * As {@code @FlywayDataSource} and {@code @LiquibaseDataSource} do for Spring Boot's migrations, it is a
 * {@link Qualifier}: the bean stays a candidate for injection everywhere else.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface PunctualDataSource {
}
