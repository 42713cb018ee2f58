package org.hubguard.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V9 and its Java part V9_1 on H2 (as WildFly ships it), over keys stored before keys were proven: a real
 * gpg key with a forged subkey binding and an unproven user ID, and a key the parser now refuses.
 */
class KeyFingerprintsMigrationTest {

    private static final String URL = "jdbc:h2:mem:key-fingerprints;DB_CLOSE_DELAY=-1";

    @Test
    void keysStoredBeforeV9AreIndexedByWhatTheyProve() throws Exception {
        String fpr;
        String signing;
        String stored;
        try (GpgFixture gpg = new GpgFixture()) {
            fpr = gpg.newKey("Old", "old@example.test", "ed25519", "sign,cert");
            signing = gpg.addSubkey(fpr, "ed25519", "sign");
            gpg.addUserId(fpr, "Old (forged) <forged@example.test>");
            byte[] export = gpg.exportBinary(fpr);
            var ring = Forgery.ring(export);
            PGPSignature binding = Forgery.only(Forgery.key(ring, signing).getSignaturesOfType(PGPSignature.SUBKEY_BINDING));
            PGPSignature certification = Forgery.only(ring.getPublicKey().getSignaturesForID("Old (forged) <forged@example.test>"));
            stored = Forgery.armor(Forgery.flipLastByteOf(Forgery.flipLastByteOf(export, binding), certification));
        }
        String version6 = new BcOpenPGPApi().generateKey(6).ed25519x25519Key("Six <six@example.test>").build().toCertificate().toAsciiArmoredString();

        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target("7").load().migrate();
        try (Connection db = DriverManager.getConnection(URL, "sa", "")) {
            long user = insertUser(db);
            long key = insertKey(db, user, fpr, "old@example.test,forged@example.test", stored);
            long refused = insertKey(db, user, "6".repeat(64), "six@example.test", version6);
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate("INSERT INTO gpg_key_ids (gpg_key_id, key_id) VALUES (" + key + ", '" + fpr.substring(24) + "')");
            }

            Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();

            assertEquals(List.of(fpr + " " + fpr.substring(24), signing + " " + signing.substring(24)),
                    rows(db, "SELECT fingerprint, key_id FROM gpg_key_fingerprints WHERE gpg_key_id = " + key + " ORDER BY fingerprint = '" + fpr + "' DESC"),
                    "the primary key and the unbound subkey, so a signature by it can be told apart");
            assertEquals(List.of("old@example.test"), rows(db, "SELECT emails FROM gpg_keys WHERE id = " + key), "only certified emails");
            assertEquals(List.of(), rows(db, "SELECT id FROM gpg_keys WHERE id = " + refused), "a key that cannot be used any more is gone");
            assertEquals(List.of("2"), rows(db, "SELECT generation FROM signature_generation"), "cached verdicts are recomputed");
            assertTrue(rows(db, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\"").containsAll(List.of("9", "9.1")));
            assertThrows(SQLException.class, () -> rows(db, "SELECT * FROM gpg_key_ids"));
            assertFalse(rows(db, "SELECT expires_at FROM gpg_keys WHERE id = " + key).contains("null"), "the expiry of the newest self-signature");
        }
    }

    private static long insertUser(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate("INSERT INTO namespaces (name, name_key, kind, created_at) VALUES ('old', 'old', 'USER', CURRENT_TIMESTAMP)",
                    Statement.RETURN_GENERATED_KEYS);
            long namespace = generated(statement);
            statement.executeUpdate("INSERT INTO users (namespace_id, email, email_verified, password_hash, is_admin, failed_sign_ins, created_at) "
                    + "VALUES (" + namespace + ", 'old@example.test', TRUE, 'x', FALSE, 0, CURRENT_TIMESTAMP)", Statement.RETURN_GENERATED_KEYS);
            return generated(statement);
        }
    }

    private static long insertKey(Connection db, long user, String fingerprint, String emails, String armored) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO gpg_keys (user_id, fingerprint, key_id, emails, key_created, revoked, armored, uploaded_at) "
                + "VALUES (?, ?, ?, ?, ?, FALSE, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, user);
            insert.setString(2, fingerprint);
            insert.setString(3, fingerprint.substring(fingerprint.length() - 16));
            insert.setString(4, emails);
            insert.setObject(5, OffsetDateTime.now());
            insert.setString(6, armored);
            insert.setObject(7, OffsetDateTime.now());
            insert.executeUpdate();
            return generated(insert);
        }
    }

    private static long generated(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static List<String> rows(Connection db, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    columns.add(result.getString(i));
                }
                rows.add(String.join(" ", columns));
            }
        }
        return rows;
    }
}
