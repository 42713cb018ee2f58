package org.hubguard.repos;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;

import org.eclipse.jgit.lib.PersonIdent;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.ConflictException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.access.Permissions;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;
import org.hubguard.accounts.AccountService;
import org.hubguard.accounts.NameRules;
import org.hubguard.accounts.Namespace;
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

    @Inject
    RepositoryNames names;

    @Inject
    AuditLog audit;

    private static final PersonIdent HUBGUARD = new PersonIdent("hubguard", "hubguard@localhost");

    private final Clock clock = Clock.systemUTC();

    /** Creates a repository in {@code namespace} (the caller's own when null). */
    public Repository create(Caller caller, RepoType type, String namespace, String name, boolean isPrivate) {
        String owner = namespace == null || namespace.isBlank() ? caller.username() : namespace.trim();
        if (owner == null) {
            // anonymous or an organization token: refused with the policy's reason
            policy.require(caller, Action.CREATE_REPO, new Resources.Namespace("", false));
        }
        Namespace target = namespace(owner);
        policy.require(caller, Action.CREATE_REPO, target.asResource());
        String repoName = checkedName(name);
        requireFree(type, target, repoName);
        forgetRedirect(type, target.getName(), repoName); // the name is taken again: it no longer leads elsewhere
        User creator = caller.isUser() ? accounts.findByUsername(caller.username()).orElse(null) : null;
        Repository repository = new Repository(target, type, repoName, isPrivate, creator, clock.instant());
        em.persist(repository);
        try {
            em.flush(); // the id names the git directory; a concurrent identical request fails here, on the unique key
        } catch (jakarta.persistence.PersistenceException e) {
            throw new RepositoryExistsException(new RepoRef(type, target.getName(), repoName));
        }
        long id = repository.getId();
        // Registered before the directory exists: whatever fails from here on, checked or not, removes it.
        afterCompletion(committed -> {
            if (!committed) {
                storage.delete(id); // no directory without its row
            }
        });
        storage.create(id, creator == null ? HUBGUARD : new PersonIdent(creator.getUsername(), creator.getEmail()));
        audit.record("repo.create", caller, repository, AuditOutcome.SUCCESS, isPrivate ? "private" : "public");
        return repository;
    }

    /**
     * The repository with the caller's permissions on it, if the caller may read it; otherwise "not found",
     * exactly as if it did not exist.
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS) // a read: no transaction of its own
    public RepoContext context(Caller caller, RepoRef ref) {
        Repository repository = find(ref.type(), ref.namespace(), ref.name()).orElseThrow(() -> movedOrNotFound(caller, ref));
        Permissions permissions = policy.permissions(caller, repository.asResource());
        if (!permissions.can(Action.READ_REPO)) {
            throw notFound(ref);
        }
        return new RepoContext(repository, permissions);
    }

    /** The repository's new name when {@code ref} is an old name of one the caller may read; not found otherwise. */
    private RuntimeException movedOrNotFound(Caller caller, RepoRef ref) {
        return redirect(ref.type(), ref.namespace(), ref.name())
                .map(RepositoryRedirect::repository)
                .filter(moved -> policy.allows(caller, Action.READ_REPO, moved.asResource()))
                .<RuntimeException>map(moved -> new RepositoryMovedException(ref,
                        new RepoRef(moved.getType(), moved.getNamespaceName(), moved.getName())))
                .orElseGet(() -> notFound(ref));
    }

    private Optional<RepositoryRedirect> redirect(RepoType type, String namespace, String name) {
        if (namespace == null || name == null) {
            return Optional.empty();
        }
        return em.createQuery("select r from RepositoryRedirect r where r.type = :type and r.namespaceKey = :ns and r.nameKey = :name",
                        RepositoryRedirect.class)
                .setParameter("type", type).setParameter("ns", Namespace.keyOf(namespace))
                .setParameter("name", name.toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst();
    }

    private void forgetRedirect(RepoType type, String namespace, String name) {
        redirect(type, namespace, name).ifPresent(em::remove);
    }

    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
    public RepoContext context(Caller caller, RepoType type, String namespace, String name) {
        return context(caller, new RepoRef(type, namespace, name));
    }

    /** Where the caller may create repositories: their own namespace first, then organizations, as the policy decides. */
    public List<String> namespacesForNewRepositories(Caller caller) {
        if (!caller.isUser()) {
            return List.of();
        }
        List<Namespace> candidates = new java.util.ArrayList<>();
        candidates.add(namespace(caller.username()));
        candidates.addAll(em.createQuery("select m.organization.namespace from Membership m where m.user.namespace.nameKey = :user "
                        + "order by m.organization.namespace.nameKey", Namespace.class)
                .setParameter("user", Namespace.keyOf(caller.username())).getResultList());
        java.util.function.Predicate<org.hubguard.access.Resource> mayCreate = policy.allowsEach(caller, Action.CREATE_REPO);
        return candidates.stream()
                .filter(ns -> mayCreate.test(ns.asResource()))
                .map(Namespace::getName)
                .toList();
    }

    /** The repositories of {@code author} (user or organization) that the caller may read. */
    public List<Repository> list(Caller caller, RepoType type, String author) {
        java.util.function.Predicate<org.hubguard.access.Resource> readable = policy.allowsEach(caller, Action.READ_REPO);
        return em.createQuery("select r from Repository r where r.type = :type and r.namespace.nameKey = :key order by r.nameKey", Repository.class)
                .setParameter("type", type).setParameter("key", Namespace.keyOf(author))
                .getResultStream()
                .filter(r -> readable.test(r.asResource()))
                .toList();
    }

    /**
     * Every repository of the type that the caller may read, optionally only those of {@code author} (a user
     * or organization) and those whose "namespace/name" contains {@code text} (any case), sorted by id.
     */
    public List<Repository> search(Caller caller, RepoType type, String author, String text) {
        StringBuilder query = new StringBuilder("select r from Repository r where r.type = :type");
        if (author != null) {
            query.append(" and r.namespace.nameKey = :author");
        }
        if (text != null) {
            query.append(" and concat(r.namespace.nameKey, '/', r.nameKey) like :text escape '!'");
        }
        jakarta.persistence.TypedQuery<Repository> repos = em.createQuery(query.append(" order by r.namespace.nameKey, r.nameKey").toString(),
                Repository.class).setParameter("type", type);
        if (author != null) {
            repos.setParameter("author", Namespace.keyOf(author));
        }
        if (text != null) {
            repos.setParameter("text", "%" + text.toLowerCase(java.util.Locale.ROOT).replaceAll("[!%_]", "!$0") + "%");
        }
        java.util.function.Predicate<org.hubguard.access.Resource> readable = policy.allowsEach(caller, Action.READ_REPO);
        return repos.getResultStream().filter(r -> readable.test(r.asResource())).toList();
    }

    public void delete(RepoContext context) {
        context.require(Action.DELETE_REPO);
        Repository repository = attached(context);
        long id = repository.getId();
        audit.record("repo.delete", context.caller(), repository, AuditOutcome.SUCCESS, null);
        em.remove(repository);
        afterCompletion(committed -> {
            if (committed) {
                storage.delete(id); // only once the row is gone for good
            }
        });
    }

    public Repository setVisibility(RepoContext context, boolean isPrivate) {
        context.require(Action.CHANGE_VISIBILITY);
        Repository repository = attached(context);
        if (repository.isPrivate() != isPrivate) {
            audit.record("repo.update_visibility", context.caller(), repository, AuditOutcome.SUCCESS, isPrivate ? "private" : "public");
        }
        repository.setPrivate(isPrivate);
        return repository;
    }

    /** Repository setting (like visibility): pushes must carry only Verified commits. */
    public Repository setRequireSigned(RepoContext context, boolean required) {
        context.require(Action.CHANGE_VISIBILITY);
        Repository repository = attached(context);
        if (repository.isRequireSigned() && !required) {
            auditWeakened(context, repository, "requireSignedCommits=false");
        }
        repository.setRequireSigned(required);
        return repository;
    }

    /** Repository setting: main may not be deleted or rewritten. Cannot be turned off while signed commits are required. */
    public Repository setProtectDefaultBranch(RepoContext context, boolean protect) {
        context.require(Action.CHANGE_VISIBILITY);
        Repository repository = attached(context);
        if (!protect && requiresSignedCommits(repository)) {
            throw new ConflictException("Requiring signed commits protects the default branch; stop requiring them first.");
        }
        if (repository.isProtectDefaultBranch() && !protect) {
            auditWeakened(context, repository, "protectDefaultBranch=false");
        }
        repository.setProtectDefaultBranch(protect);
        return repository;
    }

    /** Repository setting: whether downloads of a file found unsafe are refused (on by default). */
    public Repository setBlockUnsafeDownloads(RepoContext context, boolean block) {
        context.require(Action.CHANGE_VISIBILITY);
        Repository repository = attached(context);
        if (repository.isBlockUnsafeDownloads() && !block) {
            auditWeakened(context, repository, "blockUnsafeDownloads=false");
        }
        repository.setBlockUnsafeDownloads(block);
        return repository;
    }

    /** Repository setting: whether push protection lets secrets in (off by default; live hubguard tokens never). */
    public Repository setAllowSecrets(RepoContext context, boolean allow) {
        context.require(Action.CHANGE_VISIBILITY);
        Repository repository = attached(context);
        if (!repository.isAllowSecrets() && allow) {
            auditWeakened(context, repository, "allowSecrets=true");
        }
        repository.setAllowSecrets(allow);
        return repository;
    }

    /** A setting that lowers a repository's protection: worth a line in the audit log. */
    private void auditWeakened(RepoContext context, Repository repository, String change) {
        audit.record("repo.update_settings", context.caller(), repository, AuditOutcome.SUCCESS, change);
    }

    /**
     * The refs a push may neither delete nor rewrite: the default branch, when the repository or its
     * organization protects it or signed commits are required (which would be pointless without it).
     */
    public java.util.Set<String> protectedRefs(Repository repository) {
        boolean orgProtects = repository.isInOrganization() && em.createQuery(
                        "select o.protectDefaultBranch from Organization o where o.namespace.nameKey = :key", Boolean.class)
                .setParameter("key", Namespace.keyOf(repository.getNamespaceName()))
                .getResultStream().findFirst().orElse(false);
        boolean protect = repository.isProtectDefaultBranch() || orgProtects || requiresSignedCommits(repository);
        return protect ? java.util.Set.of(org.eclipse.jgit.lib.Constants.R_HEADS + GitStorage.MAIN) : java.util.Set.of();
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

    /**
     * Renames a repository (RENAME_REPO), or moves it to another namespace (TRANSFER_REPO: the owner, or an
     * admin of the organization it leaves; and CREATE_REPO in the namespace it joins).
     */
    public Repository move(RepoContext context, String to) {
        String[] target = RepoIds.split(to, "toRepo");
        Repository repository = attached(context);
        Namespace targetNamespace = namespace(target[0]);
        if (targetNamespace.getId().equals(repository.getNamespace().getId())) {
            context.require(Action.RENAME_REPO);
        } else {
            context.require(Action.TRANSFER_REPO);
            policy.require(context.caller(), Action.CREATE_REPO, targetNamespace.asResource());
        }
        String newName = checkedName(target[1]);
        boolean sameRepo = targetNamespace.getId().equals(repository.getNamespace().getId())
                && newName.equalsIgnoreCase(repository.getName());
        if (!sameRepo) {
            requireFree(repository.getType(), targetNamespace, newName);
            forgetRedirect(repository.getType(), targetNamespace.getName(), newName);
            // the old name leads here until another repository takes it
            em.persist(new RepositoryRedirect(repository.getType(), repository.getNamespaceName(), repository.getName(), repository, clock.instant()));
        }
        String from = AuditLog.targetOf(repository);
        String fromOrganization = AuditLog.organizationOf(repository);
        repository.moveTo(targetNamespace, newName);
        flushOrConflict(targetNamespace.getName() + "/" + newName + " was just taken.");
        audit.record("repo.move", context.caller(), AuditLog.targetOf(repository), AuditLog.organizationOf(repository),
                AuditOutcome.SUCCESS, "from " + from);
        if (fromOrganization != null && !fromOrganization.equals(AuditLog.organizationOf(repository))) {
            // the organization it left sees that it left
            audit.record("repo.move", context.caller(), from, fromOrganization, AuditOutcome.SUCCESS, "to " + AuditLog.targetOf(repository));
        }
        return repository;
    }

    /** The repository of the context, managed by this transaction (the context's copy is from an earlier one). */
    private Repository attached(RepoContext context) {
        Repository repository = em.find(Repository.class, context.id());
        if (repository == null) {
            throw notFound(new RepoRef(context.repository().getType(), context.repository().getNamespaceName(), context.repository().getName()));
        }
        return repository;
    }

    Optional<Repository> find(RepoType type, String namespace, String name) {
        if (namespace == null || name == null) {
            return Optional.empty();
        }
        String namespaceKey = Namespace.keyOf(namespace);
        String nameKey = name.toLowerCase(java.util.Locale.ROOT);
        java.util.function.Supplier<Optional<Repository>> read = () -> em.createQuery(
                        "select r from Repository r where r.type = :type and r.namespace.nameKey = :ns and r.nameKey = :name", Repository.class)
                .setParameter("type", type)
                .setParameter("ns", namespaceKey)
                .setParameter("name", nameKey)
                .getResultStream().findFirst();
        // Inside a transaction the answer is attached to it (and may be changed): only detached answers are kept.
        return transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION
                ? names.find(type, namespaceKey, nameKey, read) : read.get();
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
        find(type, namespace.getName(), name).ifPresent(existing -> {
            throw new RepositoryExistsException(new RepoRef(type, existing.getNamespaceName(), existing.getName()));
        });
    }

    private static String checkedName(String name) {
        String trimmed = name == null ? "" : name.trim();
        NameRules.repoNameProblem(trimmed).ifPresent(problem -> {
            throw new InvalidInputException(problem);
        });
        return trimmed;
    }

    private static NotFoundException notFound(RepoRef ref) {
        return new NotFoundException("RepoNotFound", "Repository not found: " + ref.type().wireName() + " " + ref.fullName()
                + ". If it is private, make sure you are authenticated with access to it.");
    }
}
