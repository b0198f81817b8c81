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
