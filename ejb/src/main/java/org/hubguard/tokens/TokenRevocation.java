package org.hubguard.tokens;

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

/** A token hubguard revoked because it leaked, kept to tell its owner on the tokens page. */
@Entity
@Table(name = "token_revocations")
public class TokenRevocation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", nullable = false)
    private User owner;

    @Column(name = "token_name", nullable = false, length = 100)
    private String tokenName;

    @Column(name = "last_four", nullable = false, length = 4)
    private String lastFour;

    @Column(nullable = false, length = 1000)
    private String reason;

    @Column(name = "revoked_at", nullable = false)
    private Instant revokedAt;

    protected TokenRevocation() {
    }

    TokenRevocation(User owner, String tokenName, String lastFour, String reason, Instant revokedAt) {
        this.owner = owner;
        this.tokenName = tokenName;
        this.lastFour = lastFour;
        reason = org.hubguard.secrets.Redaction.redact(reason); // whatever its source, no secret is kept to be shown
        this.reason = reason.length() > 1000 ? reason.substring(0, 999) + "…" : reason;
        this.revokedAt = revokedAt;
    }

    public String getTokenName() {
        return tokenName;
    }

    public String getLastFour() {
        return lastFour;
    }

    public String getReason() {
        return reason;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
