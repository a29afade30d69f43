-- The ids (jti) of tokens ended by a logout, each until its token expires: every replica of auth-service reads them
-- here on each verification, by the primary key. The tokens themselves are never stored.
CREATE TABLE revoked_tokens (
    token_id   VARCHAR(36)              NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Rows of expired tokens are deleted by expiry.
CREATE INDEX revoked_tokens_expires_at_idx ON revoked_tokens (expires_at);
