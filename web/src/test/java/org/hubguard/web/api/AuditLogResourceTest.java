package org.hubguard.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hubguard.access.InvalidInputException;
import org.junit.jupiter.api.Test;

/** limit and cursor: whole numbers in range, else a 400 saying which (they were 404s). */
class AuditLogResourceTest {

    @Test
    void pageParametersAreCheckedNumbers() {
        assertNull(AuditLogResource.number("limit", null, 1000));
        assertNull(AuditLogResource.number("limit", " ", 1000));
        assertEquals(1000L, AuditLogResource.number("limit", "1000", 1000));
        assertEquals(99999999999L, AuditLogResource.number("cursor", "99999999999", Long.MAX_VALUE));
        for (String bad : new String[] {"abc", "99999999999", "0", "-1", "1001", "1e3", "99999999999999999999999"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> AuditLogResource.number("limit", bad, 1000), bad);
            assertEquals(400, e.status());
        }
    }
}
