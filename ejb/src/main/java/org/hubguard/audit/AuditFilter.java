package org.hubguard.audit;

import java.time.Instant;

/**
 * What to look for in the audit log; null fields do not filter. {@code event} is a full name
 * ("token.create") or a scope ("token": every token event); {@code target} matches any part of the target.
 */
public record AuditFilter(String actor, String event, String target, String organization, Instant since, Instant until) {
}
