-- Staff mode, exports to the office, and the office's merged records.

-- Staff may open a meeting early or close it; NULL: the times decide.
ALTER TABLE meetings ADD COLUMN opened_at TEXT;
ALTER TABLE meetings ADD COLUMN closed_at TEXT;

-- Leave can be corrected; exports carry the newest version.
ALTER TABLE leaves ADD COLUMN updated_at TEXT;
UPDATE leaves SET updated_at = created_at WHERE updated_at IS NULL;

-- Walk-in guests (列席 who are not members here): name and 单位, never counted in 应到.
CREATE TABLE guests (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  unit        TEXT NOT NULL DEFAULT '',
  checked_at  TEXT NOT NULL,
  undone_at   TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Each export this kiosk made: `export --new` takes what changed since the newest.
CREATE TABLE exports (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  since       TEXT NOT NULL DEFAULT '',   -- '' for everything
  folder      TEXT NOT NULL,
  rows        INTEGER NOT NULL
);

-- The office's side: records merged from kiosks' exports, keyed by the kiosks' UUIDs. A kiosk's
-- own database leaves these empty; the office's database (kioskctl merge --into) fills them.
CREATE TABLE office_exports (
  uuid        TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL,
  community   TEXT NOT NULL,
  exported_at TEXT NOT NULL,
  merged_at   TEXT NOT NULL,
  folder      TEXT NOT NULL
);

CREATE TABLE office_members (
  uuid        TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL,
  community   TEXT NOT NULL,
  name        TEXT NOT NULL,
  gender      TEXT NOT NULL,
  birth_date  TEXT NOT NULL,
  status      TEXT NOT NULL,
  category    TEXT NOT NULL,
  residence   TEXT NOT NULL,
  branch      TEXT NOT NULL,
  party_group TEXT NOT NULL,
  household   TEXT NOT NULL,
  active      INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE office_meetings (
  uuid        TEXT PRIMARY KEY,
  kiosk_id    TEXT NOT NULL,
  community   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  title       TEXT NOT NULL,
  branch      TEXT NOT NULL,
  party_group TEXT NOT NULL,
  place       TEXT NOT NULL,
  start_at    TEXT NOT NULL,
  end_at      TEXT NOT NULL,
  host        TEXT NOT NULL,
  recorder    TEXT NOT NULL,
  topic       TEXT NOT NULL,
  vote        TEXT NOT NULL,
  expected    INTEGER NOT NULL,
  present     INTEGER NOT NULL,
  present_full INTEGER NOT NULL,
  present_probationary INTEGER NOT NULL,
  on_leave    INTEGER NOT NULL,
  absent      INTEGER NOT NULL,
  guests      INTEGER NOT NULL,
  cancelled   INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX office_meetings_start ON office_meetings(start_at);

CREATE TABLE office_attendance (
  uuid         TEXT PRIMARY KEY,
  kiosk_id     TEXT NOT NULL,
  meeting_uuid TEXT NOT NULL,
  member_uuid  TEXT NOT NULL,      -- '' for a walk-in guest
  name         TEXT NOT NULL,
  unit         TEXT NOT NULL,      -- a guest's 单位
  role         TEXT NOT NULL,      -- 应到 / 列席 / 来宾
  method       TEXT NOT NULL,
  checked_at   TEXT NOT NULL,
  undone_at    TEXT NOT NULL,      -- '' unless undone on the kiosk
  updated_at   TEXT NOT NULL
);
CREATE INDEX office_attendance_meeting ON office_attendance(meeting_uuid);

CREATE TABLE office_leaves (
  uuid         TEXT PRIMARY KEY,
  kiosk_id     TEXT NOT NULL,
  meeting_uuid TEXT NOT NULL,
  member_uuid  TEXT NOT NULL,
  reason       TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
