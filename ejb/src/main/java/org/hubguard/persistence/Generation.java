package org.hubguard.persistence;

import java.util.concurrent.atomic.AtomicLong;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A counter that moves on when a transaction that changed what it watches has ended: what an in-memory copy
 * of database rows keeps correct with. A copy read after taking {@link #current()} is served only while the
 * counter still says the same; since the counter moves only once the changing transaction is over, a copy read
 * before that commit is never served after it. (Moving it before the commit would not do: a read in between
 * would still see the old rows and keep them under the new number.)
 */
public final class Generation {

    private static volatile TransactionSynchronizationRegistry registry;

    private final AtomicLong value = new AtomicLong();

    public long current() {
        return value.get();
    }

    /** Called by whatever changes the rows (an entity listener): the counter moves when the transaction ends. */
    public void changed() {
        TransactionSynchronizationRegistry transactions = registry();
        if (transactions == null || transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            value.incrementAndGet();
            return;
        }
        if (transactions.getResource(this) == null) {
            transactions.putResource(this, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    value.incrementAndGet(); // committed or rolled back: moving on is never wrong
                }
            });
        }
    }

    private static TransactionSynchronizationRegistry registry() {
        if (registry == null) {
            try {
                registry = InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
            } catch (NamingException e) {
                return null; // outside the server (unit tests): every change moves the counter at once
            }
        }
        return registry;
    }
}
