package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.jpa.JpaSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates Punctual's tables, per {@code punctual.jdbc.initialize-schema}, before the application's
 * EntityManagerFactory starts (it is detected as a database initializer). The scripts create what is missing
 * and never drop anything, so every node and every restart may run them.
 */
public class PunctualSchemaInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(PunctualSchemaInitializer.class);

    private final DataSource dataSource;
    private final PunctualProperties.Jdbc settings;
    /** The persistence unit's default schema ({@code spring.jpa.properties.hibernate.default_schema}), or null. */
    private final String schema;
    /** The persistence unit's default catalog ({@code spring.jpa.properties.hibernate.default_catalog}), or null. */
    private final String catalog;

    PunctualSchemaInitializer(DataSource dataSource, PunctualProperties.Jdbc settings, String schema, String catalog) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.schema = schema;
        this.catalog = catalog;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String prefix = JpaSchema.checkPrefix(settings.getTablePrefix());
        if (dataSource == null || !shouldRun()) {
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
}
