package org.hubguard.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import org.hubguard.config.HubguardConfig;
import org.hubguard.scanning.ClamAvScanner;
import org.hubguard.scanning.FileScan;

/**
 * Checks the database, the JMS broker, clamd, the data disk and the scan backlog for {@code GET /api/health}.
 * The data disk is down (503) when writes would fail: below {@code HUBGUARD_DISK_CRITICAL_FREE_BYTES} free;
 * a warning below {@code HUBGUARD_DISK_WARNING_FREE_BYTES}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthService {

    @Resource(lookup = "java:jboss/datasources/HubguardDS")
    DataSource dataSource;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/queue/hubguard/scans")
    Queue scanQueue;

    @jakarta.inject.Inject
    ClamAvScanner clamAv;

    @jakarta.inject.Inject
    HubguardConfig config;

    @jakarta.persistence.PersistenceContext
    jakarta.persistence.EntityManager em;

    public HealthReport check() {
        Map<String, HealthReport.Check> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("jms", broker());
        checks.put("clamd", clamd());
        checks.put("disk", disk());
        checks.put("scans", scanBacklog());
        return HealthReport.of(Collections.unmodifiableMap(checks));
    }

    private HealthReport.Check database() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(5)) {
                return HealthReport.Check.down("the database connection is not valid");
            }
            DatabaseMetaData meta = connection.getMetaData();
            return HealthReport.Check.up(meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (Exception e) {
            return HealthReport.Check.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private HealthReport.Check clamd() {
        try {
            return HealthReport.Check.up(clamAv.version() + " at " + clamAv.address());
        } catch (ClamAvScanner.ScannerUnavailable e) {
            return HealthReport.Check.down(e.getMessage());
        }
    }

    private HealthReport.Check disk() {
        try {
            Path dataDir = config.dataDir();
            Files.createDirectories(dataDir);
            long free = Files.getFileStore(dataDir).getUsableSpace();
            String detail = (free / (1024 * 1024)) + " MiB free in " + dataDir;
            return free < config.diskCriticalFreeBytes() ? HealthReport.Check.down(detail + ": writes would fail")
                    : free < config.diskWarningFreeBytes() ? HealthReport.Check.warning(detail) : HealthReport.Check.up(detail);
        } catch (IOException e) {
            return HealthReport.Check.down("cannot read the data directory: " + e.getMessage());
        }
    }

    /** How many scans are waiting: files pending a verdict. */
    private HealthReport.Check scanBacklog() {
        try {
            long pending = em.createQuery("select count(s) from FileScan s where s.status = :pending", Long.class)
                    .setParameter("pending", FileScan.Status.PENDING).getSingleResult();
            return HealthReport.Check.up(pending + " scans pending");
        } catch (RuntimeException e) {
            return HealthReport.Check.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private HealthReport.Check broker() {
        try (JMSContext context = connectionFactory.createContext();
             QueueBrowser browser = context.createBrowser(scanQueue)) {
            browser.getEnumeration().hasMoreElements();
            return HealthReport.Check.up("queue " + scanQueue.getQueueName() + " reachable");
        } catch (Exception e) {
            return HealthReport.Check.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
