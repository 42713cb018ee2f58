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
 * a push or commit, when the repository has no pack bitmap yet (and enough objects to want one) or many loose
 * objects (the commit API writes loose objects), JGit's garbage collection repacks it in the background with
 * bitmaps. A clone then counts its objects from the bitmap instead of walking every commit and tree. Many packs
 * are left to JGit's own automatic gc after a push (gc.autoPackLimit). One collection at a time per repository,
 * at most one an hour; JGit keeps the old packs for an hour, so clones and fetches in flight keep reading them.
 */
@ApplicationScoped
public class RepositoryMaintenance {

    private static final Logger LOG = Logger.getLogger(RepositoryMaintenance.class.getName());
    /** Fewer objects than this and walking them is as quick as reading a bitmap. */
    static final long OBJECTS_WORTH_A_BITMAP = 1000;
    static final long LOOSE_OBJECTS = 1000;
    /** Old packs and unreachable loose objects stay for a while after a gc: counting them again must not repeat it. */
    static final java.time.Duration AT_MOST_EVERY = java.time.Duration.ofHours(1);

    @Inject
    GitStorage storage;

    @Resource
    ManagedExecutorService executor;

    private final Set<Long> collecting = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Long, java.time.Instant> lastCollected = new ConcurrentHashMap<>();

    void afterPush(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommitsPushed pushed) {
        long id = pushed.repositoryId();
        java.time.Instant last = lastCollected.get(id);
        if (last != null && last.plus(AT_MOST_EVERY).isAfter(java.time.Instant.now())) {
            return;
        }
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
                    || loose >= LOOSE_OBJECTS;
            if (due) {
                lastCollected.put(repositoryId, java.time.Instant.now());
                if (lastCollected.size() > 10_000) {
                    lastCollected.clear(); // a bound: forgetting only allows a gc earlier than an hour
                }
                long start = System.nanoTime();
                git.gc().call();
                LOG.fine(() -> "Repacked repository " + repositoryId + " with bitmaps in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        } catch (RepositoryNotFoundException gone) {
            // deleted meanwhile: nothing to keep
        } catch (Exception e) {
            if (isDeleted(repositoryId)) {
                return;
            }
            LOG.log(Level.WARNING, "Could not repack repository " + repositoryId + " (clones stay correct, only slower): " + e.getMessage(), e);
        } finally {
            if (isDeleted(repositoryId)) {
                storage.delete(repositoryId); // deleted while collecting: what the gc wrote after that must go too
            }
        }
    }

    private boolean isDeleted(long repositoryId) {
        return !java.nio.file.Files.exists(storage.pathOf(repositoryId).resolve("HEAD"));
    }

    private static long count(Properties stats, String name) {
        Object value = stats.get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
