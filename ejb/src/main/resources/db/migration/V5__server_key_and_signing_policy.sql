-- hubguard's own signing key, for the commits it writes (commit API, browser editor).
CREATE TABLE server_signing_key (
    id              INTEGER NOT NULL PRIMARY KEY,
    fingerprint     VARCHAR(64) NOT NULL,
    armored_public  VARCHAR(20000) NOT NULL,
    armored_secret  VARCHAR(20000) NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- "Require signed commits": pushes with a new commit that is not Verified are refused.
ALTER TABLE repositories ADD COLUMN require_signed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE organizations ADD COLUMN require_signed BOOLEAN DEFAULT FALSE NOT NULL;
