package org.hubguard.web.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which first segments can be a profile ({@code /{name}}): never one of hubguard's own, nor a Faces view's file. */
class ProfileViewsTest {

    @Test
    void aSingleSegmentThatIsNotHubguardsOwnIsAName() {
        assertEquals(Optional.of("alice"), ProfileViews.nameIn("/alice"));
        assertEquals(Optional.of("acme-labs"), ProfileViews.nameIn("/acme-labs/"));
        assertEquals(Optional.of("admin"), ProfileViews.nameIn("/admin"), "the first administrator's profile works like any other");
    }

    @Test
    void sitePagesViewsAndLongerPathsAreNot() {
        for (String path : new String[] {"/", "/models", "/datasets", "/search", "/login", "/-", "/index.xhtml", "/alice/bert", "/settings"}) {
            assertEquals(Optional.empty(), ProfileViews.nameIn(path), path);
        }
    }
}
