package org.hubguard.access;

/** What an action is done to, as the policy sees it: plain facts, no entities. */
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

    /** Resources that belong to one user's or organization's namespace. */
    public sealed interface Namespaced permits Repo, Namespace, Org {
        String namespace();

        boolean orgNamespace();
    }
}
