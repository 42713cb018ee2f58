package org.hubguard.signing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A cached verdict on one commit, valid while the signature generation is unchanged. */
@Entity
@Table(name = "commit_signatures")
public class CommitSignature {

    @Id
    @Column(name = "commit_id", length = 40)
    private String commitId;

    @Column(nullable = false)
    private long generation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SignatureStatus status;

    @Column(length = 32)
    private String reason;

    @Column(name = "key_fingerprint", length = 64)
    private String keyFingerprint;

    @Column(length = 42)
    private String signer;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    protected CommitSignature() {
    }

    CommitSignature(String commitId, long generation, SignatureCheck check, Instant checkedAt) {
        this.commitId = commitId;
        this.generation = generation;
        this.status = check.status();
        this.reason = check.reason();
        this.keyFingerprint = check.keyFingerprint();
        this.signer = check.signer();
        this.checkedAt = checkedAt;
    }

    long getGeneration() {
        return generation;
    }

    SignatureCheck toCheck() {
        return new SignatureCheck(status, reason, keyFingerprint, signer);
    }
}
