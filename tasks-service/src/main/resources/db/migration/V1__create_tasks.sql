-- Ids come from a sequence that JPA draws from 50 at a time (see Task.id): one round trip per 50 inserts, and the
-- same SQL on H2 and PostgreSQL. EclipseLink reads each value as the top of its block, so 50 gives ids 1 to 50 first.
CREATE SEQUENCE tasks_id_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE tasks (
    id         BIGINT                   NOT NULL PRIMARY KEY,
    owner_id   VARCHAR(64)              NOT NULL,
    title      VARCHAR(200)             NOT NULL,
    text       VARCHAR(2000)            NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every query reads or deletes one owner's tasks, in id order.
CREATE INDEX tasks_owner_id_idx ON tasks (owner_id, id);
