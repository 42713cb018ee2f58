package org.hubguard.repos;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.jgit.lib.PersonIdent;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.NameRules;
import org.hubguard.accounts.Namespace;
import org.hubguard.accounts.NamespaceKind;
import org.hubguard.accounts.User;
import org.hubguard.git.GitStorage;

/**
 * Repositories: create, read, rename/move, change visibility, delete. Every operation asks the policy;
 * a repository the caller may not read is reported as not found, never as forbidden.
 */
@Stateless
public class RepositoryService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Policy policy;

    @Inject
    AccountService accounts;

    @Inject
    GitStorage storage;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private static final PersonIdent HUBGUARD = new PersonIdent("hubguard", "hubguard@localhost");

    private final Clock clock = Clock.systemUTC();

    /** Creates a repository in {@code namespace} (the caller's own when null). */
    public Repository create(Caller caller, RepoType type, String namespace, String name, boolean isPrivate) {
        String owner = namespace == null || namespace.isBlank() ? caller.username() : namespace.trim();
        if (owner == null) {
            policy.require(caller, Action.CREATE_REPO, null); // anonymous or organization token: denied with the right message
        }
        Namespace target = namespace(owner);
        policy.require(caller, Action.CREATE_REPO, new Resources.Namespace(target.getName(), target.getKind() == NamespaceKind.ORGANIZATION));
        String repoName = checkedName(name);
        requireFree(type, target, repoName);
        User creator = caller.isUser() ? accounts.findByUsername(caller.username()).orElse(null) : null;
        Repository repository = new Repository(target, type, repoName, isPrivate, creator, clock.instant());
        em.persist(repository);
        flushOrConflict("You already created this " + type.wireName() + " repo: " + target.getName() + "/" + repoName + " exists."); // the id names the git directory
        long id = repository.getId();
        storage.create(id, creator == null ? HUBGUARD : new PersonIdent(creator.getUsername(), creator.getEmail()));
        afterCompletion(committed -> {
            if (!committed) {
                storage.delete(id); // no directory without its row
            }
        });
        return repository;
    }

    /** The repository, if the caller may read it; otherwise "not found", exactly as if it did not exist. */
    public Repository get(Caller caller, RepoType type, String namespace, String name) {
        Repository repository = find(type, namespace, name)
                .filter(r -> policy.allows(caller, Action.READ_REPO, r.asResource()))
                .orElseThrow(() -> notFound(type, namespace, name));
        return repository;
    }

    /** The repositories of {@code author} (user or organization) that the caller may read. */
    public List<Repository> list(Caller caller, RepoType type, String author) {
        return em.createQuery("select r from Repository r where r.type = :type and r.namespace.nameKey = :key order by r.nameKey", Repository.class)
                .setParameter("type", type).setParameter("key", Namespace.keyOf(author))
                .getResultStream()
                .filter(r -> policy.allows(caller, Action.READ_REPO, r.asResource()))
                .toList();
    }

    public void delete(Caller caller, RepoType type, String namespace, String name) {
        Repository repository = get(caller, type, namespace, name);
        policy.require(caller, Action.DELETE_REPO, repository.asResource());
        long id = repository.getId();
        em.remove(repository);
        afterCompletion(committed -> {
            if (committed) {
                storage.delete(id); // only once the row is gone for good
            }
        });
    }

    public Repository setVisibility(Caller caller, RepoType type, String namespace, String name, boolean isPrivate) {
        Repository repository = get(caller, type, namespace, name);
        policy.require(caller, Action.CHANGE_VISIBILITY, repository.asResource());
        repository.setPrivate(isPrivate);
        return repository;
    }

    /** Repository setting (like visibility): pushes must carry only Verified commits. */
    public Repository setRequireSigned(Caller caller, RepoType type, String namespace, String name, boolean required) {
        Repository repository = get(caller, type, namespace, name);
        policy.require(caller, Action.CHANGE_VISIBILITY, repository.asResource());
        repository.setRequireSigned(required);
        return repository;
    }

    /** Whether pushes to the repository must carry only Verified commits: its own setting or its organization's. */
    public boolean requiresSignedCommits(Repository repository) {
        if (repository.isRequireSigned()) {
            return true;
        }
        return repository.isInOrganization() && em.createQuery(
                        "select o.requireSigned from Organization o where o.namespace.nameKey = :key", Boolean.class)
                .setParameter("key", Namespace.keyOf(repository.getNamespaceName()))
                .getResultStream().findFirst().orElse(false);
    }

    /** Renames a repository, or moves it to another namespace the caller may create repositories in. */
    public Repository move(Caller caller, RepoType type, String from, String to) {
        String[] source = RepoIds.split(from, "fromRepo");
        String[] target = RepoIds.split(to, "toRepo");
        Repository repository = get(caller, type, source[0], source[1]);
        policy.require(caller, Action.RENAME_REPO, repository.asResource());
        Namespace targetNamespace = namespace(target[0]);
        if (!targetNamespace.getId().equals(repository.getNamespace().getId())) {
            policy.require(caller, Action.CREATE_REPO,
                    new Resources.Namespace(targetNamespace.getName(), targetNamespace.getKind() == NamespaceKind.ORGANIZATION));
        }
        String newName = checkedName(target[1]);
        boolean sameRepo = targetNamespace.getId().equals(repository.getNamespace().getId())
                && newName.equalsIgnoreCase(repository.getName());
        if (!sameRepo) {
            requireFree(type, targetNamespace, newName);
        }
        repository.moveTo(targetNamespace, newName);
        flushOrConflict(targetNamespace.getName() + "/" + newName + " was just taken.");
        return repository;
    }

    public Optional<Repository> find(RepoType type, String namespace, String name) {
        if (namespace == null || name == null) {
            return Optional.empty();
        }
        return em.createQuery("select r from Repository r where r.type = :type and r.namespace.nameKey = :ns and r.nameKey = :name", Repository.class)
                .setParameter("type", type)
                .setParameter("ns", Namespace.keyOf(namespace))
                .setParameter("name", name.toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst();
    }

    private void flushOrConflict(String message) {
        try {
            em.flush(); // a concurrent identical request fails here, on the unique key
        } catch (jakarta.persistence.PersistenceException e) {
            throw new ConflictException(message);
        }
    }

    private void afterCompletion(java.util.function.Consumer<Boolean> action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    private Namespace namespace(String name) {
        return em.createQuery("select n from Namespace n where n.nameKey = :key", Namespace.class)
                .setParameter("key", Namespace.keyOf(name))
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("NamespaceNotFound", "There is no user or organization '" + name + "'."));
    }

    private void requireFree(RepoType type, Namespace namespace, String name) {
        if (find(type, namespace.getName(), name).isPresent()) {
            throw new ConflictException("You already created this " + type.wireName() + " repo: "
                    + namespace.getName() + "/" + name + " exists.");
        }
    }

    private static String checkedName(String name) {
        String trimmed = name == null ? "" : name.trim();
        NameRules.repoNameProblem(trimmed).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        return trimmed;
    }

    private static NotFoundException notFound(RepoType type, String namespace, String name) {
        return new NotFoundException("RepoNotFound", "Repository not found: " + type.wireName() + " " + namespace + "/" + name
                + ". If it is private, make sure you are authenticated with access to it.");
    }
}
