package org.hubguard.web.signing;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.AccessDeniedException;
import org.hubguard.access.Action;
import org.hubguard.access.HubguardException;
import org.hubguard.access.Resources;
import org.hubguard.access.Policy;
import org.hubguard.signing.GpgKey;
import org.hubguard.signing.GpgKeyException;
import org.hubguard.signing.GpgKeyService;
import org.hubguard.signing.ParsedKey;
import org.hubguard.web.Pages;
import org.hubguard.web.auth.CurrentCaller;

/** Backs {@code /settings/gpg-keys}: paste, list and delete GPG public keys. */
@Named
@RequestScoped
public class GpgKeysPage {

    @Inject
    GpgKeyService keys;

    @Inject
    Policy policy;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private String armored;
    private List<GpgKey> list;

    /** Keys are account settings: only a signed-in web session manages them. */
    public void checkAccess() throws IOException {
        if (!policy.allows(caller.get(), Action.MANAGE_OWN_ACCOUNT, new Resources.Account(caller.getUsername()))) {
            faces.getExternalContext().responseSendError(HttpServletResponse.SC_FORBIDDEN, "Sign in to hubguard's web pages to manage keys.");
            faces.responseComplete();
        }
    }

    public List<GpgKey> getKeys() {
        if (list == null) {
            list = keys.list(caller.get());
        }
        return list;
    }

    public boolean isVerifiedEmail(String email) {
        return caller.get().isUser() && keys.isVerifiedEmailOf(caller.getUsername(), email);
    }

    public void add() {
        try {
            GpgKey key = keys.add(caller.get(), armored);
            List<String> ignored = key.parsed().ignored().stream().map(ParsedKey.Ignored::describe).toList();
            Pages.info("Added the key " + key.getFingerprint() + "." + (ignored.isEmpty() ? ""
                    : " Not used, because the key's own signatures do not prove it: " + String.join("; ", ignored) + "."));
            Pages.redirect("/settings/gpg-keys");
        } catch (HubguardException e) {
            Pages.error("keys:armored", e.getMessage()); // next to the key that was refused
        }
    }

    public void delete(long id) {
        Pages.attempt(() -> {
            keys.delete(caller.get(), id);
            Pages.info("The key was deleted; commits signed with it are no longer verified.");
            Pages.redirect("/settings/gpg-keys");
        });
    }

    public String getArmored() {
        return armored;
    }

    public void setArmored(String armored) {
        this.armored = armored;
    }
}
