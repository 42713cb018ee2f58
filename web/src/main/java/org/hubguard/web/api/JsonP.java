package org.hubguard.web.api;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()} looks the provider up again through the
 * service loader on every call, which under JBoss Modules was most of the time of repository info for a large
 * repository (one builder per sibling) and a quarter of a listing's.
 */
public final class JsonP {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonP() {
    }
}
