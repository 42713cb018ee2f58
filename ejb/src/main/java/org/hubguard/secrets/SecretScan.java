package org.hubguard.secrets;

import java.util.ArrayList;
import java.util.List;

/** The secrets found in the files of one push or commit, file by file. */
public final class SecretScan {

    private final List<SecretFinding> findings = new ArrayList<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    /** True the first time a content id (blob or LFS object) is offered: the same content is read once per push. */
    public boolean firstLook(String contentId) {
        return seen.add(contentId);
    }

    /** Looks at one added or changed file; binaries and files over the text size are skipped. */
    public void inspect(String path, byte[] content, int length) {
        if (length > TextBlobs.MAX_SIZE || !TextBlobs.isText(content, length)) {
            return;
        }
        for (SecretMatch match : SecretRules.find(content, length)) {
            findings.add(new SecretFinding(path, match));
        }
    }

    public void inspect(String path, byte[] content) {
        inspect(path, content, content.length);
    }

    public List<SecretFinding> findings() {
        return List.copyOf(findings);
    }

    public boolean isEmpty() {
        return findings.isEmpty();
    }
}
