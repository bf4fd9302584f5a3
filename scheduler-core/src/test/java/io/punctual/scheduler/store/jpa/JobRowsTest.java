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
        JobRows rows = new JobRows("acme_sched_");
        assertThat((String) insertJob.get(rows)).startsWith("insert into acme_sched_job (id, ");
        assertThat(rows.selectJobs).startsWith("select id, schedule_kind, ").endsWith(" from acme_sched_job");
        assertThat(rows.updateState).isEqualTo("update acme_sched_job set version = ?, last_fire = ?, running = ?,"
                + " latest_run_start = ?, next_nominal = ?, next_due = ?, claim_due = ?, waiting = ?, held_retries = ?,"
                + " skip_row_id = ?, last_outcome = ?, consecutive_failures = ?, run_id = ?, run_node = ?, run_scheduled = ?,"
                + " run_start = ?, run_attempt = ?, run_origin = ?, run_fence = ? where id = ?");
        ExecutionRows executions = new ExecutionRows("acme_sched_");
        assertThat(executions.select).endsWith(" from acme_sched_execution");
        assertThat(executions.insert).startsWith("insert into acme_sched_execution (id, job_id, ");
        assertThat(executions.update).startsWith("update acme_sched_execution set start_time = ?, ").endsWith(" where id = ?");
    }

    /** Claims and outcomes write a job's scheduling state only ({@link FireRows}): those columns are the entity's too. */
    @Test
    void theScheduleStateIsColumnsOfTheJobAndComparesEveryOne() {
        assertThat(JobRows.STATE_COLUMNS).doesNotHaveDuplicates().isSubsetOf(JobRows.COLUMNS)
                .doesNotContain("id", "paused", "orphaned", "enabled", "tagged", "handler_name", "payload");
        JobEntity job = new JobEntity("a");
        assertThat(JobRows.state(job)).hasSameSizeAs(JobRows.STATE_COLUMNS);
        List<Object> before = JobRows.state(job);
        List<Runnable> changes = List.of(() -> job.version++, () -> job.lastFire = 1L, () -> job.running++,
                () -> job.latestRunStart = 2L, () -> job.nextNominal = 3L, () -> job.nextDue = 4L, () -> job.claimDue = 5L,
                () -> job.waiting = true, () -> job.heldRetries = true, () -> job.skipRowId = "s", () -> job.lastOutcome = "SUCCESS",
                () -> job.consecutiveFailures++, () -> job.runId = "r", () -> job.runNode = "n", () -> job.runScheduled = 6L,
                () -> job.runStart = 7L, () -> job.runAttempt = 1, () -> job.runOrigin = "SCHEDULE", () -> job.runFence = 8L);
        assertThat(changes).hasSameSizeAs(JobRows.STATE_COLUMNS);
        for (Runnable change : changes) {
            change.run();
            List<Object> after = JobRows.state(job);
            assertThat(after).isNotEqualTo(before);
            before = after;
        }
    }

    @Test
    void theDuePendingFiresQueryNamesColumnsOfThePendingFireEntity() {
        String sql = new JobRows("acme_sched_").duePendingJobIds;
        assertThat(sql).contains(" from acme_sched_pending_fire ");
        List<String> named = new ArrayList<>(List.of(sql.replace("acme_sched_pending_fire", "").split("[^a-z_]+")));
        named.removeAll(List.of("", "select", "from", "where", "and", "order", "by", "desc", "limit"));
        assertThat(named).containsExactly("job_id", "held", "due", "due", "priority", "job_id", "id");
        assertThat(columnsOf(PendingFireEntity.class)).containsAll(named);
    }

    @Test
    void theNextDueQueryNamesColumnsOfTheJobAndPendingFireEntities() {
        String sql = new JobRows("acme_sched_").nextDue;
        assertThat(sql).contains(" from acme_sched_pending_fire p ").contains(" from acme_sched_job j ");
        List<String> named = new ArrayList<>(List.of(sql.replaceAll("acme_sched_\\w+", "").split("[^a-z_.]+")));
        named.removeAll(List.of("", "select", "from", "where", "and", "min", "p", "j"));
        assertThat(named).containsExactly("j.claim_due", "p.due", "p.held", "p.due", "j.claim_due");
        named.forEach(column -> assertThat(columnsOf(column.startsWith("j.") ? JobEntity.class : PendingFireEntity.class))
                .contains(column.substring(2)));
    }

    @Test
    void executionRowsReadAndWriteExactlyTheColumnsTheEntityMaps() {
        assertThat(ExecutionRows.COLUMNS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(columnsOf(ExecutionEntity.class));
        assertThat(ExecutionRows.CHANGING_COLUMNS).doesNotHaveDuplicates().isSubsetOf(ExecutionRows.COLUMNS)
                .doesNotContain("id", "job_id", "scheduled_time", "attempt", "fence");
        assertThat(ExecutionRows.changing(new ExecutionEntity("e", "a", 1, "n", 1))).hasSameSizeAs(ExecutionRows.CHANGING_COLUMNS);
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
