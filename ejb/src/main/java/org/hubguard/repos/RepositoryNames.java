package org.hubguard.repos;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.hubguard.persistence.Generation;

/**
 * Repositories by type and name, kept in memory: every download, clone and API call looks its repository up
 * by name, outside any transaction. Correct by {@link Generation}: any transaction that changes a repository, a
 * namespace or a user (their names, visibility, settings) ends the generation when it ends ({@link Changes}), and
 * a repository is served only in the generation it was read in. Only detached copies (read outside a
 * transaction) are kept; they are never changed (their setters are used on attached copies only).
 */
@ApplicationScoped
public class RepositoryNames {

    /** More repositories than this and the memory starts again. */
    static final int CAPACITY = 20_000;
    private static final Generation GENERATION = new Generation();

    private record Key(RepoType type, String namespaceKey, String nameKey) {
    }

    private record Cached(long generation, Repository repository) {
    }

    private final Map<Key, Cached> repositories = new ConcurrentHashMap<>();

    /** The repository, from memory when this generation has read it; otherwise {@code read} (outside a transaction). */
    Optional<Repository> find(RepoType type, String namespaceKey, String nameKey, Supplier<Optional<Repository>> read) {
        long generation = GENERATION.current();
        Key key = new Key(type, namespaceKey, nameKey);
        Cached cached = repositories.get(key);
        if (cached != null && cached.generation() == generation) {
            return Optional.of(cached.repository());
        }
        Optional<Repository> found = read.get();
        if (found.isPresent()) {
            if (repositories.size() >= CAPACITY) {
                repositories.clear();
            }
            repositories.put(key, new Cached(generation, found.get()));
        }
        return found;
    }

    /** The entity listener of {@link Repository}, {@link org.hubguard.accounts.Namespace} and {@link org.hubguard.accounts.User}. */
    public static class Changes {

        @PostPersist
        @PostUpdate
        @PostRemove
        void changed(Object entity) {
            GENERATION.changed();
        }
    }
}
