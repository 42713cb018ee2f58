package org.hubguard.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/** Unique test accounts, and what the database holds about them. */
public final class Users {

    public static final String PASSWORD = "correct-horse-battery-staple";

    private Users() {
    }

    /** A username no other test uses, e.g. "alice-4f2a9c". */
    public static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    public static String emailOf(String username) {
        return username + "@example.test";
    }

    public static int countByUsername(String username) throws SQLException {
        return count("select count(*) from namespaces where name_key = lower(?)", username);
    }

    public static int countByEmail(String email) throws SQLException {
        return count("select count(*) from users where email = lower(?)", email);
    }

    public static boolean emailVerified(String username) throws SQLException {
        try (Connection db = TestServer.database();
             PreparedStatement query = db.prepareStatement(
                     "select u.email_verified from users u join namespaces n on n.id = u.namespace_id where n.name_key = lower(?)")) {
            query.setString(1, username);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no user " + username);
                }
                return row.getBoolean(1);
            }
        }
    }

    private static int count(String sql, String value) throws SQLException {
        try (Connection db = TestServer.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
