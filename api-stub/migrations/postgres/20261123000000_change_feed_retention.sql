-- Change-feed retention, PostgreSQL dialect: the twin of
-- ../sqlite/20261123000000_change_feed_retention.sql.

CREATE TABLE change_log_pruned (
    member_id   TEXT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    through_seq BIGINT NOT NULL CHECK (through_seq >= 0)
);

CREATE INDEX change_log_changed ON change_log (changed_at);
