package org.hubguard.it.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.GitCli;
import org.hubguard.it.support.Gpg;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Require signed commits" cannot be walked around: the protected default branch is neither deleted nor
 * rewritten, and no ref may make an unverified commit reachable that a protected branch does not already
 * reach; re-pushing verified history is fine.
 */
@ExtendWith(ArquillianExtension.class)
class SignedHistoryIT extends TestServer {

    @Test
    void theFourWalkAroundsAreRefusedAndVerifiedHistoryIsAccepted() throws Exception {
        String alice = Users.uniqueName("history");
        WebSession web = WebSession.signUpAndSignIn(alice);
        String email = Users.emailOf(alice);
        try (Connection db = database(); PreparedStatement verify = db.prepareStatement("update users set email_verified = true where email = ?")) {
            verify.setString(1, email);
            assertEquals(1, verify.executeUpdate());
        }
        String token = Fixtures.insertToken(alice, "WRITE", List.of());
        GitCli git = new GitCli();
        try (Gpg gpg = new Gpg()) {
            String key = gpg.newKey("Alice", email);
            assertEquals(302, web.submit("/settings/gpg-keys", "keys", Map.of("keys:armored", gpg.export(key))).statusCode());
            assertEquals(200, Json.send("POST", "/api/repos/create", "{\"name\":\"history\"}", Credential.token(token)).statusCode());
            Path dir = git.newDir("history");
            git.run(dir, "clone", GitCli.url("/" + alice + "/history", token), "work").ok();
            Path work = dir.resolve("work");

            // Before the policy: an unsigned commit on main, and one on a side branch.
            gpg.commit(git, work, null, "Alice", email, "unsigned, before the policy");
            String oldUnsigned = git.run(work, "rev-parse", "HEAD").ok().output().trim();
            git.run(work, "push", "origin", "main").ok();
            git.run(work, "checkout", "-q", "-b", "side").ok();
            gpg.commit(git, work, null, "Alice", email, "unsigned side work");
            String sideUnsigned = git.run(work, "rev-parse", "HEAD").ok().output().trim();
            git.run(work, "push", "origin", "side").ok();
            git.run(work, "checkout", "-q", "main").ok();

            assertEquals(200, Json.send("PUT", "/api/models/" + alice + "/history/settings", "{\"requireSignedCommits\":true}", Credential.token(token)).statusCode());
            gpg.commit(git, work, key, "Alice", email, "signed, after the policy");
            git.run(work, "push", "origin", "main").ok();
            String signedTip = git.run(work, "rev-parse", "HEAD").ok().output().trim();

            GitCli.Result delete = git.run(work, "push", "origin", ":main");
            assertTrue(delete.exitCode() != 0 && delete.output().contains("main is protected: it cannot be deleted"), delete.output());
            GitCli.Result rewind = git.run(work, "push", "--force", "origin", oldUnsigned + ":refs/heads/main");
            assertTrue(rewind.exitCode() != 0 && rewind.output().contains("no force pushes"), rewind.output());
            GitCli.Result branchAtUnsigned = git.run(work, "push", "origin", sideUnsigned + ":refs/heads/sneaky");
            assertTrue(branchAtUnsigned.exitCode() != 0 && branchAtUnsigned.output().contains("requires signed commits"), branchAtUnsigned.output());
            GitCli.Result tagAtUnsigned = git.run(work, "push", "origin", sideUnsigned + ":refs/tags/v0-sneaky");
            assertTrue(tagAtUnsigned.exitCode() != 0, "a tag is a ref too:\n" + tagAtUnsigned.output());
            assertEquals(signedTip, sha(alice, token), "main is as it was");

            // The same walk-arounds through the branch and tag API (what huggingface_hub's create_branch,
            // create_tag and delete_branch send) meet the same rules.
            String api = "/api/models/" + alice + "/history";
            assertRefused(Json.send("POST", api + "/branch/main", "{\"emptyBranch\":true,\"overwrite\":true}", Credential.token(token)), "no force pushes");
            assertRefused(Json.send("POST", api + "/branch/main", "{\"startingPoint\":\"" + oldUnsigned + "\",\"overwrite\":true}", Credential.token(token)), "no force pushes");
            assertRefused(Json.send("POST", api + "/branch/sneaky-api", "{\"startingPoint\":\"" + sideUnsigned + "\"}", Credential.token(token)), "requires signed commits");
            assertRefused(Json.send("POST", api + "/tag/" + sideUnsigned, "{\"tag\":\"v0-sneaky-api\"}", Credential.token(token)), "requires signed commits");
            assertEquals(signedTip, sha(alice, token), "main is as it was");
            HttpResponse<String> refs = Json.send("GET", api + "/refs", null, Credential.token(token));
            assertTrue(!refs.body().contains("sneaky-api"), refs.body());
            assertEquals(200, Json.send("POST", api + "/branch/from-main", "{}", Credential.token(token)).statusCode(), "a branch off verified history");
            assertEquals(200, Json.send("POST", api + "/tag/main", "{\"tag\":\"v1\"}", Credential.token(token)).statusCode(), "a tag of verified history");

            git.run(work, "push", "origin", signedTip + ":refs/heads/copy-of-main").ok(); // nothing new to judge
            git.run(work, "push", "origin", "main").ok(); // re-pushing verified history: up to date, accepted
            assertEquals(409, Json.send("PUT", "/api/models/" + alice + "/history/settings", "{\"protectDefaultBranch\":false}", Credential.token(token)).statusCode(),
                    "protection cannot be turned off while signed commits are required");
        }
    }

    private static void assertRefused(HttpResponse<String> answer, String reason) {
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains(reason), answer.body());
    }

    private static String sha(String alice, String token) throws Exception {
        HttpResponse<String> info = Json.send("GET", "/api/models/" + alice + "/history", null, Credential.token(token));
        return jakarta.json.Json.createReader(new StringReader(info.body())).readObject().getString("sha");
    }
}
