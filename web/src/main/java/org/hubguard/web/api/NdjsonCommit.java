package org.hubguard.web.api;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

import org.hubguard.access.InvalidInputException;
import org.hubguard.git.FileChange;

/** The Hub's NDJSON commit payload: a header line, then one line per file change. */
record NdjsonCommit(String summary, String description, String parentCommit, List<FileChange> changes) {

    static NdjsonCommit parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("The commit is empty: send a header line and at least one file line (NDJSON).");
        }
        String summary = null;
        String description = null;
        String parentCommit = null;
        boolean header = false;
        List<FileChange> changes = new ArrayList<>();
        int lineNumber = 0;
        for (String line : body.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonObject entry;
            try {
                entry = Json.createReader(new StringReader(line)).readObject();
            } catch (JsonException | IllegalStateException e) {
                throw new InvalidInputException("Line " + lineNumber + " is not a JSON object: " + e.getMessage());
            }
            String key = JsonBodies.requiredString(entry, "key");
            if (!(entry.get("value") instanceof JsonObject value)) {
                throw new InvalidInputException("Line " + lineNumber + " needs a 'value' object.");
            }
            switch (key) {
                case "header" -> {
                    header = true;
                    summary = JsonBodies.string(value, "summary");
                    description = JsonBodies.string(value, "description");
                    parentCommit = JsonBodies.string(value, "parentCommit");
                }
                case "file" -> changes.add(new FileChange.Put(JsonBodies.requiredString(value, "path"), content(value, lineNumber)));
                case "deletedFile" -> changes.add(new FileChange.Delete(JsonBodies.requiredString(value, "path")));
                case "deletedFolder" -> changes.add(new FileChange.DeleteFolder(JsonBodies.requiredString(value, "path").replaceAll("/+$", "")));
                case "lfsFile" -> throw new InvalidInputException("Large-file storage (LFS) is not available on this hubguard yet; "
                        + "files up to the size limit are stored directly.");
                default -> throw new InvalidInputException("Line " + lineNumber + " has an unknown key '" + key
                        + "' (expected header, file, deletedFile or deletedFolder).");
            }
        }
        if (!header) {
            throw new InvalidInputException("The commit needs a header line: {\"key\":\"header\",\"value\":{\"summary\":\"...\"}}.");
        }
        return new NdjsonCommit(summary, description, parentCommit, changes);
    }

    private static byte[] content(JsonObject value, int lineNumber) {
        String content = JsonBodies.string(value, "content");
        String encoding = JsonBodies.string(value, "encoding");
        if (content == null) {
            throw new InvalidInputException("Line " + lineNumber + ": a file needs 'content'.");
        }
        if (encoding != null && !encoding.equals("base64")) {
            throw new InvalidInputException("Line " + lineNumber + ": the only supported encoding is base64.");
        }
        try {
            return Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Line " + lineNumber + ": the content is not valid base64.");
        }
    }
}
