package org.hubguard.web.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.hubguard.access.InvalidInputException;
import org.hubguard.git.FileChange;
import org.hubguard.git.TemporaryUpload;
import org.hubguard.lfs.LfsStore;

/**
 * The Hub's NDJSON commit payload, read as it streams in: a header line, then one line per change
 * ({@code file} with base64 content, {@code lfsFile}, {@code deletedFile}, {@code deletedFolder}). File
 * content is decoded straight into temporary files, never held in memory; closing the commit deletes them.
 */
final class NdjsonCommit implements AutoCloseable {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1_000_000).build())
            .build();
    private static final int MAX_LINES = 100_000;

    private String summary;
    private String description;
    private String parentCommit;
    private String secretScanningBypass;
    private boolean header;
    private final List<FileChange> changes = new ArrayList<>();
    private final List<TemporaryUpload> uploads = new ArrayList<>();

    private NdjsonCommit() {
    }

    /** Reads the whole body; file contents up to {@code maxFileSize} bytes each go to temporary files of {@code store}. */
    static NdjsonCommit read(InputStream body, LfsStore store, long maxFileSize) throws IOException {
        NdjsonCommit commit = new NdjsonCommit();
        try (JsonParser parser = JSON.createParser(body)) {
            int lines = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (++lines > MAX_LINES) {
                    throw new InvalidInputException("A commit may have at most " + MAX_LINES + " lines.");
                }
                commit.readLine(parser, store, maxFileSize);
            }
        } catch (JsonProcessingException malformed) {
            commit.close();
            throw new InvalidInputException("Line " + malformed.getLocation().getLineNr() + " is not a JSON object: " + malformed.getOriginalMessage());
        } catch (RuntimeException | IOException e) {
            commit.close();
            throw e;
        }
        if (commit.lineCount() == 0) {
            throw new InvalidInputException("The commit is empty: send a header line and at least one file line (NDJSON).");
        }
        if (!commit.header) {
            commit.close();
            throw new InvalidInputException("The commit needs a header line: {\"key\":\"header\",\"value\":{\"summary\":\"...\"}}.");
        }
        return commit;
    }

    private int lineCount() {
        return changes.size() + (header ? 1 : 0);
    }

    /** One line: {"key": ..., "value": {...}}, the key first. */
    private void readLine(JsonParser parser, LfsStore store, long maxFileSize) throws IOException {
        int line = parser.currentLocation().getLineNr();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException("Line " + line + " is not a JSON object.");
        }
        if (parser.nextToken() != JsonToken.FIELD_NAME || !"key".equals(parser.currentName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException("Line " + line + " must start with its \"key\" (a string).");
        }
        String key = parser.getText();
        if (parser.nextToken() != JsonToken.FIELD_NAME || !"value".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidInputException("Line " + line + " needs a 'value' object after its key.");
        }
        Value value = new Value(line);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (key.equals("file") && field.equals("content") && token == JsonToken.VALUE_STRING) {
                TemporaryUpload upload = TemporaryUpload.start(store, maxFileSize, value.strings.get("path"));
                uploads.add(upload);
                try {
                    parser.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS, upload);
                } catch (JsonProcessingException | IllegalArgumentException notBase64) {
                    throw new InvalidInputException("Line " + line + ": the content is not valid base64.");
                }
                value.content = upload;
            } else if (token == JsonToken.VALUE_STRING) {
                value.strings.put(field, parser.getText());
            } else if (token == JsonToken.VALUE_NUMBER_INT && field.equals("size")) {
                value.size = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        if (parser.nextToken() != JsonToken.END_OBJECT) {
            throw new InvalidInputException("Line " + line + " has more than a key and a value.");
        }
        apply(key, value);
    }

    private void apply(String key, Value value) throws IOException {
        switch (key) {
            case "header" -> {
                header = true;
                summary = value.strings.get("summary");
                description = value.strings.get("description");
                parentCommit = value.strings.get("parentCommit");
                secretScanningBypass = value.strings.get(org.hubguard.git.CommitRules.BYPASS_FIELD);
            }
            case "file" -> {
                String encoding = value.strings.get("encoding");
                if (encoding != null && !encoding.equals("base64")) {
                    throw new InvalidInputException("Line " + value.line + ": the only supported encoding is base64.");
                }
                if (value.content == null) {
                    throw new InvalidInputException("Line " + value.line + ": a file needs 'content' (base64).");
                }
                changes.add(new FileChange.Put(value.required("path"), value.content.finish()));
            }
            case "lfsFile" -> {
                String algo = value.strings.get("algo");
                if (algo != null && !algo.equals("sha256")) {
                    throw new InvalidInputException("Line " + value.line + ": LFS files are named by their sha256.");
                }
                changes.add(new FileChange.PutLfs(value.required("path"), value.required("oid"), value.size));
            }
            case "deletedFile" -> changes.add(new FileChange.Delete(value.required("path")));
            case "deletedFolder" -> changes.add(new FileChange.DeleteFolder(value.required("path").replaceAll("/+$", "")));
            default -> throw new InvalidInputException("Line " + value.line + " has an unknown key '" + key
                    + "' (expected header, file, lfsFile, deletedFile or deletedFolder).");
        }
    }

    /** The fields of one line's value. */
    private static final class Value {
        final int line;
        final java.util.Map<String, String> strings = new java.util.HashMap<>();
        TemporaryUpload content;
        Long size;

        Value(int line) {
            this.line = line;
        }

        String required(String field) {
            String text = strings.get(field);
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("Line " + line + ": '" + field + "' is required.");
            }
            return text;
        }
    }

    String summary() {
        return summary;
    }

    String description() {
        return description;
    }

    String parentCommit() {
        return parentCommit;
    }

    /** hubguard's own header field: the reason a secret in this commit is let through push protection, or null. */
    String secretScanningBypass() {
        return secretScanningBypass;
    }

    List<FileChange> changes() {
        return changes;
    }

    /** Deletes the temporary files that the commit did not move into the LFS store. */
    @Override
    public void close() throws IOException {
        for (TemporaryUpload upload : uploads) {
            upload.close();
        }
    }
}
