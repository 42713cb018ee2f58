package org.hubguard.config;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** Secrets the server makes for itself on first use (e.g. the key that signs LFS transfer URLs). */
@Stateless
public class ServerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    /** The secret called {@code name}: 32 random bytes, made the first time anybody asks. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public byte[] get(String name) {
        ServerSecret stored = em.find(ServerSecret.class, name);
        if (stored == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            stored = new ServerSecret(name, Base64.getEncoder().encodeToString(fresh), Instant.now());
            try {
                em.persist(stored);
                em.flush();
            } catch (PersistenceException madeConcurrently) {
                throw new IllegalStateException("The secret " + name + " was made concurrently; ask again", madeConcurrently);
            }
        }
        return Base64.getDecoder().decode(stored.getSecret());
    }
}
