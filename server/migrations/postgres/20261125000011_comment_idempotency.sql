-- One stored comment per submission: the key the client sends with it (Idempotency-Key) is unique,
-- so a retry, a double click or a resend from another tab finds the comment already stored.
ALTER TABLE comments ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX comments_by_idempotency_key ON comments(idempotency_key)
    WHERE idempotency_key IS NOT NULL;
