-- Study materials (学习资料) and study records (学习打卡).
--
-- A material's files (the source as imported, its pages rendered for the screen, a thumbnail)
-- live in a folder beside the database, "<db>.materials/<sha256>/"; the row says what it is.
-- Removing a material keeps its row (removed_at set) so the study records that name it still
-- export with a title; importing the same file again brings the row back.

CREATE TABLE materials (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  title       TEXT NOT NULL CHECK (length(title) > 0),
  category    TEXT NOT NULL DEFAULT '其他'
              CHECK (category IN ('党章党规', '理论学习', '通知公告', '党史', '其他')),
  kind        TEXT NOT NULL CHECK (kind IN ('pdf', 'image', 'text', 'markdown')),
  file_name   TEXT NOT NULL,                  -- as it was on the stick, for staff
  sha256      TEXT NOT NULL UNIQUE,           -- the same file imported twice is kept once
  bytes       INTEGER NOT NULL,
  pages       INTEGER NOT NULL DEFAULT 0,     -- 0 for text, which is laid out on the screen
  show_from   TEXT,                           -- 'YYYY-MM-DD', inclusive; NULL: from now
  show_until  TEXT,                           -- 'YYYY-MM-DD', inclusive; NULL: no end
  pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL DEFAULT '',
  removed_at  TEXT,
  CHECK (show_until IS NULL OR show_from IS NULL OR show_until >= show_from)
);
CREATE INDEX materials_shown ON materials(removed_at, pinned, imported_at);

CREATE TABLE study_records (            -- 学习打卡: one per member, material and day
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  member_id   INTEGER NOT NULL REFERENCES members(id),
  material_id INTEGER NOT NULL REFERENCES materials(id),
  study_date  TEXT NOT NULL,                  -- 'YYYY-MM-DD'
  studied_at  TEXT NOT NULL,
  minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  method      TEXT NOT NULL DEFAULT 'touch' CHECK (method IN ('touch', 'qr', 'staff')),
  created_at  TEXT NOT NULL,
  UNIQUE (member_id, material_id, study_date)
);
CREATE INDEX study_records_at ON study_records(studied_at);
