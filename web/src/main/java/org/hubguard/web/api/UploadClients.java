package org.hubguard.web.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What hubguard must know about the uploading client to choose how files travel. */
final class UploadClients {

    /** huggingface_hub from 1.20 on sends every file the server puts in LFS through Xet when hf_xet is installed (its default). */
    private static final Pattern PYTHON_CLIENT = Pattern.compile("(?:^|[;\\s])hf_hub/(\\d+)\\.(\\d+)");

    private UploadClients() {
    }

    /**
     * Whether the client would upload "lfs" files only through Xet storage, with no fallback to the LFS batch
     * API: huggingface_hub 1.20 and later (huggingface_hub/_commit_api.py, _upload_files). The User-Agent
     * does not say whether hf_xet is installed, so such clients are sent to the inline path.
     */
    static boolean insistsOnXet(String userAgent) {
        if (userAgent == null) {
            return false;
        }
        Matcher version = PYTHON_CLIENT.matcher(userAgent);
        if (!version.find()) {
            return false;
        }
        int major = Integer.parseInt(version.group(1));
        int minor = Integer.parseInt(version.group(2));
        return major > 1 || major == 1 && minor >= 20;
    }
}
