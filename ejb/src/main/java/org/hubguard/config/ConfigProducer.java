package org.hubguard.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the one {@link HubguardConfig} of this server injectable; it is read when first needed at start-up. */
@jakarta.enterprise.context.ApplicationScoped
public class ConfigProducer {

    @Produces
    @Singleton
    HubguardConfig config() {
        return HubguardConfig.fromEnvironment();
    }
}
