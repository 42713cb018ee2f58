package org.hubguard.repos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a repository holds. */
public enum RepoType {
    MODEL("", "models"), DATASET("datasets/", "datasets");

    /** Where its pages and git URL live: models at /{ns}/{name}, datasets at /datasets/{ns}/{name}. */
    private final String urlPrefix;
    /** The Hub's plural in API paths: /api/models/..., /api/datasets/... */
    private final String plural;

    RepoType(String urlPrefix, String plural) {
        this.urlPrefix = urlPrefix;
        this.plural = plural;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String urlPrefix() {
        return urlPrefix;
    }

    public String plural() {
        return plural;
    }

    /** "model" when null or empty, as the Hub defaults. */
    public static Optional<RepoType> fromWireName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(MODEL);
        }
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }

    /** The type named by an API path's plural ("models", "datasets"). */
    public static Optional<RepoType> fromPlural(String plural) {
        return Arrays.stream(values()).filter(t -> t.plural.equals(plural)).findFirst();
    }
}
