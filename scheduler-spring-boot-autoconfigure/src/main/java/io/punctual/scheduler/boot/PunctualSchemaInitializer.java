package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.jpa.JpaSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Creates Punctual's tables, per {@code punctual.jdbc.initialize-schema}, before the application's
 * EntityManagerFactory starts (it is detected as a database initializer). The scripts create what is missing
 * and never drop anything, so every node and every restart may run them. They run through the DataSource marked
 * {@link PunctualDataSource @PunctualDataSource}, else the only or {@code @Primary} one.
 */
public class PunctualSchemaInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PunctualSchemaInitializer.class);

    static final String PROPERTY = "punctual.jdbc.initialize-schema";

    /** Where the tables are created; null when the application has several DataSources and none is chosen. */
    private final DataSource dataSource;
    /** The application's DataSources by bean name, when it has several and none is chosen; else empty. */
    private final Map<String, DataSource> undecided;
    private final PunctualProperties.Jdbc settings;
    /** The persistence unit's default schema ({@code spring.jpa.properties.hibernate.default_schema}), or null. */
    private final String schema;
    /** The persistence unit's default catalog ({@code spring.jpa.properties.hibernate.default_catalog}), or null. */
    private final String catalog;

    PunctualSchemaInitializer(DataSource dataSource, PunctualProperties.Jdbc settings, String schema, String catalog) {
        this(dataSource, Map.of(), settings, schema, catalog);
    }

    private PunctualSchemaInitializer(DataSource dataSource, Map<String, DataSource> undecided,
            PunctualProperties.Jdbc settings, String schema, String catalog) {
        this.dataSource = dataSource;
        this.undecided = undecided;
        this.settings = settings;
        this.schema = schema;
        this.catalog = catalog;
    }

    /**
     * For an application with several DataSources, none of them {@code @Primary} or marked {@link PunctualDataSource}:
     * it creates no table, and says so when {@code punctual.jdbc.initialize-schema} asks for them.
     */
    static PunctualSchemaInitializer undecided(Map<String, DataSource> dataSources, PunctualProperties.Jdbc settings,
            String schema, String catalog) {
        return new PunctualSchemaInitializer(null, Map.copyOf(dataSources), settings, schema, catalog);
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String prefix = JpaSchema.checkPrefix(settings.getTablePrefix());
        if (dataSource == null) {
            undecided();
            return;
        }
        if (!shouldRun()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            String namespace = JpaSchema.create(connection, prefix, schema, catalog);
            log.debug("Punctual tables with prefix '{}' are in place{}", prefix, namespace == null ? "" : " in " + namespace);
        }
    }

    private boolean shouldRun() {
        return switch (settings.getInitializeSchema()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case EMBEDDED -> EmbeddedDatabaseConnection.isEmbedded(dataSource);
        };
    }

    /**
     * Several DataSources and no telling which holds the tables. Asked to create them always, start-up stops: the tables
     * would be missing, and the store's error would then advise the setting that is already there. With
     * {@code embedded}, when one of them is embedded (else nothing would run anyway), a warning: the application may
     * create the tables otherwise (Hibernate's {@code ddl-auto}, say) and worked so far.
     */
    private void undecided() {
        String names = String.join(", ", undecided.keySet().stream().sorted().toList());
        String which = "the application has several DataSources (" + names + "), none of them @Primary or marked"
                + " @" + PunctualDataSource.class.getName() + ", so Punctual cannot tell which one holds its tables";
        switch (settings.getInitializeSchema()) {
            case NEVER -> { }
            case ALWAYS -> throw new PunctualPropertyException(PROPERTY, "always", which, "'never' when the tables are"
                    + " created otherwise (Flyway, Liquibase); or keep 'always' and mark the DataSource bean that the"
                    + " persistence unit uses with @PunctualDataSource (or @Primary)", null);
            case EMBEDDED -> {
                List<String> embedded = undecided.entrySet().stream()
                        .filter(e -> EmbeddedDatabaseConnection.isEmbedded(e.getValue())).map(Map.Entry::getKey).sorted().toList();
                if (!embedded.isEmpty()) {
                    log.warn("Punctual's tables were not created: {} ({}=embedded, and {} embedded). Mark the DataSource"
                            + " bean that the persistence unit uses with @PunctualDataSource, or set {}=never if the tables"
                            + " are created otherwise", which, PROPERTY, String.join(", ", embedded)
                            + (embedded.size() == 1 ? " is" : " are"), PROPERTY);
                }
            }
        }
    }
}
