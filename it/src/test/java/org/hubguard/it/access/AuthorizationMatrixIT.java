package org.hubguard.it.access;

import static org.hubguard.it.support.Json.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.hubguard.it.support.Fixtures;
import org.hubguard.it.support.Fixtures.Grant;
import org.hubguard.it.support.Json;
import org.hubguard.it.support.Json.Credential;
import org.hubguard.it.support.TestServer;
import org.hubguard.it.support.Users;
import org.hubguard.it.support.WebSession;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Walks every action that has an HTTP entry point, for every principal, credential and repository
 * visibility, against the real API, and compares each answer with the table below. Actions without an
 * HTTP entry point yet are listed in {@link #NOT_OVER_HTTP} (the unit test AccessRulesTest covers them).
 */
@ExtendWith(ArquillianExtension.class)
class AuthorizationMatrixIT extends TestServer {

    /** A = allowed (2xx), F = 403, N = 404 (as if it did not exist), U = 401. */
    enum Outcome { A, F, N, U }

    enum Probe { READ_REPO, CREATE_REPO, DELETE_REPO, RENAME_REPO, TRANSFER_REPO, WRITE_REPO, CHANGE_VISIBILITY, READ_ORG, MANAGE_MEMBERS, MANAGE_ORG, REFRESH_ORG_TOKEN, CREATE_ORG }

    /** Every org.hubguard.access.Action not probed here, and where it is tested instead. */
    static final Map<String, String> NOT_OVER_HTTP = Map.of(
            "MANAGE_OWN_ACCOUNT", "pages only: SignInIT/SignUpIT, AccessRulesTest",
            "MANAGE_TOKENS", "pages only: TokensIT.aTokenCannotOpenTheTokenPage, AccessRulesTest",
            "ADMINISTER_USERS", "pages only: SignInIT.onlyAnAdministrator..., AccessRulesTest");

    /**
     * The expected answers with a web session (or none, for anonymous): repository actions as
     * public/private, organization actions once. The organization token rows are its only credential.
     */
    static final String EXPECTED = """
            principal       READ_REPO CREATE_REPO DELETE_REPO RENAME_REPO TRANSFER_REPO WRITE_REPO CHANGE_VISIBILITY READ_ORG MANAGE_MEMBERS MANAGE_ORG REFRESH_ORG_TOKEN CREATE_ORG
            anonymous       A/N       U/U         U/N         U/N         U/N           U/N        U/N               U        U              U          U                 U
            non-member      A/N       F/F         F/N         F/N         F/N           F/N        F/N               F        F              F          F                 A
            read            A/A       F/F         F/F         F/F         F/F           F/F        F/F               A        F              F          F                 A
            contrib-own     A/A       A/A         A/A         A/A         F/F           A/A        A/A               A        F              F          F                 A
            contrib-other   A/A       A/A         F/F         F/F         F/F           F/F        F/F               A        F              F          F                 A
            write           A/A       A/A         A/A         A/A         F/F           A/A        A/A               A        F              F          F                 A
            admin           A/A       A/A         A/A         A/A         A/A           A/A        A/A               A        A              A          A                 A
            owner           A/A       A/A         A/A         A/A         F/F           A/A        A/A               F        F              F          F                 A
            org-token       A/A       F/F         F/F         F/F         F/F           F/F        F/F               F        F              F          F                 F
            org-token-user  A/N       F/F         F/N         F/N         F/N           F/N        F/N               F        F              F          F                 F
            """;

    /** Credentials of a user principal. */
    enum Cred { SESSION, READ_TOKEN, WRITE_TOKEN, FINE_GRAINED_THIS_REPO, FINE_GRAINED_OTHER_REPO }

    /**
     * What the credential makes of the web-session answer. Read tokens only read; write tokens do all
     * but create organizations; fine-grained tokens only what their repository scope covers; a
     * repository the token may not read stays "not found".
     */
    static Outcome expected(Outcome session, Cred cred, Probe probe, boolean isPrivate) {
        boolean reads = probe == Probe.READ_REPO || probe == Probe.READ_ORG;
        boolean repoAction = probe.ordinal() <= Probe.CHANGE_VISIBILITY.ordinal() && probe != Probe.CREATE_REPO;
        Outcome denied = session == Outcome.N ? Outcome.N : Outcome.F;
        Outcome outcome = switch (cred) {
            case SESSION -> session;
            case WRITE_TOKEN -> probe == Probe.CREATE_ORG ? Outcome.F : session;
            case READ_TOKEN -> reads ? session : denied;
            case FINE_GRAINED_THIS_REPO -> repoAction ? session : denied;
            case FINE_GRAINED_OTHER_REPO -> !repoAction ? denied
                    : isPrivate ? Outcome.N
                    : probe == Probe.READ_REPO ? Outcome.A : Outcome.F;
        };
        boolean fineGrained = cred == Cred.FINE_GRAINED_THIS_REPO || cred == Cred.FINE_GRAINED_OTHER_REPO;
        // A repository's scope does not cover the namespace the repository would move to.
        return probe == Probe.TRANSFER_REPO && fineGrained && outcome == Outcome.A ? Outcome.F : outcome;
    }

    private final Map<String, Map<Probe, Outcome[]>> table = parse(EXPECTED);
    private final AtomicInteger counter = new AtomicInteger();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, WebSession> sessions = new HashMap<>();
    private final Map<String, EnumMap<Cred, String>> tokens = new HashMap<>();
    private String org;
    private String orgToken;
    private int cases;

    @Test
    void everyPrincipalCredentialAndVisibilityGetsTheExpectedAnswer() throws Exception {
        for (String action : actions()) {
            assertTrue(NOT_OVER_HTTP.containsKey(action) || isProbe(action), "the matrix has no probe for the action " + action);
        }
        setUp();
        for (boolean isPrivate : new boolean[] {false, true}) {
            for (String principal : table.keySet()) {
                for (Probe probe : Probe.values()) {
                    boolean orgLevel = probe.ordinal() > Probe.CHANGE_VISIBILITY.ordinal();
                    if (orgLevel && isPrivate) {
                        continue; // organization actions do not depend on a repository's visibility
                    }
                    Outcome session = table.get(principal).get(probe)[orgLevel || !isPrivate ? 0 : 1];
                    if (principal.equals("anonymous")) {
                        check(principal, "none", probe, isPrivate, session, Credential.NONE);
                    } else if (principal.startsWith("org-token")) {
                        check(principal, "org token", probe, isPrivate, session, Credential.token(orgToken));
                    } else {
                        for (Cred cred : Cred.values()) {
                            check(principal, cred.name(), probe, isPrivate, expected(session, cred, probe, isPrivate), credential(principal, cred, probe, isPrivate));
                        }
                    }
                }
            }
        }
        System.out.println("Authorization matrix: " + cases + " cases, " + violations.size() + " violations");
        assertEquals(List.of(), violations, cases + " cases, " + violations.size() + " violations");
    }

    // ---- the principals and what they act on --------------------------------------------------------

    private static final String[] USERS = {"owner", "outsider", "reader", "contrib", "writer", "admin"};

    private final Map<String, String> names = new HashMap<>();

    private void setUp() throws Exception {
        for (String role : USERS) {
            String name = Users.uniqueName("mx-" + role);
            names.put(role, name);
            sessions.put(role, WebSession.signUpAndSignIn(name));
            EnumMap<Cred, String> own = new EnumMap<>(Cred.class);
            own.put(Cred.READ_TOKEN, Fixtures.insertToken(name, "READ", List.of()));
            own.put(Cred.WRITE_TOKEN, Fixtures.insertToken(name, "WRITE", List.of()));
            tokens.put(role, own);
        }
        org = Users.uniqueName("mx-org");
        Credential admin = Credential.session(sessions.get("admin").cookie());
        expectStatus(201, Json.send("POST", "/api/organizations/new", "{\"name\":" + q(org) + "}", admin));
        for (String[] member : new String[][] {{"reader", "read"}, {"contrib", "contributor"}, {"writer", "write"}}) {
            expectStatus(201, Json.send("POST", "/api/organizations/" + org + "/members",
                    "{\"username\":" + q(names.get(member[0])) + ",\"role\":" + q(member[1]) + "}", admin));
        }
        orgToken = jsonField(Json.send("POST", "/api/organizations/" + org + "/token", null, admin), "token");
    }

    /** Which user a principal row is, and whose repository it acts on. */
    private String userOf(String principal) {
        return switch (principal) {
            case "non-member" -> "outsider";
            case "read" -> "reader";
            case "contrib-own", "contrib-other" -> "contrib";
            case "write" -> "writer";
            default -> principal; // admin, owner
        };
    }

    /** The namespace and creator of the repository the principal acts on. */
    private String[] targetOf(String principal) {
        return switch (principal) {
            case "owner", "org-token-user" -> new String[] {names.get("owner"), "owner"};
            case "contrib-own" -> new String[] {org, "contrib"};
            default -> new String[] {org, "writer"};
        };
    }

    private String newRepo(String principal, boolean isPrivate) throws Exception {
        String[] target = targetOf(principal);
        String name = "repo-" + counter.incrementAndGet();
        HttpResponse<String> created = Json.send("POST", "/api/repos/create", "{\"name\":" + q(name) + ",\"organization\":" + q(target[0])
                + ",\"private\":" + isPrivate + "}", Credential.token(tokens.get(target[1]).get(Cred.WRITE_TOKEN)));
        expectStatus(200, created);
        return target[0] + "/" + name;
    }

    private String repoFor(String principal, Probe probe, boolean isPrivate) throws Exception {
        return probe == Probe.CREATE_REPO || probe.ordinal() > Probe.CHANGE_VISIBILITY.ordinal()
                ? targetOf(principal)[0] + "/not-a-repo" : newRepo(principal, isPrivate);
    }

    private Credential credential(String principal, Cred cred, Probe probe, boolean isPrivate) throws Exception {
        String user = userOf(principal);
        return switch (cred) {
            case SESSION -> Credential.session(sessions.get(user).cookie());
            case READ_TOKEN, WRITE_TOKEN -> Credential.token(tokens.get(user).get(cred));
            case FINE_GRAINED_THIS_REPO, FINE_GRAINED_OTHER_REPO -> null; // made per case, scoped to the case's repository
        };
    }

    // ---- one case ------------------------------------------------------------------------------------

    private void check(String principal, String credName, Probe probe, boolean isPrivate, Outcome expected, Credential credential) throws Exception {
        String repo = repoFor(principal, probe, isPrivate);
        if (credential == null) {
            String scope = credName.equals(Cred.FINE_GRAINED_THIS_REPO.name()) ? repo : names.get("owner") + "/some-other-repo";
            credential = Credential.token(Fixtures.insertToken(names.get(userOf(principal)), "FINE_GRAINED", List.of(
                    new Grant("MODEL", scope, "REPO_CONTENT_READ"), new Grant("MODEL", scope, "REPO_WRITE"))));
        }
        HttpResponse<String> response = probe(probe, repo, isPrivate, credential, names.getOrDefault(userOf(principal), names.get("owner")));
        cases++;
        Outcome actual = switch (response.statusCode()) {
            case 200, 201 -> Outcome.A;
            case 401 -> Outcome.U;
            case 403 -> Outcome.F;
            case 404 -> Outcome.N;
            default -> null;
        };
        if (actual != expected) {
            violations.add(String.format("%s with %s: %s on a %s repository: expected %s, got %d %s",
                    principal, credName, probe, isPrivate ? "private" : "public", expected, response.statusCode(), response.body()));
        }
        if (probe == Probe.READ_REPO) {
            // A listing decides the same: the repository is listed exactly when it may be read.
            HttpResponse<String> listing = Json.send("GET", "/api/models?author=" + repo.split("/")[0] + "&limit=1000", null, credential);
            boolean listed = listing.statusCode() == 200 && listing.body().contains("\"id\":\"" + repo + "\"");
            cases++;
            if (listed != (expected == Outcome.A)) {
                violations.add(String.format("%s with %s: the listing of a %s repository %s it (%d)", principal, credName,
                        isPrivate ? "private" : "public", listed ? "shows" : "leaves out", listing.statusCode()));
            }
        }
        if (probe == Probe.REFRESH_ORG_TOKEN && actual == Outcome.A) {
            orgToken = jsonField(response, "token"); // the old one stopped working
        }
    }

    private HttpResponse<String> probe(Probe probe, String repo, boolean isPrivate, Credential credential, String mover) throws Exception {
        String[] ns = repo.split("/");
        return switch (probe) {
            case READ_REPO -> Json.send("GET", "/api/models/" + repo, null, credential);
            case CREATE_REPO -> Json.send("POST", "/api/repos/create", "{\"name\":" + q("new-" + counter.incrementAndGet())
                    + ",\"organization\":" + q(ns[0]) + "}", credential);
            case DELETE_REPO -> Json.send("DELETE", "/api/repos/delete", "{\"name\":" + q(ns[1]) + ",\"organization\":" + q(ns[0]) + "}", credential);
            case RENAME_REPO -> Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(repo) + ",\"toRepo\":" + q(repo + "-renamed") + "}", credential);
            case TRANSFER_REPO -> Json.send("POST", "/api/repos/move", "{\"fromRepo\":" + q(repo) + ",\"toRepo\":" + q(transferTarget(repo, mover)) + "}", credential);
            case WRITE_REPO -> Json.send("POST", "/api/models/" + repo + "/commit/main",
                    "{\"key\":\"header\",\"value\":{\"summary\":\"matrix\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"m.txt\",\"content\":\"bQ==\",\"encoding\":\"base64\"}}",
                    credential);
            case CHANGE_VISIBILITY -> Json.send("PUT", "/api/models/" + repo + "/settings", "{\"private\":" + !isPrivate + "}", credential);
            case READ_ORG -> Json.send("GET", "/api/organizations/" + org + "/members", null, credential);
            case MANAGE_MEMBERS -> Json.send("PUT", "/api/organizations/" + org + "/members/" + names.get("reader"), "{\"role\":\"read\"}", credential);
            case MANAGE_ORG -> Json.send("PUT", "/api/organizations/" + org + "/settings", "{\"fullname\":\"Matrix Org\"}", credential);
            case REFRESH_ORG_TOKEN -> Json.send("POST", "/api/organizations/" + org + "/token", null, credential);
            case CREATE_ORG -> Json.send("POST", "/api/organizations/new", "{\"name\":" + q(Users.uniqueName("mx-new")) + "}", credential);
        };
    }

    /**
     * Where TRANSFER_REPO moves a repository: the organization's into the mover's own namespace (only its
     * admins may take it out), the owner's into the organization (where the owner may not create).
     */
    private String transferTarget(String repo, String mover) {
        String[] ns = repo.split("/");
        return (ns[0].equals(org) ? mover : org) + "/" + ns[1] + "-moved";
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static Map<String, Map<Probe, Outcome[]>> parse(String text) {
        Map<String, Map<Probe, Outcome[]>> rows = new java.util.LinkedHashMap<>();
        String[] lines = text.strip().split("\n");
        String[] header = lines[0].trim().split("\\s+");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].trim().split("\\s+");
            Map<Probe, Outcome[]> row = new EnumMap<>(Probe.class);
            for (int c = 1; c < cells.length; c++) {
                String[] parts = cells[c].split("/");
                Outcome first = Outcome.valueOf(parts[0]);
                row.put(Probe.valueOf(header[c]), new Outcome[] {first, parts.length > 1 ? Outcome.valueOf(parts[1]) : first});
            }
            rows.put(cells[0], row);
        }
        return rows;
    }

    private static List<String> actions() throws Exception {
        List<String> names = new ArrayList<>();
        for (Object constant : Class.forName("org.hubguard.access.Action").getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return names;
    }

    private static boolean isProbe(String action) {
        for (Probe probe : Probe.values()) {
            if (probe.name().equals(action)) {
                return true;
            }
        }
        return false;
    }

    private static void expectStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
    }

    private static String jsonField(HttpResponse<String> response, String field) {
        expectStatus(200, response);
        return jakarta.json.Json.createReader(new java.io.StringReader(response.body())).readObject().getString(field);
    }
}
