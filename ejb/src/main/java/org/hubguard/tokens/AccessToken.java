package org.hubguard.tokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hubguard.accounts.User;

/** A user access token. The secret itself is never stored, only its SHA-256 digest. */
@Entity
@Table(name = "access_tokens")
public class AccessToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "user_id", nullable = false)
    private User owner;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TokenRole role;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "last_four", nullable = false, length = 4)
    private String lastFour;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "refreshed_at")
    private Instant refreshedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "access_token_grants", joinColumns = @JoinColumn(name = "token_id"))
    private List<TokenGrant> grants = new ArrayList<>();

    protected AccessToken() {
    }

    AccessToken(User owner, String name, TokenRole role, List<TokenGrant> grants, Instant createdAt, Instant expiresAt) {
        this.owner = owner;
        this.name = name;
        this.role = role;
        this.grants = new ArrayList<>(grants);
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** Gives the token a new secret; the old one stops working at once. */
    void setSecret(String secret, Instant now) {
        this.tokenHash = org.hubguard.accounts.SecretTokens.sha256(secret);
        this.lastFour = TokenFormat.lastFour(secret);
        if (createdAt != null && now.isAfter(createdAt)) {
            this.refreshedAt = now;
        }
    }

    void markUsed(Instant now) {
        this.lastUsedAt = now;
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public Long getId() {
        return id;
    }

    public User getOwner() {
        return owner;
    }

    public String getName() {
        return name;
    }

    public TokenRole getRole() {
        return role;
    }

    public String getLastFour() {
        return lastFour;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRefreshedAt() {
        return refreshedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public List<TokenGrant> getGrants() {
        return List.copyOf(grants);
    }
}
