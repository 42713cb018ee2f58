package org.hubguard.signing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one row of hubguard's own OpenPGP key (its secret part never leaves the server). */
@Entity
@Table(name = "server_signing_key")
public class ServerSigningKey {

    @Id
    private Integer id;

    @Column(nullable = false, length = 64)
    private String fingerprint;

    @Column(name = "armored_public", nullable = false, length = 20000)
    private String armoredPublic;

    @Column(name = "armored_secret", nullable = false, length = 20000)
    private String armoredSecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ServerSigningKey() {
    }

    ServerSigningKey(String fingerprint, String armoredPublic, String armoredSecret, Instant createdAt) {
        this.id = 1;
        this.fingerprint = fingerprint;
        this.armoredPublic = armoredPublic;
        this.armoredSecret = armoredSecret;
        this.createdAt = createdAt;
    }

    String getFingerprint() {
        return fingerprint;
    }

    String getArmoredPublic() {
        return armoredPublic;
    }

    String getArmoredSecret() {
        return armoredSecret;
    }
}
