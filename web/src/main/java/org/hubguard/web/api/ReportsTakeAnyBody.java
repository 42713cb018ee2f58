package org.hubguard.web.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A report to {@code POST /api/credentials/revoke} is taken whatever its Content-Type says: a scanner may send a
 * junk one, and the endpoint answers 202 to every report (a 400 would keep a leaked token live and tell the sender
 * nothing useful). A servlet filter, since the REST layer refuses a Content-Type that is no media type before any
 * of its own filters run. (Its Authorization header is ignored by the authentication mechanism.)
 */
public class ReportsTakeAnyBody extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String CONTENT_TYPE = "Content-Type";
    private static final String ANY_BYTES = "application/octet-stream";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getContentType() {
                return ANY_BYTES;
            }

            @Override
            public String getHeader(String name) {
                return CONTENT_TYPE.equalsIgnoreCase(name) ? ANY_BYTES : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(ANY_BYTES)) : super.getHeaders(name);
            }
        }, response);
    }
}
