package org.hubguard.lfs;

import java.time.Clock;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.hubguard.access.Action;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.User;
import org.hubguard.git.CommitRules;
import org.hubguard.repos.RepoContext;

/**
 * The Git LFS locking API (https://github.com/git-lfs/git-lfs/blob/main/docs/api/locking.md): writers lock
 * paths so others know not to change them; readers see the locks. Unlocking another user's lock ("force")
 * needs the right to change the repository's settings.
 */
@Stateless
public class LfsLocks {

    public static final int MAX_PAGE = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    AccountService accounts;

    private final Clock clock = Clock.systemUTC();

    /** The new lock; 409 with the existing one when the path is locked already. */
    public LfsLock lock(RepoContext repo, String path) {
        repo.require(Action.WRITE_REPO);
        CommitRules.pathProblem(path).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        User owner = accounts.findByUsername(repo.caller().username())
                .orElseThrow(() -> new InvalidInputException("Only users can lock files, not organization tokens."));
        existing(repo.id(), path).ifPresent(lock -> {
            throw new LockConflictException(lock);
        });
        LfsLock lock = new LfsLock(repo.id(), path, owner, clock.instant());
        em.persist(lock);
        try {
            em.flush();
        } catch (PersistenceException lockedConcurrently) {
            throw new ConflictException("'" + path + "' was just locked by someone else.");
        }
        return lock;
    }

    /** Locks of the repository, optionally one path or one id, oldest first, from {@code cursor} (a lock id). */
    public List<LfsLock> list(RepoContext repo, String path, Long id, long cursor, int limit) {
        StringBuilder query = new StringBuilder("select l from LfsLock l where l.repositoryId = :repo and l.id >= :cursor");
        if (path != null) {
            query.append(" and l.path = :path");
        }
        if (id != null) {
            query.append(" and l.id = :id");
        }
        var typed = em.createQuery(query.append(" order by l.id").toString(), LfsLock.class)
                .setParameter("repo", repo.id()).setParameter("cursor", cursor).setMaxResults(Math.min(Math.max(limit, 1), MAX_PAGE) + 1);
        if (path != null) {
            typed.setParameter("path", path);
        }
        if (id != null) {
            typed.setParameter("id", id);
        }
        return typed.getResultList();
    }

    /** For git lfs push: the repository's locks (writers only, as the API asks). */
    public List<LfsLock> forPush(RepoContext repo, long cursor, int limit) {
        repo.require(Action.WRITE_REPO);
        return list(repo, null, null, cursor, limit);
    }

    public LfsLock unlock(RepoContext repo, long id, boolean force) {
        repo.require(Action.WRITE_REPO);
        LfsLock lock = em.find(LfsLock.class, id);
        if (lock == null || lock.getRepositoryId() != repo.id()) {
            throw new NotFoundException("LockNotFound", "There is no lock " + id + " in this repository.");
        }
        if (!lock.getOwnerName().equalsIgnoreCase(repo.caller().username())) {
            if (!force) {
                throw new LockConflictException(lock, "'" + lock.getPath() + "' is locked by " + lock.getOwnerName()
                        + "; unlock with --force if you may change the repository's settings.");
            }
            repo.require(Action.CHANGE_VISIBILITY);
        }
        em.remove(lock);
        return lock;
    }

    private java.util.Optional<LfsLock> existing(long repositoryId, String path) {
        return em.createQuery("select l from LfsLock l where l.repositoryId = :repo and l.path = :path", LfsLock.class)
                .setParameter("repo", repositoryId).setParameter("path", path).getResultStream().findFirst();
    }

    /** The path is locked (by someone else): 409, with the lock for the client to show. */
    public static class LockConflictException extends ConflictException {

        private static final long serialVersionUID = 1L;
        private final transient LfsLock lock;

        LockConflictException(LfsLock lock) {
            this(lock, "'" + lock.getPath() + "' is already locked by " + lock.getOwnerName() + ".");
        }

        LockConflictException(LfsLock lock, String message) {
            super(message);
            this.lock = lock;
        }

        public LfsLock lock() {
            return lock;
        }
    }
}
