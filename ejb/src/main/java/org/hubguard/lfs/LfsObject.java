package org.hubguard.lfs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An object in the LFS store: recorded once it is stored with a checked hash. */
@Entity
@Table(name = "lfs_objects")
public class LfsObject {

    @Id
    @Column(length = 64)
    private String oid;

    @Column(nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LfsObject() {
    }

    LfsObject(String oid, long size, Instant createdAt) {
        this.oid = oid;
        this.size = size;
        this.createdAt = createdAt;
    }

    public String getOid() {
        return oid;
    }

    public long getSize() {
        return size;
    }
}
