package org.hubguard.web.tokens;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.Resources;
import org.hubguard.access.Policy;
import org.hubguard.tokens.AccessToken;
import org.hubguard.tokens.IssuedToken;
import org.hubguard.tokens.ScopeKind;
import org.hubguard.tokens.TokenException;
import org.hubguard.tokens.TokenGrant;
import org.hubguard.tokens.TokenPermission;
import org.hubguard.tokens.TokenRole;
import org.hubguard.tokens.TokenService;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/**
 * Backs {@code /settings/tokens}: create, refresh and delete access tokens. A new secret is shown in the
 * response to the request that made it, and never again: it is not kept anywhere, not even in the session.
 */
@Named
@RequestScoped
public class TokensPage {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    TokenService tokens;

    @Inject
    org.hubguard.tokens.LeakedTokens leakedTokens;

    private List<org.hubguard.tokens.TokenRevocation> revocations;

    @Inject
    Policy policy;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<AccessToken> list;
    private String name;
    private String role = TokenRole.READ.wireName();
    private List<String> permissions = new ArrayList<>();
    private String scopeKind = ScopeKind.GLOBAL.wireName();
    private String scopeName;
    private String expiresOn;
    private IssuedToken issued;

    /** Only a signed-in web session manages tokens; a token presented to this page gets 403. */
    public void checkAccess() throws IOException {
        if (!policy.allows(caller.get(), Action.MANAGE_TOKENS, new Resources.Account(caller.getUsername()))) {
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_FORBIDDEN,
                    "Access tokens cannot manage tokens; sign in to hubguard's web pages instead.");
            faces.responseComplete();
        }
    }

    public List<AccessToken> getTokens() {
        if (list == null) {
            list = tokens.list(caller.get());
        }
        return list;
    }

    /** The caller's tokens that hubguard revoked because they leaked (push protection, reports). */
    public List<org.hubguard.tokens.TokenRevocation> getRevocations() {
        if (revocations == null) {
            revocations = caller.get().isUser() ? leakedTokens.noticesFor(caller.getUsername()) : List.of();
        }
        return revocations;
    }

    public void create() {
        Pages.attempt(() -> {
            TokenRole chosenRole = TokenRole.fromWireName(role)
                    .orElseThrow(() -> new TokenException("Choose the token's role: read, write or fine-grained."));
            show(tokens.create(caller.get(), name, chosenRole, grants(), parseDate(expiresOn)));
            name = null;
            expiresOn = null;
        });
    }

    public void refresh(long tokenId) {
        Pages.attempt(() -> {
            show(tokens.refresh(caller.get(), tokenId));
            Pages.info("The token '" + issued.token().getName() + "' has a new secret; the old one no longer works.");
        });
    }

    public void delete(long tokenId) {
        Pages.attempt(() -> {
            tokens.delete(caller.get(), tokenId);
            list = null;
            Pages.info("The token was deleted; it no longer works.");
        });
    }

    private void show(IssuedToken token) {
        issued = token;
        list = null;
        // The page with the secret must not be kept by the browser or a proxy.
        HttpServletResponse response = (HttpServletResponse) faces.getExternalContext().getResponse();
        response.setHeader("Cache-Control", "no-store");
    }

    private List<TokenGrant> grants() {
        ScopeKind kind;
        try {
            kind = ScopeKind.valueOf(scopeKind.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new TokenException("Choose what the permissions apply to.");
        }
        List<TokenGrant> grants = new ArrayList<>();
        for (String permission : permissions) {
            TokenPermission p = TokenPermission.fromWireName(permission)
                    .orElseThrow(() -> new TokenException("Unknown permission '" + permission + "'."));
            grants.add(new TokenGrant(kind, scopeName == null ? null : scopeName.trim(), p));
        }
        return grants;
    }

    private static LocalDate parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new TokenException("Enter the expiry date as YYYY-MM-DD.");
        }
    }

    public String display(Instant instant) {
        return instant == null ? "never" : DISPLAY.format(instant);
    }

    public String describe(AccessToken token) {
        return token.getRole() != TokenRole.FINE_GRAINED ? token.getRole().wireName()
                : "fine-grained: " + String.join(", ", token.getGrants().stream().map(TokenGrant::toString).toList());
    }

    public TokenPermission[] getAllPermissions() {
        return TokenPermission.values();
    }

    public ScopeKind[] getAllScopeKinds() {
        return ScopeKind.values();
    }

    public String getNewSecret() {
        return issued == null ? null : issued.secret();
    }

    public String getNewSecretName() {
        return issued == null ? null : issued.token().getName();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(List<String> permissions) {
        this.permissions = permissions == null ? new ArrayList<>() : permissions;
    }

    public String getScopeKind() {
        return scopeKind;
    }

    public void setScopeKind(String scopeKind) {
        this.scopeKind = scopeKind;
    }

    public String getScopeName() {
        return scopeName;
    }

    public void setScopeName(String scopeName) {
        this.scopeName = scopeName;
    }

    public String getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(String expiresOn) {
        this.expiresOn = expiresOn;
    }
}
