package org.hubguard.web.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Dates as the Hub writes them: UTC, milliseconds, ending in Z (huggingface_hub refuses offsets like +00:00). */
final class HubDates {

    private HubDates() {
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
