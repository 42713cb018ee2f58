package org.hubguard.web.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WellFormedUrlsTest {

    @Test
    void utf8EscapesAndPlainUrlsPass() {
        assertTrue(WellFormedUrls.decodes(null));
        assertTrue(WellFormedUrls.decodes("/admin/model/resolve/main/config.json"));
        assertTrue(WellFormedUrls.decodes("/admin/model/resolve/main/caf%C3%A9%20menu.txt"));
        assertTrue(WellFormedUrls.decodes("/admin/model/resolve/main/%F0%9F%A4%97.txt")); // a 4-byte character
        assertTrue(WellFormedUrls.decodes("/admin/model/resolve/main/café.txt"));
        assertTrue(WellFormedUrls.decodes("author=admin&search=a%2Bb"));
    }

    @Test
    void bytesThatAreNotUtf8AndBrokenEscapesAreRefused() {
        assertFalse(WellFormedUrls.decodes("/api/models/admin/x%FF/revision/main"));
        assertFalse(WellFormedUrls.decodes("/admin/x%C3%28"));             // a lead byte without its continuation
        assertFalse(WellFormedUrls.decodes("/admin/r/resolve/main/%C0%AF")); // an overlong "/"
        assertFalse(WellFormedUrls.decodes("/admin/r/resolve/main/%ED%A0%80")); // a UTF-16 surrogate
        assertFalse(WellFormedUrls.decodes("author=a%FF"));
        assertFalse(WellFormedUrls.decodes("/admin/r/resolve/main/a%2"));
        assertFalse(WellFormedUrls.decodes("/admin/r/resolve/main/a%zz"));
    }
}
