-- The inquiry inbox at scale, PostgreSQL dialect: the twin of
-- ../sqlite/20261122120000_inquiry_inbox.sql. PostgreSQL 15 has stored generated
-- columns only (SQLite's are virtual); a case-insensitive key is
-- `COLLATE nocase` as in SQLite (the collation is defined in contract_v1).

ALTER TABLE inquiries ADD COLUMN due_rank BIGINT GENERATED ALWAYS AS (
    CASE WHEN first_response_at IS NULL AND status IN ('new', 'open', 'quoted') THEN 0 ELSE 1 END
) STORED;
ALTER TABLE inquiries ADD COLUMN due_at TEXT GENERATED ALWAYS AS (
    coalesce(response_due_at, received_at)
) STORED;

DROP INDEX inquiries_member_due;
CREATE INDEX inquiries_member_due ON inquiries (member_id, due_rank, due_at, id);

DROP INDEX inquiries_member_score;
CREATE INDEX inquiries_member_score
    ON inquiries (member_id, score DESC, received_at DESC, id DESC, status);

DROP INDEX inquiries_member_received;
CREATE INDEX inquiries_member_received ON inquiries (member_id, received_at DESC, id DESC, status);
DROP INDEX inquiries_member_unread_received;
CREATE INDEX inquiries_member_unread_received
    ON inquiries (member_id, unread, received_at DESC, id DESC, status);
DROP INDEX inquiries_member_country_received;
CREATE INDEX inquiries_member_country_received
    ON inquiries (member_id, buyer_country, received_at DESC, id DESC, status);

CREATE INDEX inquiries_member_assignee_status
    ON inquiries (member_id, assignee_id, status, unread, score, buyer_country, received_at);

DROP INDEX inquiry_tags_tag;
CREATE INDEX inquiry_tags_tag ON inquiry_tags (tag COLLATE nocase, inquiry_id);

ALTER TABLE inquiries ADD COLUMN message_fingerprint TEXT;
CREATE INDEX inquiries_member_fingerprint ON inquiries (member_id, message_fingerprint, received_at)
    WHERE message_fingerprint IS NOT NULL;

CREATE INDEX customers_member_name_nocase ON customers (member_id, name COLLATE nocase);
