package io.punctual.scheduler.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A node sharing the store, and when it last said it was alive. */
@Entity(name = "PunctualNode")
@Table(name = "punctual_node")
class NodeEntity {

    @Id
    @Column(name = "id", length = 200)
    String id;

    @Column(name = "last_heartbeat", nullable = false)
    long lastHeartbeat;

    protected NodeEntity() {
    }

    NodeEntity(String id, long lastHeartbeat) {
        this.id = id;
        this.lastHeartbeat = lastHeartbeat;
    }
}
