package org.hubguard.audit;

/**
 * The address of the client whose request the current thread serves, for the audit log. Set by the web tier's
 * first filter and cleared when the request ends; EJB calls from the request run on its thread. Work that no
 * request started (scans) has none.
 */
public final class ClientAddress {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ClientAddress() {
    }

    public static void set(String address) {
        CURRENT.set(address);
    }

    public static void clear() {
        CURRENT.remove();
    }

    public static String current() {
        return CURRENT.get();
    }
}
