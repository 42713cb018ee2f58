package org.hubguard.web.repos;

import org.hubguard.git.CommitInfo;
import org.hubguard.signing.HubguardSigner;
import org.hubguard.signing.SignatureCheck;

/** A commit with its signing status, as the history and commit pages show it. */
public record CommitRow(CommitInfo commit, SignatureCheck signature) {

    public String badge() {
        return switch (signature.status()) {
            case VERIFIED -> "Verified";
            case UNVERIFIED -> "Unverified";
            case UNSIGNED -> "No signing status";
        };
    }

    /** The badge's style: ok, warn, or plain. */
    public String badgeStyle() {
        return switch (signature.status()) {
            case VERIFIED -> "ok";
            case UNVERIFIED -> "warn";
            case UNSIGNED -> "";
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

    /** The message after its title line (often nothing). */
    public String body() {
        String message = commit.message().strip();
        int end = message.indexOf('\n');
        return end < 0 ? "" : message.substring(end + 1).strip();
    }

    public String shortId() {
        return commit.id().substring(0, 8);
    }
}
