package org.hubguard.repos;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
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

import org.hubguard.accounts.Namespace;

/** A name a repository had before a rename or move; it leads to the repository until the name is taken again. */
@Entity
@Table(name = "repository_redirects")
class RepositoryRedirect {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RepoType type;

    @Column(name = "namespace_key", nullable = false, length = 42)
    private String namespaceKey;

    @Column(name = "name_key", nullable = false, length = 96)
    private String nameKey;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "repository_id", nullable = false)
    private Repository repository;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RepositoryRedirect() {
    }

    RepositoryRedirect(RepoType type, String namespace, String name, Repository repository, Instant createdAt) {
        this.type = type;
        this.namespaceKey = Namespace.keyOf(namespace);
        this.nameKey = name.toLowerCase(Locale.ROOT);
        this.repository = repository;
        this.createdAt = createdAt;
    }

    Repository repository() {
        return repository;
    }
}
