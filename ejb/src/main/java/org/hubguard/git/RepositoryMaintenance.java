package org.hubguard.git;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;

/**
 * Keeps a repository's objects in the shape clones are fast from, as {@code git gc} does on a git server: after
 * a push or commit, when the repository has no pack bitmap yet (and enough objects to want one), many loose
 * objects or many packs, JGit's garbage collection repacks it in the background with bitmaps. A clone then
 * counts its objects from the bitmap instead of walking every commit and tree. One collection at a time per
 * repository; JGit keeps the old packs for an hour, so clones and fetches in flight keep reading them.
 */
@ApplicationScoped
public class RepositoryMaintenance {

    private static final Logger LOG = Logger.getLogger(RepositoryMaintenance.class.getName());
    /** Fewer objects than this and walking them is as quick as reading a bitmap. */
    static final long OBJECTS_WORTH_A_BITMAP = 1000;
    static final long LOOSE_OBJECTS = 1000;
    static final long PACK_FILES = 10;

    @Inject
    GitStorage storage;

    @Resource
    ManagedExecutorService executor;

    private final Set<Long> collecting = ConcurrentHashMap.newKeySet();

    void afterPush(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommitsPushed pushed) {
        long id = pushed.repositoryId();
        if (!collecting.add(id)) {
            return; // one at a time: the next push looks again
        }
        try {
            executor.execute(() -> {
                try {
                    collectIfDue(id);
                } finally {
                    collecting.remove(id);
                }
            });
        } catch (RejectedExecutionException busy) {
            collecting.remove(id);
        }
    }

    void collectIfDue(long repositoryId) {
        try (Repository repo = storage.open(repositoryId); Git git = Git.wrap(repo)) {
            Properties stats = git.gc().getStatistics();
            long packed = count(stats, "numberOfPackedObjects");
            long loose = count(stats, "numberOfLooseObjects");
            boolean due = count(stats, "numberOfBitmaps") == 0 && packed + loose >= OBJECTS_WORTH_A_BITMAP
                    || loose >= LOOSE_OBJECTS || count(stats, "numberOfPackFiles") >= PACK_FILES;
            if (due) {
                long start = System.nanoTime();
                git.gc().call();
                LOG.fine(() -> "Repacked repository " + repositoryId + " with bitmaps in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        } catch (RepositoryNotFoundException gone) {
            // deleted meanwhile: nothing to keep
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not repack repository " + repositoryId + " (clones stay correct, only slower): " + e.getMessage(), e);
        }
    }

    private static long count(Properties stats, String name) {
        Object value = stats.get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
