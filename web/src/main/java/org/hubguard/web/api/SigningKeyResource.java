package org.hubguard.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.hubguard.signing.HubguardSigner;

/** {@code GET /api/signing-key}: the public key hubguard signs its own commits with (ASCII-armored). */
@Path("signing-key")
public class SigningKeyResource {

    @Inject
    HubguardSigner signer;

    @GET
    @Produces("application/pgp-keys")
    public Response publicKey() {
        return Response.ok(signer.armoredPublicKey()).header("X-Key-Fingerprint", signer.fingerprint()).build();
    }
}
