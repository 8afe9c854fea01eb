-- Contract v1, PostgreSQL dialect: the twin of ../sqlite/20261122000000_contract_v1.sql
-- (see there for what each table means).

-- What SQLite has built in and the application's SQL uses, so that CHECKs and
-- queries read the same in both: json_valid(), json_array() of one value,
-- json_each() of an array (each element's index as `key`, its text as
-- `value`), the aggregate json_group_array(), max() of two or three values, and
-- the collation NOCASE (an identifier, so `COLLATE NOCASE` names it too).
-- NOCASE is ICU's case-insensitive comparison (level 2: case ignored, accents
-- not), where SQLite's folds ASCII letters only; an index on `column COLLATE
-- nocase` serves `column = $1 COLLATE NOCASE` in both.
CREATE FUNCTION json_valid(value TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    PERFORM value::json;
    RETURN TRUE;
EXCEPTION WHEN others THEN
    RETURN FALSE;
END;
$$;

CREATE FUNCTION json_array(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE
    AS $$ SELECT json_build_array(value)::text $$;

CREATE FUNCTION json_each(document TEXT) RETURNS TABLE (key BIGINT, value TEXT)
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT e.position - 1, e.value
          FROM jsonb_array_elements_text(document::jsonb) WITH ORDINALITY AS e (value, position) $$;

CREATE FUNCTION json_group_array_final(elements TEXT[]) RETURNS TEXT LANGUAGE sql IMMUTABLE
    AS $$ SELECT array_to_json(elements)::text $$;

CREATE AGGREGATE json_group_array(TEXT) (
    SFUNC = array_append,
    STYPE = TEXT[],
    INITCOND = '{}',
    FINALFUNC = json_group_array_final
);

-- SQLite's max() of several values: NULL when any is (STRICT), else the greatest.
CREATE FUNCTION max(a BIGINT, b BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT GREATEST(a, b) $$;
CREATE FUNCTION max(a TEXT, b TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT GREATEST(a, b) $$;
CREATE FUNCTION max(a TEXT, b TEXT, c TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT GREATEST(a, b, c) $$;

CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- Members and users -------------------------------------------------------------

ALTER TABLE members ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3);
ALTER TABLE members ADD COLUMN response_target_hours BIGINT NOT NULL DEFAULT 24
    CHECK (response_target_hours BETWEEN 1 AND 720);

ALTER TABLE users ADD COLUMN active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

CREATE TABLE portal_tokens (
    token_sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(token_sha256) = 64),
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

-- Customers and contacts --------------------------------------------------------

ALTER TABLE customers ADD COLUMN industry TEXT;
ALTER TABLE customers ADD COLUMN size TEXT CHECK (size IN ('micro', 'small', 'medium', 'large'));
ALTER TABLE customers ADD COLUMN verified BIGINT NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));
ALTER TABLE customers ADD COLUMN source TEXT NOT NULL DEFAULT 'portal_inquiry' CHECK (source IN
    ('portal_inquiry', 'trade_show', 'referral', 'website', 'import', 'manual'));
ALTER TABLE customers ADD COLUMN email_domain TEXT;
ALTER TABLE customers ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE customers ADD COLUMN created_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00.000000Z';
ALTER TABLE customers ADD COLUMN updated_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00.000000Z';

CREATE INDEX customers_member_updated ON customers (member_id, updated_at DESC, id DESC);
CREATE INDEX customers_member_owner ON customers (member_id, owner_id, name);
CREATE INDEX customers_member_domain ON customers (member_id, email_domain);
CREATE INDEX customers_member_country ON customers (member_id, country, name);

CREATE TABLE customer_tags (
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
    PRIMARY KEY (customer_id, tag)
);

CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

ALTER TABLE contacts ADD COLUMN buying_role TEXT NOT NULL DEFAULT 'other' CHECK (buying_role IN
    ('decision_maker', 'procurement', 'technical', 'finance', 'other'));
ALTER TABLE contacts ADD COLUMN emails TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails));
ALTER TABLE contacts ADD COLUMN phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones));
ALTER TABLE contacts ADD COLUMN messengers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(messengers));
ALTER TABLE contacts ADD COLUMN language TEXT;
ALTER TABLE contacts ADD COLUMN preferred_channel TEXT CHECK (preferred_channel IN ('email', 'phone', 'messenger'));
ALTER TABLE contacts ADD COLUMN do_not_contact BIGINT NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1));
ALTER TABLE contacts ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);
UPDATE contacts SET emails = json_build_array(email)::text WHERE email <> '';

-- Inquiries ---------------------------------------------------------------------

ALTER TABLE inquiries ADD COLUMN portal_inquiry_id TEXT;
ALTER TABLE inquiries ADD COLUMN kind TEXT NOT NULL DEFAULT 'product' CHECK (kind IN ('product', 'company', 'rfq'));
ALTER TABLE inquiries ADD COLUMN product_id TEXT;
ALTER TABLE inquiries ADD COLUMN product_category TEXT;
ALTER TABLE inquiries ADD COLUMN buyer_email TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN buyer_phone TEXT;
ALTER TABLE inquiries ADD COLUMN buyer_city TEXT;
ALTER TABLE inquiries ADD COLUMN language TEXT;
ALTER TABLE inquiries ADD COLUMN target_price_amount TEXT;
ALTER TABLE inquiries ADD COLUMN target_price_currency TEXT;
ALTER TABLE inquiries ADD COLUMN incoterm TEXT;
ALTER TABLE inquiries ADD COLUMN destination_country TEXT;
ALTER TABLE inquiries ADD COLUMN destination_place TEXT;
ALTER TABLE inquiries ADD COLUMN needed_by TEXT;
ALTER TABLE inquiries ADD COLUMN sample_wanted BIGINT NOT NULL DEFAULT 0 CHECK (sample_wanted IN (0, 1));
ALTER TABLE inquiries ADD COLUMN oem BIGINT NOT NULL DEFAULT 0 CHECK (oem IN (0, 1));
ALTER TABLE inquiries ADD COLUMN first_response_at TEXT;
ALTER TABLE inquiries ADD COLUMN lost_reason TEXT CHECK (lost_reason IN
    ('price', 'lead_time', 'specification', 'no_response', 'competitor_chosen', 'project_cancelled', 'other'));
ALTER TABLE inquiries ADD COLUMN spam_reason TEXT;
ALTER TABLE inquiries ADD COLUMN preview TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE inquiries ADD COLUMN updated_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00.000000Z';

CREATE UNIQUE INDEX inquiries_member_portal_id ON inquiries (member_id, portal_inquiry_id)
    WHERE portal_inquiry_id IS NOT NULL;
CREATE INDEX inquiries_member_unread_received ON inquiries (member_id, unread, received_at DESC, id DESC);
CREATE INDEX inquiries_member_score ON inquiries (member_id, score DESC, id DESC);
CREATE INDEX inquiries_member_due ON inquiries (member_id, first_response_at, response_due_at, id);
CREATE INDEX inquiries_member_country_received
    ON inquiries (member_id, buyer_country, received_at DESC, id DESC);
CREATE INDEX inquiry_tags_tag ON inquiry_tags (tag, inquiry_id);

CREATE TABLE inquiry_messages (
    id         TEXT PRIMARY KEY NOT NULL,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    direction  TEXT NOT NULL CHECK (direction IN ('from_buyer', 'to_buyer')),
    author_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    CHECK (direction = 'to_buyer' OR author_id IS NULL)
);

CREATE INDEX inquiry_messages_thread ON inquiry_messages (inquiry_id, sent_at, id);

INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at)
    SELECT gen_random_uuid()::text, id, 'from_buyer', NULL, message, received_at
    FROM inquiries;
UPDATE inquiries SET preview = substr(replace(replace(message, chr(10), ' '), chr(13), ' '), 1, 160),
                     updated_at = received_at;

CREATE TABLE inquiry_score_reasons (
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    signal     TEXT NOT NULL,
    points     BIGINT NOT NULL CHECK (points BETWEEN -100 AND 100),
    detail     TEXT NOT NULL,
    PRIMARY KEY (inquiry_id, position)
);

CREATE TABLE inquiry_assignments (
    inquiry_id  TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    assignee_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    at          TEXT NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN
        ('manual', 'sticky_owner', 'country', 'product_category', 'round_robin', 'least_busy')),
    by_user_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (inquiry_id, position)
);

CREATE TABLE assignment_rules (
    id          TEXT PRIMARY KEY NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    priority    BIGINT NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN ('country', 'product_category', 'round_robin', 'least_busy')),
    value       TEXT,
    assignee_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    CHECK ((rule IN ('country', 'product_category')) = (value IS NOT NULL AND assignee_id IS NOT NULL))
);

CREATE INDEX assignment_rules_member ON assignment_rules (member_id, priority);

CREATE TABLE assignment_turns (
    member_id    TEXT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    last_user_id TEXT REFERENCES users (id) ON DELETE SET NULL
);

-- Full-text search: where SQLite has a contentless FTS5 table, PostgreSQL has a
-- table of the same name holding each row's tsvector under the same rowid,
-- maintained by the application (search.rs), with a GIN index. There are no rows
-- to index yet: no database ran on PostgreSQL before this schema.
CREATE TABLE inquiries_fts (
    rowid    BIGINT PRIMARY KEY NOT NULL,
    document TSVECTOR NOT NULL
);
CREATE INDEX inquiries_fts_document ON inquiries_fts USING GIN (document);

CREATE TABLE customers_fts (
    rowid    BIGINT PRIMARY KEY NOT NULL,
    document TSVECTOR NOT NULL
);
CREATE INDEX customers_fts_document ON customers_fts USING GIN (document);

-- Activities and reminders ------------------------------------------------------

CREATE TABLE activities (
    id          TEXT PRIMARY KEY NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('note', 'call', 'meeting', 'email', 'sample_sent')),
    body        TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    author_id   TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL
);

CREATE INDEX activities_customer ON activities (customer_id, occurred_at DESC, id DESC);

CREATE TABLE reminders (
    id          TEXT PRIMARY KEY NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('follow_up', 'important_date')),
    title       TEXT NOT NULL,
    due_on      TEXT NOT NULL CHECK (length(due_on) = 10),
    done_at     TEXT,
    owner_id    TEXT NOT NULL REFERENCES users (id),
    version     BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at  TEXT NOT NULL
);

CREATE INDEX reminders_owner_due ON reminders (member_id, owner_id, done_at, due_on, id);
CREATE INDEX reminders_customer ON reminders (customer_id, due_on);

-- Products ----------------------------------------------------------------------

CREATE TABLE products (
    id               TEXT PRIMARY KEY NOT NULL,
    member_id        TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    sku              TEXT NOT NULL,
    model_number     TEXT,
    name             TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL,
    unit             TEXT NOT NULL,
    moq              TEXT NOT NULL,
    currency         TEXT NOT NULL CHECK (length(currency) = 3),
    price_breaks     TEXT NOT NULL CHECK (json_valid(price_breaks)),
    hs_code          TEXT,
    origin           TEXT NOT NULL CHECK (length(origin) = 2),
    lead_time_days   BIGINT,
    packaging        TEXT CHECK (packaging IS NULL OR json_valid(packaging)),
    active           BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version          BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at       TEXT NOT NULL,
    rowid            BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL UNIQUE,
    UNIQUE (member_id, sku)
);

CREATE INDEX products_member_name ON products (member_id, name, id);
CREATE INDEX products_member_category ON products (member_id, category, name);

CREATE TABLE products_fts (
    rowid    BIGINT PRIMARY KEY NOT NULL,
    document TSVECTOR NOT NULL
);
CREATE INDEX products_fts_document ON products_fts USING GIN (document);

-- Quotes ------------------------------------------------------------------------

CREATE TABLE quotes (
    id            TEXT PRIMARY KEY NOT NULL,
    member_id     TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    number        TEXT NOT NULL,
    revision      BIGINT NOT NULL CHECK (revision >= 1),
    revised_from  TEXT REFERENCES quotes (id),
    status        TEXT NOT NULL CHECK (status IN
        ('draft', 'sent', 'accepted', 'rejected', 'expired', 'superseded')),
    customer_id   TEXT REFERENCES customers (id) ON DELETE SET NULL,
    contact_id    TEXT REFERENCES contacts (id) ON DELETE SET NULL,
    inquiry_id    TEXT REFERENCES inquiries (id) ON DELETE SET NULL,
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    valid_until   TEXT NOT NULL CHECK (length(valid_until) = 10),
    terms         TEXT NOT NULL CHECK (json_valid(terms)),
    charges       TEXT NOT NULL CHECK (json_valid(charges)),
    total         TEXT NOT NULL,
    totals        TEXT NOT NULL CHECK (json_valid(totals)),
    sent_at       TEXT,
    decided_at    TEXT,
    created_by    TEXT NOT NULL REFERENCES users (id),
    version       BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (member_id, number, revision)
);

CREATE INDEX quotes_member_updated ON quotes (member_id, updated_at DESC, id DESC);
CREATE INDEX quotes_member_status ON quotes (member_id, status, updated_at DESC, id DESC);
CREATE INDEX quotes_customer ON quotes (customer_id, updated_at DESC);
CREATE INDEX quotes_inquiry ON quotes (inquiry_id);

CREATE TABLE quote_lines (
    quote_id TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    position BIGINT NOT NULL CHECK (position >= 1),
    line     TEXT NOT NULL CHECK (json_valid(line)),
    PRIMARY KEY (quote_id, position)
);

CREATE TABLE exchange_rates (
    currency    TEXT PRIMARY KEY NOT NULL CHECK (length(currency) = 3),
    per_usd     TEXT NOT NULL,
    as_of       TEXT NOT NULL
);

-- Change feed and idempotency ---------------------------------------------------

CREATE TABLE change_log (
    seq        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    entity     TEXT NOT NULL CHECK (entity IN ('inquiry', 'customer', 'quote', 'product', 'user', 'reminder')),
    entity_id  TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

CREATE INDEX change_log_member_seq ON change_log (member_id, seq);

CREATE TABLE idempotency_keys (
    caller          TEXT NOT NULL,
    key             TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('running', 'done')),
    status          BIGINT,
    headers         TEXT CHECK (headers IS NULL OR json_valid(headers)),
    body            BYTEA,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (caller, key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
