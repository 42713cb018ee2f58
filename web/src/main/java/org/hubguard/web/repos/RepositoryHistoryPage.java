package org.hubguard.web.repos;

import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.git.GitReader;
import org.hubguard.signing.SignatureService;
import org.hubguard.web.Pages;

/** Backs {@code /repos/commits} ({@code commits/{rev}}): a revision's history with each commit's signing status. */
@Named("repoHistory")
@ViewScoped
public class RepositoryHistoryPage extends RepositoryPage {

    private static final long serialVersionUID = 1L;

    /** The page shows this many commits, newest first. */
    static final int SHOWN = 100;

    @Inject
    GitReader git;

    @Inject
    SignatureService signatures;

    @Inject
    RepoUrls urls;

    /** The page of the history shown, from 0 ({@code ?p=}, as on the Hub). */
    private int p;

    /** f:viewAction: also a 404 for a revision the repository does not have. */
    @Override
    public void load() {
        super.load();
        if (getRepo() != null && git.resolve(getRepo().getId(), getRevision()).isEmpty()) {
            Pages.sendError(404, "There is no revision " + getRevision() + " in " + getRepo().getFullName() + ".");
        }
    }

    @Override
    public String urlAt(String revision) {
        return urls.commits(getRepo(), revision);
    }

    public List<CommitRow> getCommitRows() {
        if (getRepo() == null) {
            return List.of();
        }
        long id = getRepo().getId();
        return git.resolve(id, getRevision()).map(head -> git.commits(id, head, Math.max(0, p) * SHOWN, SHOWN)).orElse(List.of()).stream()
                .map(c -> new CommitRow(c, signatures.check(c.id(), c.raw(), c.committerEmail())))
                .toList();
    }

    public boolean isHasNext() {
        long id = getRepo().getId();
        return git.resolve(id, getRevision()).map(head -> git.countCommits(id, head) > (long) (p + 1) * SHOWN).orElse(false);
    }

    /** This history at page {@code page}. */
    public String pageUrl(int page) {
        return urls.commits(getRepo(), getRevision()) + (page == 0 ? "" : "?p=" + page);
    }

    public int getP() {
        return p;
    }

    public void setP(int p) {
        this.p = Math.max(0, Math.min(p, 1_000_000)); // a page number times the page size stays an int
    }
}
