package org.hubguard.scanning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.config.HubguardConfig;
import org.hubguard.git.CommitsPushed;
import org.hubguard.git.GitReader;
import org.hubguard.git.GitStorage;

/**
 * Makes sure every owed scan reaches a final verdict without anybody visiting a page:
 * <ul>
 * <li>relays the scan work of pushes and commits ({@link OwedScans}) as soon as it is recorded, and every
 * few seconds whatever is due (a relay that failed is retried with back-off);</li>
 * <li>every minute, queues again the scans that failed for a passing reason (clamd was down), waiting longer
 * after every failure (from {@code HUBGUARD_SCAN_RETRY_SECONDS}, up to an hour; never giving up), and
 * pending scans whose message seems lost;</li>
 * <li>after a start, queues the files of every branch tip that have no current result: a crash between a
 * push moving its refs and recording its work is caught here.</li>
 * </ul>
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScanReconciler {

    private static final Logger LOG = Logger.getLogger(ScanReconciler.class.getName());
    /** A pending scan older than this has probably lost its message (its row and message commit together). */
    static final Duration PENDING_FOR_TOO_LONG = Duration.ofMinutes(15);

    @Inject
    OwedScans owed;

    @Inject
    ScanQueue queue;

    @Inject
    GitReader git;

    @Inject
    HubguardConfig config;

    @PersistenceContext
    EntityManager em;

    @Resource
    TimerService timers;

    private volatile boolean relaying;

    @PostConstruct
    void soonAfterStart() {
        timers.createSingleActionTimer(Duration.ofSeconds(15).toMillis(), new TimerConfig("scan tips after start", false));
    }

    /** A push or commit recorded its work: relay it now (in the background) rather than at the next tick. */
    @Asynchronous
    public void relaySoon(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommitsPushed recorded) {
        relayDue();
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void relayDue() {
        if (relaying) {
            return; // one relay at a time; the next tick takes what is left
        }
        relaying = true;
        try {
            for (List<Long> due = owed.due(50); !due.isEmpty(); due = owed.due(50)) {
                for (Long id : due) {
                    try {
                        owed.relay(id);
                    } catch (RuntimeException e) {
                        owed.postpone(id, e);
                    }
                }
                if (due.size() < 50) {
                    break;
                }
            }
        } finally {
            relaying = false;
        }
    }

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false)
    public void retryFailedAndLost() {
        Instant now = Instant.now();
        List<FileScan> candidates = em.createQuery("select s from FileScan s where (s.status = :error and s.retryable = true) "
                        + "or (s.status = :pending and s.updatedAt < :lost)", FileScan.class)
                .setParameter("error", FileScan.Status.ERROR).setParameter("pending", FileScan.Status.PENDING)
                .setParameter("lost", now.minus(PENDING_FOR_TOO_LONG)).setMaxResults(1000).getResultList();
        for (FileScan scan : candidates) {
            if (scan.getStatus() == FileScan.Status.PENDING || now.isAfter(scan.getUpdatedAt().plus(retryDelay(scan.getScanCount())))) {
                try {
                    queue.requeue(FileScan.key(scan.getBlobId(), scan.getScanner()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Could not queue a scan again", e);
                }
            }
        }
    }

    /** The wait before retrying a scan that failed {@code failures} times: doubling from the configured base, at most an hour. */
    Duration retryDelay(int failures) {
        long seconds = config.scanRetrySeconds() << Math.min(Math.max(failures - 1, 0), 12);
        return Duration.ofSeconds(Math.min(seconds, 3600));
    }

    @Timeout
    void scanBranchTipsAfterStart() {
        for (Long id : em.createQuery("select r.id from Repository r order by r.id", Long.class).getResultList()) {
            try {
                git.resolve(id, GitStorage.MAIN).ifPresent(head -> queue.enqueueVisited(id, git.tree(id, head, "", true).orElse(List.of())));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not check the scans of repository " + id, e);
            }
        }
    }
}
