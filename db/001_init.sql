-- The first schema of the kiosk database.
--
-- Times are local wall-clock text, 'YYYY-MM-DD HH:MM:SS' (dates 'YYYY-MM-DD', or 'YYYY-MM' when
-- a roster gives only the month), so that they sort, read and export as staff expect.
-- Every record that leaves the kiosk carries a uuid and the id of the kiosk that made it, so the
-- office can merge several kiosks' exports without counting anything twice.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE branches (                 -- 支部
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  kiosk_id   TEXT NOT NULL,
  name       TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE party_groups (             -- 党小组, by residence, inside one branch
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  kiosk_id   TEXT NOT NULL,
  branch_id  INTEGER NOT NULL REFERENCES branches(id),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (branch_id, name)
);

CREATE TABLE households (               -- 党员中心户: a member's home that gathers 7-10 neighbours
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  kiosk_id       TEXT NOT NULL,
  name           TEXT NOT NULL UNIQUE,
  head_member_id INTEGER REFERENCES members(id) DEFERRABLE INITIALLY DEFERRED,
  created_at     TEXT NOT NULL
);

CREATE TABLE members (                  -- 党员
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  kiosk_id       TEXT NOT NULL,
  name           TEXT NOT NULL CHECK (length(name) > 0),     -- 姓名
  gender         TEXT NOT NULL DEFAULT '',                   -- 性别
  ethnicity      TEXT NOT NULL DEFAULT '',                   -- 民族
  birth_date     TEXT NOT NULL DEFAULT '',                   -- 出生日期
  phone          TEXT NOT NULL DEFAULT '',                   -- 联系电话
  address        TEXT NOT NULL DEFAULT '',                   -- 家庭住址
  employer       TEXT NOT NULL DEFAULT '',                   -- 工作单位
  position       TEXT NOT NULL DEFAULT '',                   -- 职务
  education      TEXT NOT NULL DEFAULT '',                   -- 学历
  joined_date    TEXT NOT NULL DEFAULT '',                   -- 入党时间
  full_date      TEXT NOT NULL DEFAULT '',                   -- 转正时间
  status         TEXT NOT NULL DEFAULT '正式' CHECK (status IN ('正式', '预备')),  -- 党籍状态
  category       TEXT NOT NULL DEFAULT '其他'                -- 党员类别
                 CHECK (category IN ('在职', '离退休', '流动', '下岗失业', '其他')),
  residence      TEXT NOT NULL DEFAULT '辖区内' CHECK (residence IN ('辖区内', '辖区外')),  -- 居住情况
  party_role     TEXT NOT NULL DEFAULT '',                   -- 党内职务: set = on the 支委会
  branch_id      INTEGER NOT NULL REFERENCES branches(id),   -- 所属支部
  group_id       INTEGER REFERENCES party_groups(id),        -- 党小组
  household_id   INTEGER REFERENCES households(id),          -- 中心户
  note           TEXT NOT NULL DEFAULT '',                   -- 备注
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  inactive_since TEXT,            -- when deactivated: meetings before this still expect the member
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX members_branch ON members(branch_id, active);
CREATE INDEX members_phone ON members(phone);
CREATE INDEX members_name ON members(name);

CREATE TABLE meetings (                 -- 三会一课, 主题党日, 志愿服务 ...
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('支部党员大会', '支委会', '党小组会', '党课',
                                            '主题党日', '志愿服务', '其他')),
  title       TEXT NOT NULL,
  branch_id   INTEGER REFERENCES branches(id),       -- NULL: the whole community
  group_id    INTEGER REFERENCES party_groups(id),   -- set for a 党小组会
  place       TEXT NOT NULL DEFAULT '',
  start_at    TEXT NOT NULL,
  end_at      TEXT NOT NULL CHECK (end_at > start_at),
  vote        INTEGER NOT NULL DEFAULT 0 CHECK (vote IN (0, 1, 2)),  -- 0 none, 1 表决, 2 选举
  host        TEXT NOT NULL DEFAULT '',              -- 主持人
  recorder    TEXT NOT NULL DEFAULT '',              -- 记录人
  topic       TEXT NOT NULL DEFAULT '',              -- 议题
  cancelled   INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX meetings_start ON meetings(start_at);

CREATE TABLE leaves (                   -- 请假: still counted in 应到
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  member_id   INTEGER NOT NULL REFERENCES members(id),
  reason      TEXT NOT NULL CHECK (length(reason) > 0),
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  UNIQUE (meeting_id, member_id)
);

CREATE TABLE exclusions (               -- not counted in 应到, with approval
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  member_id   INTEGER NOT NULL REFERENCES members(id),
  reason      TEXT NOT NULL CHECK (length(reason) > 0),  -- 长期患病, 出国出境半年以上 ...
  approved_by TEXT NOT NULL CHECK (length(approved_by) > 0),
  start_date  TEXT NOT NULL,
  end_date    TEXT,                                      -- NULL: until further notice
  created_at  TEXT NOT NULL
);
CREATE INDEX exclusions_member ON exclusions(member_id);

CREATE TABLE attendance (               -- one sign-in per member per meeting
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  kiosk_id    TEXT NOT NULL,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
  member_id   INTEGER NOT NULL REFERENCES members(id),
  method      TEXT NOT NULL CHECK (method IN ('touch', 'qr', 'staff')),
  checked_at  TEXT NOT NULL,
  undone_at   TEXT,                     -- a wrong sign-in undone by staff; kept so exports carry it
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (meeting_id, member_id)
);

CREATE TABLE staff (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  pin_hash   TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);

CREATE TABLE audit_log (                -- every change staff make, from the screen or kioskctl
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL DEFAULT '',      -- uuid of the record touched
  detail TEXT NOT NULL DEFAULT ''
);

-- Who is expected (应到) at each meeting, per docs/rules.md: the branch's (or group's, or for a
-- 支委会 the committee's) members who were active at the time, minus those excluded with approval
-- on that day. Members on leave (请假) stay in. Volunteer activities expect nobody in particular.
CREATE VIEW expected AS
SELECT mt.id AS meeting_id, m.id AS member_id, m.status AS status
FROM meetings mt
JOIN members m
  ON (mt.branch_id IS NULL OR m.branch_id = mt.branch_id)
 AND (mt.group_id IS NULL OR m.group_id = mt.group_id)
 AND (mt.kind <> '支委会' OR m.party_role <> '')
 AND (m.active = 1 OR m.inactive_since > mt.start_at)
WHERE mt.kind <> '志愿服务'
  AND NOT EXISTS (SELECT 1 FROM exclusions e
                  WHERE e.member_id = m.id
                    AND e.start_date <= substr(mt.start_at, 1, 10)
                    AND (e.end_date IS NULL OR e.end_date >= substr(mt.start_at, 1, 10)));
