package org.hubguard.web.api;

import static org.hubguard.web.api.JsonP.JSON;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.hubguard.git.TreeEntry;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.ScanService;

/**
 * hubguard's scan verdicts ({@link FileSecurity}) in the Hub's words: the one place that maps them, so a new
 * scanner engine is re-pointed here. The Hub's fields come first with the Hub's meaning; hubguard's own
 * details stay beside them ({@code virusFound}, {@code virusNames}, {@code highestSafetyLevel}, {@code imports},
 * {@code error}).
 */
public final class SecurityJson {

    /** The prefix of the pickle scanner's errors (see ScanService): every other error is the antivirus's. */
    private SecurityJson() {
    }

    /**
     * The Hub's file status: {@code safe}, {@code unsafe} (a virus or a dangerous import), {@code suspicious}
     * (a pickle importing unknown code), {@code queued}, {@code error} or {@code unscanned} (too large for the
     * antivirus).
     */
    public static String status(FileSecurity security) {
        return switch (security.status()) {
            case "infected" -> "unsafe";
            case "pending" -> "queued";
            case "error" -> "error";
            case "suspicious" -> "suspicious";
            case "unscanned" -> "unscanned";
            default -> "suspicious".equals(security.pickleHighest()) ? "suspicious" : "safe";
        };
    }

    /** {status, avScan:{status, message, ...}, pickleImportScan:{status, version, pickleImports, ...}|null} */
    static JsonObjectBuilder file(FileSecurity security) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("status", status(security))
                .add("avScan", avScan(security))
                .add("pickleImportScan", pickleImportScan(security)); // always present: huggingface_hub reads the key
        if (security.error() != null) {
            json.add("error", security.error());
        }
        return json;
    }

    private static JsonObjectBuilder avScan(FileSecurity security) {
        JsonArrayBuilder viruses = JSON.createArrayBuilder();
        security.virusNames().forEach(viruses::add);
        String error = security.avError();
        boolean avError = error != null;
        String status;
        JsonValue message = JsonValue.NULL;
        if (!security.virusNames().isEmpty()) {
            status = "unsafe";
            message = JSON.createValue("Virus found: " + String.join(", ", security.virusNames()));
        } else if (security.status().equals("pending")) {
            status = "queued";
        } else if (avError) {
            status = security.status().equals("unscanned") ? "unscanned" : "error";
            message = JSON.createValue(error);
        } else {
            status = "safe";
        }
        return JSON.createObjectBuilder().add("status", status).add("message", message)
                .add("virusFound", !security.virusNames().isEmpty()).add("virusNames", viruses);
    }

    /** Null until the pickle scanner has listed the imports of a pickle-bearing file, and for every other file. */
    private static JsonValue pickleImportScan(FileSecurity security) {
        if (security.pickleHighest() == null) {
            return JsonValue.NULL;
        }
        JsonArrayBuilder imports = JSON.createArrayBuilder();
        security.pickleImports().forEach(i -> imports.add(JSON.createObjectBuilder()
                .add("module", i.module()).add("name", i.name()).add("safety", i.safety().wireName())
                .add("why", i.why() == null ? "" : i.why())));
        String status = switch (security.pickleHighest()) {
            case "dangerous" -> "unsafe";
            case "suspicious" -> "suspicious";
            default -> "safe";
        };
        jakarta.json.JsonArray listed = imports.build();
        return JSON.createObjectBuilder()
                .add("status", status)
                .add("version", ScanService.PICKLE_VERSION)
                .add("pickleImports", listed)
                .add("highestSafetyLevel", security.pickleHighest())
                .add("imports", listed)
                .build();
    }

    /**
     * The Hub's {@code securityRepoStatus} over a revision's files: {scansDone, filesWithIssues: [{path, level}]},
     * level being the file's status when it is unsafe, suspicious or an error.
     */
    static JsonObjectBuilder repo(List<TreeEntry> files, Map<String, FileSecurity> security) {
        JsonArrayBuilder issues = JSON.createArrayBuilder();
        boolean done = true;
        for (TreeEntry file : files) {
            String status = status(security.get(file.contentId()));
            done &= !status.equals("queued");
            if (status.equals("unsafe") || status.equals("suspicious") || status.equals("error")) {
                issues.add(JSON.createObjectBuilder().add("path", file.path()).add("level", status));
            }
        }
        return JSON.createObjectBuilder().add("scansDone", done).add("filesWithIssues", issues);
    }
}
