package org.hubguard.accounts;

/** What owns a namespace: users and organizations share one namespace of names. */
public enum NamespaceKind {
    USER, ORGANIZATION
}
