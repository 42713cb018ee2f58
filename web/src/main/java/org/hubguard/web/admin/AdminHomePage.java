package org.hubguard.web.admin;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.hubguard.accounts.AccountService;
import org.hubguard.health.HealthReport;
import org.hubguard.health.HealthService;

/**
 * Backs the administrators' landing page {@code /-/admin}: how many users there are, the server's health with
 * its details (database, JMS, clamd, disk, the scan backlog) and the rescan button. The web.xml constraint lets
 * only administrators in.
 */
@Named
@RequestScoped
public class AdminHomePage {

    @Inject
    AccountService accounts;

    @Inject
    HealthService health;

    private HealthReport report;

    public long getUserCount() {
        return accounts.countUsers();
    }

    public HealthReport getHealth() {
        if (report == null) {
            report = health.check();
        }
        return report;
    }

    /** The checks as rows (name, check), in the report's order. */
    public List<Map.Entry<String, HealthReport.Check>> getChecks() {
        return List.copyOf(getHealth().checks().entrySet());
    }
}
