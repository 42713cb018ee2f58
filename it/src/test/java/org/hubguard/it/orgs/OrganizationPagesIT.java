package org.hubguard.it.orgs;

import static org.hubguard.it.support.Users.PASSWORD;
import static org.hubguard.it.support.Users.emailOf;
import static org.hubguard.it.support.Users.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hubguard.it.support.Browser;
import org.hubguard.it.support.TestServer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Organizations and repositories through the real pages, as their users would use them. */
@ExtendWith(ArquillianExtension.class)
class OrganizationPagesIT extends TestServer {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Test
    void createAnOrganizationAddAMemberChangeTheirRoleAndCreateARepository() {
        String admin = uniqueName("olga");
        String member = uniqueName("mike");
        String org = uniqueName("acme");
        BROWSER.signUp(member, emailOf(member), PASSWORD);
        BROWSER.signUp(admin, emailOf(admin), PASSWORD);
        BROWSER.signIn(admin, PASSWORD);

        BROWSER.open("/organizations/new");
        BROWSER.type("org:name", org);
        BROWSER.type("org:fullName", "ACME Machine Learning");
        BROWSER.submit("org:submit");
        assertEquals("/" + org, BROWSER.path(), "an organization's page is at the Hub's URL");
        assertTrue(BROWSER.messages().contains("you are its admin"), BROWSER.messages());
        assertTrue(BROWSER.text("org-title").contains("ACME Machine Learning"));

        BROWSER.open("/organizations/members?name=" + org);
        assertEquals(List.of(admin), column("member-name"));
        BROWSER.type("add:username", member);
        new Select(BROWSER.driver().findElement(By.id("add:role"))).selectByValue("read");
        BROWSER.submit("add:submit");
        assertTrue(BROWSER.messages().contains(member + " is now a member with the read role."), BROWSER.messages());
        assertTrue(column("member-name").contains(member));

        int row = column("member-name").indexOf(member);
        new Select(BROWSER.driver().findElement(By.id("members:table:" + row + ":role"))).selectByValue("write");
        BROWSER.submit("members:table:" + row + ":change");
        assertTrue(BROWSER.messages().contains(member + " now has the write role."), BROWSER.messages());
        row = column("member-name").indexOf(member);
        assertEquals("write", new Select(BROWSER.driver().findElement(By.id("members:table:" + row + ":role")))
                .getFirstSelectedOption().getAttribute("value"));

        // The last admin cannot demote themselves.
        int adminRow = column("member-name").indexOf(admin);
        new Select(BROWSER.driver().findElement(By.id("members:table:" + adminRow + ":role"))).selectByValue("read");
        BROWSER.submit("members:table:" + adminRow + ":change");
        assertTrue(BROWSER.messages().contains("needs at least one admin"), BROWSER.messages());

        BROWSER.open("/repos/new");
        new Select(BROWSER.driver().findElement(By.id("repo:owner"))).selectByValue(org);
        BROWSER.type("repo:name", "sentiment-bert");
        BROWSER.driver().findElement(By.id("repo:private")).click();
        BROWSER.submit("repo:submit");
        assertEquals("/" + org + "/sentiment-bert", BROWSER.path());
        assertTrue(BROWSER.text("repo-title").startsWith(org + "/sentiment-bert"));
        assertEquals("private", BROWSER.text("repo-visibility"));
        BROWSER.signOut();

        // The member (write role) sees the private repository; a stranger gets "not found".
        BROWSER.signIn(member, PASSWORD);
        BROWSER.open("/repos/show?type=model&id=" + org + "/sentiment-bert");
        assertEquals("private", BROWSER.text("repo-visibility"));
        assertTrue(BROWSER.has("repo-settings-link"), "write members may change the repository");
        BROWSER.signOut();
        BROWSER.open("/repos/show?type=model&id=" + org + "/sentiment-bert");
        assertEquals("There is nothing at this address.", BROWSER.text("error-message"));
    }

    @Test
    void renameChangeVisibilityAndDeleteARepositoryFromItsSettings() {
        String owner = uniqueName("rita");
        BROWSER.signUp(owner, emailOf(owner), PASSWORD);
        BROWSER.signIn(owner, PASSWORD);
        BROWSER.open("/repos/new");
        new Select(BROWSER.driver().findElement(By.id("repo:type"))).selectByValue("dataset");
        BROWSER.type("repo:name", "corpus");
        BROWSER.submit("repo:submit");
        assertEquals("public", BROWSER.text("repo-visibility"));

        BROWSER.driver().findElement(By.id("repo-settings-link")).click();
        BROWSER.type("move:newId", owner + "/corpus-v2");
        BROWSER.submit("move:submit");
        assertTrue(BROWSER.text("repo-title").startsWith(owner + "/corpus-v2"), BROWSER.text("repo-title"));

        BROWSER.open("/repos/settings?type=dataset&id=" + owner + "/corpus-v2");
        BROWSER.submit("visibility:submit");
        assertEquals("private", BROWSER.text("settings-visibility"));
        assertEquals("Not required.", BROWSER.text("require-signed-state"));
        BROWSER.submit("signed:submit");
        assertEquals("Required for this repository.", BROWSER.text("require-signed-state"));

        BROWSER.type("delete:confirm", "wrong name");
        BROWSER.submit("delete:submit");
        assertTrue(BROWSER.messages().contains("to confirm the deletion"), BROWSER.messages());
        BROWSER.type("delete:confirm", owner + "/corpus-v2");
        BROWSER.submit("delete:submit");
        assertTrue(BROWSER.messages().contains("was deleted"), BROWSER.messages());
        BROWSER.open("/repos/show?type=dataset&id=" + owner + "/corpus-v2");
        assertEquals("There is nothing at this address.", BROWSER.text("error-message"));
    }

    @Test
    void readMembersSeeMembersButNoManagementControls() {
        String admin = uniqueName("ada");
        String reader = uniqueName("rob");
        String org = uniqueName("labs");
        BROWSER.signUp(reader, emailOf(reader), PASSWORD);
        BROWSER.signUp(admin, emailOf(admin), PASSWORD);
        BROWSER.signIn(admin, PASSWORD);
        BROWSER.open("/organizations/new");
        BROWSER.type("org:name", org);
        BROWSER.submit("org:submit");
        BROWSER.open("/organizations/members?name=" + org);
        BROWSER.type("add:username", reader);
        BROWSER.submit("add:submit");
        BROWSER.signOut();

        BROWSER.signIn(reader, PASSWORD);
        BROWSER.open("/organizations/members?name=" + org);
        assertTrue(column("member-name").contains(admin));
        assertFalse(BROWSER.has("add:submit"), "no add form for a read member");
        assertTrue(BROWSER.driver().findElements(By.cssSelector("select.member-role-select")).isEmpty());
        assertFalse(BROWSER.has("tab-settings"));
        BROWSER.open("/repos/new");
        assertFalse(new Select(BROWSER.driver().findElement(By.id("repo:owner"))).getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals(org)), "a read member cannot create repositories in the organization");
        BROWSER.open("/organizations/show?name=" + org);
        assertEquals("/" + org, BROWSER.path(), "the old URL leads to the organization's profile at the Hub's URL");
        assertTrue(column("org-member").containsAll(List.of(admin, reader)), "members see the members on the profile");
        BROWSER.signOut();

        BROWSER.open("/" + org);
        assertTrue(BROWSER.text("org-title").contains(org));
        assertFalse(BROWSER.has("org-members"), "visitors do not see who the members are");
        BROWSER.open("/organizations/members?name=" + org);
        assertEquals("/login", BROWSER.path(), "anonymous visitors are asked to sign in");
        ((JavascriptExecutor) BROWSER.driver()).executeScript("window.scrollTo(0,0)");
    }

    private static List<String> column(String cssClass) {
        return BROWSER.driver().findElements(By.cssSelector("." + cssClass)).stream().map(WebElement::getText).toList();
    }
}
