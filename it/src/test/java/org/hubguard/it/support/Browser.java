package org.hubguard.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never a downloaded one), one per test
 * class. A failing test leaves a screenshot and the page source in target/browser-failures.
 */
public class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private WebDriver driver;
    private Path profile;
    private String baseUrl = TestServer.BASE_URL;

    /** Points the browser at another hubguard (e.g. one started by the run command); paths open there. */
    public void useServer(String url) {
        baseUrl = url;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver, or ./hubguard setup).");
        }
        profile = Files.createTempDirectory("hubguard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Every test starts signed out, whatever the test before it left behind. */
    @Override
    public void beforeEach(ExtensionContext context) {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            Path dir = TestServer.targetDir().resolve("browser-failures");
            Files.createDirectories(dir);
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (Exception e) {
            System.err.println("Could not save the browser's state: " + e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a hubguard path such as "/login". */
    public void open(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
    }

    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        if (text != null) {
            field.sendKeys(text);
        }
    }

    /** Clicks and waits for the page that the click loads. */
    public void submit(String buttonId) {
        WebElement button = driver.findElement(By.id(buttonId));
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> isGone(button)
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException detachedOrStale) {
            return true;
        }
    }

    /** Like {@link #submit}, answering "OK" to the confirmation the button asks for. */
    public void submitAccepting(String buttonId) {
        ((JavascriptExecutor) driver).executeScript("window.confirm = function() { return true; };");
        submit(buttonId);
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    /** The page-wide messages (the list at the top of every page). */
    public String messages() {
        List<WebElement> items = driver.findElements(By.cssSelector("#messages li"));
        return items.stream().map(WebElement::getText).collect(Collectors.joining("\n"));
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public void signIn(String login, String password) {
        open("/login");
        type("login:login", login);
        type("login:password", password);
        submit("login:submit");
    }

    public void signOut() {
        if (has("signout-button")) {
            submit("signout-button");
        }
    }

    public void signUp(String username, String email, String password) {
        open("/join");
        type("join:username", username);
        type("join:email", email);
        type("join:password", password);
        submit("join:submit");
    }
}
