-- Households (同户), lateness and 签退, 政治生日, and the follow-up that says why.

-- 已联系: staff note that someone called on a member of the follow-up list. The newest one is
-- shown beside the member; older ones stay for the record.
CREATE TABLE followup_contacts (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  kiosk_id     TEXT NOT NULL,
  member_id    INTEGER NOT NULL REFERENCES members(id),
  contacted_at TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  staff        TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
);
CREATE INDEX followup_contacts_member ON followup_contacts(member_id, contacted_at);

-- Lateness and 签退. A sign-in after the grace of its meeting's kind (setting late.<kind>,
-- minutes after the start) is 迟到, decided when it is made; a meeting may ask for 签退, and
-- one before the meeting's end is 早退. The method gains the household's sign-ins (同户): one
-- member tapping for another of the same home, on the screen or from the home's phone. SQLite
-- cannot change a CHECK, so the table is made again with the same rows.
ALTER TABLE meetings ADD COLUMN signout INTEGER NOT NULL DEFAULT 0 CHECK (signout IN (0, 1));

CREATE TABLE attendance_new (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  member_id   INTEGER NOT NULL REFERENCES members(id),
  method      TEXT NOT NULL
              CHECK (method IN ('touch', 'qr', 'staff', 'paper', 'touch-household', 'qr-household')),
  checked_at  TEXT NOT NULL,
  undone_at   TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  entered_by  TEXT NOT NULL DEFAULT '',   -- for 'paper': the staff member who typed it in (005)
  late        INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),   -- 迟到
  left_at     TEXT,                                                -- 签退
  early       INTEGER NOT NULL DEFAULT 0 CHECK (early IN (0, 1)),  -- 早退: left before the end
  UNIQUE (meeting_id, member_id)
);
INSERT INTO attendance_new (id, uuid, kiosk_id, meeting_id, member_id, method, checked_at,
                            undone_at, created_at, updated_at, entered_by)
  SELECT id, uuid, kiosk_id, meeting_id, member_id, method, checked_at, undone_at, created_at,
         updated_at, entered_by FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_new RENAME TO attendance;

-- 户: members living in one home (a couple sharing a phone). Free text from the roster's 户
-- column; members with the same non-empty value are one household.
ALTER TABLE members ADD COLUMN home TEXT NOT NULL DEFAULT '';
CREATE INDEX members_home ON members(home) WHERE home <> '';
