package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One tag of one job, in a table of its own. Its index on {@code tag} served the store's pause by tag, which is gone
 * (the scheduler pauses a tag job by job); it stays in the schema scripts and here so that existing schemas match.
 */
@Entity(name = "PunctualJobTag")
@Table(name = "punctual_job_tag", indexes = @Index(name = "punctual_job_tag_tag_idx", columnList = "tag"))
@IdClass(JobTagEntity.Key.class)
class JobTagEntity {

    @Id
    @Column(name = "job_id", length = 200)
    String jobId;

    @Id
    @Column(name = "tag", length = 200)
    String tag;

    protected JobTagEntity() {
    }

    JobTagEntity(String jobId, String tag) {
        this.jobId = jobId;
        this.tag = tag;
    }

    /** The composite primary key. */
    static class Key implements Serializable {
        String jobId;
        String tag;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(jobId, k.jobId) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, tag);
        }
    }
}
