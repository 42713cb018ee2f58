package org.hubguard.it.support;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The hubguard under test: the EAR exactly as the build made it, deployed to the WildFly of
 * arquillian.xml. Test classes extend this for its deployment and settings.
 */
public abstract class TestServer {

    public static final String BASE_URL = "http://127.0.0.1:" + required("it.http.port");
    public static final String ADMIN_PASSWORD = required("it.admin.password");
    public static final int SMTP_PORT = Integer.parseInt(required("it.smtp.port"));

    @Deployment(testable = false)
    public static EnterpriseArchive hubguard() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(required("hubguard.ear")));
    }

    public static String url(String path) {
        return BASE_URL + path;
    }

    /** The test database, for checking what the server stored (or did not store). */
    public static Connection database() throws SQLException {
        return DriverManager.getConnection(required("it.db.url"), required("it.db.user"), "");
    }

    public static Path targetDir() {
        return Path.of(required("it.target.dir"));
    }

    public static Path repoDir() {
        return Path.of(required("hubguard.repo.dir"));
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests with "
                    + "'./hubguard test' or 'mvn verify' from the repository root.");
        }
        return value;
    }
}
