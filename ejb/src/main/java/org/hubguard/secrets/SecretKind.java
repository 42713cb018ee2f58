package org.hubguard.secrets;

/**
 * The kinds of secret push protection recognizes: each a published format with a distinctive prefix, so
 * that ordinary text (and the examples in documentation) rarely looks like one.
 */
public enum SecretKind {
    /** hubguard's own token, recognized offline by its checksum; looked up, and revoked when live. */
    HUBGUARD_TOKEN("hubguard access token"),
    HUGGING_FACE_TOKEN("Hugging Face token"),
    AWS_ACCESS_KEY_ID("AWS access key id"),
    GITHUB_TOKEN("GitHub token"),
    GITLAB_TOKEN("GitLab personal access token"),
    PRIVATE_KEY("private key"),
    SLACK_TOKEN("Slack token"),
    SLACK_WEBHOOK("Slack incoming webhook URL"),
    STRIPE_LIVE_KEY("Stripe live secret key"),
    GOOGLE_API_KEY("Google API key");

    private final String description;

    SecretKind(String description) {
        this.description = description;
    }

    /** What the refusal calls it ("AWS access key id"). */
    public String description() {
        return description;
    }
}
