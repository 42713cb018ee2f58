package org.hubguard.access;

/** Every protected operation of hubguard. The policy is the only place that decides who may do which. */
public enum Action {
    /** See a repository and its files; clone. Resource: {@link Resources.Repo}. */
    READ_REPO(Kind.READ),
    /** Push, edit and delete files. Resource: {@link Resources.Repo}. */
    WRITE_REPO(Kind.WRITE),
    /** Create a repository in a namespace. Resource: {@link Resources.Namespace}. */
    CREATE_REPO(Kind.WRITE),
    /** Delete a repository. Resource: {@link Resources.Repo}. */
    DELETE_REPO(Kind.WRITE),
    /** Rename a repository within its namespace. Resource: {@link Resources.Repo}. */
    RENAME_REPO(Kind.WRITE),
    /**
     * Move a repository to another namespace: out of an organization needs its admins (the repository is the
     * organization's, not its writers'); the target also needs CREATE_REPO. Resource: {@link Resources.Repo}.
     */
    TRANSFER_REPO(Kind.WRITE),
    /** Change a repository's settings: public or private, require signed commits. Resource: {@link Resources.Repo}. */
    CHANGE_VISIBILITY(Kind.WRITE),
    /** See an organization's members and settings. Resource: {@link Resources.Org}. */
    READ_ORG(Kind.READ),
    /** Update an organization's profile and settings (require signed commits). Resource: {@link Resources.Org}. */
    MANAGE_ORG(Kind.ORG_ADMIN),
    /** Add and remove members, change their roles. Resource: {@link Resources.Org}. */
    MANAGE_MEMBERS(Kind.ORG_ADMIN),
    /** Give the organization token a new secret. Resource: {@link Resources.Org}. */
    REFRESH_ORG_TOKEN(Kind.ORG_ADMIN),
    /** Create an organization. Resource: none. */
    CREATE_ORG(Kind.ACCOUNT),
    /** Change one's own password, resend one's own verification link. Resource: the username. */
    MANAGE_OWN_ACCOUNT(Kind.ACCOUNT),
    /** Create, list, refresh and delete one's own access tokens. Resource: the username. */
    MANAGE_TOKENS(Kind.ACCOUNT),
    /** Site administration (list users, mark emails verified, rescan every file): site administrators only. */
    ADMINISTER_USERS(Kind.ACCOUNT);

    /** What a credential must allow for the action, before the user's own rights are asked. */
    public enum Kind {
        /** Read tokens may. */
        READ,
        /** Write tokens may; fine-grained tokens with repo.write on the resource. */
        WRITE,
        /** Write tokens may; fine-grained tokens with org.write on the organization. */
        ORG_ADMIN,
        /** Only a signed-in web session, never a token. */
        ACCOUNT
    }

    private final Kind kind;

    Action(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
