package org.hubguard.scanning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Scans the files of one {@link ScanBatch} from the durable queue, one after the other; as many messages are
 * handled at once as {@code HUBGUARD_SCAN_CONCURRENCY} says (default 4). A file with a current result is
 * skipped (the reconciler may queue twice). When clamd is unavailable the batch stops there and is rolled
 * back, so Artemis redelivers it with back-off (see configure.cli): what was scanned stays, the rest is
 * tried again; after the last attempt the reconciler takes over.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/hubguard/scans"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // Replaced by WildFly at deployment (annotation-property-replacement, see configure.cli).
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${hubguard.scan.concurrency,env.HUBGUARD_SCAN_CONCURRENCY:4}")})
public class ScanListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ScanListener.class.getName());

    @Inject
    ScanService scans;

    @Inject
    BlobScanner scanner;

    @Inject
    ScanResults results;

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        List<ScanOutcome> outcomes = new ArrayList<>();
        java.util.Map<String, ScanOutcome> unsafe = new java.util.LinkedHashMap<>();
        long repositoryId = -1;
        try {
            ScanBatch batch = ScanBatch.of(message);
            repositoryId = batch.repositoryId();
            // Files with a current result are skipped (the reconciler may queue twice).
            for (ScanBatch.Item item : scans.withoutCurrentResult(batch.items())) {
                Optional<ScanOutcome> outcome = scanner.scan(batch.repositoryId(), item.blobId(), item.path(), item.scanner());
                outcome.ifPresent(outcomes::add);
                outcome.filter(o -> o.status() == FileScan.Status.INFECTED).ifPresent(o -> unsafe.put(item.path(), o));
                if (outcome.isPresent() && outcome.get().scannerAway()) {
                    context.setRollbackOnly(); // the scanner is away: the rest of the batch later
                    break;
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A scan failed; it will be retried", e);
            context.setRollbackOnly();
        } finally {
            if (!outcomes.isEmpty()) {
                results.recordAll(outcomes); // kept even when the message is redelivered
            }
            if (!unsafe.isEmpty()) {
                results.auditUnsafe(repositoryId, unsafe);
            }
        }
    }
}
