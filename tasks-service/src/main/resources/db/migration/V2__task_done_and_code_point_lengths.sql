-- A task can be marked done. Every task stored before this is open: the default fills the column, and on
-- PostgreSQL (11 and later) adding a column with a constant default rewrites no row.
ALTER TABLE tasks ADD COLUMN done BOOLEAN DEFAULT FALSE NOT NULL;

-- The limits (200 and 2,000) count Unicode code points, as people and PostgreSQL's varchar count, and are the
-- application's rule (Task). H2 counts a varchar's length in UTF-16 units, two for an emoji, so a title of 200 emoji
-- did not fit its varchar(200): the columns hold twice the limit, which any text within the limit fits on both.
-- Widening a varchar changes only the catalog on PostgreSQL: no row is rewritten or lost.
ALTER TABLE tasks ALTER COLUMN title SET DATA TYPE VARCHAR(400);
ALTER TABLE tasks ALTER COLUMN text SET DATA TYPE VARCHAR(4000);

-- GET /tasks?done= reads one owner's open or done tasks in id order, a page at a time (Task.NEWEST_FIRST_BY_DONE).
CREATE INDEX tasks_owner_done_id_idx ON tasks (owner_id, done, id);
