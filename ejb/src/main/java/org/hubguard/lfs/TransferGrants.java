package org.hubguard.lfs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hubguard.config.ServerSecrets;

/**
 * Signs and checks {@link TransferGrant}s: {@code base64url(fields).base64url(HMAC-SHA256)} with the server's
 * own secret. A grant is good for two hours from the batch request: a transfer must start within it.
 */
@ApplicationScoped
public class TransferGrants {

    static final Duration VALIDITY = Duration.ofHours(2);
    private static final String SECRET = "lfs-transfer-urls";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    @Inject
    ServerSecrets secrets;

    private final Clock clock = Clock.systemUTC();
    private volatile byte[] key;

    public TransferGrant grant(TransferGrant.Operation operation, long repositoryId, String oid, long size, String username) {
        return new TransferGrant(operation, repositoryId, oid, size, username == null ? "" : username, clock.instant().plus(VALIDITY));
    }

    public String sign(TransferGrant grant) {
        String fields = String.join("|", "v1", grant.operation().name(), String.valueOf(grant.repositoryId()), grant.oid(),
                String.valueOf(grant.size()), grant.username(), String.valueOf(grant.expires().getEpochSecond()));
        byte[] payload = fields.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The grant a token stands for, if it is ours, intact and not expired. */
    public Optional<TransferGrant> verify(String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (dot < 0 || !MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] f = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
            if (f.length != 7 || !f[0].equals("v1")) {
                return Optional.empty();
            }
            TransferGrant grant = new TransferGrant(TransferGrant.Operation.valueOf(f[1]), Long.parseLong(f[2]), f[3],
                    Long.parseLong(f[4]), f[5], Instant.ofEpochSecond(Long.parseLong(f[6])));
            return grant.expires().isAfter(clock.instant()) ? Optional.of(grant) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            if (key == null) {
                key = secrets.get(SECRET);
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
