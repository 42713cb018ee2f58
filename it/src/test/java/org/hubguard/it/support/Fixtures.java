package org.hubguard.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.hubguard.accounts.SecretTokens;
import org.hubguard.tokens.TokenFormat;

/**
 * Test fixtures written straight into the test database, for tests that need many tokens quickly. The
 * server still authenticates them through its real path (digest lookup); issuing tokens through the page
 * is tested on its own in TokensIT.
 */
public final class Fixtures {

    /** One grant row: scope kind (GLOBAL, USER, ORG, MODEL, DATASET), scope name or null, permission enum name. */
    public record Grant(String scopeKind, String scopeName, String permission) {
    }

    private Fixtures() {
    }

    /** A token of {@code username} with {@code role} (READ, WRITE, FINE_GRAINED) and grants; returns its secret. */
    public static String insertToken(String username, String role, List<Grant> grants) throws SQLException {
        String secret = TokenFormat.generate();
        try (Connection db = TestServer.database()) {
            long userId;
            try (PreparedStatement q = db.prepareStatement("select u.id from users u join namespaces n on n.id = u.namespace_id where n.name_key = lower(?)")) {
                q.setString(1, username);
                try (ResultSet row = q.executeQuery()) {
                    row.next();
                    userId = row.getLong(1);
                }
            }
            long tokenId;
            try (PreparedStatement insert = db.prepareStatement("insert into access_tokens (user_id, name, role, token_hash, last_four, created_at) "
                    + "values (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, userId);
                insert.setString(2, "fixture-" + secret.substring(3, 15));
                insert.setString(3, role);
                insert.setString(4, SecretTokens.sha256(secret));
                insert.setString(5, TokenFormat.lastFour(secret));
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    tokenId = keys.getLong(1);
                }
            }
            for (Grant grant : grants) {
                try (PreparedStatement insert = db.prepareStatement("insert into access_token_grants (token_id, scope_kind, scope_name, permission) values (?, ?, ?, ?)")) {
                    insert.setLong(1, tokenId);
                    insert.setString(2, grant.scopeKind());
                    insert.setString(3, grant.scopeName());
                    insert.setString(4, grant.permission());
                    insert.executeUpdate();
                }
            }
        }
        return secret;
    }
}
