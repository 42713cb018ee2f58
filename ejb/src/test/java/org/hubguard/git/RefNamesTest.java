package org.hubguard.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.hubguard.access.InvalidInputException;
import org.junit.jupiter.api.Test;

class RefNamesTest {

    @Test
    void acceptsGitsBranchAndTagNames() {
        for (String name : List.of("dev", "feature/x", "v1.0", "release-2024_01", "a/b/c")) {
            assertEquals(name, RefService.checkedName(name, "branch"));
        }
    }

    @Test
    void refusesNamesGitRefusesHeadRefsAndCommitIds() {
        for (String name : List.of("", " ", "HEAD", "refs/heads/x", "bad..name", "with space", "tilde~1", "caret^", "colon:x", "q?",
                "star*", "[x", "back\\slash", "end.lock", "end/", "-dash", "a//b", "0123456789abcdef0123456789abcdef01234567")) {
            assertThrows(InvalidInputException.class, () -> RefService.checkedName(name, "branch"), name);
        }
    }
}
