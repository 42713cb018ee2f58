package org.hubguard.scanning;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Scans one blob with one scanner per message from the durable queue. When clamd is unavailable the result
 * is recorded as an error and the message is rolled back, so Artemis redelivers it with back-off (see
 * configure.cli); after the last attempt the file stays "error" until a visit or a rescan queues it again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/hubguard/scans"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")})
public class ScanListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ScanListener.class.getName());

    @Inject
    ScanService scans;

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        try {
            MapMessage map = (MapMessage) message;
            if (scans.hasCurrentResult(map.getString("blobId"), map.getString("scanner"))) {
                return; // a second message for a blob scanned meanwhile (the reconciler may queue twice)
            }
            boolean done = scans.scan(map.getLong("repositoryId"), map.getString("blobId"), map.getString("path"), map.getString("scanner"));
            if (!done) {
                context.setRollbackOnly(); // try again later
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A scan failed; it will be retried", e);
            context.setRollbackOnly();
        }
    }
}
