package org.hubguard.git;

import java.time.Instant;

/** A commit as the tree API's {@code lastCommit} shows it. */
public record CommitSummary(String id, String title, Instant date) {
}
