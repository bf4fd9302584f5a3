package io.punctual.scheduler.boot;

import io.punctual.scheduler.boot.jpa.entity.NoInvoiceTableCreated;
import org.hibernate.mapping.Table;
import org.hibernate.tool.schema.spi.SchemaFilter;
import org.hibernate.tool.schema.spi.SchemaFilterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The filter that keeps Hibernate's {@code ddl-auto} off Punctual's tables, and how it joins the application's own. */
@ExtendWith(OutputCaptureExtension.class)
class PunctualSchemaFilterProviderTest {

    private static Table table(String name) {
        Table table = mock(Table.class);
        when(table.getName()).thenReturn(name);
        return table;
    }

    private static PunctualSchemaFilterProvider installed(Map<String, Object> properties) {
        assertThat(properties.get(PunctualSchemaFilterProvider.PROPERTY)).isInstanceOf(PunctualSchemaFilterProvider.class);
        return (PunctualSchemaFilterProvider) properties.get(PunctualSchemaFilterProvider.PROPERTY);
    }

    private static List<SchemaFilter> destructive(SchemaFilterProvider provider) {
        return List.of(provider.getCreateFilter(), provider.getDropFilter(), provider.getTruncatorFilter());
    }

    @Test
    void createDropAndTruncateLeavePunctualsTablesOutAndEveryOtherTableIn() {
        Map<String, Object> properties = new HashMap<>();
        PunctualSchemaFilterProvider.install(properties, "punctual_");
        PunctualSchemaFilterProvider provider = installed(properties);
        assertThat(provider.delegate()).isNull();
        for (SchemaFilter filter : destructive(provider)) {
            for (String name : List.of("punctual_job", "punctual_job_tag", "punctual_execution", "punctual_pending_fire",
                    "punctual_node", "PUNCTUAL_JOB")) {
                assertThat(filter.includeTable(table(name))).as(name).isFalse();
            }
            assertThat(filter.includeTable(table("invoice"))).isTrue();
            assertThat(filter.includeTable(table("punctual_jobs"))).isTrue();
        }
    }

    @Test
    void updateAndValidateStillSeePunctualsTables() {
        Map<String, Object> properties = new HashMap<>();
        PunctualSchemaFilterProvider.install(properties, "punctual_");
        PunctualSchemaFilterProvider provider = installed(properties);
        assertThat(provider.getMigrateFilter().includeTable(table("punctual_job"))).isTrue();
        assertThat(provider.getValidateFilter().includeTable(table("punctual_job"))).isTrue();
    }

    @Test
    void theConfiguredPrefixNamesTheTablesLeftOut() {
        Map<String, Object> properties = new HashMap<>();
        PunctualSchemaFilterProvider.install(properties, "Sched_");
        SchemaFilter create = installed(properties).getCreateFilter();
        assertThat(create.includeTable(table("sched_job"))).isFalse();
        assertThat(create.includeTable(table("SCHED_EXECUTION"))).isFalse();
        assertThat(create.includeTable(table("punctual_job"))).isTrue();
    }

    @Test
    void theApplicationsProviderIsWrappedWhetherGivenAsInstanceClassOrClassName() {
        for (Object configured : List.of(new NoInvoiceTableCreated(), NoInvoiceTableCreated.class,
                NoInvoiceTableCreated.class.getName())) {
            Map<String, Object> properties = new HashMap<>(Map.of(PunctualSchemaFilterProvider.PROPERTY, configured));
            PunctualSchemaFilterProvider.install(properties, "punctual_");
            PunctualSchemaFilterProvider provider = installed(properties);
            assertThat(provider.delegate()).as("%s", configured).isInstanceOf(NoInvoiceTableCreated.class);
            assertThat(provider.getCreateFilter().includeTable(table("invoice"))).isFalse();   // the application's rule
            assertThat(provider.getCreateFilter().includeTable(table("punctual_job"))).isFalse(); // Punctual's
            assertThat(provider.getCreateFilter().includeTable(table("customer"))).isTrue();
            assertThat(provider.getDropFilter().includeTable(table("invoice"))).isTrue();
            assertThat(provider.getDropFilter().includeTable(table("punctual_job"))).isFalse();
        }
    }

    @Test
    void installingTwiceWrapsOnce() {
        Map<String, Object> properties = new HashMap<>();
        PunctualSchemaFilterProvider.install(properties, "punctual_");
        PunctualSchemaFilterProvider first = installed(properties);
        PunctualSchemaFilterProvider.install(properties, "punctual_");
        assertThat(installed(properties)).isSameAs(first);
    }

    @Test
    void installingAgainWrapsAProviderPutInThePlaceOfPunctualsAndLeavesAMapThatNeverHadItAlone() {
        Map<String, Object> properties = new HashMap<>();
        PunctualSchemaFilterProvider.install(properties, "sched_");
        properties.put(PunctualSchemaFilterProvider.PROPERTY, NoInvoiceTableCreated.class); // a later customizer's
        PunctualSchemaFilterProvider.installAgain(properties);
        PunctualSchemaFilterProvider provider = installed(properties);
        assertThat(provider.delegate()).isInstanceOf(NoInvoiceTableCreated.class);
        assertThat(provider.getCreateFilter().includeTable(table("sched_job"))).isFalse();
        assertThat(provider.getCreateFilter().includeTable(table("invoice"))).isFalse();
        assertThat(properties).containsOnlyKeys(PunctualSchemaFilterProvider.PROPERTY);
        PunctualSchemaFilterProvider.installAgain(properties);
        assertThat(installed(properties)).isSameAs(provider);

        Map<String, Object> without = new HashMap<>(Map.of(PunctualSchemaFilterProvider.PROPERTY, NoInvoiceTableCreated.class));
        PunctualSchemaFilterProvider.installAgain(without);
        assertThat(without).containsExactly(Map.entry(PunctualSchemaFilterProvider.PROPERTY, NoInvoiceTableCreated.class));
    }

    @Test
    void aProviderPunctualCannotCreateIsKeptAndTheConsequenceLogged(CapturedOutput output) {
        Map<String, Object> properties = new HashMap<>(Map.of(PunctualSchemaFilterProvider.PROPERTY, "com.example.NoSuchProvider"));
        PunctualSchemaFilterProvider.install(properties, "punctual_");
        assertThat(properties.get(PunctualSchemaFilterProvider.PROPERTY)).isEqualTo("com.example.NoSuchProvider");
        assertThat(output).contains("WARN").contains("hibernate.hbm2ddl.schema_filter_provider=com.example.NoSuchProvider is kept")
                .contains("drops and recreates Punctual's tables")
                .contains("punctual_execution, punctual_job, punctual_job_tag, punctual_node, punctual_pending_fire");
    }
}
