package org.hubguard.cards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hubguard.repos.RepoType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A model or dataset card's metadata: the YAML front matter of the repository's README.md (between a first
 * line {@code ---} and the next {@code ---}), as the Hub reads it for {@code cardData}, tags, the pipeline
 * tag and the library. Parsed with SnakeYAML's SafeConstructor: plain maps, lists and scalars only, never Java
 * objects, with limits on aliases and size so that a hostile card cannot exhaust the server.
 */
public final class CardMetadata {

    /** No README, or no front matter. */
    public static final CardMetadata EMPTY = new CardMetadata(Map.of(), List.of());

    /** README files larger than this are not read for metadata (the Hub's front matter is a few KiB). */
    public static final int MAX_README_BYTES = 1024 * 1024;

    private final Map<String, Object> values;
    private final List<String> errors;

    private CardMetadata(Map<String, Object> values, List<String> errors) {
        this.values = values;
        this.errors = errors;
    }

    /** The metadata of a README's text; problems (bad YAML, wrong types) are in {@link #errors()}. */
    public static CardMetadata parse(String readme) {
        Optional<String> frontMatter = frontMatter(readme);
        if (frontMatter.isEmpty()) {
            return EMPTY;
        }
        Object loaded;
        try {
            loaded = yaml().load(frontMatter.get());
        } catch (MarkedYAMLException e) {
            return invalid("Invalid YAML in the README's metadata" + where(e) + ": " + e.getProblem());
        } catch (YAMLException e) {
            return invalid("Invalid YAML in the README's metadata: " + e.getMessage());
        }
        if (loaded == null) {
            return EMPTY;
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            return invalid("The README's metadata must be a YAML mapping (key: value lines), not a " + kind(loaded) + ".");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(String.valueOf(key), value));
        return new CardMetadata(Collections.unmodifiableMap(values), typeProblems(values));
    }

    /** The README without its front matter: the text a page renders as the card's body. */
    public static String body(String readme) {
        String text = readme.startsWith("\uFEFF") ? readme.substring(1) : readme;
        String[] lines = text.split("\r?\n", -1);
        if (frontMatter(text).isEmpty()) {
            return text;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                return String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
            }
        }
        return text;
    }

    /** The text between a first line "---" and the next line "---", if the README starts so. */
    static Optional<String> frontMatter(String readme) {
        String text = readme.startsWith("\uFEFF") ? readme.substring(1) : readme;
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return Optional.empty();
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                return Optional.of(String.join("\n", java.util.Arrays.asList(lines).subList(1, i)));
            }
        }
        return Optional.empty(); // never closed: no front matter, as the Hub reads it
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(MAX_README_BYTES);
        return new Yaml(new SafeConstructor(options));
    }

    /** The Hub's fields that must have one shape; everything else is free-form. */
    private static List<String> typeProblems(Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        for (String field : List.of("license", "pipeline_tag", "library_name", "base_model", "license_name", "license_link")) {
            Object value = values.get(field);
            if (value != null && !(value instanceof String) && !(field.equals("base_model") && isStringList(value))) {
                problems.add("\"" + field + "\" must be a string" + (field.equals("base_model") ? " or a list of strings" : "") + ".");
            }
        }
        for (String field : List.of("tags", "datasets", "language", "metrics", "task_categories", "task_ids", "size_categories")) {
            Object value = values.get(field);
            if (value != null && !(value instanceof String) && !isStringList(value)) {
                problems.add("\"" + field + "\" must be a string or a list of strings.");
            }
        }
        return List.copyOf(problems);
    }

    private static boolean isStringList(Object value) {
        return value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String);
    }

    private static CardMetadata invalid(String error) {
        return new CardMetadata(Map.of(), List.of(error));
    }

    private static String where(MarkedYAMLException e) {
        // +2: the mark counts from 0, and the front matter starts after the README's "---" line
        return e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 2) + ")";
    }

    private static String kind(Object value) {
        return value instanceof List<?> ? "list" : "single value";
    }

    /** The parsed metadata: string keys; values are maps, lists, strings, numbers, booleans, dates or null. */
    public Map<String, Object> values() {
        return values;
    }

    public List<String> errors() {
        return errors;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public Optional<String> pipelineTag() {
        return string("pipeline_tag");
    }

    public Optional<String> libraryName() {
        return string("library_name");
    }

    /**
     * The repository's tags as the Hub derives them from the card: its own tags, the library and pipeline
     * tag, and prefixed ones for the license, datasets, languages and base models (datasets: task categories).
     */
    public List<String> tags(RepoType type) {
        Set<String> tags = new LinkedHashSet<>(strings("tags"));
        if (type == RepoType.MODEL) {
            libraryName().ifPresent(tags::add);
            pipelineTag().ifPresent(tags::add);
            strings("datasets").forEach(d -> tags.add("dataset:" + d));
            strings("base_model").forEach(m -> tags.add("base_model:" + m));
            strings("language").forEach(tags::add);
        } else {
            strings("task_categories").forEach(t -> tags.add("task_categories:" + t));
            strings("language").forEach(l -> tags.add("language:" + l));
            strings("size_categories").forEach(s -> tags.add("size_categories:" + s));
        }
        string("license").ifPresent(l -> tags.add("license:" + l));
        return List.copyOf(tags);
    }

    private Optional<String> string(String field) {
        return values.get(field) instanceof String text && !text.isBlank() ? Optional.of(text.strip()) : Optional.empty();
    }

    private List<String> strings(String field) {
        Object value = values.get(field);
        if (value instanceof String text) {
            return text.isBlank() ? List.of() : List.of(text.strip());
        }
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(item -> ((String) item).strip())
                    .filter(item -> !item.isEmpty()).toList();
        }
        return List.of();
    }
}
