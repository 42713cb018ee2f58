package org.hubguard.scanning;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * The scans one JMS message asks for: files of one repository, each with one scanner. Sent as JSON text (paths
 * may hold any character but NUL). A message of the earlier format (a MapMessage for one file) is still read,
 * so scans queued before an upgrade are not lost.
 */
record ScanBatch(long repositoryId, List<Item> items) {

    /** How many files one message carries: large enough to spare per-message work, small enough to spread. */
    static final int SIZE = 50;

    record Item(String blobId, String path, String scanner) {
    }

    /** Looked up once: {@code Json.createX} looks the provider up on every call, which was most of a push's queueing. */
    private static final JsonProvider JSON = JsonProvider.provider();

    String toJson() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(item -> array.add(JSON.createObjectBuilder()
                .add("blobId", item.blobId()).add("path", item.path()).add("scanner", item.scanner())));
        return JSON.createObjectBuilder().add("repositoryId", repositoryId).add("items", array).build().toString();
    }

    static ScanBatch of(Message message) throws JMSException {
        if (message instanceof MapMessage map) {
            return new ScanBatch(map.getLong("repositoryId"),
                    List.of(new Item(map.getString("blobId"), map.getString("path"), map.getString("scanner"))));
        }
        return fromJson(((TextMessage) message).getText());
    }

    static ScanBatch fromJson(String text) {
        JsonObject json = JSON.createReader(new StringReader(text)).readObject();
        List<Item> items = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("items")) {
            JsonObject item = value.asJsonObject();
            items.add(new Item(item.getString("blobId"), item.getString("path"), item.getString("scanner")));
        }
        return new ScanBatch(json.getJsonNumber("repositoryId").longValue(), items);
    }
}
