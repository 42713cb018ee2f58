package org.hubguard.git;

import java.time.Instant;
import java.util.List;

/** A commit as the commits API and the history page show it. */
public record CommitInfo(String id, String title, String message, List<String> authors, Instant date) {
}
