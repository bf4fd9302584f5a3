package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.jpa.JpaJobStore;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

import java.util.Map;

/**
 * Renames Punctual's tables from the default prefix to the configured one and hands every other name to the
 * application's own naming strategy unchanged.
 */
final class PrefixedTableNames implements PhysicalNamingStrategy {

    private final PhysicalNamingStrategy delegate;
    private final String prefix;

    private PrefixedTableNames(PhysicalNamingStrategy delegate, String prefix) {
        this.delegate = delegate;
        this.prefix = prefix;
    }

    /**
     * Punctual's own key, set by {@link #install} to the table prefix: it tells {@link #installAgain} that this map had
     * Punctual's strategy, should a later customizer replace it. Not Hibernate's; removed there before the factory is
     * built.
     */
    static final String PREFIX_PROPERTY = "io.punctual.naming.table-prefix";

    /**
     * With a table prefix other than the default, puts this strategy into {@code hibernateProperties}, around the one
     * already set there (an instance, a class, or a class name; else Spring Boot's default).
     */
    static void install(Map<String, Object> hibernateProperties, String prefix) {
        if (prefix.equals(JpaJobStore.DEFAULT_TABLE_PREFIX)) {
            return;
        }
        wrap(hibernateProperties, prefix);
        hibernateProperties.put(PREFIX_PROPERTY, prefix);
    }

    /**
     * Once every {@code HibernatePropertiesCustomizer} has run: if one that ran after Punctual's put a naming strategy of
     * its own in this one's place, wraps that one too. Leaves a map that never had this strategy alone.
     */
    static void installAgain(Map<String, Object> hibernateProperties) {
        if (hibernateProperties.remove(PREFIX_PROPERTY) instanceof String prefix
                && !(hibernateProperties.get(MappingSettings.PHYSICAL_NAMING_STRATEGY) instanceof PrefixedTableNames)) {
            wrap(hibernateProperties, prefix);
        }
    }

    private static void wrap(Map<String, Object> hibernateProperties, String prefix) {
        Object current = hibernateProperties.get(MappingSettings.PHYSICAL_NAMING_STRATEGY);
        hibernateProperties.put(MappingSettings.PHYSICAL_NAMING_STRATEGY, new PrefixedTableNames(resolve(current), prefix));
    }

    /** The application's strategy that this one wraps. */
    PhysicalNamingStrategy delegate() {
        return delegate;
    }

    private static PhysicalNamingStrategy resolve(Object configured) {
        try {
            if (configured instanceof PhysicalNamingStrategy strategy) {
                return strategy;
            }
            if (configured instanceof Class<?> type) {
                return (PhysicalNamingStrategy) type.getDeclaredConstructor().newInstance();
            }
            if (configured instanceof String name && !name.isBlank()) {
                return (PhysicalNamingStrategy) Class.forName(name).getDeclaredConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the physical naming strategy " + configured, e);
        }
        return new CamelCaseToUnderscoresNamingStrategy();
    }

    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
        if (name != null && JpaJobStore.TABLE_NAMES.contains(name.getText())) {
            return Identifier.toIdentifier(prefix + name.getText().substring(JpaJobStore.DEFAULT_TABLE_PREFIX.length()), name.isQuoted());
        }
        return delegate.toPhysicalTableName(name, context);
    }

    @Override
    public Identifier toPhysicalCatalogName(Identifier name, JdbcEnvironment context) {
        return delegate.toPhysicalCatalogName(name, context);
    }

    @Override
    public Identifier toPhysicalSchemaName(Identifier name, JdbcEnvironment context) {
        return delegate.toPhysicalSchemaName(name, context);
    }

    @Override
    public Identifier toPhysicalSequenceName(Identifier name, JdbcEnvironment context) {
        return delegate.toPhysicalSequenceName(name, context);
    }

    @Override
    public Identifier toPhysicalColumnName(Identifier name, JdbcEnvironment context) {
        return delegate.toPhysicalColumnName(name, context);
    }
}
