-- 学习打卡 can be undone by the member at once ("点错了", as a sign-in can): the record is kept
-- with undone_at set, so nothing that counts or lists study records counts it, and recording the
-- same material again the same day brings it back.
ALTER TABLE study_records ADD COLUMN undone_at TEXT;
