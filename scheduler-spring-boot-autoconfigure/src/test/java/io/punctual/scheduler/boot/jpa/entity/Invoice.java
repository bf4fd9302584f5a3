package io.punctual.scheduler.boot.jpa.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An application entity, to show that a user's own @EntityScan and Punctual's entities live together. */
@Entity
public class Invoice {

    @Id
    Long id;

    String customer;
}
