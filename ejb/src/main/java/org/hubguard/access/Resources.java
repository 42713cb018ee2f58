package org.hubguard.access;

/** The kinds of {@link Resource} the policy decides on. */
public final class Resources {

    private Resources() {
    }

    /** A repository; {@code type} is "model" or "dataset", {@code createdBy} the creator's username or null. */
    public record Repo(String type, String namespace, boolean orgNamespace, String name, boolean isPrivate, String createdBy)
            implements Namespaced {

        public String fullName() {
            return namespace + "/" + name;
        }
    }

    /** A namespace to create a repository in. */
    public record Namespace(String namespace, boolean orgNamespace) implements Namespaced {
    }

    /** An organization, for its profile, members and token. */
    public record Org(String name) implements Namespaced {

        @Override
        public String namespace() {
            return name;
        }

        @Override
        public boolean orgNamespace() {
            return true;
        }
    }

    /** A user's own account: password, verification mails, tokens, GPG keys. */
    public record Account(String username) implements Resource {
    }

    /** The hubguard site as a whole: creating organizations, administration. */
    public record Site() implements Resource {
    }

    public static final Site SITE = new Site();

    /** Resources that belong to one user's or organization's namespace. */
    public sealed interface Namespaced extends Resource permits Repo, Namespace, Org {
        String namespace();

        boolean orgNamespace();
    }
}
