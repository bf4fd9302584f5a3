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

    static void install(Map<String, Object> hibernateProperties, String prefix) {
        if (prefix.equals(JpaJobStore.DEFAULT_TABLE_PREFIX)) {
            return;
        }
        Object current = hibernateProperties.get(MappingSettings.PHYSICAL_NAMING_STRATEGY);
        hibernateProperties.put(MappingSettings.PHYSICAL_NAMING_STRATEGY, new PrefixedTableNames(resolve(current), prefix));
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
