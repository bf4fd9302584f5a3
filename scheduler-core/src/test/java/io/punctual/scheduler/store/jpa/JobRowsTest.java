package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JobRows} writes a new job's row with JDBC: its column list must stay the entity's. The stores' round-trip
 * tests ({@code JpaJobStoreTestBase}: every part of a definition, on H2, PostgreSQL, MariaDB and a custom prefix) read
 * rows written that way back through the entity.
 */
class JobRowsTest {

    @Test
    void theInsertWritesExactlyTheColumnsTheEntityMaps() {
        assertThat(JobRows.COLUMNS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(columnsOf(JobEntity.class));
    }

    @Test
    void theStatementNamesTheTablesWithTheStoresPrefix() throws Exception {
        Field insertJob = JobRows.class.getDeclaredField("insertJob");
        insertJob.setAccessible(true);
        assertThat((String) insertJob.get(new JobRows("acme_sched_"))).startsWith("insert into acme_sched_job (id, ");
    }

    private static List<String> columnsOf(Class<?> type) {
        List<String> columns = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(Embedded.class)) {
                columns.addAll(columnsOf(field.getType()));
            } else if (field.isAnnotationPresent(Column.class)) {
                columns.add(field.getAnnotation(Column.class).name());
            }
        }
        return columns;
    }
}
