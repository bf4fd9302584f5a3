package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test database for the JPA store: its schema made by the shipped script, and Hibernate entity manager
 * factories over it that validate the entities against that schema.
 */
final class JpaTestDatabase {

    /** Every SQL statement Hibernate prepared, to check what the claim asks the database for. */
    static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    private static final List<String> TABLES = List.of("job_tag", "execution", "pending_fire", "node", "job");

    final String url;
    final String user;
    final String prefix;

    JpaTestDatabase(String url, String user, String prefix) {
        this.url = url;
        this.user = user;
        this.prefix = prefix;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, "");
    }

    /** Runs the shipped script (twice: it must be idempotent). */
    /** A fresh in-memory H2 database of its own, named {@code label-<uuid>}, kept until the JVM ends. */
    static JpaTestDatabase h2(String label, String prefix) {
        return new JpaTestDatabase("jdbc:h2:mem:" + label + "-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", prefix);
    }

    JpaTestDatabase createSchema() {
        try (Connection c = connect()) {
            JpaSchema.create(c, prefix);
            JpaSchema.create(c, prefix);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    void truncate() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + prefix + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A factory that validates the entity mapping against the tables, with {@code extra} Hibernate settings. */
    EntityManagerFactory entityManagerFactory(Map<String, Object> extra) {
        PersistenceConfiguration config = new PersistenceConfiguration("punctual-test")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .property("hibernate.hbm2ddl.auto", "validate")
                .property("hibernate.connection.pool_size", "8")
                .property("hibernate.session_factory.statement_inspector", (StatementInspector) sql -> {
                    STATEMENTS.add(sql);
                    return sql;
                });
        if (!extra.containsKey("jakarta.persistence.nonJtaDataSource")) {
            config.property(PersistenceConfiguration.JDBC_URL, url)
                    .property(PersistenceConfiguration.JDBC_USER, user)
                    .property(PersistenceConfiguration.JDBC_PASSWORD, "");
        }
        JpaJobStore.ENTITY_CLASSES.forEach(config::managedClass);
        if (!JpaJobStore.DEFAULT_TABLE_PREFIX.equals(prefix)) {
            config.property("hibernate.physical_naming_strategy", new PrefixedTableNames(prefix));
        }
        extra.forEach(config::property);
        return Persistence.createEntityManagerFactory(config);
    }

    /** How a persistence unit renames the store's tables for a custom prefix: Hibernate's naming strategy. */
    static final class PrefixedTableNames extends PhysicalNamingStrategyStandardImpl {
        private final String prefix;

        PrefixedTableNames(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
            String text = name.getText();
            if (text.startsWith(JpaJobStore.DEFAULT_TABLE_PREFIX)) {
                return Identifier.toIdentifier(prefix + text.substring(JpaJobStore.DEFAULT_TABLE_PREFIX.length()), name.isQuoted());
            }
            return name;
        }
    }
}
