package org.hubguard.access;

/** Every protected operation of hubguard. The policy is the only place that decides who may do which. */
public enum Action {
    /** Change one's own password, resend one's own verification link; the resource is the username. */
    MANAGE_OWN_ACCOUNT,
    /** Create, list, refresh and delete one's own access tokens; the resource is the username. */
    MANAGE_TOKENS,
    /** List users, mark emails verified: administrators only. */
    ADMINISTER_USERS
}
