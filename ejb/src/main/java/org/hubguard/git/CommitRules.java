package org.hubguard.git;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.hubguard.access.InvalidInputException;
import org.hubguard.config.HubguardConfig;
import org.hubguard.lfs.LfsObjects;
import org.hubguard.lfs.LfsPointer;
import org.hubguard.lfs.LfsStore;
import org.hubguard.repos.RepoContext;
import org.hubguard.secrets.PushProtection;
import org.hubguard.secrets.SecretScan;
import org.hubguard.secrets.SecretsFoundException;

/**
 * What a commit may contain, the same whether it arrives by git push (the pre-receive step) or through the
 * commit API and the page editor: relative paths without ".." or anything inside ".git"; files in git no
 * larger than {@code HUBGUARD_GIT_MAX_FILE_SIZE} (larger ones go to Git LFS); LFS objects no larger than
 * {@code HUBGUARD_LFS_MAX_FILE_SIZE} and, when a push names one, present in the repository's LFS storage.
 */
@ApplicationScoped
public class CommitRules {

    static final int MAX_PATH_LENGTH = 1000;
    /** Most file systems take names of at most 255 bytes. */
    static final int MAX_NAME_BYTES = 255;

    @Inject
    HubguardConfig config;

    @Inject
    LfsObjects lfsObjects;

    @Inject
    LfsStore lfsStore;

    @Inject
    PushProtection protection;

    /** How a commit through the API marks a secret as a false positive (the push option's twin). */
    public static final String BYPASS_FIELD = "secretScanningBypass";

    /** The largest file git itself stores; larger ones belong in LFS. */
    public long maxFileSize() {
        return config.gitMaxFileSize();
    }

    /** The largest file hubguard takes at all (in LFS). */
    public long maxLfsFileSize() {
        return config.lfsMaxFileSize();
    }

    /** Whether the commit API keeps a file in LFS: too large for git, or marked so by the .gitattributes. */
    public boolean belongsInLfs(String path, long size, LfsAttributes attributes) {
        return size > maxFileSize() || attributes.isLfs(path);
    }

    /**
     * The commit API and the editor: every path, and no file larger than an LFS object may be (larger files
     * than git's own limit are kept in LFS by the commit service). Refuses the first change that breaks a rule,
     * with a message naming the file.
     */
    public void check(List<FileChange> changes) {
        for (FileChange change : changes) {
            requireNoProblem(pathProblem(change.path()));
            if (change instanceof FileChange.Put put) {
                requireNoProblem(lfsSizeProblem(put.path(), put.content().size()));
            } else if (change instanceof FileChange.PutLfs lfs) {
                if (!LfsPointer.isObjectId(lfs.oid())) {
                    throw new InvalidInputException("The LFS file " + lfs.path() + " needs an 'oid' of 64 lower-case hex digits (SHA-256).");
                }
                if (lfs.size() != null) {
                    requireNoProblem(lfsSizeProblem(lfs.path(), lfs.size()));
                }
            }
        }
    }

    /** A new scan for the secrets of one push or commit, or null when push protection is off. */
    public SecretScan newSecretScan() {
        return protection.enabled() ? new SecretScan() : null;
    }

    /**
     * The commit API and the editor: the secrets in the commit's message, the paths it writes and the files it
     * adds or changes (inline of any size, or in LFS), judged by {@link PushProtection}. Refuses with 422
     * SecretDetected naming files and lines.
     *
     * @param bypass the {@link #BYPASS_FIELD} the commit carries, or null
     */
    public void checkSecrets(RepoContext repo, String message, List<FileChange> changes, String bypass) {
        SecretScan scan = newSecretScan();
        if (scan == null) {
            return;
        }
        try {
            scan.inspectMessage("the commit", message);
            for (FileChange change : changes) {
                if (change instanceof FileChange.Put put) {
                    scan.inspectPath(put.path());
                    try (java.io.InputStream in = put.content().open()) {
                        scan.inspect(put.path(), in, put.content().size());
                    }
                } else if (change instanceof FileChange.PutLfs lfs) {
                    scan.inspectPath(lfs.path());
                    long size = lfsStore.size(lfs.oid());
                    if (size >= 0 && scan.firstLook(lfs.oid())) {
                        scanLfsObject(scan, lfs.path(), new LfsPointer(lfs.oid(), size));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        secretsProblem(repo, scan, bypass, "\"" + BYPASS_FIELD + "\": \"false-positive\" in the commit's header").ifPresent(refusal -> {
            throw new SecretsFoundException("Refused: " + refusal + ".");
        });
    }

    /** Why the secrets a push or commit carries refuse it, if they do (and live hubguard tokens among them are revoked). */
    public Optional<String> secretsProblem(RepoContext repo, SecretScan scan, String bypass, String bypassHint) {
        return scan == null || scan.isEmpty() ? Optional.empty()
                : protection.refusal(repo.caller(), repo.repository(), scan, bypass, bypassHint);
    }

    /** Scans an LFS object from the store, whatever its size (streamed), when it is there as the pointer says. */
    public void scanLfsObject(SecretScan scan, String path, LfsPointer pointer) throws java.io.IOException {
        if (lfsStore.size(pointer.oid()) != pointer.size()) {
            return;
        }
        try (java.io.InputStream in = lfsStore.open(pointer.oid(), 0)) {
            scan.inspect(path, in, pointer.size());
        }
    }

    /** The Hub's preupload step: the same rules, before any content is sent. */
    public void checkUpload(List<String> paths, List<Long> sizes) {
        for (int i = 0; i < paths.size(); i++) {
            requireNoProblem(pathProblem(paths.get(i)));
            requireNoProblem(lfsSizeProblem(paths.get(i), sizes.get(i)));
        }
    }

    /**
     * A pushed blob: its path, and its size, since git stores it as it is; a larger file must come through
     * Git LFS (its pointer is then what git stores).
     */
    public Optional<String> fileProblem(String path, long size) {
        return pathProblem(path).or(() -> {
            long limit = maxFileSize();
            return size <= limit ? Optional.empty() : Optional.of("file " + path + " is " + mib(size) + "; git stores files up to "
                    + mib(limit) + " (" + limit + " bytes): track it with Git LFS (git lfs track \"*." + extensionOf(path)
                    + "\") and commit it again");
        });
    }

    /**
     * A pushed LFS pointer: the object it names must have been uploaded to this repository (git lfs push
     * does that before the push), else the clone would get a pointer to nothing.
     */
    public Optional<String> pointerProblem(long repositoryId, String path, LfsPointer pointer) {
        if (pointer.size() > config.lfsMaxFileSize()) {
            return lfsSizeProblem(path, pointer.size());
        }
        var stored = lfsObjects.linkedSize(repositoryId, pointer.oid());
        if (stored.isEmpty() || stored.getAsLong() != pointer.size()) {
            return Optional.of("file " + path + " is a Git LFS pointer to an object this repository does not have (sha256:"
                    + pointer.oid() + ", " + pointer.size() + " bytes): run 'git lfs push --all origin' with git-lfs installed, then push again");
        }
        return Optional.empty();
    }

    private Optional<String> lfsSizeProblem(String path, long size) {
        long limit = config.lfsMaxFileSize();
        return size <= limit ? Optional.empty()
                : Optional.of("file " + path + " is " + mib(size) + "; the limit for a large file is " + mib(limit) + " (" + limit + " bytes)");
    }

    private static String extensionOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : name;
    }

    /**
     * A tree entry of a push: its path, and no symbolic link or submodule unless the server allows them (a
     * client that writes the tree to disk would follow a link out of the checkout).
     */
    public Optional<String> entryProblem(String path, FileMode mode) {
        if (mode == FileMode.SYMLINK && !config.gitAllowSymlinks()) {
            return Optional.of(path + " is a symbolic link; hubguard does not take them (HUBGUARD_GIT_ALLOW_SYMLINKS)");
        }
        if (mode == FileMode.GITLINK && !config.gitAllowSubmodules()) {
            return Optional.of(path + " is a submodule; hubguard does not take them (HUBGUARD_GIT_ALLOW_SUBMODULES)");
        }
        return pathProblem(path);
    }

    /** Which refs a push may update: branches and tags with valid names, and never a branch called HEAD. */
    public static Optional<String> refProblem(String ref) {
        if (!ref.startsWith(Constants.R_HEADS) && !ref.startsWith(Constants.R_TAGS)) {
            return Optional.of("only branches and tags can be pushed, not " + ref);
        }
        if (!Repository.isValidRefName(ref) || ref.equals(Constants.R_HEADS + Constants.HEAD) || ref.length() > 255) {
            return Optional.of(ref + " is not a valid branch or tag name");
        }
        return Optional.empty();
    }

    /** Why {@code path} cannot be written, or empty when it can. */
    public static Optional<String> pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("A file path is empty.");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            return Optional.of("The path '" + path.substring(0, 50) + "...' is longer than " + MAX_PATH_LENGTH + " characters.");
        }
        if (path.startsWith("/") || path.contains("\\")) {
            return Optional.of("The path '" + path + "' must be relative, with '/' between folders.");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("The path '" + path.replaceAll("\\p{Cntrl}", "?") + "' contains control characters.");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("The path '" + path + "' may not contain empty, '.' or '..' parts.");
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                return Optional.of("The path '" + path + "' may not be inside '.git'.");
            }
            if (segment.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return Optional.of("The name '" + segment.substring(0, 50) + "...' is longer than " + MAX_NAME_BYTES + " bytes.");
            }
        }
        return Optional.empty();
    }

    private static void requireNoProblem(Optional<String> problem) {
        problem.ifPresent(message -> {
            throw new InvalidInputException(message);
        });
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
