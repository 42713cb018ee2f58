package org.hubguard.repos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a repository holds. */
public enum RepoType {
    MODEL(""), DATASET("datasets/");

    /** Where its pages and git URL live: models at /{ns}/{name}, datasets at /datasets/{ns}/{name}. */
    private final String urlPrefix;

    RepoType(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String urlPrefix() {
        return urlPrefix;
    }

    /** "model" when null or empty, as the Hub defaults. */
    public static Optional<RepoType> fromWireName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of(MODEL);
        }
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
