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

import org.hubguard.access.Resources;
import org.hubguard.accounts.Namespace;
import org.hubguard.accounts.NamespaceKind;
import org.hubguard.accounts.User;

/** A model or dataset repository in a user's or an organization's namespace. */
@Entity
@Table(name = "repositories")
@jakarta.persistence.EntityListeners(org.hubguard.repos.RepositoryNames.Changes.class)
public class Repository {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    @JoinColumn(name = "namespace_id", nullable = false)
    private Namespace namespace;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private RepoType type;

    @Column(nullable = false, length = 96)
    private String name;

    @Column(name = "name_key", nullable = false, length = 96)
    private String nameKey;

    @Column(name = "is_private", nullable = false)
    private boolean isPrivate;

    @Column(name = "require_signed", nullable = false)
    private boolean requireSigned;

    @Column(name = "protect_default_branch", nullable = false)
    private boolean protectDefaultBranch = true;

    @Column(name = "block_unsafe_downloads", nullable = false)
    private boolean blockUnsafeDownloads = true;

    @Column(name = "allow_secrets", nullable = false)
    private boolean allowSecrets;

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "created_by")
    private User createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Repository() {
    }

    Repository(Namespace namespace, RepoType type, String name, boolean isPrivate, User createdBy, Instant createdAt) {
        this.namespace = namespace;
        this.type = type;
        rename(name);
        this.isPrivate = isPrivate;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void moveTo(Namespace namespace, String name) {
        this.namespace = namespace;
        rename(name);
    }

    private void rename(String name) {
        this.name = name;
        this.nameKey = name.toLowerCase(Locale.ROOT);
    }

    void setRequireSigned(boolean requireSigned) {
        this.requireSigned = requireSigned;
    }

    void setProtectDefaultBranch(boolean protect) {
        this.protectDefaultBranch = protect;
    }

    /** Whether this repository itself protects main against deletion and force pushes (its organization may too). */
    public boolean isProtectDefaultBranch() {
        return protectDefaultBranch;
    }

    void setBlockUnsafeDownloads(boolean block) {
        this.blockUnsafeDownloads = block;
    }

    /** Whether resolve/raw refuse a file found unsafe (default: yes). */
    public boolean isBlockUnsafeDownloads() {
        return blockUnsafeDownloads;
    }

    void setAllowSecrets(boolean allow) {
        this.allowSecrets = allow;
    }

    /** Whether push protection lets secrets other than live hubguard tokens in (default: no). */
    public boolean isAllowSecrets() {
        return allowSecrets;
    }

    /** Whether this repository itself requires signed commits (its organization may require them too). */
    public boolean isRequireSigned() {
        return requireSigned;
    }

    void setPrivate(boolean isPrivate) {
        this.isPrivate = isPrivate;
    }

    /** The facts the policy decides on. */
    public Resources.Repo asResource() {
        return new Resources.Repo(type.wireName(), namespace.getName(), namespace.getKind() == NamespaceKind.ORGANIZATION,
                name, isPrivate, createdBy == null ? null : createdBy.getUsername());
    }

    public Long getId() {
        return id;
    }

    Namespace getNamespace() {
        return namespace;
    }

    public String getNamespaceName() {
        return namespace.getName();
    }

    public boolean isInOrganization() {
        return namespace.getKind() == NamespaceKind.ORGANIZATION;
    }

    public RepoType getType() {
        return type;
    }

    public String getName() {
        return name;
    }

    /** "namespace/name", the Hub's repo id. */
    public String getFullName() {
        return namespace.getName() + "/" + name;
    }

    /** "/alice/bert" or "/datasets/acme/corpus": the repository's page and git URL path. */
    public String getPath() {
        return "/" + type.urlPrefix() + getFullName();
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    public String getCreatedByUsername() {
        return createdBy == null ? null : createdBy.getUsername();
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
