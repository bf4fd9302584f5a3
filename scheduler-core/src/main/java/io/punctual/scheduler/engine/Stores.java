package io.punctual.scheduler.engine;

import io.punctual.scheduler.JobDefinition;
import io.punctual.scheduler.JobScope;
import io.punctual.scheduler.NoSuchJobException;
import io.punctual.scheduler.store.JobRecord;
import io.punctual.scheduler.store.JobStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The configured store, for cluster-scope jobs, and this node's own memory store, for node-scope jobs
 * (every node runs those, so they are never shared).
 */
final class Stores {

    private final JobStore shared;
    private final JobStore local;

    Stores(JobStore shared, JobStore local) {
        this.shared = shared;
        this.local = local;
    }

    JobStore shared() {
        return shared;
    }

    List<JobStore> all() {
        return shared == local ? List.of(shared) : List.of(local, shared);
    }

    JobStore forDefinition(JobDefinition definition) {
        return definition.policy().scope() == JobScope.NODE ? local : shared;
    }

    /** The store a job of the other scope lives in, or empty when there is only one store. */
    Optional<JobStore> other(JobStore store) {
        return shared == local ? Optional.empty() : Optional.of(store == local ? shared : local);
    }

    Optional<JobRecord> find(String id) {
        Optional<JobRecord> record = local.find(id);
        return record.isPresent() || shared == local ? record : shared.find(id);
    }

    JobRecord require(String id) {
        return find(id).orElseThrow(() -> new NoSuchJobException(id));
    }

    JobStore storeOf(String id) {
        return storeOf(require(id));
    }

    /** The store holding {@code record}: by its scope, or the shared store for a job it cannot read (only it holds such). */
    JobStore storeOf(JobRecord record) {
        return record.definition() == null ? shared : forDefinition(record.definition());
    }

    List<JobRecord> findAll() {
        if (shared == local) {
            return shared.findAll();
        }
        List<JobRecord> all = new ArrayList<>(local.findAll());
        all.addAll(shared.findAll());
        all.sort(Comparator.comparing(JobRecord::id));
        return all;
    }
}
