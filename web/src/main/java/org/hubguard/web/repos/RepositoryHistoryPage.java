package org.hubguard.web.repos;

import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.git.CommitInfo;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;
import org.hubguard.signing.HubguardSigner;
import org.hubguard.signing.SignatureCheck;
import org.hubguard.signing.SignatureService;

/** Backs {@code /repos/commits}: the history of main with each commit's signing status. */
@Named("repoHistory")
@ViewScoped
public class RepositoryHistoryPage extends RepositoryPage {

    private static final long serialVersionUID = 1L;

    @Inject
    GitReader git;

    @Inject
    SignatureService signatures;

    /** A commit with its signing status. */
    public record CommitRow(CommitInfo commit, SignatureCheck signature) {

        public String badge() {
            return switch (signature.status()) {
                case VERIFIED -> "Verified";
                case UNVERIFIED -> "Unverified";
                case UNSIGNED -> "No signing status";
            };
        }

        public String detail() {
            return switch (signature.status()) {
                case VERIFIED -> HubguardSigner.NAME.equals(signature.signer())
                        ? "Made through hubguard for " + commit.authors().get(0) + "; signed with hubguard's key " + signature.keyFingerprint()
                        : "Signed by " + signature.signer() + " with key " + signature.keyFingerprint();
                case UNVERIFIED -> "Unverified: " + signature.reason()
                        + (signature.keyFingerprint() == null ? "" : " (key " + signature.keyFingerprint() + ", " + signature.signer() + ")");
                case UNSIGNED -> "This commit is not signed.";
            };
        }
    }

    public List<CommitRow> getCommitRows() {
        if (getRepo() == null) {
            return List.of();
        }
        long id = getRepo().getId();
        return git.resolve(id, GitStorage.MAIN).map(head -> git.commits(id, head, 0, 100)).orElse(List.of()).stream()
                .map(c -> new CommitRow(c, signatures.check(c.id(), c.raw(), c.committerEmail())))
                .toList();
    }
}
