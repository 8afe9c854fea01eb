-- The last quote number each member took in each year, PostgreSQL dialect: the
-- twin of ../sqlite/20261127000000_quote_numbers.sql.

CREATE TABLE quote_numbers (
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year      BIGINT NOT NULL,
    last      BIGINT NOT NULL CHECK (last >= 1),
    PRIMARY KEY (member_id, year)
);
