-- Phones that have signed a member in by QR code (issue 4). After a first sign-in the phone keeps
-- a random cookie; at the next meeting it signs the same member in with one tap. Only a hash of
-- the cookie is stored, so a copy of this database cannot sign anyone in. A phone is tied to
-- one member. These rows never leave the kiosk (exports do not carry them), so they have no
-- uuid or kiosk_id.
CREATE TABLE devices (
  id          INTEGER PRIMARY KEY,
  cookie_hash TEXT NOT NULL UNIQUE,                  -- BLAKE2b-256 of the cookie, hex
  member_id   INTEGER NOT NULL REFERENCES members(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX devices_member ON devices(member_id);
