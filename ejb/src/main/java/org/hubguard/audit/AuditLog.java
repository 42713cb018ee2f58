package org.hubguard.audit;

import java.time.Clock;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.access.Caller;
import org.hubguard.access.Credential;
import org.hubguard.secrets.Redaction;

/**
 * The one way to write the audit log. {@link #record} joins the caller's transaction, so an event is kept
 * exactly when its action is; {@link #recordApart} commits on its own, for refusals, whose transaction
 * rolls back.
 */
@Stateless
public class AuditLog {

    @PersistenceContext
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** An event of an action that changes something: kept only if the action's transaction commits. */
    public void record(String event, Caller caller, String target, String organization, AuditOutcome outcome, String detail) {
        write(event, actorOf(caller), credentialOf(caller), target, organization, outcome, detail);
    }

    /** An event kept whatever happens to the current transaction: refusals, failed sign-ins, revocations. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordApart(String event, Caller caller, String target, String organization, AuditOutcome outcome, String detail) {
        record(event, caller, target, organization, outcome, detail);
    }

    /** An event whose actor is not a {@link Caller}: what was typed at a sign-in, or nobody. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordApart(String event, String actor, String credential, String target, String organization,
                            AuditOutcome outcome, String detail) {
        write(event, actor, credential, target, organization, outcome, detail);
    }

    /** A sign-in event: before any request filter runs, so the address comes with it; the actor is the account, never what was typed. */
    public void recordSignIn(String event, String username, String address, AuditOutcome outcome, String detail) {
        em.persist(new AuditEvent(clock.instant(), event, username, "password", address, username, null, outcome, detail));
    }

    /** An event about a repository: its path is the target, its organization (if any) may read it. */
    public void record(String event, Caller caller, org.hubguard.repos.Repository repository, AuditOutcome outcome, String detail) {
        record(event, caller, targetOf(repository), organizationOf(repository), outcome, detail);
    }

    /** {@link #record(String, Caller, org.hubguard.repos.Repository, AuditOutcome, String)}, kept whatever happens to the current transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordApart(String event, Caller caller, org.hubguard.repos.Repository repository, AuditOutcome outcome, String detail) {
        record(event, caller, repository, outcome, detail);
    }

    /** "alice/bert", "datasets/acme/corpus": the repository's path. */
    public static String targetOf(org.hubguard.repos.Repository repository) {
        return repository.getPath().substring(1);
    }

    public static String organizationOf(org.hubguard.repos.Repository repository) {
        return repository.isInOrganization() ? repository.getNamespaceName() : null;
    }

    private void write(String event, String actor, String credential, String target, String organization,
                       AuditOutcome outcome, String detail) {
        // A path or message in a refusal can carry a secret (creds/hf_....txt): none is ever stored.
        em.persist(new AuditEvent(clock.instant(), event, actor, credential, ClientAddress.current(), Redaction.redact(target),
                organization, outcome, Redaction.redact(detail)));
    }

    static String actorOf(Caller caller) {
        if (caller == null || caller.isAnonymous()) {
            return null;
        }
        return caller.isUser() ? caller.username() : ((Credential.OrgToken) caller.credential()).organization();
    }

    /** The credential by name and kind, never its secret. */
    static String credentialOf(Caller caller) {
        if (caller == null) {
            return null; // hubguard itself (a scan)
        }
        if (caller.isAnonymous()) {
            return "anonymous";
        }
        Credential credential = caller.credential();
        if (credential instanceof Credential.Token token) {
            return "token '" + token.name() + "' (" + token.role().name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
        return credential instanceof Credential.OrgToken ? "organization token" : "web session";
    }
}
