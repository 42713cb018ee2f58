package org.hubguard.it.support;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Creates and manages access tokens through Settings → Access Tokens, as a person would. */
public final class TokenPages {

    private TokenPages() {
    }

    /** Creates a token on the page (signed in already) and returns the secret it shows once. */
    public static String create(Browser browser, String name, String role, List<String> permissions,
                                String scopeKind, String scopeName) {
        browser.open("/settings/tokens");
        browser.type("create:name", name);
        browser.driver().findElement(By.cssSelector("input[name='create:role'][value='" + role + "']")).click();
        for (String permission : permissions) {
            browser.driver().findElement(By.cssSelector("input[name='create:permissions'][value='" + permission + "']")).click();
        }
        if (scopeKind != null) {
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("create:scopeKind"))).selectByValue(scopeKind);
            browser.type("create:scopeName", scopeName);
        }
        browser.submit("create:submit");
        return secretShown(browser);
    }

    public static String create(Browser browser, String name, String role) {
        return create(browser, name, role, List.of(), null, null);
    }

    public static String secretShown(Browser browser) {
        List<WebElement> box = browser.driver().findElements(By.id("new-token"));
        if (box.isEmpty()) {
            throw new AssertionError("no new token on the page; it says: " + browser.messages());
        }
        return box.get(0).getAttribute("value");
    }

    /** Clicks a button ("refresh" or "delete") in the row of the token named {@code name}, accepting the confirmation. */
    public static void clickInRow(Browser browser, String name, String button) {
        browser.open("/settings/tokens");
        List<WebElement> names = browser.driver().findElements(By.cssSelector("#list\\:tokens .token-name"));
        for (int row = 0; row < names.size(); row++) {
            if (names.get(row).getText().equals(name)) {
                ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("window.confirm = function() { return true; };");
                browser.submit("list:tokens:" + row + ":" + button);
                return;
            }
        }
        throw new AssertionError("no token named " + name + " on the page");
    }
}
