package org.hubguard.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hubguard.access.Caller;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.repos.Repository;
import org.hubguard.tokens.LeakSite;
import org.hubguard.tokens.LeakedTokens;
import org.hubguard.tokens.TokenFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What findings mean: live tokens always refuse (and are revoked), other secrets refuse unless allowed or bypassed. */
class PushProtectionTest {

    private static final Caller ALICE = Caller.webSession("alice", false);
    private static final String HINT = "git push -o secret-scanning.bypass=false-positive";

    private final List<String> revoked = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();
    private final Set<String> liveTokens = new java.util.HashSet<>();
    private PushProtection protection;
    private int lookups;

    @BeforeEach
    void setUp() {
        protection = new PushProtection();
        protection.leakedTokens = new LeakedTokens() {
            @Override
            public Set<String> revokeFound(java.util.Map<String, String> placeBySecret, Caller pusher, LeakSite site) {
                lookups++;
                Set<String> live = new java.util.HashSet<>();
                placeBySecret.forEach((secret, place) -> {
                    if (liveTokens.remove(secret)) {
                        revoked.add(site.repository() + " " + site.organization() + ", " + place);
                        live.add(secret);
                    }
                });
                return live;
            }
        };
        protection.audit = new AuditLog() {
            @Override
            public void recordApart(String event, Caller caller, Repository repository, AuditOutcome outcome, String detail) {
                audited.add(event + " " + outcome.wireName() + " " + detail);
            }
        };
    }

    private static Repository repository(boolean allowSecrets) {
        return new Repository() {
            @Override
            public boolean isAllowSecrets() {
                return allowSecrets;
            }

            @Override
            public String getPath() {
                return "/alice/bert";
            }

            @Override
            public boolean isInOrganization() {
                return false;
            }

            @Override
            public org.hubguard.access.Resources.Repo asResource() {
                return new org.hubguard.access.Resources.Repo("model", "alice", false, "bert", true, "alice");
            }
        };
    }

    private static SecretScan findings(String path, String text) {
        SecretScan scan = new SecretScan();
        scan.inspect(path, text.getBytes(StandardCharsets.UTF_8));
        return scan;
    }

    @Test
    void aLiveHubguardTokenIsRevokedAndRefusesEvenWhereSecretsAreAllowedAndBypassed() {
        String token = TokenFormat.generate();
        liveTokens.add(token);
        Optional<String> refusal = protection.refusal(ALICE, repository(true), findings("app.py", "x = 1\nt = '" + token + "'\n"),
                "false-positive", HINT);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().contains("app.py:2 (hubguard access token)") && refusal.get().contains("revoked"), refusal.get());
        assertFalse(refusal.get().contains(token));
        assertEquals(List.of("alice/bert null, app.py line 2"), revoked);
        assertEquals(List.of("repo.push_refused refused secret detected: app.py:2 (hubguard access token)"), audited);
    }

    @Test
    void aWellFormedTokenNobodyHoldsIsHarmless() {
        assertEquals(Optional.empty(), protection.refusal(ALICE, repository(false), findings("a.txt", TokenFormat.generate()), null, HINT));
        assertTrue(audited.isEmpty());
    }

    @Test
    void otherSecretsRefuseWithTheBypassHintUnlessAllowed() {
        SecretScan aws = findings("deploy.sh", "export KEY=" + "AKIA" + "Z7Q2WXR4M5NBV3CD\n");
        Optional<String> refusal = protection.refusal(ALICE, repository(false), aws, null, HINT);
        assertTrue(refusal.isPresent() && refusal.get().contains("deploy.sh:1 (AWS access key id)") && refusal.get().contains(HINT), refusal.toString());
        assertEquals(Optional.empty(), protection.refusal(ALICE, repository(true), aws, null, HINT), "the owner allows secrets");
        assertTrue(protection.refusal(ALICE, repository(false), aws, "because-i-said-so", HINT).isPresent(), "only the known reasons bypass");
    }

    @Test
    void aBypassLetsOtherSecretsThroughAndIsAudited() {
        SecretScan stripe = findings("billing.py", "KEY = '" + "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc'\n");
        assertEquals(Optional.empty(), protection.refusal(ALICE, repository(false), stripe, "false-positive", HINT));
        assertEquals(List.of("repo.secret_scanning_bypass success false-positive: billing.py:1 (Stripe live secret key)"), audited);
    }

    @Test
    void aTokenInAPathIsRevokedAndNamedOnlyRedacted() {
        String token = TokenFormat.generate();
        liveTokens.add(token);
        SecretScan scan = new SecretScan();
        scan.inspectPath("creds/" + token + ".txt");
        Optional<String> refusal = protection.refusal(ALICE, repository(false), scan, null, HINT);
        assertTrue(refusal.isPresent() && refusal.get().contains("the path creds/[secret].txt (hubguard access token)"), refusal.toString());
        assertEquals(List.of("alice/bert null, the path creds/[secret].txt"), revoked);
        assertEquals(List.of("repo.push_refused refused secret detected: the path creds/[secret].txt (hubguard access token)"), audited);
        assertFalse(refusal.get().contains(token) || audited.get(0).contains(token));
    }

    @Test
    void withoutABypassHintTheRefusalOffersNone() {
        SecretScan aws = findings("deploy.sh", "export KEY=" + "AKIA" + "Z7Q2WXR4M5NBV3CD\n");
        String refusal = protection.refusal(ALICE, repository(false), aws, null, null).orElseThrow();
        assertFalse(refusal.contains("secret-scanning.bypass") || refusal.contains("false positive"), refusal);
    }

    @Test
    void redactionTakesEverySecretOutOfAText() {
        String token = TokenFormat.generate();
        assertEquals("file creds/[secret].txt is 12.0 MiB, key [secret]", Redaction.redact("file creds/" + token + ".txt is 12.0 MiB, key "
                + "AKIA" + "Z7Q2WXR4M5NBV3CD"));
        assertEquals(null, Redaction.redact(null));
    }

    @Test
    void everyTokenOfAChangeIsLookedUpAtOnceAndTooManyRefuse() {
        String live = TokenFormat.generate();
        liveTokens.add(live);
        StringBuilder text = new StringBuilder(live).append('\n');
        for (int i = 0; i < 50; i++) {
            text.append(TokenFormat.generate()).append('\n').append(live).append('\n');
        }
        Optional<String> refusal = protection.refusal(ALICE, repository(false), findings("dead.txt", text.toString()), null, HINT);
        assertEquals(1, lookups, "one lookup for the whole change");
        assertEquals(1, revoked.size());
        assertTrue(refusal.orElseThrow().contains("dead.txt:1 (hubguard access token)"), refusal.get());

        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= SecretScan.MAX_TOKEN_CANDIDATES; i++) {
            many.append(TokenFormat.generate()).append(' ');
        }
        Optional<String> tooMany = protection.refusal(ALICE, repository(true), findings("many.txt", many.toString()), "false-positive", HINT);
        assertTrue(tooMany.orElseThrow().contains("too many token-like strings"), "the safe side: refused, even where secrets are allowed");
        assertEquals(2, lookups);
    }
}
