-- One result per blob and scanner ("clamav", "pickle"), shared by every repository holding that blob: an
-- identical file is scanned once. A result counts while its scanner_version is the scanner's current one.
CREATE TABLE file_scans (
    scan_key         VARCHAR(64) NOT NULL PRIMARY KEY,
    blob_id          VARCHAR(40) NOT NULL,
    scanner          VARCHAR(16) NOT NULL,
    scanner_version  VARCHAR(200),
    status           VARCHAR(16) NOT NULL,
    details          VARCHAR(4000),
    scan_count       INTEGER NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_file_scans_blob ON file_scans (blob_id);
