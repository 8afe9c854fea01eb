-- The inbox at a million inquiries, PostgreSQL dialect: the twin of
-- ../sqlite/20261124000000_inbox_at_scale.sql. The counting triggers share their
-- names with SQLite's and call one function per event.

CREATE TABLE inquiry_counts (
    member_id   TEXT NOT NULL,
    assignee_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    count       BIGINT NOT NULL,
    PRIMARY KEY (member_id, assignee_id, status)
);

INSERT INTO inquiry_counts (member_id, assignee_id, status, count)
SELECT member_id, COALESCE(assignee_id, ''), status, COUNT(*)
FROM inquiries
GROUP BY member_id, COALESCE(assignee_id, ''), status;

CREATE FUNCTION inquiry_counts_add(member TEXT, assignee TEXT, state TEXT, delta BIGINT)
RETURNS VOID LANGUAGE sql AS $$
    INSERT INTO inquiry_counts (member_id, assignee_id, status, count)
    VALUES (member, COALESCE(assignee, ''), state, delta)
    ON CONFLICT (member_id, assignee_id, status) DO UPDATE SET count = inquiry_counts.count + delta;
$$;

CREATE FUNCTION inquiry_counts_follow() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM inquiry_counts_add(OLD.member_id, OLD.assignee_id, OLD.status, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM inquiry_counts_add(NEW.member_id, NEW.assignee_id, NEW.status, 1);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER inquiry_counts_insert AFTER INSERT ON inquiries
    FOR EACH ROW EXECUTE FUNCTION inquiry_counts_follow();
CREATE TRIGGER inquiry_counts_delete AFTER DELETE ON inquiries
    FOR EACH ROW EXECUTE FUNCTION inquiry_counts_follow();
CREATE TRIGGER inquiry_counts_update AFTER UPDATE OF member_id, assignee_id, status ON inquiries
    FOR EACH ROW
    WHEN (OLD.member_id IS DISTINCT FROM NEW.member_id
          OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
          OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION inquiry_counts_follow();

CREATE INDEX inquiries_member_status_due ON inquiries (member_id, status, due_rank, due_at, id);

ANALYZE;
