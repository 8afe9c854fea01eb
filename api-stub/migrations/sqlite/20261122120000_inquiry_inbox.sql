-- The inquiry inbox at scale: one index per filter and per sort of GET /inquiries
-- (each ending in its sort's tie-breakers so keyset pages walk the index, and the
-- filter indexes in `status` so the per-status counts read only the index), the
-- response-clock order, repeated-text detection for scoring, and the lookups of
-- ingest (customer by name, busy reps).

-- due_asc: inquiries still waiting for a first reply (unanswered and active) come
-- first, by due time; answered or closed ones after them. Both keys are derived
-- from the row, so nothing can forget to maintain them.
ALTER TABLE inquiries ADD COLUMN due_rank INTEGER GENERATED ALWAYS AS (
    CASE WHEN first_response_at IS NULL AND status IN ('new', 'open', 'quoted') THEN 0 ELSE 1 END
) VIRTUAL;
ALTER TABLE inquiries ADD COLUMN due_at TEXT GENERATED ALWAYS AS (
    coalesce(response_due_at, received_at)
) VIRTUAL;

DROP INDEX inquiries_member_due;
CREATE INDEX inquiries_member_due ON inquiries (member_id, due_rank, due_at, id);

-- score_desc: best first, newest first within a score.
DROP INDEX inquiries_member_score;
CREATE INDEX inquiries_member_score
    ON inquiries (member_id, score DESC, received_at DESC, id DESC, status);

-- The default order and the other filters, now ending in the status.
DROP INDEX inquiries_member_received;
CREATE INDEX inquiries_member_received ON inquiries (member_id, received_at DESC, id DESC, status);
DROP INDEX inquiries_member_unread_received;
CREATE INDEX inquiries_member_unread_received
    ON inquiries (member_id, unread, received_at DESC, id DESC, status);
DROP INDEX inquiries_member_country_received;
CREATE INDEX inquiries_member_country_received
    ON inquiries (member_id, buyer_country, received_at DESC, id DESC, status);

-- One person's inquiries: how many are active (least-busy assignment, user lists),
-- and a rep's per-status counts under any filter but a tag or a search, all read
-- from the index alone.
CREATE INDEX inquiries_member_assignee_status
    ON inquiries (member_id, assignee_id, status, unread, score, buyer_country, received_at);

-- Tags match case-insensitively, like their uniqueness rule.
DROP INDEX inquiry_tags_tag;
CREATE INDEX inquiry_tags_tag ON inquiry_tags (tag COLLATE NOCASE, inquiry_id);

-- SHA-256 of the buyer's first message, normalised (case, punctuation, spacing),
-- to notice the same text arriving again (mass mailings). NULL for rows from
-- before this migration.
ALTER TABLE inquiries ADD COLUMN message_fingerprint TEXT;
CREATE INDEX inquiries_member_fingerprint ON inquiries (member_id, message_fingerprint, received_at)
    WHERE message_fingerprint IS NOT NULL;

-- Linking an ingested buyer to a customer by company name, case-insensitively.
CREATE INDEX customers_member_name_nocase ON customers (member_id, name COLLATE NOCASE);
