-- Contract v1: the whole CRM. Adds versions (optimistic concurrency) to every
-- mutable row, the inquiry thread, scores and assignments with their reasons,
-- products, quotes, activities, reminders, the change feed, idempotency records
-- and full-text search.
--
-- Conventions as in the initial schema: TEXT UUID ids, fixed-width UTC text
-- timestamps (text order is time order), exact decimals as TEXT, enums as their
-- wire names, `member_id` on every tenant table. `version` starts at 1 and grows by
-- one with every change of the row. Dates without time are `YYYY-MM-DD`.

-- Members and users -------------------------------------------------------------

ALTER TABLE members ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3);
ALTER TABLE members ADD COLUMN response_target_hours INTEGER NOT NULL DEFAULT 24
    CHECK (response_target_hours BETWEEN 1 AND 720);

ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- The portal's own back end authenticates to the ingest endpoint with a service
-- token; only its SHA-256 is stored.
CREATE TABLE portal_tokens (
    token_sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(token_sha256) = 64),
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

-- Customers and contacts --------------------------------------------------------

ALTER TABLE customers ADD COLUMN industry TEXT;
ALTER TABLE customers ADD COLUMN size TEXT CHECK (size IN ('micro', 'small', 'medium', 'large'));
ALTER TABLE customers ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1));
ALTER TABLE customers ADD COLUMN source TEXT NOT NULL DEFAULT 'portal_inquiry' CHECK (source IN
    ('portal_inquiry', 'trade_show', 'referral', 'website', 'import', 'manual'));
-- The buyer's e-mail domain, lower case, for linking and dedup (NULL for free mail).
ALTER TABLE customers ADD COLUMN email_domain TEXT;
ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
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
) STRICT, WITHOUT ROWID;

CREATE INDEX customer_tags_tag ON customer_tags (tag, customer_id);

-- `title` '' means none. Lists are JSON arrays of strings (messengers: of
-- {"kind", "handle"} objects).
ALTER TABLE contacts ADD COLUMN buying_role TEXT NOT NULL DEFAULT 'other' CHECK (buying_role IN
    ('decision_maker', 'procurement', 'technical', 'finance', 'other'));
ALTER TABLE contacts ADD COLUMN emails TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails));
ALTER TABLE contacts ADD COLUMN phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones));
ALTER TABLE contacts ADD COLUMN messengers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(messengers));
ALTER TABLE contacts ADD COLUMN language TEXT;
ALTER TABLE contacts ADD COLUMN preferred_channel TEXT CHECK (preferred_channel IN ('email', 'phone', 'messenger'));
ALTER TABLE contacts ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1));
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
UPDATE contacts SET emails = json_array(email) WHERE email <> '';

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
ALTER TABLE inquiries ADD COLUMN sample_wanted INTEGER NOT NULL DEFAULT 0 CHECK (sample_wanted IN (0, 1));
ALTER TABLE inquiries ADD COLUMN oem INTEGER NOT NULL DEFAULT 0 CHECK (oem IN (0, 1));
ALTER TABLE inquiries ADD COLUMN first_response_at TEXT;
ALTER TABLE inquiries ADD COLUMN lost_reason TEXT CHECK (lost_reason IN
    ('price', 'lead_time', 'specification', 'no_response', 'competitor_chosen', 'project_cancelled', 'other'));
ALTER TABLE inquiries ADD COLUMN spam_reason TEXT;
-- The start of the latest buyer message, kept for the list.
ALTER TABLE inquiries ADD COLUMN preview TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE inquiries ADD COLUMN updated_at TEXT NOT NULL DEFAULT '2026-01-01T00:00:00.000000Z';

CREATE UNIQUE INDEX inquiries_member_portal_id ON inquiries (member_id, portal_inquiry_id)
    WHERE portal_inquiry_id IS NOT NULL;
-- One index per list filter, each ending in the default order.
CREATE INDEX inquiries_member_unread_received ON inquiries (member_id, unread, received_at DESC, id DESC);
CREATE INDEX inquiries_member_score ON inquiries (member_id, score DESC, id DESC);
CREATE INDEX inquiries_member_due ON inquiries (member_id, first_response_at, response_due_at, id);
CREATE INDEX inquiries_member_country_received
    ON inquiries (member_id, buyer_country, received_at DESC, id DESC);
CREATE INDEX inquiry_tags_tag ON inquiry_tags (tag, inquiry_id);

-- The thread: the buyer's first message (copied from inquiries.message) and every
-- message after it.
CREATE TABLE inquiry_messages (
    id         TEXT PRIMARY KEY NOT NULL,
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    direction  TEXT NOT NULL CHECK (direction IN ('from_buyer', 'to_buyer')),
    author_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    CHECK (direction = 'to_buyer' OR author_id IS NULL)
) STRICT;

CREATE INDEX inquiry_messages_thread ON inquiry_messages (inquiry_id, sent_at, id);

INSERT INTO inquiry_messages (id, inquiry_id, direction, author_id, body, sent_at)
    SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
                 || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
           id, 'from_buyer', NULL, message, received_at
    FROM inquiries;
UPDATE inquiries SET preview = substr(replace(replace(message, char(10), ' '), char(13), ' '), 1, 160),
                     updated_at = received_at;

CREATE TABLE inquiry_score_reasons (
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    signal     TEXT NOT NULL,
    points     INTEGER NOT NULL CHECK (points BETWEEN -100 AND 100),
    detail     TEXT NOT NULL,
    PRIMARY KEY (inquiry_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE inquiry_assignments (
    inquiry_id  TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    assignee_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    at          TEXT NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN
        ('manual', 'sticky_owner', 'country', 'product_category', 'round_robin', 'least_busy')),
    by_user_id  TEXT REFERENCES users (id) ON DELETE SET NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (inquiry_id, position)
) STRICT, WITHOUT ROWID;

-- How a member's new inquiries are assigned, tried by ascending priority; the
-- sticky owner of a returning buyer always comes first. `value` is the country
-- code or product category the rule matches; NULL for round robin / least busy.
CREATE TABLE assignment_rules (
    id          TEXT PRIMARY KEY NOT NULL,
    member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    priority    INTEGER NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN ('country', 'product_category', 'round_robin', 'least_busy')),
    value       TEXT,
    assignee_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    CHECK ((rule IN ('country', 'product_category')) = (value IS NOT NULL AND assignee_id IS NOT NULL))
) STRICT;

CREATE INDEX assignment_rules_member ON assignment_rules (member_id, priority);

-- Round robin remembers who had the last turn.
CREATE TABLE assignment_turns (
    member_id    TEXT PRIMARY KEY NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    last_user_id TEXT REFERENCES users (id) ON DELETE SET NULL
) STRICT;

-- Full-text search over what people search an inbox for. Maintained by the
-- application (rowid = inquiries.rowid); contentless, with deletes by rowid.
CREATE VIRTUAL TABLE inquiries_fts USING fts5 (
    subject, body, buyer, product,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO inquiries_fts (rowid, subject, body, buyer, product)
    SELECT rowid, subject, message, buyer_name || ' ' || buyer_company || ' ' || buyer_email,
           coalesce(product_name, '')
    FROM inquiries;

-- Customer search: name, website, industry, and every contact's name and e-mail.
CREATE VIRTUAL TABLE customers_fts USING fts5 (
    name, details,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO customers_fts (rowid, name, details)
    SELECT c.rowid, c.name,
           coalesce(c.website, '') || ' ' || coalesce(c.industry, '') || ' '
           || coalesce((SELECT group_concat(k.name || ' ' || k.email, ' ') FROM contacts k
                        WHERE k.customer_id = c.id), '')
    FROM customers c;

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
) STRICT;

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
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at  TEXT NOT NULL
) STRICT;

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
    -- JSON array of {"min_quantity": "1000", "unit_price": "11.80"}, ascending.
    price_breaks     TEXT NOT NULL CHECK (json_valid(price_breaks)),
    hs_code          TEXT,
    origin           TEXT NOT NULL CHECK (length(origin) = 2),
    lead_time_days   INTEGER,
    -- JSON {"units_per_carton", "carton_weight_kg", "carton_cbm"} or NULL.
    packaging        TEXT CHECK (packaging IS NULL OR json_valid(packaging)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at       TEXT NOT NULL,
    UNIQUE (member_id, sku)
) STRICT;

CREATE INDEX products_member_name ON products (member_id, name, id);
CREATE INDEX products_member_category ON products (member_id, category, name);

CREATE VIRTUAL TABLE products_fts USING fts5 (
    name, sku, details,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

-- Quotes ------------------------------------------------------------------------

-- One row per revision. `number` is shared by the revisions of one quote.
CREATE TABLE quotes (
    id            TEXT PRIMARY KEY NOT NULL,
    member_id     TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    number        TEXT NOT NULL,
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    revised_from  TEXT REFERENCES quotes (id),
    status        TEXT NOT NULL CHECK (status IN
        ('draft', 'sent', 'accepted', 'rejected', 'expired', 'superseded')),
    customer_id   TEXT REFERENCES customers (id) ON DELETE SET NULL,
    contact_id    TEXT REFERENCES contacts (id) ON DELETE SET NULL,
    inquiry_id    TEXT REFERENCES inquiries (id) ON DELETE SET NULL,
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    valid_until   TEXT NOT NULL CHECK (length(valid_until) = 10),
    -- The contract's QuoteTerms and QuoteCharges as JSON; the columns above are
    -- copies for filtering.
    terms         TEXT NOT NULL CHECK (json_valid(terms)),
    charges       TEXT NOT NULL CHECK (json_valid(charges)),
    -- Totals as computed by contract::quote::totals when last saved.
    total         TEXT NOT NULL,
    totals        TEXT NOT NULL CHECK (json_valid(totals)),
    sent_at       TEXT,
    decided_at    TEXT,
    created_by    TEXT NOT NULL REFERENCES users (id),
    version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (member_id, number, revision)
) STRICT;

CREATE INDEX quotes_member_updated ON quotes (member_id, updated_at DESC, id DESC);
CREATE INDEX quotes_member_status ON quotes (member_id, status, updated_at DESC, id DESC);
CREATE INDEX quotes_customer ON quotes (customer_id, updated_at DESC);
CREATE INDEX quotes_inquiry ON quotes (inquiry_id);

-- Lines as the contract's QuoteLine JSON, in display order.
CREATE TABLE quote_lines (
    quote_id TEXT NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 1),
    line     TEXT NOT NULL CHECK (json_valid(line)),
    PRIMARY KEY (quote_id, position)
) STRICT, WITHOUT ROWID;

-- Reference exchange rates for converting values into the member's currency.
CREATE TABLE exchange_rates (
    currency    TEXT PRIMARY KEY NOT NULL CHECK (length(currency) = 3),
    -- Units of this currency per 1 USD, exact decimal text.
    per_usd     TEXT NOT NULL,
    as_of       TEXT NOT NULL
) STRICT;

-- Change feed and idempotency ---------------------------------------------------

-- One row per change of a member's record; `seq` is the feed cursor.
CREATE TABLE change_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    entity     TEXT NOT NULL CHECK (entity IN ('inquiry', 'customer', 'quote', 'product', 'user', 'reminder')),
    entity_id  TEXT NOT NULL,
    changed_at TEXT NOT NULL
) STRICT;

CREATE INDEX change_log_member_seq ON change_log (member_id, seq);

-- Responses to POST requests by Idempotency-Key, per caller (user or portal
-- token), kept at least 24 hours. `state` 'running' while the first request is
-- being processed.
CREATE TABLE idempotency_keys (
    caller          TEXT NOT NULL,
    key             TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('running', 'done')),
    status          INTEGER,
    headers         TEXT CHECK (headers IS NULL OR json_valid(headers)),
    body            BLOB,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (caller, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
