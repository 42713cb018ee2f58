package org.hubguard.tokens;

import org.hubguard.access.Resources;

/**
 * The repository where a push or commit revealed tokens: its path for those who may read it, its organization
 * (whose admins read the audit event), and the facts the policy needs to tell whether a token's owner may read it.
 */
public record LeakSite(String repository, String organization, Resources.Repo resource) {
}
