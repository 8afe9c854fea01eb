-- The inbox at a million inquiries.
--
-- How many inquiries each member has per assignee and status, kept by triggers,
-- so that the inbox's tab counts and total do not count a member's whole history
-- on every request when the list is filtered by nothing but status and assignee.
-- `assignee_id` is '' for unassigned inquiries (a primary key column cannot be NULL).

CREATE TABLE inquiry_counts (
    member_id   TEXT NOT NULL,
    assignee_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (member_id, assignee_id, status)
) WITHOUT ROWID;

INSERT INTO inquiry_counts (member_id, assignee_id, status, count)
SELECT member_id, COALESCE(assignee_id, ''), status, COUNT(*)
FROM inquiries
GROUP BY member_id, COALESCE(assignee_id, ''), status;

CREATE TRIGGER inquiry_counts_insert AFTER INSERT ON inquiries
BEGIN
    INSERT INTO inquiry_counts (member_id, assignee_id, status, count)
    VALUES (NEW.member_id, COALESCE(NEW.assignee_id, ''), NEW.status, 1)
    ON CONFLICT (member_id, assignee_id, status) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER inquiry_counts_delete AFTER DELETE ON inquiries
BEGIN
    UPDATE inquiry_counts SET count = count - 1
    WHERE member_id = OLD.member_id
      AND assignee_id = COALESCE(OLD.assignee_id, '')
      AND status = OLD.status;
END;

CREATE TRIGGER inquiry_counts_update AFTER UPDATE OF member_id, assignee_id, status ON inquiries
WHEN OLD.member_id IS NOT NEW.member_id
  OR OLD.assignee_id IS NOT NEW.assignee_id
  OR OLD.status IS NOT NEW.status
BEGIN
    UPDATE inquiry_counts SET count = count - 1
    WHERE member_id = OLD.member_id
      AND assignee_id = COALESCE(OLD.assignee_id, '')
      AND status = OLD.status;
    INSERT INTO inquiry_counts (member_id, assignee_id, status, count)
    VALUES (NEW.member_id, COALESCE(NEW.assignee_id, ''), NEW.status, 1)
    ON CONFLICT (member_id, assignee_id, status) DO UPDATE SET count = count + 1;
END;

-- "Overdue first" within statuses (the list reads each status's part in due
-- order instead of sorting every match).
CREATE INDEX inquiries_member_status_due ON inquiries (member_id, status, due_rank, due_at, id);

-- Statistics for the planner that cover the new index too: with statistics for
-- the other indexes only, SQLite may prefer the new one and sort a whole inbox.
ANALYZE;
