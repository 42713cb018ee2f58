package org.hubguard.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.hubguard.tokens.TokenFormat;
import org.junit.jupiter.api.Test;

/**
 * Each rule finds its format and leaves look-alikes alone. Sample secrets are assembled from pieces, so this
 * file itself does not look like it leaks any.
 */
class SecretRulesTest {

    static final String HF = "hf_";
    /** A Hugging Face token: 34 characters, not a hubguard checksum. */
    static final String HF_TOKEN = HF + "abcdefghijklmnopqrstuvwxyzABCDEFGH";
    static final String AWS_KEY = "AKIA" + "Z7Q2WXR4M5NBV3CD";
    static final String GITHUB_CLASSIC = "ghp" + "_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    static final String GITHUB_FINE_GRAINED = "github" + "_pat_" + "11ABCDEFG0123456789abc" + "_" + "a".repeat(30) + "B".repeat(29);
    static final String GITLAB = "glpat" + "-" + "xY9_zW8-vU7tS6rQ5pO4";
    static final String SLACK = "xox" + "b-" + "1234567890123-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx";
    static final String SLACK_HOOK = "https://hooks.slack.com/services/" + "T0123ABCD/B0456EFGH/" + "abcdefghijklmnopqrstuvwx";
    static final String STRIPE = "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    static final String GOOGLE = "AI" + "za" + "SyD-1234567890abcdefghijklmnopqrstu";
    static final String KEY_MATERIAL = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u\n";

    static String pem(String type) {
        return "-----BEGIN " + type + "PRIVATE KEY-----\n" + KEY_MATERIAL + "-----END " + type + "PRIVATE KEY-----\n";
    }

    private static List<SecretMatch> find(String text) {
        return SecretRules.find(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFinds(SecretKind kind, String secret) {
        List<SecretMatch> found = find("line one\nkey = \"" + secret + "\"\n");
        assertEquals(1, found.size(), "found in: " + secret);
        assertEquals(kind, found.get(0).kind());
        assertEquals(2, found.get(0).line());
        assertEquals(secret.startsWith("https://") ? secret.substring("https://".length()) : secret, found.get(0).secret());
    }

    private static void assertNothingIn(String text) {
        assertEquals(List.of(), find(text), text);
    }

    /** A Google service account file: the key's line breaks escaped inside a JSON string. */
    static String serviceAccountJson() {
        String escaped = pem("").replace("\n", "\\n");
        return "{\n  \"type\": \"service_account\",\n  \"private_key_id\": \"abc\",\n  \"private_key\": \"" + escaped + "\"\n}\n";
    }

    @Test
    void aPrivateKeyInJsonWithEscapedLineBreaksIsFound() {
        List<SecretMatch> found = find(serviceAccountJson());
        assertEquals(1, found.size(), serviceAccountJson());
        assertEquals(SecretKind.PRIVATE_KEY, found.get(0).kind());
        assertEquals(4, found.get(0).line());
        String crlf = "\"-----BEGIN RSA " + "PRIVATE KEY-----\\r\\nProc-Type: 4,ENCRYPTED\\r\\n\\r\\n" + KEY_MATERIAL.strip() + "\"";
        assertEquals(SecretKind.PRIVATE_KEY, find(crlf).get(0).kind());
    }

    @Test
    void aHubguardTokenIsRecognizedByItsChecksum() {
        String token = TokenFormat.generate();
        assertFinds(SecretKind.HUBGUARD_TOKEN, token);
        // one character changed: the checksum fails, so it is (at most) a Hugging Face token
        String altered = token.substring(0, 10) + (token.charAt(10) == 'a' ? 'b' : 'a') + token.substring(11);
        assertEquals(SecretKind.HUGGING_FACE_TOKEN, find(altered).get(0).kind());
    }

    @Test
    void huggingFaceTokens() {
        assertFinds(SecretKind.HUGGING_FACE_TOKEN, HF_TOKEN);
        assertFinds(SecretKind.HUGGING_FACE_TOKEN, "api_org_" + "abcdefghijklmnopqrstuvwxyzABCDEFGH");
        assertNothingIn("token = " + HF + "short");
        assertNothingIn("x = " + HF_TOKEN + "toolong"); // glued to more letters: not a token of that shape
        assertNothingIn("from hf_hub_download import something_else");
    }

    @Test
    void awsAccessKeyIds() {
        assertFinds(SecretKind.AWS_ACCESS_KEY_ID, AWS_KEY);
        assertFinds(SecretKind.AWS_ACCESS_KEY_ID, "ASIA" + "Z7Q2WXR4M5NBV3CD");
        assertNothingIn("aws_access_key_id = " + "AKIA" + "IOSFODNN7EXAMPLE"); // AWS's documentation example
        assertNothingIn("AKIA" + "Z7Q2WXR4M5NB"); // too short
        assertNothingIn("XAKIA" + "Z7Q2WXR4M5NBV3CD"); // inside a word
    }

    @Test
    void gitHubTokens() {
        assertFinds(SecretKind.GITHUB_TOKEN, GITHUB_CLASSIC);
        assertFinds(SecretKind.GITHUB_TOKEN, "gho" + GITHUB_CLASSIC.substring(3));
        assertFinds(SecretKind.GITHUB_TOKEN, "ghs" + GITHUB_CLASSIC.substring(3));
        assertFinds(SecretKind.GITHUB_TOKEN, "ghu" + GITHUB_CLASSIC.substring(3));
        assertFinds(SecretKind.GITHUB_TOKEN, GITHUB_FINE_GRAINED);
        assertNothingIn("ghp" + "_short123");
        assertNothingIn("github" + "_pat_" + "tooShort");
    }

    @Test
    void gitLabTokens() {
        assertFinds(SecretKind.GITLAB_TOKEN, GITLAB);
        assertNothingIn("glpat" + "-short");
    }

    @Test
    void privateKeyBlocksWithKeyMaterial() {
        for (String type : List.of("", "RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED ")) {
            List<SecretMatch> found = find("# key\n" + pem(type));
            assertEquals(1, found.size(), type);
            assertEquals(SecretKind.PRIVATE_KEY, found.get(0).kind());
            assertEquals(2, found.get(0).line());
        }
        String pgp = "-----BEGIN PGP " + "PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n" + KEY_MATERIAL;
        assertEquals(SecretKind.PRIVATE_KEY, find(pgp).get(0).kind());
        String legacyEncrypted = "-----BEGIN RSA " + "PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123\n\n" + KEY_MATERIAL;
        assertEquals(SecretKind.PRIVATE_KEY, find(legacyEncrypted).get(0).kind());
    }

    @Test
    void aPrivateKeyHeaderWithoutKeyMaterialOrAPublicKeyIsNoSecret() {
        assertNothingIn("if line.startswith('-----BEGIN " + "PRIVATE KEY-----'):\n    parse(line)\n");
        assertNothingIn("{\"pattern\": \"-----BEGIN " + "PRIVATE KEY-----\\n...\\n-----END " + "PRIVATE KEY-----\\n\"}");
        assertNothingIn("-----BEGIN " + "PRIVATE KEY-----\n...\n-----END " + "PRIVATE KEY-----\n");
        assertNothingIn("-----BEGIN PUBLIC KEY-----\n" + KEY_MATERIAL + "-----END PUBLIC KEY-----\n");
        assertNothingIn("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + KEY_MATERIAL);
    }

    @Test
    void slackTokensAndWebhooks() {
        assertFinds(SecretKind.SLACK_TOKEN, SLACK);
        assertFinds(SecretKind.SLACK_TOKEN, "xox" + "p-" + "1234567890-1234567890");
        assertFinds(SecretKind.SLACK_WEBHOOK, SLACK_HOOK);
        assertNothingIn("xox" + "b-not-a-token");
        assertNothingIn("https://hooks.slack.com/services/" + "your/webhook/here");
    }

    @Test
    void stripeLiveKeysButNotTestKeys() {
        assertFinds(SecretKind.STRIPE_LIVE_KEY, STRIPE);
        assertFinds(SecretKind.STRIPE_LIVE_KEY, "rk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc");
        assertNothingIn("sk" + "_test_" + "4eC39HqLyjWDarjtT1zdp7dc");
        assertNothingIn("sk" + "_live_" + "short");
    }

    @Test
    void googleApiKeys() {
        assertFinds(SecretKind.GOOGLE_API_KEY, GOOGLE);
        assertNothingIn("AI" + "za" + "tooShort");
    }

    @Test
    void everySecretOfATextIsFoundWithItsLineAndNoneIsShownInItsDescription() {
        String text = "a = 1\n" + AWS_KEY + "\n\nb = '" + STRIPE + "' # and " + GOOGLE + "\n";
        List<SecretMatch> found = find(text);
        assertEquals(List.of(SecretKind.AWS_ACCESS_KEY_ID, SecretKind.STRIPE_LIVE_KEY, SecretKind.GOOGLE_API_KEY),
                found.stream().map(SecretMatch::kind).toList());
        assertEquals(List.of(2, 4, 4), found.stream().map(SecretMatch::line).toList());
        for (SecretMatch match : found) {
            assertFalse(match.toString().contains(match.secret()), match.toString());
            SecretFinding finding = new SecretFinding("config.py", match);
            assertFalse(finding.location().contains(match.secret()));
            assertTrue(finding.location().startsWith("config.py:" + match.line()));
        }
    }

    @Test
    void ordinaryTextAndCodeHaveNoSecrets() {
        assertNothingIn("""
                from huggingface_hub import hf_hub_download
                model = AutoModel.from_pretrained("bert-base-uncased")  # AKIA is a prefix, sk_live_ too
                token = os.environ["HF_TOKEN"]
                ghp_ = None; xoxb- = 2
                -----BEGIN CERTIFICATE-----
                """);
    }

    @Test
    void binaryAndOversizedFilesAreNotScanned() {
        SecretScan scan = new SecretScan();
        byte[] binary = ("\0\0\0" + AWS_KEY).getBytes(StandardCharsets.ISO_8859_1);
        scan.inspect("weights.bin", binary);
        assertTrue(scan.isEmpty());
        scan.inspect("config.txt", AWS_KEY.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("config.txt:1 (AWS access key id)", scan.findings().get(0).location());
        assertFalse(TextBlobs.isTextSized(TextBlobs.MAX_SIZE + 1));
    }
}
