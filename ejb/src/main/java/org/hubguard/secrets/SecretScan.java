package org.hubguard.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hubguard.secrets.SecretFinding.Place;

/**
 * The secrets found in one push or commit: in the files' contents, their paths, the commit and tag messages
 * and the names of branches and tags.
 * At most {@link #MAX_TOKEN_CANDIDATES} distinct hubguard tokens are kept (each costs a lookup); more than that
 * is {@link #tooManyTokens()}, which refuses the change.
 */
public final class SecretScan {

    /** Distinct well-formed hubguard tokens looked up per push at most. */
    public static final int MAX_TOKEN_CANDIDATES = 1000;
    private static final int CHUNK = 64 * 1024;

    private final List<SecretFinding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** The hubguard tokens found, and where (a token reported once per file, path or message). */
    private final Set<String> tokens = new HashSet<>();
    private final Set<String> tokenPlaces = new HashSet<>();
    private boolean tooManyTokens;

    /** True the first time a content id (blob or LFS object) or path is offered: each is read once per push. */
    public boolean firstLook(String contentId) {
        return seen.add(contentId);
    }

    /**
     * Looks at one added or changed file held in memory: every rule for text (and decoded UTF-16), the token
     * sweep for everything else and for whatever has NULs in it.
     */
    public void inspect(String path, byte[] content, int length) {
        boolean text = length <= TextBlobs.MAX_SIZE && TextBlobs.isText(content, length);
        Charset utf16 = text || length > TextBlobs.MAX_SIZE ? null : TextBlobs.utf16(content, length);
        if (text) {
            addAll(path, SecretRules.find(content, length), Place.CONTENT);
        } else if (utf16 != null) {
            byte[] decoded = new String(content, 0, length, utf16).getBytes(StandardCharsets.UTF_8);
            addAll(path, SecretRules.find(decoded), Place.CONTENT);
        }
        if (!text || TextBlobs.hasNul(content, length)) {
            TokenSweep raw = new TokenSweep(false, match -> add(path, match, Place.CONTENT));
            TokenSweep withoutNuls = new TokenSweep(true, match -> add(path, match, Place.CONTENT));
            raw.feed(content, 0, length);
            withoutNuls.feed(content, 0, length);
        }
    }

    public void inspect(String path, byte[] content) {
        inspect(path, content, content.length);
    }

    /** A file of {@code size} bytes as a stream: read into memory up to the text size, else swept a piece at a time. */
    public void inspect(String path, InputStream in, long size) throws IOException {
        if (size <= TextBlobs.MAX_SIZE) {
            inspect(path, in.readNBytes((int) TextBlobs.MAX_SIZE));
            return;
        }
        TokenSweep raw = new TokenSweep(false, match -> add(path, match, Place.CONTENT));
        TokenSweep withoutNuls = new TokenSweep(true, match -> add(path, match, Place.CONTENT));
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            raw.feed(buffer, 0, n);
            withoutNuls.feed(buffer, 0, n);
        }
    }

    /** A file's or folder's path (a name can carry a secret too). */
    public void inspectPath(String path) {
        if (path != null && firstLook("path:" + path)) {
            addAll(path, SecretRules.find(path.getBytes(StandardCharsets.UTF_8)), Place.PATH);
        }
    }

    /** A branch's or tag's full name ("refs/heads/x"): shown to every reader like a path. */
    public void inspectRefName(String ref) {
        if (ref != null && firstLook("ref:" + ref)) {
            addAll(ref, SecretRules.find(ref.getBytes(StandardCharsets.UTF_8)), Place.NAME);
        }
    }

    /** A commit's or tag's message; {@code owner} says whose: "commit 1a2b3c4d", "tag v1.0". */
    public void inspectMessage(String owner, String message) {
        if (message != null) {
            addAll(owner, SecretRules.find(message.getBytes(StandardCharsets.UTF_8)), Place.MESSAGE);
        }
    }

    private void addAll(String path, List<SecretMatch> matches, Place place) {
        for (SecretMatch match : matches) {
            add(path, match, place);
        }
    }

    private void add(String path, SecretMatch match, Place place) {
        if (match.kind() == SecretKind.HUBGUARD_TOKEN) {
            if (!tokens.contains(match.secret()) && tokens.size() >= MAX_TOKEN_CANDIDATES) {
                tooManyTokens = true;
                return;
            }
            tokens.add(match.secret());
            if (!tokenPlaces.add(place + "\0" + path + "\0" + match.secret())) {
                return; // found already here (a text rule and the sweep, or twice in a file)
            }
        }
        findings.add(new SecretFinding(path, match, place));
    }

    public List<SecretFinding> findings() {
        return List.copyOf(findings);
    }

    /** More distinct hubguard tokens than are looked up: the change is refused unread beyond them. */
    public boolean tooManyTokens() {
        return tooManyTokens;
    }

    public boolean isEmpty() {
        return findings.isEmpty() && !tooManyTokens;
    }
}
