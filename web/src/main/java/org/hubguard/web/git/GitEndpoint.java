package org.hubguard.web.git;

import org.eclipse.jgit.http.server.GitFilter;

/**
 * JGit's smart HTTP pipeline (info/refs, git-upload-pack, git-receive-pack) with hubguard's resolver and
 * receive-pack factory. {@code HubUrlFilter} hands it the git requests at the Hub's repository URLs.
 */
public class GitEndpoint extends GitFilter {

    public GitEndpoint(HubRepositoryResolver resolver, HubReceivePackFactory receivePacks) {
        setRepositoryResolver(resolver);
        setReceivePackFactory(receivePacks);
    }
}
