package org.hubguard.config;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A random secret the server made for itself, kept in the database so that every node shares it. */
@Entity
@Table(name = "server_secrets")
public class ServerSecret {

    @Id
    @Column(length = 64)
    private String name;

    @Column(nullable = false, length = 200)
    private String secret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ServerSecret() {
    }

    ServerSecret(String name, String secret, Instant createdAt) {
        this.name = name;
        this.secret = secret;
        this.createdAt = createdAt;
    }

    String getSecret() {
        return secret;
    }
}
