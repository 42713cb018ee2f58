package org.hubguard.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.hubguard.config.Settings;

/**
 * On the first start with an empty database, creates the administrator {@code admin}: with the password
 * from {@code HUBGUARD_ADMIN_PASSWORD}, or with a generated one that is printed once to the server log and
 * kept in {@code <data dir>/hubguard/initial-admin-password} until the administrator changes it (as
 * Jenkins does).
 */
@Singleton
@Startup
public class FirstAdministrator {

    public static final String USERNAME = "admin";

    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

    @Inject
    AccountService accounts;

    @PostConstruct
    void createWhenNoAccountExists() {
        if (accounts.countUsers() > 0) {
            return;
        }
        Optional<String> configured = Settings.get("hubguard.admin.password");
        String password = configured.orElseGet(() -> SecretTokens.newPassword(20));
        if (password.length() < PasswordRules.MIN_LENGTH) {
            throw new IllegalStateException("HUBGUARD_ADMIN_PASSWORD must be at least "
                    + PasswordRules.MIN_LENGTH + " characters long.");
        }
        String email = Settings.get("hubguard.admin.email", "admin@localhost");
        accounts.createFirstAdministrator(USERNAME, email, password);
        if (configured.isPresent()) {
            LOG.info("Created the first administrator '" + USERNAME + "' with the password from HUBGUARD_ADMIN_PASSWORD.");
        } else {
            Path file = writeInitialPassword(password);
            LOG.info(String.join(System.lineSeparator(), "",
                    "*************************************************************************",
                    "hubguard created the first administrator. Sign in with:",
                    "    username: " + USERNAME,
                    "    password: " + password,
                    "The password is shown only this once; until you change it, it is also in",
                    "    " + file,
                    "*************************************************************************"));
        }
    }

    /** Removes the file with the generated password once the administrator has chosen their own. */
    static void forgetInitialPassword(User user) {
        if (USERNAME.equals(user.getUsername())) {
            try {
                Files.deleteIfExists(initialPasswordFile());
            } catch (IOException e) {
                LOG.warning("Could not delete " + initialPasswordFile() + ": " + e.getMessage());
            }
        }
    }

    private static Path writeInitialPassword(String password) {
        Path file = initialPasswordFile();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply.
            }
            Files.writeString(file, password + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path initialPasswordFile() {
        return Path.of(System.getProperty("jboss.server.data.dir", "."), "hubguard", "initial-admin-password");
    }
}
