-- Whether a failed scan may succeed later (clamd was unavailable) or not (file over clamd's limit, malformed pickle).
ALTER TABLE file_scans ADD COLUMN retryable BOOLEAN DEFAULT TRUE NOT NULL;
