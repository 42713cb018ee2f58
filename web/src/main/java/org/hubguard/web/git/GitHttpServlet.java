package org.hubguard.web.git;

import java.util.List;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.enterprise.event.Event;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Policy;
import org.hubguard.git.CommitsPushed;
import org.hubguard.git.GitStorage;
import org.hubguard.repos.Repository;
import org.hubguard.web.auth.CurrentCaller;

/**
 * JGit's smart HTTP server, behind {@link GitRoutingFilter}: the filter has found the repository and
 * checked that the caller may read it, and forwards here. Pushes ask the policy for WRITE_REPO; a refusal
 * reaches the git client as "remote error: ..." with the reason.
 */
@WebServlet(urlPatterns = GitHttpServlet.PATH + "/*", loadOnStartup = 1)
public class GitHttpServlet extends GitServlet {

    static final String PATH = "/git-service";
    static final String REPOSITORY = "hubguard.git.repository";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(GitHttpServlet.class.getName());

    /** Beyond these JGit stops reading a pack at once, whatever the per-file limit says. */
    static final long HARD_OBJECT_LIMIT = 2L * 1024 * 1024 * 1024;
    static final long HARD_PACK_LIMIT = 4L * 1024 * 1024 * 1024;


    @Inject
    transient GitStorage storage;

    @Inject
    transient Policy policy;

    @Inject
    transient CurrentCaller caller;

    @Inject
    transient Event<CommitsPushed> pushes;

    @Inject
    transient org.hubguard.repos.RepositoryService repositories;

    @Inject
    transient org.hubguard.signing.SignatureService signatures;

    @Override
    public void init(ServletConfig config) throws ServletException {
        setRepositoryResolver((request, name) -> {
            Repository repository = forwarded(request);
            if (repository == null || !name.equals(String.valueOf(repository.getId()))) {
                throw new RepositoryNotFoundException(name); // reached without the routing filter
            }
            try {
                return storage.open(repository.getId());
            } catch (java.io.IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        setReceivePackFactory((request, db) -> {
            Repository repository = forwarded(request);
            Caller who = caller.get();
            if (who.isAnonymous()) {
                throw new ServiceNotAuthorizedException();
            }
            ReceivePack receive = new ReceivePack(db);
            receive.setMaxObjectSizeLimit(HARD_OBJECT_LIMIT);
            receive.setMaxPackSizeLimit(HARD_PACK_LIMIT);
            if (!policy.allows(who, Action.WRITE_REPO, repository.asResource())) {
                String reason = pushRefusal(who);
                if (!request.getRequestURI().endsWith("/info/refs")) {
                    // A pack sent without write access is refused before a byte of it is read or stored.
                    throw new ServiceNotEnabledException(reason);
                }
                // The ref advertisement carries the refusal to the client, which prints "remote error: <reason>".
                receive.setAdvertiseRefsHook(new RefusePush(reason));
                return receive;
            }
            receive.setPreReceiveHook(new PushRules(repositories.requiresSignedCommits(repository) ? signatures : null));
            receive.setPostReceiveHook((rp, commands) -> announce(repository, who, commands));
            return receive;
        });
        super.init(config);
    }

    private static Repository forwarded(HttpServletRequest request) {
        return request.getAttribute(REPOSITORY) instanceof Repository repository ? repository : null;
    }

    private String pushRefusal(Caller who) {
        String reason = policy.denialReason(who, Action.WRITE_REPO);
        return reason.startsWith("You are not allowed") ? "You may not push to this repository." : reason;
    }

    private void announce(Repository repository, Caller who, java.util.Collection<ReceiveCommand> commands) {
        List<CommitsPushed.RefChange> changes = commands.stream()
                .filter(c -> c.getResult() == ReceiveCommand.Result.OK)
                .map(c -> new CommitsPushed.RefChange(c.getRefName(), c.getOldId().name(), c.getNewId().name()))
                .toList();
        if (!changes.isEmpty()) {
            LOG.info(() -> (who.username() == null ? "An organization token" : who.username()) + " pushed "
                    + changes.size() + " ref update(s) to " + repository.getFullName());
            pushes.fireAsync(new CommitsPushed(repository.getId(), repository.getFullName(), who.username(), changes));
        }
    }
}
