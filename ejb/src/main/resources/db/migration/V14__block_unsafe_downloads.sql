-- A file found unsafe (a virus, a dangerous pickle import) is not served by resolve/raw unless the repository's
-- owner turns blocking off.
ALTER TABLE repositories ADD COLUMN block_unsafe_downloads BOOLEAN DEFAULT TRUE NOT NULL;
