package org.hubguard.lfs;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * That a repository may serve an LFS object: it was uploaded to it (or committed in it). An object is stored
 * once but readable only through the repositories it is linked to, so knowing a hash is not enough to read
 * another repository's file.
 */
@Entity
@Table(name = "repository_lfs_objects")
public class LfsLink {

    @Embeddable
    public record Key(@Column(name = "repository_id") long repositoryId, @Column(name = "oid", length = 64) String oid)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LfsLink() {
    }

    LfsLink(long repositoryId, String oid, Instant createdAt) {
        this.key = new Key(repositoryId, oid);
        this.createdAt = createdAt;
    }
}
