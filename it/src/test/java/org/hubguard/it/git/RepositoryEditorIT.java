package org.hubguard.it.git;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The repository page in the browser: browse, create, edit, upload and delete files; history; read-only visitors. */
@ExtendWith(ArquillianExtension.class)
class RepositoryEditorIT extends TestServer {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Test
    void editAFileInTheEditorSeeTheCommitInHistoryAndCloneTheChange() throws Exception {
        String owner = uniqueName("editor");
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        String token = Fixtures.insertToken(owner, "WRITE", List.of());
        assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"edited\"}", Credential.token(token)).statusCode());
        String page = "/" + owner + "/edited";

        BROWSER.signIn(owner, PASSWORD);
        BROWSER.open("/repos/show?type=model&id=" + owner + "/edited"); // an old link goes to the Hub's URL
        assertEquals(page, BROWSER.path());
        assertEquals(List.of(".gitattributes"), texts(".file-link"));
        BROWSER.type("create:name", "README.md");
        BROWSER.type("create:content", "# Edited model\n");
        BROWSER.submit("create:submit");
        assertEquals("README.md", BROWSER.text("file-path"));
        assertTrue(BROWSER.messages().contains("Create README.md"), BROWSER.messages());

        BROWSER.type("edit:content", "# Edited model\n\nTrained on clean data.\n");
        BROWSER.type("edit:summary", "Explain the training data");
        BROWSER.submit("edit:submit");
        assertTrue(BROWSER.messages().contains("Explain the training data"), BROWSER.messages());

        BROWSER.driver().findElement(By.id("download-link"));
        BROWSER.open(page);
        BROWSER.driver().findElement(By.id("history-link")).click();
        assertEquals(List.of("Explain the training data", "Create README.md", "Initial commit"), texts(".commit-title"));

        Path uploadFile = Files.createTempFile(targetDir(), "weights", ".bin");
        Files.write(uploadFile, new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        BROWSER.open(page);
        BROWSER.driver().findElement(By.id("upload:file")).sendKeys(uploadFile.toString());
        BROWSER.submit("upload:submit");
        assertTrue(BROWSER.text("file-path").endsWith(".bin"), BROWSER.text("file-path"));
        assertTrue(BROWSER.has("file-binary"), "binary files are offered for download, not shown");
        assertEquals("8 bytes", BROWSER.text("file-size"));
        BROWSER.submitAccepting("delete:submit");
        assertTrue(BROWSER.messages().contains("Delete "), BROWSER.messages());
        assertEquals(List.of(".gitattributes", "README.md"), texts(".file-link"));

        GitCli git = new GitCli();
        Path dir = git.newDir("editor");
        git.run(dir, "clone", GitCli.url("/" + owner + "/edited", null), "work").ok();
        assertEquals("# Edited model\n\nTrained on clean data.\n", Files.readString(dir.resolve("work/README.md")));
        assertTrue(git.run(dir.resolve("work"), "log", "--format=%s").ok().output().lines().toList().contains("Explain the training data"));
        BROWSER.signOut();

        // A visitor without write access sees the file, and no editing controls.
        String visitor = uniqueName("visitor");
        BROWSER.signUp(visitor, emailOf(visitor), PASSWORD);
        BROWSER.signIn(visitor, PASSWORD);
        BROWSER.open(page);
        assertFalse(BROWSER.has("upload:submit") || BROWSER.has("create:submit"));
        BROWSER.open("/repos/file?type=model&id=" + owner + "/edited&path=README.md");
        assertEquals(page + "/blob/main/README.md", BROWSER.path());
        assertTrue(BROWSER.text("file-rendered").contains("Trained on clean data."), "markdown is shown rendered");
        assertFalse(BROWSER.has("edit:submit") || BROWSER.has("delete:submit"));
    }

    private static List<String> texts(String css) {
        return BROWSER.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
