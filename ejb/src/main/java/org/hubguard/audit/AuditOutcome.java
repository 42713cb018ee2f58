package org.hubguard.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS, FAILURE, REFUSED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
