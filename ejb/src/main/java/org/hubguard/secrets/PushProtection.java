package org.hubguard.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.hubguard.access.Caller;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.config.HubguardConfig;
import org.hubguard.repos.Repository;
import org.hubguard.tokens.LeakSite;
import org.hubguard.tokens.LeakedTokens;

/**
 * Decides what the secrets found in a push or commit mean:
 * <ul>
 * <li>a live hubguard token is revoked at once (it has leaked to everyone who can read the repository, and to
 * the server), and the change is refused whatever the repository allows: nobody needs a dead token in git;</li>
 * <li>a well-formed hubguard token nobody holds is harmless and ignored;</li>
 * <li>any other finding refuses the change, unless the repository allows secrets or the pusher marks this one
 * change as a false positive (a bypass the audit log records).</li>
 * </ul>
 */
@Stateless
public class PushProtection {

    /** {@code git push -o secret-scanning.bypass=false-positive}. */
    public static final String BYPASS_PUSH_OPTION = "secret-scanning.bypass";
    /** The reasons a bypass may give, as GitHub's push protection has them. */
    public static final Set<String> BYPASS_REASONS = Set.of("false-positive", "used-in-tests", "will-fix-later");
    public static final String PUSH_REFUSED = "repo.push_refused";
    public static final String BYPASSED = "repo.secret_scanning_bypass";
    private static final int MAX_LISTED = 10;

    @Inject
    LeakedTokens leakedTokens;

    @Inject
    AuditLog audit;

    @Inject
    HubguardConfig config;

    /** Whether changes are scanned at all ({@code HUBGUARD_SECRET_SCANNING}, on by default). */
    public boolean enabled() {
        return config.secretScanning();
    }

    /**
     * Why the change is refused, if it is.
     *
     * @param bypass the bypass reason the pusher gave, or null
     * @param bypassHint how this channel gives one ("git push -o secret-scanning.bypass=false-positive"), or null
     *                   where there is no way (the branch and tag API)
     */
    public Optional<String> refusal(Caller caller, Repository repository, SecretScan scan, String bypass, String bypassHint) {
        if (scan.isEmpty()) {
            return Optional.empty();
        }
        // Every distinct hubguard token, where it was first seen, looked up together (at most
        // SecretScan.MAX_TOKEN_CANDIDATES of them): a file of dead tokens costs a few queries, not one each.
        Map<String, String> placeBySecret = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (SecretFinding finding : scan.findings()) {
            if (finding.kind() == SecretKind.HUBGUARD_TOKEN) {
                placeBySecret.putIfAbsent(finding.match().secret(), finding.where());
            } else {
                others.add(finding.location());
            }
        }
        Set<String> revoked = placeBySecret.isEmpty() ? Set.of()
                : leakedTokens.revokeFound(placeBySecret, caller, new LeakSite(AuditLog.targetOf(repository), AuditLog.organizationOf(repository),
                        repository.asResource()));
        List<String> liveTokens = scan.findings().stream()
                .filter(finding -> finding.kind() == SecretKind.HUBGUARD_TOKEN && revoked.contains(finding.match().secret()))
                .map(SecretFinding::location).toList();
        if (!liveTokens.isEmpty()) {
            String message = "a live hubguard access token was found in " + listed(liveTokens) + ". hubguard revoked it"
                    + " (its owner was told); remove it from your commits (git commit --amend, or git rebase -i) and push again";
            audit.recordApart(PUSH_REFUSED, caller, repository, AuditOutcome.REFUSED, "secret detected: " + listed(liveTokens));
            return Optional.of(message);
        }
        if (scan.tooManyTokens()) {
            // The safe side: what was not looked up may be live, so it does not go in.
            audit.recordApart(PUSH_REFUSED, caller, repository, AuditOutcome.REFUSED, "too many token-like strings");
            return Optional.of("too many token-like strings: more than " + SecretScan.MAX_TOKEN_CANDIDATES
                    + " different well-formed hubguard tokens, more than hubguard checks in one change; remove them and try again");
        }
        if (others.isEmpty() || repository.isAllowSecrets()) {
            return Optional.empty();
        }
        if (bypass != null && BYPASS_REASONS.contains(bypass)) {
            audit.recordApart(BYPASSED, caller, repository, AuditOutcome.SUCCESS, bypass + ": " + listed(others));
            return Optional.empty();
        }
        audit.recordApart(PUSH_REFUSED, caller, repository, AuditOutcome.REFUSED, "secret detected: " + listed(others));
        return Optional.of("push protection found secrets in " + listed(others) + ". Remove them from your commits and try again;"
                + (bypassHint == null ? "" : " if this is a false positive, send it again with " + bypassHint + " (recorded in the audit log);")
                + " the repository's owner can allow secrets in its settings");
    }

    private static String listed(List<String> locations) {
        return String.join(", ", locations.subList(0, Math.min(MAX_LISTED, locations.size())))
                + (locations.size() > MAX_LISTED ? " and " + (locations.size() - MAX_LISTED) + " more" : "");
    }
}
