package org.hubguard.access;

/** What an action is done to, as the policy sees it: plain facts, never entities. See {@link Resources}. */
public sealed interface Resource permits Resources.Namespaced, Resources.Account, Resources.Site {
}
