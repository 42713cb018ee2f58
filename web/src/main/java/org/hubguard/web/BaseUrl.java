package org.hubguard.web;

import jakarta.servlet.http.HttpServletRequest;

import org.hubguard.config.Settings;

/** Where users reach this hubguard: {@code HUBGUARD_BASE_URL} behind a proxy, else what the request says. */
public final class BaseUrl {

    private BaseUrl() {
    }

    /**
     * The base of links sent by email: {@code HUBGUARD_BASE_URL}, else this server on localhost. Never the
     * request's Host header, which the sender controls (a forged Host would mail the token to their site).
     */
    public static String forEmail() {
        return Settings.get("hubguard.base.url").orElseGet(() -> "http://localhost:"
                + (Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0)));
    }

    public static String of(HttpServletRequest request) {
        return Settings.get("hubguard.base.url").orElseGet(() -> {
            String scheme = request.getScheme();
            int port = request.getServerPort();
            boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
        });
    }
}
