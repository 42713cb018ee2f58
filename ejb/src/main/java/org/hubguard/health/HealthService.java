package org.hubguard.health;

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

import org.hubguard.scanning.ClamAvScanner;

/** Checks the database, the JMS broker and clamd for {@code GET /api/health}. */
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

    public HealthReport check() {
        Map<String, HealthReport.Check> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("jms", broker());
        checks.put("clamd", clamd());
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
