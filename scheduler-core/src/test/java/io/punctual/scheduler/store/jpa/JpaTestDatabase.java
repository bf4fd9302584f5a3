package io.punctual.scheduler.store.jpa;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.connections.internal.DriverManagerConnectionProviderImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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

    /**
     * Every SQL statement prepared on a connection of the factories' (by Hibernate, or by the store with JDBC on the
     * transaction's connection), to check what the claim asks the database for.
     */
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
                .property("hibernate.connection.pool_size", "8");
        if (!extra.containsKey("jakarta.persistence.nonJtaDataSource")) {
            config.property(PersistenceConfiguration.JDBC_URL, url)
                    .property(PersistenceConfiguration.JDBC_USER, user)
                    .property(PersistenceConfiguration.JDBC_PASSWORD, "")
                    .property("hibernate.connection.provider_class", new RecordingConnections());
        }
        JpaJobStore.ENTITY_CLASSES.forEach(config::managedClass);
        if (!JpaJobStore.DEFAULT_TABLE_PREFIX.equals(prefix)) {
            config.property("hibernate.physical_naming_strategy", new PrefixedTableNames(prefix));
        }
        extra.forEach((key, value) -> config.property(key, value instanceof DataSource d ? recording(d) : value));
        return Persistence.createEntityManagerFactory(config);
    }

    /** {@code connection}, recording in {@link #STATEMENTS} the SQL of every statement prepared on it. */
    static Connection recording(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String sql) {
                STATEMENTS.add(sql);
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(JpaTestDatabase.class.getClassLoader(), new Class<?>[]{Connection.class},
                new RecordingHandler(connection, handler));
    }

    /** {@code dataSource}, its connections {@linkplain #recording(Connection) recording}. */
    static DataSource recording(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(JpaTestDatabase.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(dataSource, args);
                        return result instanceof Connection c ? recording(c) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private record RecordingHandler(Connection target, InvocationHandler handler) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return handler.invoke(proxy, method, args);
        }
    }

    /** Hibernate's own pool, its connections {@linkplain #recording(Connection) recording}. */
    static final class RecordingConnections extends DriverManagerConnectionProviderImpl {
        @Override
        public Connection getConnection() throws SQLException {
            return recording(super.getConnection());
        }

        @Override
        public void closeConnection(Connection connection) throws SQLException {
            super.closeConnection(Proxy.isProxyClass(connection.getClass())
                    && Proxy.getInvocationHandler(connection) instanceof RecordingHandler h ? h.target() : connection);
        }
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
