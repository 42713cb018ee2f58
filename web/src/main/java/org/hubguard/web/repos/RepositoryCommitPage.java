package org.hubguard.web.repos;

import java.util.List;
import java.util.Optional;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.git.CommitChanges;
import org.hubguard.git.GitReader;
import org.hubguard.signing.SignatureService;
import org.hubguard.web.Pages;

/**
 * Backs {@code /repos/commit} ({@code commit/{sha}}): one commit's message, author, signing status (with the
 * reason and the key's fingerprint) and its changed files with a unified diff for text files.
 */
@Named("repoCommit")
@ViewScoped
public class RepositoryCommitPage extends RepositoryPage {

    private static final long serialVersionUID = 1L;

    @Inject
    GitReader git;

    @Inject
    CommitChanges changes;

    @Inject
    SignatureService signatures;

    @Inject
    RepoUrls urls;

    private transient Optional<CommitChanges.Changes> shown;
    private transient CommitRow row;

    /** f:viewAction: a 404 for a commit the repository does not have. */
    @Override
    public void load() {
        super.load();
        if (getRepo() != null && changes().isEmpty()) {
            Pages.sendError(404, "There is no commit " + getRevision() + " in " + getRepo().getFullName() + ".");
        }
    }

    /** One commit has no other revisions: the selector leads to each branch's history. */
    @Override
    public String urlAt(String revision) {
        return urls.commits(getRepo(), revision);
    }

    public CommitRow getRow() {
        if (row == null) {
            row = changes().map(c -> new CommitRow(c.commit(), signatures.check(c.commit().id(), c.commit().raw(), c.commit().committerEmail())))
                    .orElse(null);
        }
        return row;
    }

    public List<String> getParents() {
        return changes().map(CommitChanges.Changes::parents).orElse(List.of());
    }

    public List<CommitChanges.FileChangeDiff> getFiles() {
        return changes().map(CommitChanges.Changes::files).orElse(List.of());
    }

    /** How many changed files have no diff on the page (a very large commit). */
    public int getFilesNotShown() {
        return changes().map(c -> c.fileCount() - c.files().size()).orElse(0);
    }

    /** A diff's lines with their kind (add, del, hunk, context), for coloring. */
    public List<DiffLine> lines(CommitChanges.FileChangeDiff file) {
        return file.patch() == null ? List.of() : DiffLine.of(file.patch());
    }

    private Optional<CommitChanges.Changes> changes() {
        if (shown == null) {
            shown = getRepo() == null ? Optional.empty()
                    : git.resolve(getRepo().getId(), getRevision()).flatMap(id -> changes.of(getRepo().getId(), id));
        }
        return shown;
    }
}
