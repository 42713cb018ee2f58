package org.hubguard.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.util.FS;

import org.hubguard.config.HubguardConfig;
import org.hubguard.signing.HubguardSigner;

/**
 * The bare git repositories on disk, one per hubguard repository, named by its database id: renaming or
 * moving a repository never touches the disk. Root: {@code HUBGUARD_GIT_DIR}, default
 * {@code <server data dir>/hubguard/git}.
 */
@ApplicationScoped
public class GitStorage {

    public static final String MAIN = "main";

    @Inject
    HubguardConfig config;

    @Inject
    HubguardSigner signer;

    public Path pathOf(long repositoryId) {
        return config.gitDir().resolve(repositoryId + ".git");
    }

    /** A bare repository with branch {@code main} and one commit holding {@code .gitattributes} with the Hub's LFS patterns. */
    public void create(long repositoryId, PersonIdent author) {
        Path dir = pathOf(repositoryId);
        try {
            Files.createDirectories(config.gitDir());
            try (Git git = Git.init().setBare(true).setInitialBranch(MAIN).setGitDir(dir.toFile()).call();
                 ObjectInserter inserter = git.getRepository().newObjectInserter()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, LfsAttributes.DEFAULTS.getBytes(StandardCharsets.UTF_8));
                TreeFormatter tree = new TreeFormatter();
                tree.append(".gitattributes", FileMode.REGULAR_FILE, blob);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(inserter.insert(tree));
                commit.setAuthor(author);
                // Made by hubguard and signed with its key, like every commit it writes: Verified, so even a
                // repository that requires signed commits can branch from its first commit.
                commit.setCommitter(new PersonIdent(HubguardSigner.NAME, HubguardSigner.EMAIL));
                commit.setMessage("Initial commit\n");
                commit.setGpgSignature(new GpgSignature(signer.sign(commit.build())));
                ObjectId commitId = inserter.insert(commit);
                inserter.flush();
                RefUpdate update = git.getRepository().updateRef(Constants.R_HEADS + MAIN);
                update.setNewObjectId(commitId);
                update.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW) {
                    throw new IOException("could not create branch main: " + result);
                }
            }
        } catch (IOException | GitAPIException | RuntimeException e) {
            delete(repositoryId); // JGit also fails with unchecked exceptions (a full disk: JGitInternalException)
            throw new IllegalStateException("Could not create the git repository " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bare repository, opened once and shared through JGit's {@link RepositoryCache}: its packs, pack indexes
     * and refs stay loaded between requests. The caller closes it, which only releases its use; JGit closes a
     * repository nobody has used for an hour.
     */
    public Repository open(long repositoryId) throws IOException {
        return RepositoryCache.open(keyOf(repositoryId), true);
    }

    public void delete(long repositoryId) {
        Path dir = pathOf(repositoryId);
        forget(repositoryId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the shared instance, if one is open, so its pack files are released before the directory goes. */
    private void forget(long repositoryId) {
        RepositoryCache.FileKey key = keyOf(repositoryId);
        if (RepositoryCache.getRegisteredKeys().contains(key)) {
            try (Repository repository = RepositoryCache.open(key, false)) {
                RepositoryCache.close(repository);
            } catch (IOException e) {
                RepositoryCache.unregister(key);
            }
        }
    }

    private RepositoryCache.FileKey keyOf(long repositoryId) {
        return RepositoryCache.FileKey.exact(pathOf(repositoryId).toFile(), FS.DETECTED);
    }

    /**
     * JGit reads a blob smaller than its stream threshold (50 MiB by default) whole into memory; above this one it
     * streams. Downloads and scans of a few-MiB file then hold a buffer, not the file, however many run at once.
     */
    static final int STREAM_ABOVE = 1 << 20;

    @jakarta.annotation.PostConstruct
    void configureJGit() {
        org.eclipse.jgit.storage.file.WindowCacheConfig windows = new org.eclipse.jgit.storage.file.WindowCacheConfig();
        windows.setStreamFileThreshold(STREAM_ABOVE);
        windows.install();
    }

    /** The shared instances belong to this deployment: an undeploy must not leave their files open. */
    @PreDestroy
    void closeAll() {
        RepositoryCache.clear();
    }
}
