package org.hubguard.accounts;

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

@Entity
@Table(name = "users")
@jakarta.persistence.EntityListeners(org.hubguard.repos.RepositoryNames.Changes.class)
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(optional = false, fetch = FetchType.EAGER, cascade = CascadeType.PERSIST)
    @JoinColumn(name = "namespace_id", nullable = false)
    private Namespace namespace;

    /** Stored lower-case: addresses are compared without regard to case. */
    @Column(nullable = false, length = 254)
    private String email;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "is_admin", nullable = false)
    private boolean admin;



    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected User() {
    }

    public User(Namespace namespace, String email, String passwordHash, Instant createdAt) {
        this.namespace = namespace;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return namespace.getName();
    }

    public Namespace getNamespace() {
        return namespace;
    }

    public String getEmail() {
        return email;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    void markEmailVerified() {
        this.emailVerified = true;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isAdmin() {
        return admin;
    }

    void grantAdmin() {
        this.admin = true;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
