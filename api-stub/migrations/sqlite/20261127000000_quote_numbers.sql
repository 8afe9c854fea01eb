-- The last quote number each member took in each year: the next one is this
-- row's `last` + 1, read and raised in the write transaction that creates the
-- quote. (It was the highest number among the member's quotes, a scan of all of
-- them while every writer waited.) A member's row is made on its first quote of
-- the year, from the numbers its quotes already have (databases of older
-- versions, seeded members).

CREATE TABLE quote_numbers (
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    year      INTEGER NOT NULL,
    last      INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (member_id, year)
) STRICT;
