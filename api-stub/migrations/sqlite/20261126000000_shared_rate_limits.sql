-- Rate limits shared by several api-stub instances on one PostgreSQL database:
-- each caller's budget as its theoretical arrival time (GCRA), in microseconds
-- since the Unix epoch. On SQLite (one instance) the budgets stay in memory and
-- this table stays empty; it exists so both dialects have the same schema.

CREATE TABLE rate_limits (
    caller TEXT PRIMARY KEY NOT NULL,
    tat_us INTEGER NOT NULL
) STRICT;
