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

    /** Hibernate's setting of the schema that unqualified entity tables live in (on the databases that have schemas). */
    public static final String DEFAULT_SCHEMA_PROPERTY = "hibernate.default_schema";

    /**
     * Hibernate's setting of the catalog that unqualified entity tables live in: on MySQL and MariaDB, a database, where
     * it takes the place of {@link #DEFAULT_SCHEMA_PROPERTY}.
     */
    public static final String DEFAULT_CATALOG_PROPERTY = "hibernate.default_catalog";

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /**
     * Where the persistence unit's tables are on {@code database} ({@link #databaseOf}): the namespace its provider
     * qualifies their names with. On MySQL and MariaDB that is the database named by {@code defaultCatalog}
     * ({@link #DEFAULT_CATALOG_PROPERTY}): they call a database a schema, but their JDBC drivers treat it as the
     * catalog, and Hibernate's dialects for them qualify table names with the catalog only, so {@code defaultSchema}
     * has no effect there. On H2 and PostgreSQL it is the schema named by {@code defaultSchema}
     * ({@link #DEFAULT_SCHEMA_PROPERTY}).
     *
     * @return the namespace's name, trimmed, or null for the connection's own (the setting that counts is not set)
     */
    public static String unitNamespace(String database, String defaultSchema, String defaultCatalog) {
        String name = namespacesAreCatalogs(database) ? defaultCatalog : defaultSchema;
        return name == null || name.isBlank() ? null : name.trim();
    }

    /** MySQL and MariaDB: a namespace of tables is a database, which JDBC calls a catalog ({@code setCatalog}). */
    static boolean namespacesAreCatalogs(String database) {
        return "mysql".equals(database);
    }

    /**
     * The persistence unit's {@link #DEFAULT_SCHEMA_PROPERTY} and {@link #DEFAULT_CATALOG_PROPERTY}, each trimmed or null
     * when not set: what the store's own SQL puts before its table names so that it reaches the tables the provider
     * maps the entities to ({@link #qualifier}).
     */
    record UnitDefaults(String schema, String catalog) {

        static final UnitDefaults NONE = new UnitDefaults(null, null);

        /**
         * @throws IllegalArgumentException when a name is set that is more than letters, digits, {@code _} and {@code $}
         */
        static UnitDefaults of(jakarta.persistence.EntityManagerFactory entityManagerFactory) {
            java.util.Map<String, Object> properties;
            try {
                properties = entityManagerFactory.getProperties();
            } catch (RuntimeException e) {
                return NONE;
            }
            return new UnitDefaults(name(properties, DEFAULT_SCHEMA_PROPERTY), name(properties, DEFAULT_CATALOG_PROPERTY));
        }

        private static String name(java.util.Map<String, Object> properties, String key) {
            Object value = properties.get(key);
            String name = value == null ? "" : value.toString().trim();
            if (name.isEmpty()) {
                return null;
            }
            if (!NAMESPACE.matcher(name).matches()) {
                throw new IllegalArgumentException("The persistence unit's " + key + " is '" + name + "': the JPA store"
                        + " writes its rows with its own SQL and takes a schema name of letters, digits, '_' and '$' only");
            }
            return name;
        }

        /**
         * {@code <namespace>.} for the {@link #unitNamespace} on a database whose namespaces are catalogs (MySQL and
         * MariaDB) or schemas (the others), else nothing (the connection's own, as the provider's).
         */
        String qualifier(boolean catalogs) {
            String name = catalogs ? catalog : schema;
            return name == null ? "" : name + ".";
        }
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
     * Runs the script of the connection's database, with {@code prefix}, in the schema {@code schema}: as
     * {@link #create(Connection, String, String, String)} without a default catalog.
     */
    public static void create(Connection connection, String prefix, String schema) throws SQLException {
        create(connection, prefix, schema, null);
    }

    /**
     * Runs the script of the connection's database, with {@code prefix}, where the persistence unit's provider maps the
     * tables when the unit sets {@code defaultSchema} ({@link #DEFAULT_SCHEMA_PROPERTY}) and {@code defaultCatalog}
     * ({@link #DEFAULT_CATALOG_PROPERTY}): in the {@link #unitNamespace}, which must exist, or in the connection's own
     * when that is null. The connection's schema (on MySQL and MariaDB its catalog, the database it uses) is set for
     * the script and put back after it.
     *
     * @return the namespace the tables are in (its name as the database spells it), or null for the connection's own
     * @throws IllegalArgumentException when the database has no schema (on MySQL and MariaDB no database) of that name,
     *         compared ignoring case when none has exactly that name
     */
    public static String create(Connection connection, String prefix, String defaultSchema, String defaultCatalog)
            throws SQLException {
        String database = databaseOf(connection.getMetaData().getDatabaseProductName());
        String wanted = unitNamespace(database, defaultSchema, defaultCatalog);
        if (wanted == null) {
            create(connection, prefix);
            return null;
        }
        boolean catalogs = namespacesAreCatalogs(database);
        String actual = existing(connection, wanted, catalogs);
        if (actual == null) {
            throw new IllegalArgumentException(catalogs
                    ? "The persistence unit's default catalog '" + wanted + "' (" + DEFAULT_CATALOG_PROPERTY + "; on MySQL"
                            + " and MariaDB a database) does not exist: create it before Punctual's tables are created in it"
                    : "The persistence unit's default schema '" + wanted + "' does not exist in the database: create it"
                            + " before Punctual's tables are created in it");
        }
        String previous = catalogs ? connection.getCatalog() : connection.getSchema();
        // on PostgreSQL a connection's schema is its search path, of which getSchema() reads only the first schema that
        // exists, and setSchema(previous) would leave that one alone ("$user" and the rest gone): the path is put back whole
        String searchPath = "postgresql".equals(database) ? searchPath(connection) : null;
        if (catalogs) {
            connection.setCatalog(actual);
        } else {
            connection.setSchema(actual);
        }
        Exception failure = null;
        try {
            create(connection, prefix);
        } catch (SQLException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                if (catalogs) {
                    connection.setCatalog(previous);
                } else if (searchPath != null) {
                    setSearchPath(connection, searchPath);
                } else {
                    connection.setSchema(previous);
                }
            } catch (SQLException | RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e); // the script's failure is the one to report
            }
        }
        return actual;
    }

    /** A PostgreSQL connection's search path, as {@code SHOW search_path} gives it (e.g. {@code "$user", public}). */
    private static String searchPath(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery("select current_setting('search_path')")) {
            result.next();
            return result.getString(1);
        }
    }

    /** Sets a PostgreSQL connection's search path for its session, to a value as {@link #searchPath} read it. */
    private static void setSearchPath(Connection connection, String searchPath) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("select set_config('search_path', ?, false)")) {
            statement.setString(1, searchPath);
            statement.executeQuery().close();
        }
    }

    /** The schema (catalog) named {@code name}: exactly, else ignoring case, as databases fold unquoted names; or null. */
    private static String existing(Connection connection, String name, boolean catalogs) throws SQLException {
        String ignoringCase = null;
        try (java.sql.ResultSet names = catalogs ? connection.getMetaData().getCatalogs() : connection.getMetaData().getSchemas()) {
            while (names.next()) {
                String candidate = names.getString(catalogs ? "TABLE_CAT" : "TABLE_SCHEM");
                if (candidate.equals(name)) {
                    return candidate;
                }
                if (candidate.equalsIgnoreCase(name)) {
                    ignoringCase = candidate;
                }
            }
        }
        return ignoringCase;
    }

    /**
     * Runs the script of the connection's database, with {@code prefix}, on {@code connection}; then adds to tables that
     * existed before the columns of the script they lack ({@link #addMissingColumns}).
     */
    public static void create(Connection connection, String prefix) throws SQLException {
        String database = databaseOf(connection.getMetaData().getDatabaseProductName());
        List<String> statements = statements(database, prefix);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            addMissingColumns(statement, statements);
        }
    }

    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)CREATE TABLE IF NOT EXISTS (\\S+) \\((.*)\\)[^)]*");
    /** The storage options after a table's columns ({@code WITH (fillfactor = 80)}), left out to read the columns. */
    private static final Pattern TABLE_OPTIONS = Pattern.compile("(?is)\\)\\s*WITH\\s*\\([^()]*\\)\\s*$");
    /** Lines of a table's definition that define no column: keys and indexes. */
    private static final java.util.Set<String> NOT_COLUMNS = java.util.Set.of("primary", "index", "key", "unique", "constraint");

    /**
     * A table created by an earlier version of the script is kept as it is by {@code CREATE TABLE IF NOT EXISTS}: a column
     * added since is added here, as the script defines it, when the table lacks it (compared ignoring case, as databases
     * fold unquoted names). Only a column that rows can do without can be added so (nullable, or with a default).
     *
     * @throws IllegalStateException naming the table and the column when one that needs a value for every row is missing
     */
    private static void addMissingColumns(Statement statement, List<String> statements) throws SQLException {
        for (String sql : statements) {
            java.util.regex.Matcher table = CREATE_TABLE.matcher(TABLE_OPTIONS.matcher(sql).replaceFirst(")"));
            if (!table.matches()) {
                if (sql.regionMatches(true, 0, "CREATE TABLE", 0, 12)) { // a script this method cannot read: say so in tests
                    throw new IllegalStateException("cannot read the columns of the script's statement: " + sql);
                }
                continue;
            }
            String name = table.group(1);
            java.util.Set<String> existing = new java.util.HashSet<>();
            try (java.sql.ResultSet none = statement.executeQuery("select * from " + name + " where 1 = 0")) {
                java.sql.ResultSetMetaData columns = none.getMetaData();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    existing.add(columns.getColumnName(i).toLowerCase(Locale.ROOT));
                }
            }
            for (String line : table.group(2).split("\n")) {
                String definition = line.strip();
                definition = definition.endsWith(",") ? definition.substring(0, definition.length() - 1).strip() : definition;
                String column = definition.split("\\s+")[0];
                if (definition.isEmpty() || NOT_COLUMNS.contains(column.toLowerCase(Locale.ROOT)) || existing.contains(column.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String upper = definition.toUpperCase(Locale.ROOT);
                if (upper.contains("NOT NULL") && !upper.contains("DEFAULT")) {
                    throw new IllegalStateException("Punctual's table " + name + " lacks the column " + column + " ("
                            + definition + "), which this version needs and which existing rows have no value for: the"
                            + " table was created by an earlier snapshot; recreate Punctual's tables");
                }
                statement.execute("ALTER TABLE " + name + " ADD COLUMN " + definition);
            }
        }
    }
}
