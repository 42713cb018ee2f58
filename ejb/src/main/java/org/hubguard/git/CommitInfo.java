package org.hubguard.git;

import java.time.Instant;
import java.util.List;

/** A commit as the commits API and the history page show it; {@code raw} is the object, for signature checks. */
public record CommitInfo(String id, String title, String message, List<String> authors, Instant date,
                         String committerEmail, byte[] raw) {
}
