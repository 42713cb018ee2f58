package org.hubguard.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.hubguard.audit.AuditLog;
import org.hubguard.audit.AuditOutcome;
import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.Caller;
import org.hubguard.access.Denial;
import org.hubguard.access.Policy;
import org.hubguard.access.Resources;

/** Accounts: sign-up, sign-in with throttling, password changes, and what administrators do to users. */
@Stateless
public class AccountService {

    /** Deliberately loose: one '@', something on both sides, a dot in the domain. Verification proves the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    InitialAdminPassword initialPassword;

    @Inject
    PasswordHasher passwords;

    @Inject
    EmailVerificationService verifications;

    @Inject
    Policy policy;

    @Inject
    jakarta.enterprise.event.Event<EmailVerified> verifiedEvents;

    private final Clock clock = Clock.systemUTC();
    @Inject
    SignInGuard guard;

    /**
     * Creates an account and sends its email verification link (after the transaction commits).
     *
     * @param baseUrl where this hubguard is reached, for the link
     * @throws AccountException for bad input; nothing is stored then
     */
    public User signUp(String username, String email, String password, String baseUrl) {
        String name = username == null ? "" : username.trim();
        String address = normalizeEmail(email);
        NameRules.problemWith(name).ifPresent(problem -> {
            throw new AccountException("username", problem);
        });
        if (!EMAIL.matcher(address).matches() || address.length() > 254) {
            throw new AccountException("email", "Enter a valid email address.");
        }
        PasswordRules.problemWith(password, name).ifPresent(problem -> {
            throw new AccountException("password", problem);
        });
        User user = create(name, address, password);
        verifications.send(user, baseUrl);
        return user;
    }

    /** The first administrator's account: verified email, admin rights. Only {@link FirstAdministrator} calls it. */
    public User createFirstAdministrator(String username, String email, String password) {
        User admin = create(username, normalizeEmail(email), password);
        admin.grantAdmin();
        admin.markEmailVerified();
        return admin;
    }

    private User create(String name, String address, String password) {
        if (namespaceTaken(name)) {
            throw new AccountException("username", "The name '" + name + "' is already taken.");
        }
        if (findByEmail(address).isPresent()) {
            throw new AccountException("email", "An account with this email address already exists.");
        }
        Instant now = clock.instant();
        User user = new User(new Namespace(name, NamespaceKind.USER, now), address, passwords.hash(password), now);
        em.persist(user);
        try {
            em.flush(); // a concurrent sign-up with the same name or address fails here, on the unique keys
        } catch (PersistenceException e) {
            throw new AccountException("username", "The name '" + name + "' or this email address was just taken; choose another.");
        }
        return user;
    }

    /**
     * Checks a sign-in by username or email from a client address. Wrong passwords slow down that address for
     * that account ({@link SignInGuard}); the owner signing in from elsewhere is not held up.
     */
    static final String SIGN_IN = "user.login";

    public SignInResult signIn(String login, String password, String address) {
        Optional<User> found = findByLogin(login);
        if (found.isEmpty()) {
            passwords.spendVerificationTime(password == null ? "" : password);
            // what was typed is not logged: people type passwords into the wrong field
            audit.recordSignIn(SIGN_IN, null, address, AuditOutcome.FAILURE, "unknown account");
            return new SignInResult.Rejected();
        }
        User user = found.get();
        Optional<java.time.Instant> wait = guard.waitUntil(user.getId(), address);
        if (wait.isPresent()) {
            audit.recordSignIn(SIGN_IN, user.getUsername(), address, AuditOutcome.REFUSED, "locked out until " + wait.get());
            return new SignInResult.Locked(wait.get());
        }
        if (password == null || !passwords.matches(password, user.getPasswordHash())) {
            audit.recordSignIn(SIGN_IN, user.getUsername(), address, AuditOutcome.FAILURE, "wrong password");
            Optional<java.time.Instant> lockedUntil = guard.recordFailure(user.getId(), address);
            lockedUntil.ifPresent(until -> audit.recordSignIn("user.lockout", user.getUsername(), address, AuditOutcome.SUCCESS,
                    "too many wrong passwords; this address waits until " + until));
            return lockedUntil.<SignInResult>map(SignInResult.Locked::new).orElseGet(SignInResult.Rejected::new);
        }
        guard.recordSuccess(user.getId(), address);
        audit.recordSignIn(SIGN_IN, user.getUsername(), address, AuditOutcome.SUCCESS, null);
        return new SignInResult.SignedIn(user.getUsername(), user.isAdmin());
    }

    /** Until when this address must wait before trying this login again, if it must. */
    public Optional<java.time.Instant> waitUntil(String login, String address) {
        return findByLogin(login).flatMap(user -> guard.waitUntil(user.getId(), address));
    }

    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        User user = findByUsername(caller.username())
                .orElseThrow(() -> new AccessDeniedException(Denial.NOT_SIGNED_IN));
        policy.require(caller, Action.MANAGE_OWN_ACCOUNT, new Resources.Account(user.getUsername()));
        if (currentPassword == null || !passwords.matches(currentPassword, user.getPasswordHash())) {
            throw new AccountException("currentPassword", "The current password is not correct.");
        }
        PasswordRules.problemWith(newPassword, user.getUsername()).ifPresent(problem -> {
            throw new AccountException("newPassword", problem);
        });
        user.setPasswordHash(passwords.hash(newPassword));
        initialPassword.forget(user);
    }

    /** Sends a fresh verification link to the caller's address. */
    public void resendVerification(Caller caller, String baseUrl) {
        User user = findByUsername(caller.username())
                .orElseThrow(() -> new AccessDeniedException(Denial.NOT_SIGNED_IN));
        policy.require(caller, Action.MANAGE_OWN_ACCOUNT, new Resources.Account(user.getUsername()));
        if (user.isEmailVerified()) {
            throw new AccountException(null, "Your email address is already verified.");
        }
        verifications.send(user, baseUrl);
    }

    /** For installations without mail: an administrator vouches for a user's address. */
    public void markEmailVerified(Caller caller, String username) {
        policy.require(caller, Action.ADMINISTER_USERS, Resources.SITE);
        User user = findByUsername(username)
                .orElseThrow(() -> new AccountException(null, "There is no user '" + username + "'."));
        user.markEmailVerified();
        verifiedEvents.fire(new EmailVerified(user.getUsername()));
    }

    public List<User> listUsers(Caller caller) {
        policy.require(caller, Action.ADMINISTER_USERS, Resources.SITE);
        return em.createQuery("select u from User u order by u.namespace.nameKey", User.class).getResultList();
    }

    public Optional<User> findByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select u from User u where u.namespace.nameKey = :key", User.class)
                .setParameter("key", Namespace.keyOf(username.trim()))
                .getResultStream().findFirst();
    }

    public long countUsers() {
        return em.createQuery("select count(u) from User u", Long.class).getSingleResult();
    }

    private Optional<User> findByLogin(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        return login.contains("@") ? findByEmail(normalizeEmail(login)) : findByUsername(login);
    }

    private Optional<User> findByEmail(String address) {
        return em.createQuery("select u from User u where u.email = :email", User.class)
                .setParameter("email", address)
                .getResultStream().findFirst();
    }

    /** Whether a user or an organization already has this name (in any case). */
    public boolean namespaceTaken(String name) {
        return em.createQuery("select count(n) from Namespace n where n.nameKey = :key", Long.class)
                .setParameter("key", Namespace.keyOf(name))
                .getSingleResult() > 0;
    }

    private static String normalizeEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
