package io.punctual.scheduler.boot.jpa.entity;

import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;

/** An application's provider: its {@code invoice} table is made otherwise. */
public class NoInvoiceTableCreated implements SchemaFilterProvider {

    private static SchemaFilter filter(boolean invoice) {
        return new SchemaFilter() {
            @Override
            public boolean includeNamespace(Namespace namespace) {
                return true;
            }

            @Override
            public boolean includeTable(Table table) {
                return invoice || !table.getName().equalsIgnoreCase("invoice");
            }

            @Override
            public boolean includeSequence(Sequence sequence) {
                return true;
            }
        };
    }

    @Override
    public SchemaFilter getCreateFilter() {
        return filter(false);
    }

    @Override
    public SchemaFilter getDropFilter() {
        return filter(true);
    }

    @Override
    public SchemaFilter getTruncatorFilter() {
        return filter(true);
    }

    @Override
    public SchemaFilter getMigrateFilter() {
        return filter(true);
    }

    @Override
    public SchemaFilter getValidateFilter() {
        return filter(true);
    }
}
