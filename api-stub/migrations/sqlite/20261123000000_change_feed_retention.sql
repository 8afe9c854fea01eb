-- Change-feed retention: entries older than the retention are deleted, and each
-- member's highest deleted `seq` is remembered, so that a client whose cursor is
-- older than that learns it missed changes (410 Gone) instead of silently
-- skipping them.

CREATE TABLE change_log_pruned (
    member_id   TEXT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    through_seq INTEGER NOT NULL CHECK (through_seq >= 0)
) STRICT;

CREATE INDEX change_log_changed ON change_log (changed_at);
