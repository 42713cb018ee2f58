package org.hubguard.web.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.hubguard.access.InvalidInputException;
import org.hubguard.git.FileChange;
import org.hubguard.git.FileContent;

/** The {@code files} of a create-repository request (@huggingface/hub createRepo): [{path, content, encoding: "base64"|"utf-8"}]. */
final class InitialFiles {

    /** The whole request body is in memory already; this bounds what one create may carry. */
    static final int MAX_FILES = 1000;

    private InitialFiles() {
    }

    static List<FileChange> of(JsonValue files) {
        if (files == null || files.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (files.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidInputException("'files' must be a list of {\"path\", \"content\", \"encoding\": \"base64\"}.");
        }
        if (files.asJsonArray().size() > MAX_FILES) {
            throw new InvalidInputException("Create a repository with at most " + MAX_FILES + " files; commit the rest.");
        }
        List<FileChange> changes = new ArrayList<>();
        for (JsonValue item : files.asJsonArray()) {
            if (!(item instanceof JsonObject file)) {
                throw new InvalidInputException("Each entry of 'files' must be an object {\"path\", \"content\", \"encoding\"}.");
            }
            String path = JsonBodies.requiredString(file, "path");
            String content = JsonBodies.string(file, "content");
            String encoding = JsonBodies.string(file, "encoding");
            changes.add(new FileChange.Put(path, FileContent.of(decode(path, content == null ? "" : content, encoding))));
        }
        return changes;
    }

    private static byte[] decode(String path, String content, String encoding) {
        if (encoding == null || encoding.equals("utf-8")) {
            return content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!encoding.equals("base64")) {
            throw new InvalidInputException("The file " + path + " has encoding '" + encoding + "'; use 'base64' or 'utf-8'.");
        }
        try {
            return Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The content of " + path + " is not valid base64.");
        }
    }
}
