package io.punctual.scheduler.store.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The JPA store's tables, as idempotent scripts ({@code CREATE TABLE IF NOT EXISTS}, indexes likewise) for H2,
 * PostgreSQL and MySQL/MariaDB, shipped as {@code io/punctual/scheduler/store/jpa/schema-<database>.sql} with a
 * {@code ${prefix}} placeholder for the table prefix. Running them again creates what is missing and never
 * drops anything, so every node and every restart may run them.
 */
public final class JpaSchema {

    /** The databases with a script. */
    public static final List<String> DATABASES = List.of("h2", "postgresql", "mysql");

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");
    private static final String PLACEHOLDER = "${prefix}";

    private JpaSchema() {
    }

    /**
     * @return {@code prefix}
     * @throws IllegalArgumentException when it holds anything but letters, digits and {@code _}
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.length() > 40) {
            throw new IllegalArgumentException("punctual.jdbc.table-prefix '" + prefix
                    + "' is not allowed; use letters, digits and _ only (at most 40), e.g. punctual_");
        }
        return prefix;
    }

    /**
     * The script's database for a JDBC {@link java.sql.DatabaseMetaData#getDatabaseProductName() product name}:
     * {@code H2}, {@code PostgreSQL}, {@code MySQL} or {@code MariaDB}.
     *
     * @throws IllegalArgumentException for another database
     */
    public static String databaseOf(String productName) {
        String database = scriptDatabase(productName);
        if (database == null) {
            throw new IllegalArgumentException("the JPA store has no schema script for database '" + productName
                    + "'; scripts exist for " + DATABASES + ": create the tables by hand from one of them");
        }
        return database;
    }

    /** {@link #databaseOf}, or null for a database without a script: the one place product names are told apart. */
    static String scriptDatabase(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return "h2";
        }
        if (p.contains("postgres")) {
            return "postgresql";
        }
        if (p.contains("mysql") || p.contains("mariadb")) {
            return "mysql";
        }
        return null;
    }

    /** Hibernate's setting of the schema that unqualified entity tables live in. */
    public static final String DEFAULT_SCHEMA_PROPERTY = "hibernate.default_schema";

    /**
     * What the store's own SQL puts before its table names so that it reaches the tables the provider maps the
     * entities to: {@code <schema>.} when the persistence unit sets {@link #DEFAULT_SCHEMA_PROPERTY} (with Spring Boot,
     * {@code spring.jpa.properties.hibernate.default_schema}), else nothing (the connection's own schema, as the
     * provider's).
     *
     * @throws IllegalArgumentException when the schema's name is more than letters, digits, {@code _} and {@code $}
     */
    static String schemaQualifier(jakarta.persistence.EntityManagerFactory entityManagerFactory) {
        Object schema;
        try {
            schema = entityManagerFactory.getProperties().get(DEFAULT_SCHEMA_PROPERTY);
        } catch (RuntimeException e) {
            return "";
        }
        String name = schema == null ? "" : schema.toString().trim();
        if (name.isEmpty()) {
            return "";
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("The persistence unit's " + DEFAULT_SCHEMA_PROPERTY + " is '" + name + "': the"
                    + " JPA store writes its rows with its own SQL and takes a schema name of letters, digits, '_' and '$' only");
        }
        return name + ".";
    }

    /** The resource path of the script of {@code database}. */
    public static String resource(String database) {
        return "io/punctual/scheduler/store/jpa/schema-" + database + ".sql";
    }

    /** The script of {@code database} with the prefix filled in, one statement per element. */
    public static List<String> statements(String database, String prefix) {
        checkPrefix(prefix);
        if (!DATABASES.contains(database)) {
            throw new IllegalArgumentException("no schema script for database '" + database + "'; scripts exist for " + DATABASES);
        }
        String script;
        try (InputStream in = JpaSchema.class.getClassLoader().getResourceAsStream(resource(database))) {
            if (in == null) {
                throw new IllegalStateException("schema script " + resource(database) + " is missing from the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1).replace(PLACEHOLDER, prefix));
                current.setLength(0);
            }
        }
        return statements;
    }

    /**
     * Runs the script of the connection's database, with {@code prefix}, in {@code schema} (the persistence unit's
     * default schema, which must exist), or in the connection's own schema when it is null or blank. The connection's
     * schema is set for the script and put back after it.
     *
     * @throws IllegalArgumentException when the database has no schema of that name (compared ignoring case)
     */
    public static void create(Connection connection, String prefix, String schema) throws SQLException {
        if (schema == null || schema.isBlank()) {
            create(connection, prefix);
            return;
        }
        String actual = null;
        try (java.sql.ResultSet schemas = connection.getMetaData().getSchemas()) {
            while (schemas.next()) {
                if (schemas.getString("TABLE_SCHEM").equalsIgnoreCase(schema.trim())) {
                    actual = schemas.getString("TABLE_SCHEM");
                }
            }
        }
        if (actual == null) {
            throw new IllegalArgumentException("The persistence unit's default schema '" + schema + "' does not exist in the"
                    + " database: create it before Punctual's tables are created in it");
        }
        String previous = connection.getSchema();
        connection.setSchema(actual);
        try {
            create(connection, prefix);
        } finally {
            connection.setSchema(previous);
        }
    }

    /** Runs the script of the connection's database, with {@code prefix}, on {@code connection}. */
    public static void create(Connection connection, String prefix) throws SQLException {
        String database = databaseOf(connection.getMetaData().getDatabaseProductName());
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(database, prefix)) {
                statement.execute(sql);
            }
        }
    }
}
