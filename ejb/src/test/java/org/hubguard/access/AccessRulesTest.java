package org.hubguard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.hubguard.tokens.ScopeKind;
import org.hubguard.tokens.TokenGrant;
import org.hubguard.tokens.TokenPermission;
import org.hubguard.tokens.TokenRole;
import org.junit.jupiter.api.Test;

/** The access table as pure logic; AuthorizationMatrixIT checks the same over HTTP for the actions it can reach. */
class AccessRulesTest {

    private static final Resources.Repo ORG_PRIVATE = new Resources.Repo("model", "acme", true, "bert", true, "carol");
    private static final Resources.Repo ORG_PUBLIC = new Resources.Repo("model", "acme", true, "gpt", false, "dave");
    private static final Resources.Repo ALICE_PRIVATE = new Resources.Repo("dataset", "alice", false, "data", true, "alice");
    private static final Resources.Org ACME = new Resources.Org("acme");

    private static Caller session(String name) {
        return Caller.webSession(name, false);
    }

    private static Caller token(String name, TokenRole role, TokenGrant... grants) {
        return new Caller(name, false, new Credential.Token(1, "t", role, List.of(grants), Instant.EPOCH));
    }

    @Test
    void writeRepoFollowsTheRolesLikeTheOtherRepositoryChanges() {
        for (Action change : List.of(Action.WRITE_REPO, Action.DELETE_REPO, Action.RENAME_REPO, Action.CHANGE_VISIBILITY)) {
            assertFalse(AccessRules.allows(session("bob"), change, ORG_PRIVATE, OrgRole.READ), change.name());
            assertTrue(AccessRules.allows(session("carol"), change, ORG_PRIVATE, OrgRole.CONTRIBUTOR), change + ": contributor on own");
            assertFalse(AccessRules.allows(session("carol"), change, ORG_PUBLIC, OrgRole.CONTRIBUTOR), change + ": contributor on others'");
            assertTrue(AccessRules.allows(session("erin"), change, ORG_PRIVATE, OrgRole.WRITE), change.name());
            assertTrue(AccessRules.allows(session("alice"), change, ALICE_PRIVATE, null), change + ": owner");
            assertFalse(AccessRules.allows(session("mallory"), change, ALICE_PRIVATE, null), change + ": stranger");
            assertFalse(AccessRules.allows(token("alice", TokenRole.READ), change, ALICE_PRIVATE, null), change + ": read token");
            assertTrue(AccessRules.allows(token("alice", TokenRole.WRITE), change, ALICE_PRIVATE, null), change + ": write token");
            assertFalse(AccessRules.allows(Caller.organization("acme", Instant.EPOCH), change, ORG_PRIVATE, null), change + ": org token");
            assertFalse(AccessRules.allows(Caller.ANONYMOUS, change, ORG_PUBLIC, null), change + ": anonymous");
        }
    }

    @Test
    void accountActionsNeedAWebSessionWhateverTheToken() {
        for (Action account : List.of(Action.MANAGE_OWN_ACCOUNT, Action.MANAGE_TOKENS)) {
            assertTrue(AccessRules.allows(session("alice"), account, new Resources.Account("alice"), null));
            assertFalse(AccessRules.allows(session("alice"), account, new Resources.Account("bob"), null));
            for (TokenRole role : TokenRole.values()) {
                assertFalse(AccessRules.allows(token("alice", role, new TokenGrant(ScopeKind.GLOBAL, null, TokenPermission.ORG_WRITE)), account, new Resources.Account("alice"), null));
            }
        }
        assertTrue(AccessRules.allows(Caller.webSession("root", true), Action.ADMINISTER_USERS, Resources.SITE, null));
        assertFalse(AccessRules.allows(new Caller("root", true, new Credential.Token(1, "t", TokenRole.WRITE, List.of(), Instant.EPOCH)),
                Action.ADMINISTER_USERS, Resources.SITE, null));
        assertTrue(AccessRules.allows(session("alice"), Action.CREATE_ORG, Resources.SITE, null));
        assertFalse(AccessRules.allows(token("alice", TokenRole.WRITE), Action.CREATE_ORG, Resources.SITE, null));
    }

    @Test
    void fineGrainedScopesCoverTheirEntityOnly() {
        TokenGrant orgWrite = new TokenGrant(ScopeKind.ORG, "ACME", TokenPermission.REPO_WRITE);
        assertTrue(AccessRules.allows(token("erin", TokenRole.FINE_GRAINED, orgWrite,
                new TokenGrant(ScopeKind.ORG, "acme", TokenPermission.REPO_CONTENT_READ)), Action.WRITE_REPO, ORG_PRIVATE, OrgRole.WRITE));
        assertTrue(AccessRules.allows(token("erin", TokenRole.FINE_GRAINED, orgWrite), Action.CREATE_REPO,
                new Resources.Namespace("acme", true), OrgRole.WRITE));
        assertFalse(AccessRules.allows(token("erin", TokenRole.FINE_GRAINED, orgWrite), Action.CREATE_REPO,
                new Resources.Namespace("erin", false), null), "an org scope does not cover the user's own namespace");
        assertFalse(AccessRules.allows(token("erin", TokenRole.FINE_GRAINED, new TokenGrant(ScopeKind.USER, "acme", TokenPermission.REPO_WRITE)),
                Action.WRITE_REPO, ORG_PRIVATE, OrgRole.WRITE), "a user scope never covers an organization of the same name");
        assertTrue(AccessRules.allows(token("alice", TokenRole.FINE_GRAINED, new TokenGrant(ScopeKind.USER, "alice", TokenPermission.REPO_CONTENT_READ)),
                Action.READ_REPO, ALICE_PRIVATE, null));
        assertFalse(AccessRules.allows(token("alice", TokenRole.FINE_GRAINED, new TokenGrant(ScopeKind.MODEL, "alice/data", TokenPermission.REPO_CONTENT_READ)),
                Action.READ_REPO, ALICE_PRIVATE, null), "a model scope does not cover a dataset of the same name");
        assertTrue(AccessRules.allows(token("alice", TokenRole.FINE_GRAINED, new TokenGrant(ScopeKind.DATASET, "Alice/Data", TokenPermission.REPO_CONTENT_READ)),
                Action.READ_REPO, ALICE_PRIVATE, null));
        TokenGrant orgAdmin = new TokenGrant(ScopeKind.ORG, "acme", TokenPermission.ORG_WRITE);
        assertTrue(AccessRules.allows(token("adm", TokenRole.FINE_GRAINED, orgAdmin), Action.MANAGE_MEMBERS, ACME, OrgRole.ADMIN));
        assertFalse(AccessRules.allows(token("adm", TokenRole.FINE_GRAINED, orgAdmin), Action.READ_ORG, ACME, OrgRole.ADMIN), "org.write is not org.read");
        assertFalse(AccessRules.allows(token("bob", TokenRole.FINE_GRAINED, orgAdmin), Action.MANAGE_MEMBERS, ACME, OrgRole.READ),
                "a token never exceeds its user's role");
        assertTrue(AccessRules.allows(token("bob", TokenRole.FINE_GRAINED, new TokenGrant(ScopeKind.GLOBAL, null, TokenPermission.ORG_READ)),
                Action.READ_ORG, ACME, OrgRole.READ));
    }

    @Test
    void everyoneReadsPublicRepositoriesAndOnlyMembersPrivateOnes() {
        assertTrue(AccessRules.allows(Caller.ANONYMOUS, Action.READ_REPO, ORG_PUBLIC, null));
        assertTrue(AccessRules.allows(token("x", TokenRole.FINE_GRAINED), Action.READ_REPO, ORG_PUBLIC, null));
        assertFalse(AccessRules.allows(Caller.ANONYMOUS, Action.READ_REPO, ORG_PRIVATE, null));
        assertFalse(AccessRules.allows(session("mallory"), Action.READ_REPO, ORG_PRIVATE, null));
        assertTrue(AccessRules.allows(session("bob"), Action.READ_REPO, ORG_PRIVATE, OrgRole.READ));
        assertTrue(AccessRules.allows(Caller.organization("ACME", Instant.EPOCH), Action.READ_REPO, ORG_PRIVATE, null));
        assertFalse(AccessRules.allows(Caller.organization("other", Instant.EPOCH), Action.READ_REPO, ORG_PRIVATE, null));
        assertFalse(AccessRules.allows(Caller.organization("acme", Instant.EPOCH), Action.READ_ORG, ACME, null));
        assertEquals(15, Action.values().length, "a new action needs rows here and in AuthorizationMatrixIT");
    }

    @Test
    void aRefusalSaysWhetherTheUserOrTheCredentialIsMissingTheRight() {
        assertEquals(Denial.NOT_SIGNED_IN, AccessRules.decide(Caller.ANONYMOUS, Action.WRITE_REPO, ORG_PUBLIC, null).denial());
        assertEquals(Denial.READ_TOKEN, AccessRules.decide(token("alice", TokenRole.READ), Action.WRITE_REPO, ALICE_PRIVATE, null).denial());
        assertEquals(Denial.NOT_PERMITTED, AccessRules.decide(token("mallory", TokenRole.READ), Action.WRITE_REPO, ALICE_PRIVATE, null).denial(),
                "a write token would not help a stranger: the refusal says so");
        assertEquals(Denial.FINE_GRAINED_TOKEN, AccessRules.decide(token("alice", TokenRole.FINE_GRAINED), Action.WRITE_REPO, ALICE_PRIVATE, null).denial());
        assertEquals(Denial.ORG_TOKEN, AccessRules.decide(Caller.organization("acme", Instant.EPOCH), Action.WRITE_REPO, ORG_PRIVATE, null).denial());
        assertEquals(Denial.WEB_SESSION_ONLY, AccessRules.decide(token("alice", TokenRole.WRITE), Action.MANAGE_TOKENS,
                new Resources.Account("alice"), null).denial());
        assertTrue(AccessRules.decide(session("alice"), Action.WRITE_REPO, ALICE_PRIVATE, null).allowed());
    }

    @Test
    void onlyOwnersAndOrganizationAdminsMoveARepositoryToAnotherNamespace() {
        assertTrue(AccessRules.allows(session("alice"), Action.TRANSFER_REPO, ALICE_PRIVATE, null), "the owner of a user repository");
        assertTrue(AccessRules.allows(session("ann"), Action.TRANSFER_REPO, ORG_PRIVATE, OrgRole.ADMIN));
        for (OrgRole role : List.of(OrgRole.READ, OrgRole.CONTRIBUTOR, OrgRole.WRITE)) {
            assertFalse(AccessRules.allows(session("carol"), Action.TRANSFER_REPO, ORG_PRIVATE, role), role + " may not take the repository away");
        }
        assertTrue(AccessRules.allows(session("carol"), Action.RENAME_REPO, ORG_PRIVATE, OrgRole.CONTRIBUTOR), "but may rename her own one in place");
        assertFalse(AccessRules.allows(token("ann", TokenRole.READ), Action.TRANSFER_REPO, ORG_PRIVATE, OrgRole.ADMIN));
    }
}
