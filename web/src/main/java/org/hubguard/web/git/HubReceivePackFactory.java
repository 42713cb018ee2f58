package org.hubguard.web.git;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;
import org.hubguard.access.Action;
import org.hubguard.access.Decision;
import org.hubguard.access.Denial;
import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.git.PushHooks;
import org.hubguard.secrets.PushProtection;
import org.hubguard.repos.RepoContext;

/**
 * Who may push: callers the policy allows WRITE_REPO on the repository. Anonymous callers are asked to
 * authenticate (401). Others without write access learn why in the ref advertisement, which git prints as
 * "remote error: ..."; a pack sent anyway is refused before a byte of it is read. Pushes that may proceed
 * get hubguard's {@link PushHooks} (content rules and signed-commit policy before, scans after).
 */
@ApplicationScoped
public class HubReceivePackFactory implements ReceivePackFactory<HttpServletRequest> {

    /** Beyond these JGit stops reading a pack at once, whatever the per-file limit says. */
    static final long HARD_OBJECT_LIMIT = 2L * 1024 * 1024 * 1024;
    static final long HARD_PACK_LIMIT = 4L * 1024 * 1024 * 1024;

    @Inject
    ResolvedRepository resolved;

    @Inject
    PushHooks hooks;

    @Inject
    AuditLog audit;

    @Override
    public ReceivePack create(HttpServletRequest request, Repository db) throws ServiceNotEnabledException, ServiceNotAuthorizedException {
        RepoContext repo = resolved.get();
        Decision push = repo.permissions().decide(Action.WRITE_REPO);
        if (push.denial() == Denial.NOT_SIGNED_IN) {
            throw new ServiceNotAuthorizedException("Authentication required to push: use an access token with write access as the password.");
        }
        ReceivePack receive = new ReceivePack(db);
        receive.setMaxObjectSizeLimit(HARD_OBJECT_LIMIT);
        receive.setMaxPackSizeLimit(HARD_PACK_LIMIT);
        if (!push.allowed()) {
            String reason = push.denial() == Denial.NOT_PERMITTED ? "You may not push to this repository." : push.denial().message();
            if (!request.getRequestURI().endsWith("/info/refs")) {
                throw new ServiceNotEnabledException(reason);
            }
            // once per attempt: git asks for the advertisement first and stops at the refusal
            audit.recordApart(PushProtection.PUSH_REFUSED, repo.caller(), repo.repository(), AuditOutcome.REFUSED, reason);
            receive.setAdvertiseRefsHook(new RefusePush(reason));
            return receive;
        }
        hooks.install(receive, repo);
        return receive;
    }
}
