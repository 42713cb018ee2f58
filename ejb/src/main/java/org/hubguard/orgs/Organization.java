package org.hubguard.orgs;

import java.time.Instant;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import org.hubguard.accounts.Namespace;
import org.hubguard.accounts.SecretTokens;
import org.hubguard.tokens.TokenFormat;

@Entity
@Table(name = "organizations")
public class Organization {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(optional = false, fetch = FetchType.EAGER, cascade = CascadeType.PERSIST)
    @JoinColumn(name = "namespace_id", nullable = false)
    private Namespace namespace;

    @Column(name = "full_name", nullable = false, length = 100)
    private String fullName;

    @Column(length = 2000)
    private String description;

    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "token_last_four", length = 4)
    private String tokenLastFour;

    @Column(name = "token_created_at")
    private Instant tokenCreatedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "require_signed", nullable = false)
    private boolean requireSigned;

    @Column(name = "protect_default_branch", nullable = false)
    private boolean protectDefaultBranch;

    protected Organization() {
    }

    Organization(Namespace namespace, String fullName, String description, Instant createdAt) {
        this.namespace = namespace;
        this.fullName = fullName;
        this.description = description;
        this.createdAt = createdAt;
    }

    void updateProfile(String fullName, String description) {
        this.fullName = fullName;
        this.description = description;
    }

    /** A new organization token; the old one (if any) stops working at once. */
    String newToken(Instant now) {
        String secret = TokenFormat.generate();
        this.tokenHash = SecretTokens.sha256(secret);
        this.tokenLastFour = TokenFormat.lastFour(secret);
        this.tokenCreatedAt = now;
        return secret;
    }

    /** The organization token stops working at once (it leaked); an admin makes a new one. */
    public void revokeToken() {
        this.tokenHash = null;
        this.tokenLastFour = null;
        this.tokenCreatedAt = null;
    }

    /** Whether every repository of the organization requires signed commits. */
    public boolean isRequireSigned() {
        return requireSigned;
    }

    void setRequireSigned(boolean requireSigned) {
        this.requireSigned = requireSigned;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return namespace.getName();
    }

    public Namespace getNamespace() {
        return namespace;
    }

    public String getFullName() {
        return fullName;
    }

    public String getDescription() {
        return description;
    }

    public String getTokenLastFour() {
        return tokenLastFour;
    }

    public Instant getTokenCreatedAt() {
        return tokenCreatedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Whether every repository of the organization protects its default branch. */
    public boolean isProtectDefaultBranch() {
        return protectDefaultBranch;
    }

    void setProtectDefaultBranch(boolean protect) {
        this.protectDefaultBranch = protect;
    }
}
