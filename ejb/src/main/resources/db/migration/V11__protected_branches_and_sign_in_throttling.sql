-- Protected default branch: never deleted or rewritten by a push. On by default for repositories; an
-- organization can turn it on for all of its repositories. "Require signed commits" implies it.
ALTER TABLE repositories ADD COLUMN protect_default_branch BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE organizations ADD COLUMN protect_default_branch BOOLEAN DEFAULT FALSE NOT NULL;

-- Sign-in throttling is per account and client address now (in memory), not a lock on the account that
-- anyone could trigger for everyone.
ALTER TABLE users DROP COLUMN failed_sign_ins;
ALTER TABLE users DROP COLUMN locked_until;
