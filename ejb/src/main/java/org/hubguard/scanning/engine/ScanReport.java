package org.hubguard.scanning.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scanner's answer for one file: its verdict, the format it was read as, and the findings with their reasons.
 * {@link #serialize()} gives a compact JSON text for storage (only printable ASCII: bytes from the file are
 * escaped); {@link #parse(String)} reads it back.
 *
 * @param omitted findings left out of {@code findings} to bound the report (the verdict counts them)
 */
public record ScanReport(Verdict verdict, String format, List<Finding> findings, int omitted) {

    public static final int FORMAT_VERSION = 1;

    public ScanReport {
        findings = List.copyOf(findings);
    }

    public List<Finding> imports() {
        return findings.stream().filter(f -> f.kind() == Finding.Kind.IMPORT).toList();
    }

    /** The worst rating among the imports (innocuous when there are none). */
    public Rating highestImportRating() {
        return imports().stream().map(Finding::rating).max(Enum::compareTo).orElse(Rating.INNOCUOUS);
    }

    /** The reason to show first: the worst finding's. */
    public String summary() {
        return findings.stream().filter(f -> f.verdict() == verdict).findFirst()
                .map(f -> (f.module() == null ? "" : f.qualifiedName() + ": ") + f.why()
                        + (f.location().isEmpty() ? "" : " [" + f.location() + "]"))
                .orElse(verdict == Verdict.SAFE ? "nothing in the file runs code when loaded" : verdict.wireName());
    }

    public String serialize() {
        return serialize(Integer.MAX_VALUE);
    }

    /** The JSON form, dropping findings from the end (least severe first) until it fits {@code maxChars}. */
    public String serialize(int maxChars) {
        List<Finding> kept = new ArrayList<>(findings);
        int dropped = omitted;
        while (true) {
            String json = json(kept, dropped);
            if (json.length() <= maxChars || kept.isEmpty()) {
                return json;
            }
            kept.remove(kept.size() - 1);
            dropped++;
        }
    }

    private String json(List<Finding> list, int dropped) {
        StringBuilder out = new StringBuilder(64 + list.size() * 96);
        out.append("{\"v\":").append(FORMAT_VERSION).append(",\"verdict\":").append(Json.quote(verdict.wireName()))
                .append(",\"format\":").append(Json.quote(format)).append(",\"findings\":[");
        for (int i = 0; i < list.size(); i++) {
            Finding f = list.get(i);
            out.append(i == 0 ? "{" : ",{").append("\"kind\":").append(Json.quote(f.kind().wireName()));
            if (!f.location().isEmpty()) {
                out.append(",\"at\":").append(Json.quote(f.location()));
            }
            if (f.module() != null) {
                out.append(",\"module\":").append(Json.quote(f.module())).append(",\"name\":").append(Json.quote(f.name()));
            }
            out.append(",\"rating\":").append(Json.quote(f.rating().wireName())).append(",\"why\":").append(Json.quote(f.why())).append('}');
        }
        out.append(']');
        if (dropped > 0) {
            out.append(",\"omitted\":").append(dropped);
        }
        return out.append('}').toString();
    }

    /** Reads a stored report; throws IllegalArgumentException for text that is not one. */
    @SuppressWarnings("unchecked")
    public static ScanReport parse(String json) {
        try {
            Map<String, Object> root = (Map<String, Object>) Json.parse(json, key -> { });
            List<Finding> findings = new ArrayList<>();
            for (Object item : (List<Object>) root.get("findings")) {
                Map<String, Object> f = (Map<String, Object>) item;
                findings.add(new Finding(Finding.Kind.valueOf(((String) f.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                        (String) f.getOrDefault("at", ""), (String) f.get("module"), (String) f.get("name"),
                        Rating.valueOf(((String) f.get("rating")).toUpperCase(java.util.Locale.ROOT)), (String) f.get("why")));
            }
            Object omitted = root.get("omitted");
            return new ScanReport(Verdict.fromWireName((String) root.get("verdict")), (String) root.get("format"), findings,
                    omitted == null ? 0 : Integer.parseInt(((Json.Num) omitted).text()));
        } catch (Malformed | ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a stored scan report: " + e.getMessage(), e);
        }
    }
}
