package org.hubguard.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.hubguard.config.HubguardConfig;

/** Where users reach this hubguard: {@code HUBGUARD_BASE_URL} behind a proxy, else what the request says. */
@ApplicationScoped
public class BaseUrl {

    @Inject
    HubguardConfig config;

    /**
     * The base of links sent by email: {@code HUBGUARD_BASE_URL}, else this server on localhost. Never the
     * request's Host header, which the sender controls (a forged Host would mail the token to their site).
     */
    public String forEmail() {
        return config.publicUrl();
    }

    /** The base of URLs in API answers (the client just reached us at it). */
    public String of(HttpServletRequest request) {
        return config.baseUrl().orElseGet(() -> {
            String scheme = request.getScheme();
            int port = request.getServerPort();
            boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
        });
    }
}
