package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.hubguard.signing.GpgKeyException;
import org.hubguard.signing.GpgKeys;
import org.hubguard.signing.KeyFingerprint;
import org.hubguard.signing.ParsedKey;

/**
 * Keys uploaded before V9 are proven again with the current parser: their fingerprints are indexed and
 * their stored emails, expiry and revocation become what their verified self-signatures say. A stored key
 * that the parser now refuses (not version 4) could never be looked up again and is removed. SQL cannot
 * parse OpenPGP, hence Java.
 */
public class V9_1__Index_gpg_key_fingerprints extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V9_1__Index_gpg_key_fingerprints.class.getName());

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        try (Statement select = db.createStatement();
             ResultSet keys = select.executeQuery("SELECT id, armored FROM gpg_keys ORDER BY id");
             PreparedStatement index = db.prepareStatement("INSERT INTO gpg_key_fingerprints (gpg_key_id, fingerprint, key_id) VALUES (?, ?, ?)");
             PreparedStatement update = db.prepareStatement("UPDATE gpg_keys SET emails = ?, expires_at = ?, revoked = ? WHERE id = ?");
             PreparedStatement delete = db.prepareStatement("DELETE FROM gpg_keys WHERE id = ?")) {
            while (keys.next()) {
                long id = keys.getLong(1);
                ParsedKey parsed;
                try {
                    parsed = GpgKeys.parse(keys.getString(2));
                } catch (GpgKeyException e) {
                    LOG.warning("Removed the uploaded GPG key " + id + ", which cannot be used any more: " + e.getMessage());
                    delete.setLong(1, id);
                    delete.executeUpdate();
                    continue;
                }
                for (String fingerprint : parsed.allFingerprints()) {
                    index.setLong(1, id);
                    index.setString(2, fingerprint);
                    index.setString(3, KeyFingerprint.keyIdOf(fingerprint));
                    index.executeUpdate();
                }
                update.setString(1, String.join(",", parsed.emails()));
                update.setObject(2, parsed.expires() == null ? null : OffsetDateTime.ofInstant(parsed.expires(), ZoneOffset.UTC));
                update.setBoolean(3, parsed.revoked());
                update.setLong(4, id);
                update.executeUpdate();
            }
        }
    }
}
