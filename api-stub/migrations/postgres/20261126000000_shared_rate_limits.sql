-- Rate limits shared by several api-stub instances, PostgreSQL dialect: the twin
-- of ../sqlite/20261126000000_shared_rate_limits.sql. Each caller's budget as its
-- theoretical arrival time (GCRA), in microseconds since the Unix epoch.

CREATE TABLE rate_limits (
    caller TEXT PRIMARY KEY NOT NULL,
    tat_us BIGINT NOT NULL
);
