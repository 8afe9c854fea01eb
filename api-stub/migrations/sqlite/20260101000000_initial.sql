-- The reference schema of api-stub.
--
-- Ids are hyphenated lower-case UUID text. Timestamps are UTC text in one fixed-width
-- form, `YYYY-MM-DDTHH:MM:SS.ffffffZ`, so text order is time order. Every table that
-- holds a member's data carries `member_id`, and every query filters on it.

CREATE TABLE members (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id        TEXT PRIMARY KEY NOT NULL,
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    email     TEXT NOT NULL UNIQUE,
    role      TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'rep')),
    language  TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'zh-Hans'))
) STRICT;

CREATE INDEX users_member ON users (member_id);

-- Only the SHA-256 of a bearer token is stored, never the token itself.
CREATE TABLE api_tokens (
    token_sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(token_sha256) = 64),
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE customers (
    id            TEXT PRIMARY KEY NOT NULL,
    member_id     TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    country       TEXT NOT NULL CHECK (length(country) = 2),
    website       TEXT,
    business_type TEXT NOT NULL CHECK (business_type IN
        ('importer', 'wholesaler', 'retailer', 'brand', 'distributor', 'manufacturer')),
    tier          TEXT NOT NULL CHECK (tier IN ('transactional', 'partnership')),
    stage         TEXT NOT NULL CHECK (stage IN
        ('lead', 'prospect', 'sampling', 'customer', 'repeat')),
    owner_id      TEXT REFERENCES users (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX customers_member_name ON customers (member_id, name);

CREATE TABLE contacts (
    id          TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL,
    email       TEXT NOT NULL
) STRICT;

CREATE INDEX contacts_customer ON contacts (customer_id, position);

CREATE TABLE inquiries (
    id               TEXT PRIMARY KEY NOT NULL,
    member_id        TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    customer_id      TEXT REFERENCES customers (id) ON DELETE SET NULL,
    buyer_name       TEXT NOT NULL,
    buyer_company    TEXT NOT NULL,
    buyer_country    TEXT NOT NULL CHECK (length(buyer_country) = 2),
    buyer_verified   INTEGER NOT NULL CHECK (buyer_verified IN (0, 1)),
    product_name     TEXT,
    -- Exact decimal as text (never REAL); both set or both NULL.
    quantity_value   TEXT,
    quantity_unit    TEXT,
    subject          TEXT NOT NULL,
    message          TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    response_due_at  TEXT,
    status           TEXT NOT NULL CHECK (status IN
        ('new', 'open', 'quoted', 'won', 'lost', 'spam', 'archived')),
    assignee_id      TEXT REFERENCES users (id) ON DELETE SET NULL,
    score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    unread           INTEGER NOT NULL CHECK (unread IN (0, 1)),
    CHECK ((quantity_value IS NULL) = (quantity_unit IS NULL))
) STRICT;

-- The inbox list: newest first, optionally by status or by assignee (a rep's view).
CREATE INDEX inquiries_member_received ON inquiries (member_id, received_at DESC, id DESC);
CREATE INDEX inquiries_member_status_received
    ON inquiries (member_id, status, received_at DESC, id DESC);
CREATE INDEX inquiries_member_assignee_received
    ON inquiries (member_id, assignee_id, received_at DESC, id DESC);
CREATE INDEX inquiries_customer ON inquiries (customer_id);

CREATE TABLE inquiry_tags (
    inquiry_id TEXT NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
    PRIMARY KEY (inquiry_id, tag)
) STRICT, WITHOUT ROWID;
