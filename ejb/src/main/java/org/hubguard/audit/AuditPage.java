package org.hubguard.audit;

import java.util.List;

/** Events newest first, and the cursor of the next (older) page, or null on the last page. */
public record AuditPage(List<AuditEvent> events, Long nextCursor) {
}
