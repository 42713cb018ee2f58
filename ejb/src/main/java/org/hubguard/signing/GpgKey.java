package org.hubguard.signing;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hubguard.accounts.User;

/** An uploaded GPG public key of a user. */
@Entity
@Table(name = "gpg_keys")
public class GpgKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "user_id", nullable = false)
    private User owner;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "key_id", nullable = false, length = 16)
    private String keyId;

    /** The emails of its certified user IDs, comma-separated. */
    @Column(nullable = false, length = 4000)
    private String emails;

    @Column(name = "key_created", nullable = false)
    private Instant keyCreated;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(nullable = false)
    private boolean revoked;

    @Column(nullable = false, length = 70000)
    private String armored;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    /** The primary key's and every subkey's fingerprint, bound or not: how signatures find this key. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "gpg_key_fingerprints", joinColumns = @JoinColumn(name = "gpg_key_id"))
    private Set<KeyFingerprint> fingerprints = new HashSet<>();

    protected GpgKey() {
    }

    GpgKey(User owner, String armored, ParsedKey parsed, Instant uploadedAt) {
        this.owner = owner;
        this.uploadedAt = uploadedAt;
        update(armored, parsed);
    }

    /** Takes the newest form of the key (e.g. re-uploaded with a revocation or a new subkey). */
    void update(String armored, ParsedKey parsed) {
        this.armored = armored;
        this.fingerprint = parsed.fingerprint();
        this.keyId = parsed.keyId();
        this.emails = String.join(",", parsed.emails());
        this.keyCreated = parsed.created();
        this.expiresAt = parsed.expires();
        this.revoked = parsed.revoked();
        this.fingerprints.clear();
        parsed.allFingerprints().forEach(f -> fingerprints.add(new KeyFingerprint(f)));
    }

    /** A key registered before uploads needed an email proof moves to the account that proves it. */
    void reassign(User provingOwner) {
        this.owner = provingOwner;
    }

    public ParsedKey parsed() {
        return GpgKeys.parse(armored);
    }

    public Long getId() {
        return id;
    }

    public User getOwner() {
        return owner;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public String getKeyId() {
        return keyId;
    }

    public List<String> getEmails() {
        return emails.isEmpty() ? List.of() : List.of(emails.split(","));
    }

    public Instant getKeyCreated() {
        return keyCreated;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }
}
