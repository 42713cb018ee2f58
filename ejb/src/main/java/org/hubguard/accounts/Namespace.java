package org.hubguard.accounts;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hubguard.access.Resources;

/** A name in the namespace shared by users and organizations; unique regardless of case. */
@Entity
@Table(name = "namespaces")
@jakarta.persistence.EntityListeners(org.hubguard.repos.RepositoryNames.Changes.class)
public class Namespace {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 42)
    private String name;

    @Column(name = "name_key", nullable = false, length = 42)
    private String nameKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private NamespaceKind kind;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Namespace() {
    }

    public Namespace(String name, NamespaceKind kind, Instant createdAt) {
        this.name = name;
        this.nameKey = keyOf(name);
        this.kind = kind;
        this.createdAt = createdAt;
    }

    /** The form in which names are compared: "Alice" and "alice" are the same name. */
    public static String keyOf(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public NamespaceKind getKind() {
        return kind;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** As the policy sees it: where repositories can be created. */
    public Resources.Namespace asResource() {
        return new Resources.Namespace(name, kind == NamespaceKind.ORGANIZATION);
    }
}
