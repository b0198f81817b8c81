-- Meeting photos (会议影像, issue 17): pictures of a meeting, uploaded from the staff member's
-- phone or read from a folder on a stick. The picture itself is kept beside the database as
-- photos/<sha256>.jpg: decoded in the sandboxed child, turned upright by its EXIF orientation and
-- written again as a plain JPEG, so no GPS or other metadata survives. sha256 is of that stored
-- file, so the same picture is one file however often it is added, and the office's merge keeps
-- one copy of it. Deleting a photo keeps its row (deleted_at) so the deletion reaches the office.
CREATE TABLE meeting_photos (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  bytes       INTEGER NOT NULL CHECK (bytes > 0),
  source      TEXT NOT NULL CHECK (source IN ('phone', 'usb')),
  added_by    TEXT NOT NULL DEFAULT '',       -- the staff member whose session added it
  added_at    TEXT NOT NULL,
  deleted_at  TEXT,
  updated_at  TEXT NOT NULL,
  UNIQUE (meeting_id, sha256)
);
CREATE INDEX meeting_photos_meeting ON meeting_photos(meeting_id);

-- The office's side: the photos merged from kiosks' exports, one row a kiosk's photo (its uuid);
-- the file is kept once by its hash beside the office's database, as on the kiosk.
CREATE TABLE office_photos (
  uuid          TEXT PRIMARY KEY,
  kiosk_id      TEXT NOT NULL,
  meeting_uuid  TEXT NOT NULL,
  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  deleted       INTEGER NOT NULL DEFAULT 0,
  updated_at    TEXT NOT NULL
);
CREATE INDEX office_photos_meeting ON office_photos(meeting_uuid);
