package org.hubguard.web;

import java.util.logging.Logger;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.hubguard.config.Settings;

/** Tells the operator where hubguard answers once its pages are deployed. */
@WebListener
public class StartupBanner implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        String url = Settings.get("hubguard.base.url", "http://localhost:" + port);
        LOG.info("hubguard is ready at " + url + "/");
        if (Settings.get("hubguard.base.url").isEmpty()) {
            LOG.info("HUBGUARD_BASE_URL is not set: emailed links point at " + url + "/ (set it to the address users reach hubguard at).");
        }
    }
}
