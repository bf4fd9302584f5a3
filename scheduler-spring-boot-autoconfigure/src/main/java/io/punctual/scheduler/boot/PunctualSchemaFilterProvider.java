package io.punctual.scheduler.boot;

import io.punctual.scheduler.store.jpa.JpaJobStore;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Leaves Punctual's tables out of what Hibernate's schema tooling creates, drops and truncates
 * ({@code spring.jpa.hibernate.ddl-auto=create}, {@code create-drop}, {@code drop}): Punctual creates them with its own
 * scripts ({@code punctual.jdbc.initialize-schema}) and keeps their rows across restarts. {@code update} and
 * {@code validate} still see them, as before: the first only adds what is missing, the second only reads. Every other
 * table is decided by the filter provider the application configured, if any, else kept.
 */
final class PunctualSchemaFilterProvider implements SchemaFilterProvider {

    private static final Logger log = LoggerFactory.getLogger(PunctualSchemaFilterProvider.class);

    static final String PROPERTY = SchemaToolingSettings.HBM2DDL_FILTER_PROVIDER;

    /**
     * Punctual's own key, set beside the filter by {@link #install} to the table prefix: it tells
     * {@link #installAgain} that this map had the filter, should a later customizer replace it. Not Hibernate's; removed
     * there before the factory is built.
     */
    static final String PREFIX_PROPERTY = "io.punctual.schema-filter.table-prefix";

    private static final SchemaFilter ALL = new SchemaFilter() {
        @Override
        public boolean includeNamespace(Namespace namespace) {
            return true;
        }

        @Override
        public boolean includeTable(Table table) {
            return true;
        }

        @Override
        public boolean includeSequence(Sequence sequence) {
            return true;
        }
    };

    /** The application's provider, or null. */
    private final SchemaFilterProvider delegate;
    /** Punctual's table names with the configured prefix, in lower case. */
    private final Set<String> tables;

    PunctualSchemaFilterProvider(SchemaFilterProvider delegate, String prefix) {
        this.delegate = delegate;
        this.tables = tableNames(prefix);
    }

    static Set<String> tableNames(String prefix) {
        return JpaJobStore.TABLE_NAMES.stream()
                .map(name -> (prefix + name.substring(JpaJobStore.DEFAULT_TABLE_PREFIX.length())).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Puts the filter into {@code hibernateProperties}, around the provider already set there (an instance, a class, or a
     * class name). One that cannot be made into a provider here is kept as it is, with a warning: Hibernate then manages
     * Punctual's tables as the application's.
     */
    static void install(Map<String, Object> hibernateProperties, String prefix) {
        Object configured = hibernateProperties.get(PROPERTY);
        if (configured instanceof PunctualSchemaFilterProvider) {
            return;
        }
        if (wrap(hibernateProperties, configured, prefix)) {
            hibernateProperties.put(PREFIX_PROPERTY, prefix);
        }
    }

    /**
     * Once every {@code HibernatePropertiesCustomizer} has run: if one that ran after Punctual's (Spring Boot orders
     * customizers without an order by registration, so a library's auto-configuration may come later) put a provider of
     * its own in the filter's place, wraps that one too. Leaves a map that never had the filter alone.
     */
    static void installAgain(Map<String, Object> hibernateProperties) {
        if (!(hibernateProperties.remove(PREFIX_PROPERTY) instanceof String prefix)) {
            return;
        }
        Object configured = hibernateProperties.get(PROPERTY);
        if (!(configured instanceof PunctualSchemaFilterProvider)) {
            wrap(hibernateProperties, configured, prefix);
        }
    }

    private static boolean wrap(Map<String, Object> hibernateProperties, Object configured, String prefix) {
        SchemaFilterProvider delegate;
        try {
            delegate = resolve(configured);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.warn("{}={} is kept as it is, without Punctual's filter around it, as Punctual cannot create it ({}): with"
                    + " spring.jpa.hibernate.ddl-auto=create or create-drop, Hibernate drops and recreates Punctual's tables"
                    + " ({}) at each start, and jobs, pauses and history are lost. Give a SchemaFilterProvider class with a"
                    + " public no-argument constructor, or leave Punctual's tables out in your provider",
                    PROPERTY, configured, e, String.join(", ", tableNames(prefix).stream().sorted().toList()));
            return false;
        }
        hibernateProperties.put(PROPERTY, new PunctualSchemaFilterProvider(delegate, prefix));
        return true;
    }

    private static SchemaFilterProvider resolve(Object configured) throws ReflectiveOperationException {
        if (configured == null || configured instanceof String name && name.isBlank()) {
            return null;
        }
        if (configured instanceof SchemaFilterProvider provider) {
            return provider;
        }
        Class<?> type;
        if (configured instanceof Class<?> given) {
            type = given;
        } else if (configured instanceof String name) {
            type = ClassUtils.forName(name.strip(), ClassUtils.getDefaultClassLoader());
        } else {
            throw new IllegalArgumentException("neither a SchemaFilterProvider, a class nor a class name");
        }
        if (!SchemaFilterProvider.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is no " + SchemaFilterProvider.class.getName());
        }
        return (SchemaFilterProvider) type.getDeclaredConstructor().newInstance();
    }

    /** The application's provider that this one wraps, or null. */
    SchemaFilterProvider delegate() {
        return delegate;
    }

    boolean isPunctualTable(Table table) {
        return table.getName() != null && tables.contains(table.getName().toLowerCase(Locale.ROOT));
    }

    private SchemaFilter withoutPunctualTables(SchemaFilter filter) {
        SchemaFilter base = filter == null ? ALL : filter;
        return new SchemaFilter() {
            @Override
            public boolean includeNamespace(Namespace namespace) {
                return base.includeNamespace(namespace);
            }

            @Override
            public boolean includeTable(Table table) {
                return !isPunctualTable(table) && base.includeTable(table);
            }

            @Override
            public boolean includeSequence(Sequence sequence) {
                return base.includeSequence(sequence);
            }
        };
    }

    @Override
    public SchemaFilter getCreateFilter() {
        return withoutPunctualTables(delegate == null ? null : delegate.getCreateFilter());
    }

    @Override
    public SchemaFilter getDropFilter() {
        return withoutPunctualTables(delegate == null ? null : delegate.getDropFilter());
    }

    @Override
    public SchemaFilter getTruncatorFilter() {
        return withoutPunctualTables(delegate == null ? null : delegate.getTruncatorFilter());
    }

    @Override
    public SchemaFilter getMigrateFilter() {
        return delegate == null ? ALL : delegate.getMigrateFilter();
    }

    @Override
    public SchemaFilter getValidateFilter() {
        return delegate == null ? ALL : delegate.getValidateFilter();
    }
}
