package org.hubguard.git;

import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.hubguard.access.Caller;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.secrets.PushProtection;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepositoryService;
import org.hubguard.scanning.OwedScans;
import org.hubguard.signing.SignatureService;

/**
 * What happens around a push, whatever transport brings it: before refs move, the {@link PushRules}
 * (content rules, protected branches, signed-commit policy); after, the scan work the push owes is recorded
 * durably before git is told the push is done.
 */
@ApplicationScoped
public class PushHooks {

    private static final Logger LOG = Logger.getLogger(PushHooks.class.getName());

    @Inject
    CommitRules rules;

    @Inject
    SignatureService signatures;

    @Inject
    RepositoryService repositories;

    @Inject
    OwedScans owedScans;

    @Inject
    AuditLog audit;

    @Inject
    PushProtection protection;

    /** Installs the pre- and post-receive hooks for a push by {@code repo}'s caller. */
    public void install(ReceivePack receivePack, RepoContext repo) {
        receivePack.setCheckReceivedObjects(true); // JGit's object checks: malformed objects, ".git" in any case, ...
        receivePack.setObjectChecker(new org.eclipse.jgit.lib.ObjectChecker().setSafeForMacOS(true).setSafeForWindows(true));
        receivePack.setAllowPushOptions(true); // git push -o secret-scanning.bypass=false-positive
        receivePack.setPreReceiveHook(rulesFor(repo));
        receivePack.setPostReceiveHook((pack, commands) -> announce(repo, commands));
    }

    /** The rules every push to the repository meets. */
    PushRules rulesFor(RepoContext repo) {
        return rulesFor(repo, "git push -o " + PushProtection.BYPASS_PUSH_OPTION + "=false-positive");
    }

    /**
     * The same rules for a branch or tag made through the API ({@link RefService}), which has no bypass: its
     * refusals do not offer one.
     */
    PushRules rulesForApi(RepoContext repo) {
        return rulesFor(repo, null);
    }

    private PushRules rulesFor(RepoContext repo, String bypassHint) {
        boolean signedOnly = repositories.requiresSignedCommits(repo.repository());
        PushRules.SecretJudge secrets = !protection.enabled() ? null
                : (scan, options) -> rules.secretsProblem(repo, scan, bypassOf(options), bypassHint);
        return new PushRules(repo.id(), rules, repositories.protectedRefs(repo.repository()), signedOnly ? signatures : null, secrets,
                (ref, reason) -> audit.recordApart(PushProtection.PUSH_REFUSED, repo.caller(), repo.repository(), AuditOutcome.REFUSED,
                        org.eclipse.jgit.lib.Repository.shortenRefName(ref) + ": " + reason));
    }

    /** The reason given with {@code -o secret-scanning.bypass=...}, or null. */
    static String bypassOf(List<String> pushOptions) {
        String prefix = PushProtection.BYPASS_PUSH_OPTION + "=";
        return pushOptions.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()).trim()).findFirst().orElse(null);
    }

    private void announce(RepoContext repo, Collection<ReceiveCommand> commands) {
        List<CommitsPushed.RefChange> changes = commands.stream()
                .filter(c -> c.getResult() == ReceiveCommand.Result.OK)
                .map(c -> new CommitsPushed.RefChange(c.getRefName(), c.getOldId().name(), c.getNewId().name()))
                .toList();
        if (!changes.isEmpty()) {
            Caller who = repo.caller();
            LOG.info(() -> (who.isUser() ? who.username() : "An organization token") + " pushed "
                    + changes.size() + " ref update(s) to " + repo.repository().getFullName());
            owedScans.record(new CommitsPushed(repo.id(), changes)); // before git hears that the push is done
        }
    }
}
