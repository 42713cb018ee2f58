package org.hubguard.web;

import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.hubguard.config.HubguardConfig;

/** Tells the operator where hubguard answers once its pages are deployed. */
@WebListener
public class StartupBanner implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Inject
    HubguardConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String url = config.publicUrl();
        LOG.info("hubguard is ready at " + url + "/");
        if (config.baseUrl().isEmpty()) {
            LOG.info("HUBGUARD_BASE_URL is not set: emailed links point at " + url + "/ (set it to the address users reach hubguard at).");
        }
    }
}
