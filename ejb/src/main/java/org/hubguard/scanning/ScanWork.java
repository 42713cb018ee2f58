package org.hubguard.scanning;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A ref update whose new files still have to be queued for scanning (the outbox of pushes and commits). */
@Entity
@Table(name = "scan_work")
public class ScanWork {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "repository_id", nullable = false)
    private long repositoryId;

    @Column(name = "old_id", nullable = false, length = 40)
    private String oldId;

    @Column(name = "new_id", nullable = false, length = 40)
    private String newId;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ScanWork() {
    }

    ScanWork(long repositoryId, String oldId, String newId, Instant now) {
        this.repositoryId = repositoryId;
        this.oldId = oldId;
        this.newId = newId;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    /** After a failed attempt: try again later, waiting longer each time (up to an hour). */
    void postpone(Instant now) {
        attempts++;
        nextAttemptAt = now.plus(Duration.ofSeconds(Math.min(3600, 5L << Math.min(attempts, 10))));
    }

    Long getId() {
        return id;
    }

    long getRepositoryId() {
        return repositoryId;
    }

    String getOldId() {
        return oldId;
    }

    String getNewId() {
        return newId;
    }
}
