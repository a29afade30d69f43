CREATE TABLE users (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    email         VARCHAR(254)             NOT NULL,
    password_hash VARCHAR(512)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_email_unique UNIQUE (email)
);
