package org.hubguard.lfs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hubguard.accounts.User;

/** A file locked through the LFS locking API: one owner per path and repository. */
@Entity
@Table(name = "lfs_locks")
public class LfsLock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "repository_id", nullable = false)
    private long repositoryId;

    @Column(nullable = false, length = 1000)
    private String path;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "owner_id", nullable = false)
    private User owner;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LfsLock() {
    }

    LfsLock(long repositoryId, String path, User owner, Instant createdAt) {
        this.repositoryId = repositoryId;
        this.path = path;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getPath() {
        return path;
    }

    public String getOwnerName() {
        return owner.getUsername();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    long getRepositoryId() {
        return repositoryId;
    }
}
