package org.hubguard.tokens;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One permission of a fine-grained token, globally ({@code scopeName} null) or on one entity. */
@Embeddable
public class TokenGrant {

    @Enumerated(EnumType.STRING)
    @Column(name = "scope_kind", nullable = false, length = 16)
    private ScopeKind scopeKind;

    /** "alice", "acme", or "alice/bert" for a repository; null for global grants. */
    @Column(name = "scope_name", length = 200)
    private String scopeName;

    @Enumerated(EnumType.STRING)
    @Column(name = "permission", nullable = false, length = 32)
    private TokenPermission permission;

    protected TokenGrant() {
    }

    public TokenGrant(ScopeKind scopeKind, String scopeName, TokenPermission permission) {
        this.scopeKind = Objects.requireNonNull(scopeKind);
        this.scopeName = scopeKind.needsName() ? scopeName : null;
        this.permission = Objects.requireNonNull(permission);
    }

    public ScopeKind getScopeKind() {
        return scopeKind;
    }

    public String getScopeName() {
        return scopeName;
    }

    public TokenPermission getPermission() {
        return permission;
    }

    /** "repo.write on model alice/bert", "org.read everywhere". */
    @Override
    public String toString() {
        return permission.wireName() + (scopeKind.needsName() ? " on " + scopeKind.wireName() + " " + scopeName : " everywhere");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenGrant g && g.scopeKind == scopeKind && Objects.equals(g.scopeName, scopeName)
                && g.permission == permission;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scopeKind, scopeName, permission);
    }
}
