package org.hubguard.lfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.hubguard.access.Action;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.NotFoundException;
import org.hubguard.config.HubguardConfig;
import org.hubguard.repos.RepoContext;

/**
 * The Git LFS batch API and transfers (https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md):
 * which objects to send or fetch, grants for each transfer, and the transfers themselves. Downloads need
 * READ_REPO, uploads WRITE_REPO, decided on the repository the request names; an object is served only
 * through a repository it is linked to.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // transfers stream for a long time; records commit on their own
public class LfsService {

    public static final int MAX_BATCH_OBJECTS = 1000;

    /** One object of a batch request. */
    public record Wanted(String oid, long size) {
    }

    /** What the client should do about one object. */
    public sealed interface Answer {
        String oid();

        long size();
    }

    /** Transfer it with this grant (uploads also get a grant to verify afterwards). */
    public record Transfer(String oid, long size, TransferGrant transfer, TransferGrant verify) implements Answer {
    }

    /** Nothing to do: the repository has it already. */
    public record Present(String oid, long size) implements Answer {
    }

    /** This object cannot be transferred; {@code code} is the HTTP status the LFS spec asks for (404, 422). */
    public record Refused(String oid, long size, int code, String message) implements Answer {
    }

    @Inject
    LfsStore store;

    @Inject
    LfsObjects objects;

    @Inject
    TransferGrants grants;

    @Inject
    HubguardConfig config;

    public List<Answer> batch(RepoContext repo, TransferGrant.Operation operation, List<Wanted> wanted) {
        if (operation == TransferGrant.Operation.UPLOAD) {
            repo.require(Action.WRITE_REPO);
        }
        if (wanted.size() > MAX_BATCH_OBJECTS) {
            throw new InvalidInputException("A batch may name at most " + MAX_BATCH_OBJECTS + " objects.");
        }
        Map<String, Long> linked = objects.linkedSizes(repo.id(), wanted.stream()
                .map(Wanted::oid).filter(LfsPointer::isObjectId).collect(Collectors.toSet()));
        String username = repo.caller().username();
        List<Answer> answers = new ArrayList<>();
        for (Wanted w : wanted) {
            if (!LfsPointer.isObjectId(w.oid())) {
                answers.add(new Refused(w.oid(), w.size(), 422, "Invalid object id: expected 64 lower-case hex digits (SHA-256)."));
            } else if (w.size() < 0) {
                answers.add(new Refused(w.oid(), w.size(), 422, "Invalid size: " + w.size() + "."));
            } else if (operation == TransferGrant.Operation.DOWNLOAD) {
                Long size = linked.get(w.oid());
                answers.add(size == null ? new Refused(w.oid(), w.size(), 404, "Object does not exist in this repository.")
                        : new Transfer(w.oid(), size, grants.grant(TransferGrant.Operation.DOWNLOAD, repo.id(), w.oid(), size, username), null));
            } else if (w.size() > config.lfsMaxFileSize()) {
                answers.add(new Refused(w.oid(), w.size(), 422, "Object " + w.oid() + " is " + mib(w.size())
                        + "; the limit for a large file is " + mib(config.lfsMaxFileSize()) + "."));
            } else if (linked.containsKey(w.oid()) && linked.get(w.oid()) == w.size()) {
                answers.add(new Present(w.oid(), w.size()));
            } else {
                // Even when another repository has the object, this one gets it only by an upload that proves the
                // caller holds the bytes: a hash alone never grants access.
                answers.add(new Transfer(w.oid(), w.size(),
                        grants.grant(TransferGrant.Operation.UPLOAD, repo.id(), w.oid(), w.size(), username),
                        grants.grant(TransferGrant.Operation.VERIFY, repo.id(), w.oid(), w.size(), username)));
            }
        }
        return answers;
    }

    /**
     * A grant for a transfer the client asks for directly, with its credentials rather than a batch link
     * (git-lfs may): decided by the policy as the batch would.
     */
    public TransferGrant grantFor(RepoContext repo, TransferGrant.Operation operation, String oid, long size) {
        repo.require(operation == TransferGrant.Operation.DOWNLOAD ? Action.READ_REPO : Action.WRITE_REPO);
        if (!LfsPointer.isObjectId(oid)) {
            throw new InvalidInputException("Invalid object id: expected 64 lower-case hex digits (SHA-256).");
        }
        if (operation == TransferGrant.Operation.UPLOAD && (size < 0 || size > config.lfsMaxFileSize())) {
            throw new LfsContentException("Object " + oid + " is " + size + " bytes; the limit for a large file is "
                    + config.lfsMaxFileSize() + " bytes.");
        }
        return grants.grant(operation, repo.id(), oid, size, repo.caller().username());
    }

    /** An upload under its grant: stored only when hash and size match, then linked to the repository. */
    public void receive(TransferGrant grant, InputStream content) {
        require(grant, TransferGrant.Operation.UPLOAD);
        try {
            // Read and checked even when the store has the object already: the upload proves possession.
            store.put(grant.oid(), grant.size(), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        link(grant.repositoryId(), grant.oid(), grant.size());
    }

    /** Links a stored object to a repository (idempotent; a concurrent link of the same object is retried). */
    public void link(long repositoryId, String oid, long size) {
        for (int attempt = 0; attempt < 3 && objects.linkedSize(repositoryId, oid).isEmpty(); attempt++) {
            objects.record(repositoryId, oid, size);
        }
        if (objects.linkedSize(repositoryId, oid).isEmpty()) {
            throw new IllegalStateException("could not record LFS object " + oid);
        }
    }

    /** The verify action: the object is stored, with this size, for this repository. */
    public void verify(TransferGrant grant, String oid, long size) {
        require(grant, TransferGrant.Operation.VERIFY);
        OptionalLong stored = objects.linkedSize(grant.repositoryId(), grant.oid());
        if (!grant.oid().equals(oid) || stored.isEmpty()) {
            throw new NotFoundException("ObjectNotFound", "Object " + oid + " was not uploaded.");
        }
        if (stored.getAsLong() != size) {
            throw new LfsContentException("Object " + oid + " has " + stored.getAsLong() + " bytes, not " + size + ".");
        }
    }

    /** The size of an object the repository may serve, or empty. */
    public OptionalLong sizeIn(long repositoryId, String oid) {
        return LfsPointer.isObjectId(oid) ? objects.linkedSize(repositoryId, oid) : OptionalLong.empty();
    }

    /** The bytes of an object from {@code offset}; callers have checked that the repository may serve it. */
    public InputStream open(String oid, long offset) throws IOException {
        return store.open(oid, offset);
    }

    /** A download under its grant. */
    public long downloadSize(TransferGrant grant) {
        require(grant, TransferGrant.Operation.DOWNLOAD);
        return objects.linkedSize(grant.repositoryId(), grant.oid())
                .orElseThrow(() -> new NotFoundException("ObjectNotFound", "Object does not exist in this repository."));
    }

    private static void require(TransferGrant grant, TransferGrant.Operation operation) {
        if (grant.operation() != operation) {
            throw new InvalidInputException("This link is for " + grant.operation().name().toLowerCase(Locale.ROOT) + ", not "
                    + operation.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
