package org.hubguard.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.hubguard.git.TreeEntry;
import org.hubguard.scanning.FileSecurity;
import org.hubguard.scanning.PickleImport;
import org.junit.jupiter.api.Test;

class SecurityJsonTest {

    @Test
    void mapsHubguardsStatusesToTheHubsWords() {
        assertEquals("safe", SecurityJson.status(new FileSecurity("ok", List.of(), null, List.of(), null, null)));
        assertEquals("queued", SecurityJson.status(new FileSecurity("pending", List.of(), null, List.of(), null, null)));
        assertEquals("unsafe", SecurityJson.status(new FileSecurity("infected", List.of("Eicar"), null, List.of(), null, null)));
        assertEquals("error", SecurityJson.status(new FileSecurity("error", List.of(), null, List.of(), "clamd down", null)));
        assertEquals("unscanned", SecurityJson.status(new FileSecurity("unscanned", List.of(), null, List.of(), "too large", null)));
        assertEquals("suspicious", SecurityJson.status(new FileSecurity("ok", List.of(), "suspicious",
                List.of(new PickleImport("mylib", "Thing", PickleImport.Safety.SUSPICIOUS, "not on the allow-list")), null, null)));
    }

    @Test
    void everyFileHasTheThreeKeysHuggingfaceHubReads() {
        JsonObject plain = SecurityJson.file(new FileSecurity("ok", List.of(), null, List.of(), null, null)).build();
        assertEquals("safe", plain.getString("status"));
        assertEquals("safe", plain.getJsonObject("avScan").getString("status"));
        assertEquals(JsonValue.NULL, plain.get("pickleImportScan"));

        JsonObject pickle = SecurityJson.file(new FileSecurity("infected", List.of(), "dangerous",
                List.of(new PickleImport("posix", "system", PickleImport.Safety.DANGEROUS, "runs a shell command")), null, null)).build();
        assertEquals("unsafe", pickle.getString("status"));
        assertEquals("safe", pickle.getJsonObject("avScan").getString("status"), "the antivirus found nothing; the pickle scan did");
        JsonObject scan = pickle.getJsonObject("pickleImportScan");
        assertEquals("unsafe", scan.getString("status"));
        assertEquals(org.hubguard.scanning.ScanService.PICKLE_VERSION, scan.getString("version"));
        assertEquals("system", scan.getJsonArray("pickleImports").getJsonObject(0).getString("name"));
        assertEquals("dangerous", scan.getJsonArray("pickleImports").getJsonObject(0).getString("safety"));

        JsonObject tooLarge = SecurityJson.file(new FileSecurity("unscanned", List.of(), null, List.of(), "too large for the antivirus", null)).build();
        assertEquals("unscanned", tooLarge.getJsonObject("avScan").getString("status"));
        assertEquals("too large for the antivirus", tooLarge.getJsonObject("avScan").getString("message"));
    }

    @Test
    void theRepoSummaryListsFilesWithIssues() {
        TreeEntry ok = new TreeEntry("file", "ok.txt", "a".repeat(40), 1);
        TreeEntry bad = new TreeEntry("file", "bad.pkl", "b".repeat(40), 1);
        JsonObject summary = SecurityJson.repo(List.of(ok, bad), java.util.Map.of(
                ok.contentId(), new FileSecurity("ok", List.of(), null, List.of(), null, null),
                bad.contentId(), new FileSecurity("infected", List.of("X"), null, List.of(), null, null))).build();
        assertTrue(summary.getBoolean("scansDone"));
        assertEquals("[{\"path\":\"bad.pkl\",\"level\":\"unsafe\"}]", summary.getJsonArray("filesWithIssues").toString());
    }
}
