package org.hubguard.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.hubguard.config.HubguardConfig;

/**
 * The session cookie is HttpOnly and SameSite=Lax (web.xml, WEB-INF/undertow-handlers.conf), Secure on
 * HTTPS requests (undertow-handlers.conf), and always Secure when users reach hubguard over HTTPS
 * ({@code HUBGUARD_BASE_URL}), even where a proxy in front speaks plain HTTP to the server.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Inject
    HubguardConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (config.publicUrl().startsWith("https://")) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }
}
