package org.hubguard.web.repos;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.access.Action;
import org.hubguard.repos.Repository;
import org.hubguard.repos.RepositoryService;
import org.hubguard.web.Pages;

/** Backs {@code /repos/settings}: rename or move, visibility, require signed commits, delete. */
@Named("repoSettings")
@ViewScoped
public class RepositorySettingsPage extends RepositoryPage {

    private static final long serialVersionUID = 1L;

    @Inject
    RepositoryService repositories;

    private String newId;
    private String confirmName;

    /** The settings are the repository's, not a revision's: the selector is not shown here. */
    @Override
    public String urlAt(String revision) {
        return getRepo().getPath();
    }

    /** f:viewAction: only those who may change the repository see the page. */
    public void requireManager() {
        load();
        if (getRepo() != null && !isCanRename() && !isCanChangeSettings() && !isCanDelete()) {
            Pages.sendError(403, "You cannot change the settings of " + getRepo().getFullName() + ".");
        }
    }

    public boolean isCanRename() {
        return can(Action.RENAME_REPO);
    }

    public boolean isCanChangeSettings() {
        return can(Action.CHANGE_VISIBILITY);
    }

    public boolean isCanDelete() {
        return can(Action.DELETE_REPO);
    }

    public void move() {
        Pages.attempt(() -> {
            Repository moved = repositories.move(context(), newId);
            Pages.info("The repository is now " + moved.getFullName() + ".");
            Pages.redirect(moved.getPath());
        });
    }

    public void toggleVisibility() {
        Pages.attempt(() -> {
            Repository changed = repositories.setVisibility(context(), !getRepo().isPrivate());
            Pages.info(changed.getFullName() + " is now " + (changed.isPrivate() ? "private." : "public."));
            Pages.redirect(pageUrl("settings", changed, null));
        });
    }

    public void toggleRequireSigned() {
        Pages.attempt(() -> {
            Repository changed = repositories.setRequireSigned(context(), !getRepo().isRequireSigned());
            Pages.info(changed.isRequireSigned() ? "Pushes to " + changed.getFullName() + " must now carry only verified commits."
                    : changed.getFullName() + " no longer requires signed commits.");
            Pages.redirect(pageUrl("settings", changed, null));
        });
    }

    public void toggleProtectDefaultBranch() {
        Pages.attempt(() -> {
            Repository changed = repositories.setProtectDefaultBranch(context(), !getRepo().isProtectDefaultBranch());
            Pages.info(changed.isProtectDefaultBranch() ? "main can no longer be deleted or rewritten by a push."
                    : "main is no longer protected: pushes may delete or rewrite it.");
            Pages.redirect(pageUrl("settings", changed, null));
        });
    }

    public void toggleBlockUnsafeDownloads() {
        Pages.attempt(() -> {
            Repository changed = repositories.setBlockUnsafeDownloads(context(), !getRepo().isBlockUnsafeDownloads());
            Pages.info(changed.isBlockUnsafeDownloads() ? "Files found unsafe are no longer served."
                    : "Files found unsafe are served again (marked unsafe in X-Scan-Status and on the pages).");
            Pages.redirect(pageUrl("settings", changed, null));
        });
    }

    public void toggleAllowSecrets() {
        Pages.attempt(() -> {
            Repository changed = repositories.setAllowSecrets(context(), !getRepo().isAllowSecrets());
            Pages.info(changed.isAllowSecrets() ? "Pushes may now contain secrets (live hubguard tokens are still refused and revoked)."
                    : "Pushes with secrets are refused again.");
            Pages.redirect(pageUrl("settings", changed, null));
        });
    }

    /** Whether main is protected for another reason than the repository's own setting. */
    public boolean isDefaultBranchProtectedOtherwise() {
        Repository repo = getRepo();
        return repo != null && !repo.isProtectDefaultBranch() && !repositories.protectedRefs(repo).isEmpty();
    }

    public boolean isOrganizationRequiresSigned() {
        Repository repo = getRepo();
        return repo != null && !repo.isRequireSigned() && repositories.requiresSignedCommits(repo);
    }

    public void delete() {
        Repository repo = getRepo();
        if (repo == null || confirmName == null || !confirmName.trim().equals(repo.getFullName())) {
            Pages.error(null, "Type " + (repo == null ? "the repository's full name" : repo.getFullName()) + " to confirm the deletion.");
            return;
        }
        Pages.attempt(() -> {
            repositories.delete(context());
            Pages.info("The repository " + repo.getFullName() + " was deleted.");
            Pages.redirect("/");
        });
    }

    public String getNewId() {
        if (newId == null && getRepo() != null) {
            newId = getRepo().getFullName();
        }
        return newId;
    }

    public void setNewId(String newId) {
        this.newId = newId;
    }

    public String getConfirmName() {
        return confirmName;
    }

    public void setConfirmName(String confirmName) {
        this.confirmName = confirmName;
    }
}
