package org.hubguard.scanning;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.config.HubguardConfig;

import xyz.capybara.clamav.ClamavClient;
import xyz.capybara.clamav.commands.scan.result.ScanResult;

/**
 * Scans streams with clamd over TCP (INSTREAM) at {@code HUBGUARD_CLAMD_HOST}:{@code HUBGUARD_CLAMD_PORT}
 * (default 127.0.0.1:3310). The client library has no timeouts, so every call runs on a worker thread with a
 * deadline ({@code HUBGUARD_CLAMD_TIMEOUT_SECONDS}, default 120) and is interrupted when it passes (the
 * client's NIO channel closes on interrupt). A scan that fails is an ERROR, never CLEAN.
 */
@ApplicationScoped
public class ClamAvScanner {

    private String host;
    private int port;
    private long timeoutMillis;
    /**
     * One client for every scan: a new client asks clamd which commands it knows (VERSIONCOMMANDS, a connection of
     * its own) before its first scan. The client keeps no connection; each scan opens one.
     */
    private volatile ClamavClient client;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hubguard-clamd");
        thread.setDaemon(true);
        return thread;
    });

    protected ClamAvScanner() {
    }

    @Inject
    void configure(HubguardConfig config) {
        host = config.clamdHost();
        port = config.clamdPort();
        timeoutMillis = config.clamdTimeout().toMillis();
    }

    public ClamAvScanner(String host, int port, long timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    public AvResult scan(InputStream content) {
        try {
            ScanResult result = call(() -> client().scan(content));
            if (result instanceof ScanResult.VirusFound found) {
                List<String> names = new ArrayList<>();
                found.getFoundViruses().values().forEach(names::addAll);
                return AvResult.infected(names.stream().distinct().sorted().toList());
            }
            return AvResult.clean();
        } catch (ScannerUnavailable e) {
            return AvResult.error(e.getMessage());
        }
    }

    /** clamd's engine and database version, e.g. "ClamAV 1.4.6/27400/Mon Nov 23 09:24:02 2026". */
    public String version() throws ScannerUnavailable {
        return call(() -> client().version()).trim();
    }

    private volatile String cachedVersion;
    private volatile long cachedAt;

    /** clamd's version, asked at most once a minute; null while clamd is unavailable. */
    public String currentVersion() {
        if (cachedVersion == null || System.currentTimeMillis() - cachedAt > 60_000) {
            try {
                cachedVersion = version();
            } catch (ScannerUnavailable e) {
                cachedVersion = null;
            }
            cachedAt = System.currentTimeMillis();
        }
        return cachedVersion;
    }

    private ClamavClient client() {
        if (client == null) {
            client = new ClamavClient(host, port);
        }
        return client;
    }

    public String address() {
        return host + ":" + port;
    }

    private <T> T call(Callable<T> work) throws ScannerUnavailable {
        Future<T> future = workers.submit(work);
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ScannerUnavailable("scanner unavailable: clamd at " + address() + " did not answer within "
                    + timeoutMillis / 1000.0 + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ScannerUnavailable("scanner unavailable: clamd at " + address() + ": " + (cause.getMessage() == null ? cause : cause.getMessage()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScannerUnavailable("scanner unavailable: interrupted");
        }
    }

    /** clamd could not be asked: not running, not answering, or answering nonsense. */
    public static class ScannerUnavailable extends Exception {

        private static final long serialVersionUID = 1L;

        ScannerUnavailable(String message) {
            super(message);
        }
    }
}
