-- Meeting records (会议纪实, issue 17): who hosted and who kept the minutes, the topics, what
-- was said and decided, and a vote's counts; paper sign-in sheets entered afterwards; the
-- office's copy of the records.

-- One record per meeting, kept beside the meeting so the record can travel to the office as a
-- row of its own (its uuid) and be corrected (updated_at). The host and recorder are members
-- on the roster (their ids), their names kept as recorded. Topics and decisions are one a line.
-- The vote's counts are NULL when no vote was counted.
CREATE TABLE meeting_records (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  kiosk_id       TEXT NOT NULL,
  meeting_id     INTEGER NOT NULL UNIQUE REFERENCES meetings(id),
  host_id        INTEGER REFERENCES members(id),
  host           TEXT NOT NULL,                       -- 主持人
  recorder_id    INTEGER REFERENCES members(id),
  recorder       TEXT NOT NULL,                       -- 记录人
  topics         TEXT NOT NULL CHECK (length(topics) > 0),  -- 议题, one a line
  content        TEXT NOT NULL DEFAULT '',            -- 主要内容
  decisions      TEXT NOT NULL DEFAULT '',            -- 决议事项, one a line
  votes_for      INTEGER CHECK (votes_for >= 0),      -- 赞成
  votes_against  INTEGER CHECK (votes_against >= 0),  -- 反对
  votes_abstain  INTEGER CHECK (votes_abstain >= 0),  -- 弃权
  recorded_by    TEXT NOT NULL DEFAULT '',            -- who entered it (staff)
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- A paper sign-in sheet entered afterwards (纸质补录) is a sign-in of its own method, with who
-- entered it. SQLite cannot change a CHECK in place, so the table is built again; nothing
-- refers to attendance rows, and the expected view does not read this table.
CREATE TABLE attendance_new (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  member_id   INTEGER NOT NULL REFERENCES members(id),
  method      TEXT NOT NULL CHECK (method IN ('touch', 'qr', 'staff', 'paper')),
  checked_at  TEXT NOT NULL,
  undone_at   TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  entered_by  TEXT NOT NULL DEFAULT '',   -- for 'paper': the staff member who typed it in
  UNIQUE (meeting_id, member_id)
);
INSERT INTO attendance_new (id, uuid, kiosk_id, meeting_id, member_id, method, checked_at,
                            undone_at, created_at, updated_at)
SELECT id, uuid, kiosk_id, meeting_id, member_id, method, checked_at, undone_at, created_at,
       updated_at FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;

-- The office's side: records merged from kiosks' exports (records.csv), keyed by uuid.
CREATE TABLE office_records (
  uuid          TEXT PRIMARY KEY,
  kiosk_id      TEXT NOT NULL,
  meeting_uuid  TEXT NOT NULL,
  host          TEXT NOT NULL,
  recorder      TEXT NOT NULL,
  topics        TEXT NOT NULL,
  content       TEXT NOT NULL,
  decisions     TEXT NOT NULL,
  votes_for     TEXT NOT NULL,      -- the counts as exported; '' when no vote was counted
  votes_against TEXT NOT NULL,
  votes_abstain TEXT NOT NULL,
  complete      INTEGER NOT NULL,   -- 1 when the kiosk found the record complete
  updated_at    TEXT NOT NULL
);
CREATE INDEX office_records_meeting ON office_records(meeting_uuid);
