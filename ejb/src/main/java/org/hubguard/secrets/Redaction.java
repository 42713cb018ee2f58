package org.hubguard.secrets;

import java.nio.charset.StandardCharsets;

/**
 * Takes the secrets out of a text that is shown or stored: a path or message that carried one ("creds/hf_....txt"),
 * a refusal, an audit detail. Each secret becomes {@value #MARK}.
 */
public final class Redaction {

    public static final String MARK = "[secret]";

    private Redaction() {
    }

    /** {@code text} with every secret the rules recognize replaced by {@value #MARK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (SecretMatch match : SecretRules.find(text.getBytes(StandardCharsets.UTF_8))) {
            redacted = redacted.replace(match.secret(), MARK);
        }
        return redacted;
    }
}
