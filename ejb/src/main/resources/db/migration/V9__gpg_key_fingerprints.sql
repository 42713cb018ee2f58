-- Signatures name their signing (sub)key by full fingerprint (issuer fingerprint subpacket); the 64-bit key
-- id is only a fallback. One row per (sub)key fingerprint an uploaded key holds, bound or not (the verifier
-- decides what is proven); not unique across keys, so that nobody can block a key by uploading a copy of
-- one of its subkeys first. Rows for keys uploaded before this version are written by V9_1 (Java).
CREATE TABLE gpg_key_fingerprints (
    gpg_key_id   BIGINT NOT NULL,
    fingerprint  VARCHAR(64) NOT NULL,
    key_id       VARCHAR(16) NOT NULL,
    CONSTRAINT pk_gpg_key_fingerprints PRIMARY KEY (gpg_key_id, fingerprint),
    CONSTRAINT fk_gpg_key_fingerprints_key FOREIGN KEY (gpg_key_id) REFERENCES gpg_keys (id) ON DELETE CASCADE
);
CREATE INDEX ix_gpg_key_fingerprints_fingerprint ON gpg_key_fingerprints (fingerprint);
CREATE INDEX ix_gpg_key_fingerprints_key_id ON gpg_key_fingerprints (key_id);

DROP TABLE gpg_key_ids;

-- Verdicts cached before keys were proven may rest on unverified self-signatures: recompute them all.
UPDATE signature_generation SET generation = generation + 1;
