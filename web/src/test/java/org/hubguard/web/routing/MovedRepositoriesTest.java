package org.hubguard.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.hubguard.repos.RepoRef;
import org.hubguard.repos.RepoType;
import org.hubguard.repos.RepositoryMovedException;
import org.junit.jupiter.api.Test;

class MovedRepositoriesTest {

    private static final RepoRef OLD = new RepoRef(RepoType.MODEL, "alice", "bert");

    private static Optional<String> location(String path, String query, RepoRef to) {
        return MovedRepositories.location("", path, query, new RepositoryMovedException(OLD, to));
    }

    @Test
    void theSameRequestUnderTheNewName() {
        RepoRef to = new RepoRef(RepoType.MODEL, "acme", "bert-base");
        assertEquals(Optional.of("/api/models/acme/bert-base/revision/main?blobs=true"), location("/api/models/Alice/bert/revision/main", "blobs=true", to));
        assertEquals(Optional.of("/api/models/acme/bert-base"), location("/api/models/alice/bert", null, to));
        assertEquals(Optional.of("/acme/bert-base/resolve/main/config.json"), location("/alice/bert/resolve/main/config.json", null, to));
        assertEquals(Optional.of("/acme/bert-base.git/info/refs?service=git-upload-pack"),
                location("/alice/bert.git/info/refs", "service=git-upload-pack", to));
    }

    @Test
    void requestsThatDoNotNameTheRepositoryInTheirPathAreNotRedirected() {
        RepoRef to = new RepoRef(RepoType.MODEL, "acme", "bert-base");
        assertEquals(Optional.empty(), location("/api/repos/delete", null, to));
        assertEquals(Optional.empty(), location("/api/models/alice/other", null, to));
    }
}
