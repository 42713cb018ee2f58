package org.hubguard.git;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.hubguard.config.HubguardConfig;

/**
 * Removes what failures leave behind, shortly after start-up and then every hour: repository directories
 * without a repository (a creation that failed half-way), packs of pushes that were cut off
 * ({@code objects/pack/incoming_*}), and LFS uploads that never finished. Only what is older than a grace
 * period ({@code HUBGUARD_SWEEP_GRACE_SECONDS}, an hour; six times that for LFS uploads, which can take long),
 * so work in progress is never touched; every removal is logged.
 */
@Singleton
@Startup
public class StorageSweeper {


    private static final Logger LOG = Logger.getLogger(StorageSweeper.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    HubguardConfig config;

    @Resource
    TimerService timers;

    @PostConstruct
    void soonAfterStart() {
        timers.createSingleActionTimer(Duration.ofSeconds(30).toMillis(), new TimerConfig("sweep after start", false));
    }

    @Timeout
    void afterStart() {
        sweep();
    }

    @Schedule(hour = "*", minute = "23", persistent = false)
    public void sweep() {
        Instant now = Instant.now();
        Duration grace = Duration.ofSeconds(config.sweepGraceSeconds());
        try {
            sweepRepositories(now.minus(grace));
            sweepOlderThan(config.lfsDir().resolve("tmp"), now.minus(grace.multipliedBy(6)), "an unfinished LFS upload");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not sweep the data directory", e);
        }
    }

    private void sweepRepositories(Instant before) throws IOException {
        Path root = config.gitDir();
        if (!Files.isDirectory(root)) {
            return;
        }
        Set<Long> known = new HashSet<>(em.createQuery("select r.id from Repository r", Long.class).getResultList());
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, "*.git")) {
            for (Path dir : dirs) {
                Long id = idOf(dir);
                if (id != null && !known.contains(id) && modifiedBefore(dir, before)) {
                    LOG.warning("Removing " + dir + ": no repository has id " + id + " (a creation that failed)");
                    deleteTree(dir);
                } else {
                    sweepOlderThan(dir.resolve("objects").resolve("pack"), before, "a push that was cut off",
                            "incoming_*");
                }
            }
        }
    }

    private static void sweepOlderThan(Path dir, Instant before, String what, String... glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = glob.length == 0 ? Files.newDirectoryStream(dir) : Files.newDirectoryStream(dir, glob[0])) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && modifiedBefore(file, before)) {
                    LOG.info("Removing " + file + ": left by " + what);
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static Long idOf(Path dir) {
        String name = dir.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - ".git".length()));
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }

    private static boolean modifiedBefore(Path path, Instant before) throws IOException {
        return Files.getLastModifiedTime(path).toInstant().isBefore(before);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
