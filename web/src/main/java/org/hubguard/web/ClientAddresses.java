package org.hubguard.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.audit.ClientAddress;

/**
 * Tells the audit log whose request this thread serves (the client's address, as Undertow sees it: behind a
 * proxy, with proxy-address-forwarding on, the client's own), for exactly as long as the request lasts.
 */
public class ClientAddresses extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        ClientAddress.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            ClientAddress.clear();
        }
    }
}
