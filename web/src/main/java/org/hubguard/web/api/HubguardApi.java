package org.hubguard.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, at the paths the Hugging Face Hub uses. */
@ApplicationPath("/api")
public class HubguardApi extends Application {
}
