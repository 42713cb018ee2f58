package org.hubguard.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;

/**
 * The file {@code <data dir>/hubguard/initial-admin-password}: the generated password of the first
 * administrator, readable only by the server's user, kept until they choose their own (as Jenkins does).
 */
@ApplicationScoped
public class InitialAdminPassword {

    private static final Logger LOG = Logger.getLogger(InitialAdminPassword.class.getName());

    @Inject
    HubguardConfig config;

    public Path file() {
        return config.dataDir().resolve("initial-admin-password");
    }

    Path write(String password) {
        Path file = file();
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

    /** Removes the file once the first administrator has chosen their own password. */
    void forget(User user) {
        if (FirstAdministrator.USERNAME.equals(user.getUsername())) {
            try {
                Files.deleteIfExists(file());
            } catch (IOException e) {
                LOG.warning("Could not delete " + file() + ": " + e.getMessage());
            }
        }
    }
}
