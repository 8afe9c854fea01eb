-- Status changes on the customer's timeline, PostgreSQL dialect: the twin of
-- ../sqlite/20261125000000_status_changes.sql.
CREATE TABLE status_changes (
    id          TEXT PRIMARY KEY NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    inquiry_id  TEXT REFERENCES inquiries (id) ON DELETE CASCADE,
    field       TEXT NOT NULL CHECK (field IN ('status', 'stage', 'tier')),
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    author_id   TEXT REFERENCES users (id) ON DELETE SET NULL,
    changed_at  TEXT NOT NULL
);

CREATE INDEX status_changes_customer ON status_changes (customer_id, changed_at DESC, id DESC);
