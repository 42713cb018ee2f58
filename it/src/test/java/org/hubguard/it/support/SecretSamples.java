package org.hubguard.it.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample of each secret kind push protection knows besides hubguard's own tokens, by the description the
 * refusal uses. Assembled from pieces, so this file itself does not look like a leak.
 */
public final class SecretSamples {

    private SecretSamples() {
    }

    public static Map<String, String> byDescription() {
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("Hugging Face token", "hf_" + "abcdefghijklmnopqrstuvwxyzABCDEFGH");
        samples.put("AWS access key id", "AKIA" + "Z7Q2WXR4M5NBV3CD");
        samples.put("GitHub token", "ghp" + "_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
        samples.put("GitLab personal access token", "glpat" + "-" + "xY9_zW8-vU7tS6rQ5pO4");
        samples.put("private key", "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                + "QyNTUxOQAAACDp0b2x8xT1nqkVw1RkT3r2ZJ3pXq2Ylq8R6y1x4o3y6wAAAJgL9d2mC/Xd\n"
                + "-----END OPENSSH " + "PRIVATE KEY-----");
        samples.put("Slack token", "xox" + "b-" + "1234567890123-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx");
        samples.put("Slack incoming webhook URL", "https://hooks.slack.com/services/" + "T0123ABCD/B0456EFGH/" + "abcdefghijklmnopqrstuvwx");
        samples.put("Stripe live secret key", "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc");
        samples.put("Google API key", "AI" + "za" + "SyD-1234567890abcdefghijklmnopqrstu");
        return samples;
    }
}
