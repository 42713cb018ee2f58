package org.hubguard.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * One security event, written once and never changed ({@link Immutable}: Hibernate issues no update for it,
 * and nothing in hubguard deletes one). Every field is a copy, so the event outlives what it names.
 */
@Entity
@Immutable
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    /** The Hub's scope.action style: "token.create", "repo.push_refused". */
    @Column(nullable = false, length = 64, updatable = false)
    private String event;

    /** Who did it: a username, an organization (its token), or what was typed at a failed sign-in. */
    @Column(length = 100, updatable = false)
    private String actor;

    /** How the actor proved it: "web session", "token 'ci' (write)"; never a secret. */
    @Column(length = 200, updatable = false)
    private String credential;

    @Column(length = 64, updatable = false)
    private String address;

    /** What it was done to: "alice/bert", "dataset acme/corpus", "token 'ci'", "acme". */
    @Column(length = 300, updatable = false)
    private String target;

    /** The organization the event belongs to, whose admins may read it; null for a user's own events. */
    @Column(name = "organization", length = 100, updatable = false)
    private String organization;

    @Column(nullable = false, length = 16, updatable = false)
    private String outcome;

    @Column(length = 2000, updatable = false)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(Instant occurredAt, String event, String actor, String credential, String address, String target,
               String organization, AuditOutcome outcome, String detail) {
        this.occurredAt = occurredAt;
        this.event = event;
        this.actor = clip(actor, 100);
        this.credential = clip(credential, 200);
        this.address = clip(address, 64);
        this.target = clip(target, 300);
        this.organization = organization;
        this.outcome = outcome.wireName();
        this.detail = clip(detail, 2000);
    }

    private static String clip(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getEvent() {
        return event;
    }

    public String getActor() {
        return actor;
    }

    public String getCredential() {
        return credential;
    }

    public String getAddress() {
        return address;
    }

    public String getTarget() {
        return target;
    }

    public String getOrganization() {
        return organization;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}
