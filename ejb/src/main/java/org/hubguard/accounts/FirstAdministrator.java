package org.hubguard.accounts;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;

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

    @Inject
    HubguardConfig config;

    @Inject
    InitialAdminPassword initialPassword;

    @PostConstruct
    void createWhenNoAccountExists() {
        if (accounts.countUsers() > 0) {
            return;
        }
        Optional<String> configured = config.adminPassword();
        String password = configured.orElseGet(() -> SecretTokens.newPassword(20));
        if (password.length() < PasswordRules.MIN_LENGTH) {
            throw new IllegalStateException("HUBGUARD_ADMIN_PASSWORD must be at least "
                    + PasswordRules.MIN_LENGTH + " characters long.");
        }
        accounts.createFirstAdministrator(USERNAME, config.adminEmail(), password);
        if (configured.isPresent()) {
            LOG.info("Created the first administrator '" + USERNAME + "' with the password from HUBGUARD_ADMIN_PASSWORD.");
        } else {
            Path file = initialPassword.write(password);
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
}
