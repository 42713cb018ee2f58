package org.hubguard.it.pages;

import static org.hubguard.it.support.Json.q;
import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages a Hub user expects, in a real browser at the Hub's URLs: the model card (rendered, sanitized, its
 * metadata as tags), files, a file, the history, one commit with its signature and diff, the branch selector;
 * and what a visitor, a stranger and the owner see. Screenshots of the main pages go to target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class HubPagesIT extends TestServer {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    private static final String HOSTILE_README = """
            ---
            license: mit
            library_name: transformers
            tags:
            - vision
            ---
            # Hostile card

            Plain **bold** text.

            <script>window.pwned = 'script';</script>

            <img src="missing.png" onerror="window.pwned = 'onerror'">

            [click me](javascript:window.pwned='link') and <a id="raw-js" href="javascript:window.pwned='raw'">raw link</a>

            | metric | value |
            |---|---|
            | accuracy | 0.93 |
            """;

    @Test
    void aReadmeRendersAsACardWithItsMetadataAsTagsAndNothingInItRunsScript() throws Exception {
        String owner = uniqueName("carla");
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        String token = Fixtures.insertToken(owner, "WRITE", List.of());
        createRepo(token, "hostile", false, Map.of("README.md", HOSTILE_README));

        BROWSER.open("/" + owner + "/hostile"); // a visitor, signed out
        assertEquals("/" + owner + "/hostile", BROWSER.path(), "the Hub's URL stays in the address bar");
        WebElement card = BROWSER.driver().findElement(By.id("model-card"));
        assertTrue(card.getText().contains("Hostile card") && card.getText().contains("bold"), card.getText());
        assertFalse(card.getText().contains("license: mit"), "the front matter is not part of the rendered card");
        List<String> tags = texts("#card-tags li");
        assertTrue(tags.contains("vision") && tags.contains("transformers"), tags.toString());
        assertEquals("0.93", card.findElement(By.cssSelector("table td:last-child")).getText(), "GFM tables render");

        assertTrue(card.findElements(By.tagName("script")).isEmpty(), "no script element survives");
        for (WebElement element : card.findElements(By.cssSelector("*"))) {
            assertNull(element.getAttribute("onerror"), element.getTagName() + " has an event handler");
            String href = element.getAttribute("href");
            assertFalse(href != null && href.toLowerCase().startsWith("javascript:"), "a javascript: link survived: " + href);
        }
        for (WebElement link : card.findElements(By.tagName("a"))) {
            link.click(); // clicking a neutralized link runs nothing (and may not navigate)
            if (!BROWSER.path().equals("/" + owner + "/hostile")) {
                BROWSER.open("/" + owner + "/hostile");
            }
        }
        assertNull(((JavascriptExecutor) BROWSER.driver()).executeScript("return window.pwned;"), "no README script ran");
        screenshot("model-card");

        BROWSER.driver().manage().window().setSize(new Dimension(390, 844));
        screenshot("model-card-phone");
        Number overflow = (Number) ((JavascriptExecutor) BROWSER.driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow.intValue() <= 0, "the card page fits a phone-width screen (overflow " + overflow + "px)");
        BROWSER.driver().manage().window().setSize(new Dimension(1280, 1000));
    }

    @Test
    void fromTheCardToACommitsSignatureAndDiffAndAnotherBranchAllAtTheHubsUrls() throws Exception {
        String owner = uniqueName("bert");
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        String token = Fixtures.insertToken(owner, "WRITE", List.of());
        String repo = "/" + owner + "/tiny-model";
        createRepo(token, "tiny-model", false, Map.of("README.md", "# Tiny model\n\nSee [the config](config.json).\n", "config.json", "{\"layers\": 2}\n"));
        HttpResponse<String> branch = Json.send("POST", "/api/models" + repo + "/branch/dev", "{}", Credential.token(token));
        assertEquals(200, branch.statusCode(), branch.body());
        commit(token, repo, "dev", "Deeper network", Map.of("config.json", "{\"layers\": 12}\n", "notes.txt", "first line\nsecond line\n"));

        BROWSER.signIn(owner, PASSWORD);
        WebElement search = BROWSER.driver().findElement(By.id("nav-search"));
        search.sendKeys(owner + "/tiny");
        search.sendKeys(Keys.ENTER);
        new WebDriverWait(BROWSER.driver(), Duration.ofSeconds(30)).until(d -> BROWSER.path().equals("/search"));
        assertEquals(List.of(owner + "/tiny-model"), texts("#search-models .repo-link"));
        BROWSER.driver().findElement(By.linkText(owner + "/tiny-model")).click();
        assertEquals(repo, BROWSER.path());
        assertEquals("branch: main", BROWSER.text("rev-current"));
        BROWSER.driver().findElement(By.linkText("the config")).click();
        assertEquals(repo + "/blob/main/config.json", BROWSER.path(), "a card's relative link opens the repository's file");
        BROWSER.open(repo);
        assertEquals(List.of(".gitattributes", "README.md", "config.json"), texts(".file-link"));
        assertTrue(BROWSER.has("upload:submit"), "the owner may add files on the default branch");
        assertTrue(BROWSER.has("repo-settings-link"));

        BROWSER.driver().findElement(By.id("rev-current")).click();
        BROWSER.driver().findElement(By.linkText("dev")).click();
        assertEquals(repo + "/tree/dev", BROWSER.path());
        assertEquals("branch: dev", BROWSER.text("rev-current"));
        assertTrue(texts(".file-link").contains("notes.txt"), texts(".file-link").toString());
        assertFalse(BROWSER.has("upload:submit"), "the editor commits to main, so it is not offered on another branch");

        BROWSER.driver().findElement(By.linkText("notes.txt")).click();
        assertEquals(repo + "/blob/dev/notes.txt", BROWSER.path());
        assertEquals("2", BROWSER.text("L2"), "text files have line numbers");
        assertTrue(BROWSER.driver().findElement(By.id("file-lines")).getText().contains("second line"));
        String page = BROWSER.driver().getPageSource();
        assertTrue(page.indexOf("id=\"scan-status\"") < page.indexOf("id=\"download-link\""), "the verdict comes first");

        BROWSER.driver().findElement(By.id("tab-commits")).click();
        assertEquals(repo + "/commits/dev", BROWSER.path());
        assertEquals("Deeper network", texts(".commit-title").get(0));
        screenshot("history");
        BROWSER.driver().findElement(By.linkText("Deeper network")).click();
        assertTrue(BROWSER.path().matches(java.util.regex.Pattern.quote(repo) + "/commit/[0-9a-f]{40}"), BROWSER.path());
        assertEquals("Verified", BROWSER.text("signature-badge"), "commits through the API are signed with hubguard's key");
        assertTrue(BROWSER.text("signature-key").matches("[0-9A-Fa-f]{40}"), BROWSER.text("signature-key"));
        List<String> changed = texts(".diff-path");
        assertEquals(List.of("config.json", "notes.txt"), changed);
        String diffs = BROWSER.driver().findElements(By.cssSelector(".diff-text")).stream().map(WebElement::getText).reduce("", String::concat);
        assertTrue(diffs.contains("-{\"layers\": 2}") && diffs.contains("+{\"layers\": 12}"), diffs);
        assertTrue(diffs.contains("+second line"), diffs);
        screenshot("commit");

        // Tags are in the selector too, and the history follows the selected revision.
        HttpResponse<String> tag = Json.send("POST", "/api/models" + repo + "/tag/main", "{\"tag\":\"v1.0\"}", Credential.token(token));
        assertEquals(200, tag.statusCode(), tag.body());
        BROWSER.open(repo + "/commits/dev");
        BROWSER.driver().findElement(By.id("rev-current")).click();
        BROWSER.driver().findElement(By.linkText("v1.0")).click();
        assertEquals(repo + "/commits/v1.0", BROWSER.path());
        assertEquals("tag: v1.0", BROWSER.text("rev-current"));
        assertFalse(texts(".commit-title").contains("Deeper network"), "main's history does not have dev's commit");

        BROWSER.open(repo + "/tree/no-such-branch");
        assertEquals("There is nothing at this address.", BROWSER.text("error-message"));
    }

    @Test
    void aLongHistoryIsPagedAtTheHubsUrl() throws Exception {
        String owner = uniqueName("hana");
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        String token = Fixtures.insertToken(owner, "WRITE", List.of());
        String repo = "/" + owner + "/long-history";
        createRepo(token, "long-history", false, Map.of());
        for (int i = 1; i <= 100; i++) {
            commit(token, repo, "main", "Step " + i, Map.of("step.txt", i + "\n"));
        }
        BROWSER.open(repo + "/commits/main");
        assertEquals(100, texts(".commit-title").size(), "100 commits a page");
        assertEquals("Step 100", texts(".commit-title").get(0));
        assertFalse(BROWSER.has("page-newer"));
        BROWSER.driver().findElement(By.id("page-older")).click();
        assertEquals(repo + "/commits/main", BROWSER.path());
        assertEquals(List.of("Initial commit"), texts(".commit-title"), "the 101st commit is on the second page");
        assertTrue(BROWSER.has("page-newer") && !BROWSER.has("page-older"));
    }

    @Test
    void visitorsAndStrangersReadPublicPagesButChangeNothingAndNeverSeeAPrivateRepository() throws Exception {
        String owner = uniqueName("otto");
        String stranger = uniqueName("sam");
        BROWSER.signUp(stranger, emailOf(stranger), PASSWORD);
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        String token = Fixtures.insertToken(owner, "WRITE", List.of());
        createRepo(token, "open", false, Map.of("README.md", "# Open\n"));
        createRepo(token, "secret", true, Map.of("README.md", "# Secret\n"));

        for (String who : new String[] {null, stranger}) {
            BROWSER.signOut();
            if (who != null) {
                BROWSER.signIn(who, PASSWORD);
            }
            BROWSER.open("/" + owner + "/open");
            assertTrue(BROWSER.text("model-card").contains("Open"));
            assertFalse(BROWSER.has("upload:submit") || BROWSER.has("repo-settings-link"), "only writers see the editor and settings");
            BROWSER.open("/" + owner + "/open/blob/main/README.md");
            assertFalse(BROWSER.has("edit:submit") || BROWSER.has("delete:submit"));
            for (String path : List.of("", "/tree/main", "/blob/main/README.md", "/commits/main")) {
                BROWSER.open("/" + owner + "/secret" + path);
                assertEquals("There is nothing at this address.", BROWSER.text("error-message"), (who == null ? "a visitor" : "a stranger") + " at " + path);
            }
        }

        BROWSER.signOut();
        BROWSER.signIn(owner, PASSWORD);
        BROWSER.open("/" + owner + "/secret");
        assertEquals("private", BROWSER.text("repo-visibility"));
        assertTrue(BROWSER.has("upload:submit"));
        BROWSER.open("/" + owner + "/secret/blob/main/README.md");
        WebElement delete = BROWSER.driver().findElement(By.id("delete:submit"));
        assertEquals("rgba(185, 28, 28, 1)", delete.getCssValue("background-color"), "a danger button looks like one");
    }

    @Test
    void browseSearchAndProfilesListOnlyWhatTheViewerMayRead() throws Exception {
        String owner = uniqueName("pia");
        String stranger = uniqueName("stan");
        BROWSER.signUp(stranger, emailOf(stranger), PASSWORD);
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        String token = Fixtures.insertToken(owner, "WRITE", List.of());
        for (int i = 0; i < 21; i++) {
            createRepo(token, String.format("page-%02d", i), false, Map.of());
        }
        createRepo(token, "findable", false, Map.of("README.md", "# Findable\n"));
        Thread.sleep(1100); // commit times have whole seconds: "hidden" is the most recently updated
        createRepo(token, "hidden", true, Map.of("README.md", "# Hidden\n"));

        for (String who : new String[] {null, stranger}) {
            BROWSER.signOut();
            if (who != null) {
                BROWSER.signIn(who, PASSWORD);
            }
            BROWSER.open("/models?author=" + owner);
            assertEquals("22 models", BROWSER.text("browse-count"), "the private repository is not counted for " + who);
            BROWSER.open("/models?search=" + owner + "/hid");
            assertEquals("0 models", BROWSER.text("browse-count"));
            BROWSER.open("/search?q=" + owner);
            assertFalse(texts("#search-models .repo-link").contains(owner + "/hidden"), "search hides it from " + who);
            BROWSER.open("/" + owner);
            assertFalse(texts("#profile-repos .repo-link").contains(owner + "/hidden"), "a profile hides private repositories from " + who);
            assertTrue(texts("#profile-repos .repo-link").contains(owner + "/findable"));
            assertFalse(BROWSER.has("profile-settings"));
        }
        BROWSER.signOut();

        // Signed out, the home page offers a search box and the public repositories.
        BROWSER.open("/");
        BROWSER.type("home-search-text", owner + "/find");
        BROWSER.submit("home-search-submit");
        assertEquals("/models", BROWSER.path());
        assertEquals(List.of(owner + "/findable"), texts("#browse-results .repo-link"));
        screenshot("models-search");

        BROWSER.signIn(owner, PASSWORD);
        assertTrue(texts("#my-repos .repo-link").contains(owner + "/hidden"), "the dashboard lists your own repositories");
        assertFalse(texts(".recent-commit").isEmpty(), "and the latest commits in them");
        screenshot("dashboard");
        BROWSER.driver().findElements(By.cssSelector(".recent-commit")).get(0).click();
        assertTrue(BROWSER.path().startsWith("/" + owner + "/") && BROWSER.path().contains("/commit/"), BROWSER.path());

        BROWSER.open("/models?author=" + owner + "&sort=name");
        assertEquals("23 models", BROWSER.text("browse-count"), "the owner sees the private repository too");
        List<String> first = texts("#browse-results .repo-link");
        assertEquals(20, first.size(), "a page has 20 repositories");
        assertEquals(owner + "/findable", first.get(0), "sorted by name");
        BROWSER.driver().findElement(By.id("page-next")).click();
        assertEquals(List.of(owner + "/page-18", owner + "/page-19", owner + "/page-20"), texts("#browse-results .repo-link"));
        assertTrue(BROWSER.has("page-previous") && !BROWSER.has("page-next"));
        BROWSER.open("/models?author=" + owner);
        assertEquals(owner + "/hidden", texts("#browse-results .repo-link").get(0), "recently updated first, by default");

        BROWSER.open("/" + owner);
        assertTrue(texts("#profile-repos .repo-link").contains(owner + "/hidden"));
        BROWSER.driver().findElement(By.id("profile-settings")).click();
        assertEquals("/settings/account", BROWSER.path(), "your own profile links to your settings");
        screenshot("profile");
    }

    @Test
    void onlyAdministratorsReachTheAdminLandingPage() throws Exception {
        String name = uniqueName("nico");
        BROWSER.signUp(name, emailOf(name), PASSWORD);
        BROWSER.signIn(name, PASSWORD);
        BROWSER.open("/-/admin");
        assertEquals("Your account may not open this page.", BROWSER.text("error-message"));
        BROWSER.signOut();

        BROWSER.signIn("admin", TestServer.ADMIN_PASSWORD);
        BROWSER.driver().findElement(By.id("nav-admin")).click();
        assertTrue(BROWSER.path().startsWith("/-/admin"), BROWSER.path());
        assertTrue(Integer.parseInt(BROWSER.text("user-count")) >= 2);
        List<String> checks = texts(".health-check th");
        assertTrue(checks.contains("database") && checks.contains("clamd") && checks.contains("scans"), checks.toString());
        assertTrue(BROWSER.has("scans:rescan"));
        screenshot("admin");
        BROWSER.driver().findElement(By.id("admin-users-link")).click();
        assertEquals("/-/admin/users", BROWSER.path());
    }

    private static void createRepo(String token, String name, boolean isPrivate, Map<String, String> files) throws Exception {
        StringBuilder json = new StringBuilder("{\"name\":" + q(name) + ",\"private\":" + isPrivate + ",\"files\":[");
        String sep = "";
        for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
            json.append(sep).append("{\"path\":").append(q(file.getKey())).append(",\"content\":")
                    .append(q(Base64.getEncoder().encodeToString(file.getValue().getBytes(StandardCharsets.UTF_8)))).append(",\"encoding\":\"base64\"}");
            sep = ",";
        }
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", json.append("]}").toString(), Credential.token(token));
        assertEquals(200, created.statusCode(), created.body());
    }

    private static void commit(String token, String repo, String branch, String summary, Map<String, String> files) throws Exception {
        StringBuilder ndjson = new StringBuilder("{\"key\":\"header\",\"value\":{\"summary\":" + q(summary) + "}}");
        files.forEach((path, content) -> ndjson.append("\n{\"key\":\"file\",\"value\":{\"path\":").append(q(path))
                .append(",\"content\":").append(q(Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))))
                .append(",\"encoding\":\"base64\"}}"));
        HttpResponse<String> response = Json.send("POST", "/api/models" + repo + "/commit/" + branch, ndjson.toString(), Credential.token(token));
        assertEquals(200, response.statusCode(), response.body());
    }

    private static List<String> texts(String css) {
        return BROWSER.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** A screenshot of the current page for a reviewer, in target/screenshots/{name}.png. */
    static void screenshot(String name) throws Exception {
        Path dir = TestServer.targetDir().resolve("screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) BROWSER.driver()).getScreenshotAs(OutputType.BYTES));
    }
}
