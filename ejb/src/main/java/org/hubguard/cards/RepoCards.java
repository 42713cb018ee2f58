package org.hubguard.cards;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.ObjectId;
import org.hubguard.git.GitReader;
import org.hubguard.git.TreeEntry;

/**
 * The card metadata of a repository at a commit: its README.md's front matter. Parsed once per README blob
 * (blobs never change), so listings that filter by tags do not parse the same card again and again.
 */
@ApplicationScoped
public class RepoCards {

    public static final String README = "README.md";

    private static final int CACHED_CARDS = 2000;

    @Inject
    GitReader git;

    private final Map<String, CardMetadata> byBlob = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CardMetadata> eldest) {
            return size() > CACHED_CARDS;
        }
    });

    public CardMetadata at(long repositoryId, ObjectId commit) {
        TreeEntry readme = git.file(repositoryId, commit, README).orElse(null);
        if (readme == null || readme.isLfs() || readme.size() > CardMetadata.MAX_README_BYTES) {
            return CardMetadata.EMPTY;
        }
        CardMetadata cached = byBlob.get(readme.oid());
        if (cached != null) {
            return cached;
        }
        CardMetadata card = git.smallFile(repositoryId, readme.oid(), CardMetadata.MAX_README_BYTES)
                .map(bytes -> CardMetadata.parse(new String(bytes, StandardCharsets.UTF_8)))
                .orElse(CardMetadata.EMPTY);
        byBlob.put(readme.oid(), card);
        return card;
    }
}
