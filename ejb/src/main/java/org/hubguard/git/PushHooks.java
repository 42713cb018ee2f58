package org.hubguard.git;

import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.hubguard.access.Caller;
import org.hubguard.repos.RepoContext;
import org.hubguard.repos.RepositoryService;
import org.hubguard.signing.SignatureService;

/**
 * What happens around a push, whatever transport brings it: before refs move, the {@link PushRules}
 * (content rules, signed-commit policy); after, the announcement that queues the new files for scanning.
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
    Event<CommitsPushed> pushes;

    /** Installs the pre- and post-receive hooks for a push by {@code repo}'s caller. */
    public void install(ReceivePack receivePack, RepoContext repo) {
        boolean signedOnly = repositories.requiresSignedCommits(repo.repository());
        receivePack.setPreReceiveHook(new PushRules(repo.id(), rules, signedOnly ? signatures : null));
        receivePack.setPostReceiveHook((pack, commands) -> announce(repo, commands));
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
            pushes.fireAsync(new CommitsPushed(repo.id(), changes));
        }
    }
}
