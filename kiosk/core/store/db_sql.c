/* Every SQL statement the core runs, in one place, each prepared once when the database opens
 * (see db.c). Parameters are named after the columns they fill. The schema is in the .sql files in db/. */
#include "core/store/db_sql.h"

/* A member row, in the order of enum member_field (members.h), then the ids. */
#define MEMBER_SELECT                                                                          \
	"SELECT m.name, m.gender, m.ethnicity, m.birth_date, m.phone, m.address, m.employer,"  \
	" m.position, m.education, m.joined_date, m.full_date, m.status, m.category,"          \
	" m.residence, b.name, coalesce(g.name, ''), coalesce(h.name, ''), m.party_role,"      \
	" m.note, m.home, m.id, m.uuid, m.active, m.branch_id, m.group_id, m.household_id"     \
	" FROM members m JOIN branches b ON b.id = m.branch_id"                                \
	" LEFT JOIN party_groups g ON g.id = m.group_id"                                       \
	" LEFT JOIN households h ON h.id = m.household_id "
#define MEMBER_ORDER " ORDER BY b.sort_order, b.name, m.id"

/* A meeting row, in the order meeting_from_row (meetings.c) reads it. */
#define MEETING_SELECT                                                                         \
	"SELECT mt.id, mt.uuid, mt.kind, mt.title, mt.branch_id, coalesce(b.name, ''),"        \
	" mt.group_id, coalesce(g.name, ''), mt.place, mt.start_at, mt.end_at, mt.vote,"       \
	" mt.host, mt.recorder, mt.topic, mt.cancelled, mt.opened_at, mt.closed_at, mt.signout" \
	" FROM meetings mt LEFT JOIN branches b ON b.id = mt.branch_id"                        \
	" LEFT JOIN party_groups g ON g.id = mt.group_id "

/* A study material row, in the order material_from_row (materials.c) reads it. */
#define MATERIAL_SELECT                                                                        \
	"SELECT id, uuid, title, category, kind, file_name, sha256, bytes, pages,"             \
	" coalesce(show_from, ''), coalesce(show_until, ''), pinned, imported_at,"            \
	" removed_at IS NOT NULL FROM materials "

const char *const db_sql[STMT_COUNT] = {
	[STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = :key",
	[STMT_SETTING_SET] = "INSERT INTO settings (key, value) VALUES (:key, :value)"
			     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[STMT_AUDIT_INSERT] = "INSERT INTO audit_log (at, actor, action, entity, detail)"
			      " VALUES (:at, :actor, :action, :entity, :detail)",

	[STMT_BRANCH_BY_NAME] = "SELECT id FROM branches WHERE name = :name",
	[STMT_BRANCH_INSERT] = "INSERT INTO branches (uuid, kiosk_id, name, sort_order, created_at)"
			       " VALUES (:uuid, :kiosk_id, :name,"
			       " (SELECT coalesce(max(sort_order), 0) + 1 FROM branches), :now)",
	[STMT_BRANCH_LIST] = "SELECT b.id, b.name, (SELECT count(*) FROM members m"
			     " WHERE m.branch_id = b.id AND m.active = 1)"
			     " FROM branches b ORDER BY b.sort_order, b.name",
	[STMT_GROUP_BY_NAME] = "SELECT id FROM party_groups WHERE branch_id = :branch_id AND name = :name",
	[STMT_GROUP_INSERT] = "INSERT INTO party_groups (uuid, kiosk_id, branch_id, name, created_at)"
			      " VALUES (:uuid, :kiosk_id, :branch_id, :name, :now)",
	[STMT_GROUP_LIST] = "SELECT g.id, g.name, b.name, (SELECT count(*) FROM members m"
			    " WHERE m.group_id = g.id AND m.active = 1)"
			    " FROM party_groups g JOIN branches b ON b.id = g.branch_id"
			    " WHERE :branch_id IS NULL OR g.branch_id = :branch_id"
			    " ORDER BY b.sort_order, g.id",
	[STMT_HOUSEHOLD_BY_NAME] = "SELECT id FROM households WHERE name = :name",
	[STMT_HOUSEHOLD_INSERT] = "INSERT INTO households (uuid, kiosk_id, name, created_at)"
				  " VALUES (:uuid, :kiosk_id, :name, :now)",
	[STMT_HOUSEHOLD_LIST] = "SELECT h.id, h.name, coalesce(hm.name, ''), coalesce(hm.phone, ''),"
				" (SELECT count(*) FROM members m WHERE m.household_id = h.id"
				" AND m.active = 1)"
				" FROM households h LEFT JOIN members hm ON hm.id = h.head_member_id"
				" ORDER BY h.id",
	[STMT_HOUSEHOLD_SET_HEAD] = "UPDATE households SET head_member_id = :member_id WHERE id = :id",

	[STMT_MEMBER_GET] = MEMBER_SELECT "WHERE m.id = :id",
	[STMT_MEMBER_LIST] = MEMBER_SELECT "WHERE :all OR m.active = 1" MEMBER_ORDER,
	[STMT_MEMBER_INSERT] =
		"INSERT INTO members (uuid, kiosk_id, name, gender, ethnicity, birth_date, phone,"
		" address, employer, position, education, joined_date, full_date, status, category,"
		" residence, party_role, note, branch_id, group_id, household_id, created_at,"
		" updated_at, home) VALUES (:uuid, :kiosk_id, :name, :gender, :ethnicity, :birth_date,"
		" :phone, :address, :employer, :position, :education, :joined_date, :full_date,"
		" :status, :category, :residence, :party_role, :note, :branch_id, :group_id,"
		" :household_id, :now, :now, :home)",
	[STMT_MEMBER_UPDATE] =
		"UPDATE members SET name = :name, gender = :gender, ethnicity = :ethnicity,"
		" birth_date = :birth_date, phone = :phone, address = :address, employer = :employer,"
		" position = :position, education = :education, joined_date = :joined_date,"
		" full_date = :full_date, status = :status, category = :category,"
		" residence = :residence, party_role = :party_role, note = :note, home = :home,"
		" branch_id = :branch_id, group_id = :group_id, household_id = :household_id,"
		" updated_at = :now WHERE id = :id",
	[STMT_MEMBER_DEACTIVATE] = "UPDATE members SET active = 0, inactive_since = :now,"
				   " updated_at = :now WHERE id = :id AND active = 1",
	[STMT_MEMBER_FIND_NAME_PHONE] = "SELECT id FROM members WHERE name = :name AND phone = :phone",
	[STMT_MEMBER_FIND_NAME_BRANCH] = "SELECT id, phone, birth_date FROM members"
					 " WHERE name = :name AND branch_id = :branch_id",
	[STMT_MEMBER_BY_PHONE_TAIL] = MEMBER_SELECT "WHERE m.active = 1 AND length(m.phone) >= 4"
				      " AND substr(m.phone, -4) = :tail" MEMBER_ORDER,
	[STMT_MEMBER_BY_BRANCH] = MEMBER_SELECT "WHERE m.active = 1 AND m.branch_id = :id" MEMBER_ORDER,
	[STMT_MEMBER_BY_GROUP] = MEMBER_SELECT "WHERE m.active = 1 AND m.group_id = :id" MEMBER_ORDER,
	[STMT_MEMBER_BY_HOUSEHOLD] = MEMBER_SELECT "WHERE m.active = 1 AND m.household_id = :id"
				     MEMBER_ORDER,

	[STMT_MEETING_INSERT] =
		"INSERT INTO meetings (uuid, kiosk_id, kind, title, branch_id, group_id, place,"
		" start_at, end_at, vote, host, recorder, topic, created_at, updated_at, signout)"
		" VALUES (:uuid, :kiosk_id, :kind, :title, :branch_id, :group_id, :place, :start_at,"
		" :end_at, :vote, :host, :recorder, :topic, :now, :now, :signout)",
	[STMT_MEETING_GET] = MEETING_SELECT "WHERE mt.id = :id",
	[STMT_MEETING_LIST_RANGE] = MEETING_SELECT "WHERE mt.cancelled = 0 AND mt.start_at < :to"
				    " AND mt.end_at > :from ORDER BY mt.start_at, mt.id",
	/* On now: from 30 minutes before the start (or from when staff opened it) to the end,
	 * unless staff closed it. The meeting staff chose for check-in comes first. */
	[STMT_MEETING_CURRENT] = MEETING_SELECT "WHERE mt.cancelled = 0"
				 " AND (mt.start_at <= :soon OR mt.opened_at <= :now)"
				 " AND mt.end_at > :now AND (mt.closed_at IS NULL OR mt.closed_at > :now)"
				 " ORDER BY mt.id = (SELECT CAST(value AS INTEGER) FROM settings"
				 " WHERE key = 'checkin_meeting') DESC, mt.start_at, mt.id",
	[STMT_MEETING_UPCOMING] = MEETING_SELECT "WHERE mt.cancelled = 0 AND mt.start_at > :now"
				  " ORDER BY mt.start_at, mt.id LIMIT :limit",

	[STMT_LEAVE_INSERT] =
		"INSERT INTO leaves (uuid, kiosk_id, meeting_id, member_id, reason, recorded_by,"
		" created_at, updated_at) VALUES (:uuid, :kiosk_id, :meeting_id, :member_id, :reason,"
		" :actor, :now, :now)"
		" ON CONFLICT (meeting_id, member_id) DO UPDATE SET reason = excluded.reason,"
		" recorded_by = excluded.recorded_by, updated_at = excluded.created_at",
	[STMT_EXCLUSION_INSERT] =
		"INSERT INTO exclusions (uuid, kiosk_id, member_id, reason, approved_by, start_date,"
		" end_date, created_at) VALUES (:uuid, :kiosk_id, :member_id, :reason, :approved_by,"
		" :start_date, :end_date, :now)",

	/* A second sign-in changes nothing; one after a staff undo signs in again. */
	[STMT_ATTENDANCE_INSERT] =
		"INSERT INTO attendance (uuid, kiosk_id, meeting_id, member_id, method, checked_at,"
		" created_at, updated_at, late) VALUES (:uuid, :kiosk_id, :meeting_id, :member_id,"
		" :method, :now, :now, :now, :late) ON CONFLICT (meeting_id, member_id) DO UPDATE SET"
		" method = excluded.method, checked_at = excluded.checked_at, undone_at = NULL,"
		" updated_at = excluded.updated_at, late = excluded.late, left_at = NULL, early = 0"
		" WHERE attendance.undone_at IS NOT NULL",
	[STMT_ATTENDANCE_GET] = "SELECT checked_at, method, undone_at, late, left_at, early"
				" FROM attendance WHERE meeting_id = :meeting_id AND member_id = :member_id",
	/* 签退 (signout.c): once, on a live sign-in. */
	[STMT_ATTENDANCE_SIGNOUT] =
		"UPDATE attendance SET left_at = :now, early = :early, updated_at = :now"
		" WHERE meeting_id = :meeting_id AND member_id = :member_id AND undone_at IS NULL"
		" AND left_at IS NULL",
	[STMT_MEETING_SET_SIGNOUT] = "UPDATE meetings SET signout = :signout, updated_at = :now"
				     " WHERE id = :id",
	[STMT_ATTENDANCE_UNDO] = "UPDATE attendance SET undone_at = :now, updated_at = :now"
				 " WHERE meeting_id = :meeting_id AND member_id = :member_id"
				 " AND undone_at IS NULL",
	[STMT_EXPECTED_ONE] = "SELECT 1 FROM expected WHERE meeting_id = :meeting_id"
			      " AND member_id = :member_id",
	[STMT_MEETING_COUNTS] =
		"SELECT count(*), coalesce(sum(e.status = '正式'), 0),"
		" coalesce(sum(a.id IS NOT NULL), 0),"
		" coalesce(sum(a.id IS NOT NULL AND e.status = '正式'), 0),"
		" coalesce(sum(a.id IS NOT NULL AND e.status = '预备'), 0),"
		" coalesce(sum(a.id IS NULL AND l.id IS NOT NULL), 0)"
		" FROM expected e"
		" LEFT JOIN attendance a ON a.meeting_id = e.meeting_id"
		" AND a.member_id = e.member_id AND a.undone_at IS NULL"
		" LEFT JOIN leaves l ON l.meeting_id = e.meeting_id AND l.member_id = e.member_id"
		" WHERE e.meeting_id = :meeting_id",
	/* 列席: members not expected who signed in, and walk-in guests. */
	[STMT_MEETING_GUESTS] =
		"SELECT count(*) + (SELECT count(*) FROM guests g WHERE g.meeting_id = :meeting_id"
		" AND g.undone_at IS NULL) FROM attendance a WHERE a.meeting_id = :meeting_id"
		" AND a.undone_at IS NULL AND NOT EXISTS (SELECT 1 FROM expected e"
		" WHERE e.meeting_id = a.meeting_id AND e.member_id = a.member_id)",
	/* The 签到表: everyone expected, then everyone else who signed in (列席). */
	[STMT_MEETING_SHEET] =
		"SELECT m.id, m.name, b.name, m.status, m.category, x.member_id IS NULL,"
		" coalesce(a.checked_at, ''), coalesce(a.method, ''), coalesce(l.reason, ''),"
		" coalesce(a.late, 0), coalesce(a.left_at, ''), coalesce(a.early, 0)"
		" FROM members m JOIN branches b ON b.id = m.branch_id"
		" LEFT JOIN expected x ON x.meeting_id = :meeting_id AND x.member_id = m.id"
		" LEFT JOIN attendance a ON a.meeting_id = :meeting_id AND a.member_id = m.id"
		" AND a.undone_at IS NULL"
		" LEFT JOIN leaves l ON l.meeting_id = :meeting_id AND l.member_id = m.id"
		" WHERE x.member_id IS NOT NULL OR a.id IS NOT NULL"
		" ORDER BY x.member_id IS NULL, b.sort_order, m.id",

	/* Phones that signed a member in (db/002_devices.sql). */
	[STMT_DEVICE_INSERT] = "INSERT INTO devices (cookie_hash, member_id, created_at)"
			       " VALUES (:cookie_hash, :member_id, :now)",
	[STMT_DEVICE_MEMBER] = "SELECT member_id FROM devices WHERE cookie_hash = :cookie_hash",
	[STMT_DEVICE_PRUNE] = "DELETE FROM devices WHERE created_at < :before",
	/* Wrong guesses at a member's digits (guesses.c): the members a typed name may mean, compared
	 * as phone_name_key compares them (roster names are stored normalised; spaces dropped). */
	[STMT_MEMBER_IDS_BY_NAME_KEY] = "SELECT id FROM members"
					" WHERE active = 1 AND replace(replace(replace(name, ' ', ''), char(9), ''),"
					" char(12288), '') = :key LIMIT 16",
	[STMT_MEMBER_COUNT] = "SELECT count(*) FROM members",

	/* Exports: what changed at or after :since ('' for everything). */
	[STMT_EXPORT_LAST] = "SELECT exported_at FROM exports ORDER BY exported_at DESC, id DESC LIMIT 1",
	[STMT_EXPORT_INSERT] = "INSERT INTO exports (uuid, kiosk_id, exported_at, since, folder, rows)"
			       " VALUES (:uuid, :kiosk_id, :now, :since, :folder, :rows)",
	/* A meeting is exported when it, or any sign-in, leave or guest of it, changed. */
	[STMT_EXPORT_MEETINGS] =
		MEETING_SELECT "WHERE mt.start_at <= :now AND (mt.updated_at >= :since"
		" OR EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = mt.id AND a.updated_at >= :since)"
		" OR EXISTS (SELECT 1 FROM leaves l WHERE l.meeting_id = mt.id AND l.updated_at >= :since)"
		" OR EXISTS (SELECT 1 FROM guests g WHERE g.meeting_id = mt.id AND g.updated_at >= :since)"
		" OR EXISTS (SELECT 1 FROM meeting_photos p WHERE p.meeting_id = mt.id AND p.updated_at >= :since))"
		" ORDER BY mt.start_at, mt.id",
	[STMT_EXPORT_ATTENDANCE] =
		"SELECT a.uuid, a.kiosk_id, mt.uuid, mt.title, mt.start_at, m.uuid, m.name, b.name,"
		" m.status, m.category,"
		" CASE WHEN EXISTS (SELECT 1 FROM expected e WHERE e.meeting_id = a.meeting_id"
		" AND e.member_id = a.member_id) THEN '应到' ELSE '列席' END,"
		" a.checked_at, a.method, coalesce(a.undone_at, ''), a.updated_at, a.late,"
		" coalesce(a.left_at, ''), a.early"
		" FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id"
		" JOIN members m ON m.id = a.member_id JOIN branches b ON b.id = m.branch_id"
		" WHERE a.updated_at >= :since ORDER BY a.id", /* sign-in order: no sort of every row */
	[STMT_EXPORT_GUESTS] =
		"SELECT g.uuid, g.kiosk_id, mt.uuid, mt.title, mt.start_at, g.name, g.unit, g.checked_at,"
		" coalesce(g.undone_at, ''), g.updated_at"
		" FROM guests g JOIN meetings mt ON mt.id = g.meeting_id"
		" WHERE g.updated_at >= :since ORDER BY mt.start_at, g.checked_at, g.id",
	[STMT_EXPORT_LEAVES] =
		"SELECT l.uuid, l.kiosk_id, mt.uuid, mt.title, m.uuid, m.name, l.reason, l.recorded_by,"
		" coalesce(l.updated_at, l.created_at)"
		" FROM leaves l JOIN meetings mt ON mt.id = l.meeting_id JOIN members m ON m.id = l.member_id"
		" WHERE coalesce(l.updated_at, l.created_at) >= :since ORDER BY mt.start_at, l.id",
	/* Members: no phones or addresses leave the kiosk; the office needs who, not where. */
	[STMT_EXPORT_MEMBERS] =
		"SELECT m.uuid, m.kiosk_id, m.name, m.gender, m.birth_date, m.status, m.category,"
		" m.residence, b.name, coalesce(g.name, ''), coalesce(h.name, ''), m.active, m.updated_at"
		" FROM members m JOIN branches b ON b.id = m.branch_id"
		" LEFT JOIN party_groups g ON g.id = m.group_id LEFT JOIN households h ON h.id = m.household_id"
		" WHERE m.updated_at >= :since OR :since = '' ORDER BY b.sort_order, m.id",
	/* Each member's record over past meetings, for the summary sheet. */
	[STMT_EXPORT_MEMBER_SUMMARY] =
		"WITH past AS (SELECT e.member_id, e.meeting_id FROM expected e"
		" JOIN meetings mt ON mt.id = e.meeting_id WHERE mt.cancelled = 0 AND mt.start_at <= :now),"
		" came AS (SELECT a.member_id, a.meeting_id, a.checked_at FROM attendance a"
		" WHERE a.undone_at IS NULL)"
		" SELECT m.name, b.name, m.category, m.status,"
		" (SELECT count(*) FROM past p WHERE p.member_id = m.id),"
		" (SELECT count(*) FROM past p JOIN came c ON c.member_id = p.member_id"
		" AND c.meeting_id = p.meeting_id WHERE p.member_id = m.id),"
		" (SELECT count(*) FROM past p JOIN leaves l ON l.member_id = p.member_id"
		" AND l.meeting_id = p.meeting_id WHERE p.member_id = m.id AND NOT EXISTS"
		" (SELECT 1 FROM came c WHERE c.member_id = p.member_id AND c.meeting_id = p.meeting_id)),"
		" coalesce((SELECT max(c.checked_at) FROM came c WHERE c.member_id = m.id), '')"
		" FROM members m JOIN branches b ON b.id = m.branch_id WHERE m.active = 1"
		" ORDER BY b.sort_order, m.id",

	/* The office's merge: newer wins by updated_at, so merging twice changes nothing. */
	[STMT_OFFICE_EXPORT_SEEN] = "SELECT merged_at FROM office_exports WHERE uuid = :uuid",
	[STMT_OFFICE_EXPORT_INSERT] =
		"INSERT INTO office_exports (uuid, kiosk_id, community, exported_at, merged_at, folder)"
		" VALUES (:uuid, :kiosk_id, :community, :exported_at, :now, :folder)"
		" ON CONFLICT (uuid) DO UPDATE SET merged_at = excluded.merged_at",
	[STMT_OFFICE_MEMBER_UPSERT] =
		"INSERT INTO office_members (uuid, kiosk_id, community, name, gender, birth_date, status,"
		" category, residence, branch, party_group, household, active, updated_at)"
		" VALUES (:uuid, :kiosk_id, :community, :name, :gender, :birth_date, :status, :category,"
		" :residence, :branch, :party_group, :household, :active, :updated_at)"
		" ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, gender = excluded.gender,"
		" birth_date = excluded.birth_date, status = excluded.status, category = excluded.category,"
		" residence = excluded.residence, branch = excluded.branch,"
		" party_group = excluded.party_group, household = excluded.household,"
		" active = excluded.active, updated_at = excluded.updated_at"
		" WHERE excluded.updated_at >= office_members.updated_at",
	[STMT_OFFICE_MEETING_UPSERT] =
		"INSERT INTO office_meetings (uuid, kiosk_id, community, kind, title, branch, party_group,"
		" place, start_at, end_at, host, recorder, topic, vote, expected, present, present_full,"
		" present_probationary, on_leave, absent, guests, cancelled, updated_at)"
		" VALUES (:uuid, :kiosk_id, :community, :kind, :title, :branch, :party_group, :place,"
		" :start_at, :end_at, :host, :recorder, :topic, :vote, :expected, :present, :present_full,"
		" :present_probationary, :on_leave, :absent, :guests, :cancelled, :updated_at)"
		" ON CONFLICT (uuid) DO UPDATE SET kind = excluded.kind, title = excluded.title,"
		" branch = excluded.branch, party_group = excluded.party_group, place = excluded.place,"
		" start_at = excluded.start_at, end_at = excluded.end_at, host = excluded.host,"
		" recorder = excluded.recorder, topic = excluded.topic, vote = excluded.vote,"
		" expected = excluded.expected, present = excluded.present,"
		" present_full = excluded.present_full,"
		" present_probationary = excluded.present_probationary, on_leave = excluded.on_leave,"
		" absent = excluded.absent, guests = excluded.guests, cancelled = excluded.cancelled,"
		" updated_at = excluded.updated_at WHERE excluded.updated_at >= office_meetings.updated_at",
	[STMT_OFFICE_ATTENDANCE_UPSERT] =
		"INSERT INTO office_attendance (uuid, kiosk_id, meeting_uuid, member_uuid, name, unit, role,"
		" method, checked_at, undone_at, updated_at) VALUES (:uuid, :kiosk_id, :meeting_uuid,"
		" :member_uuid, :name, :unit, :role, :method, :checked_at, :undone_at, :updated_at)"
		" ON CONFLICT (uuid) DO UPDATE SET role = excluded.role, method = excluded.method,"
		" checked_at = excluded.checked_at, undone_at = excluded.undone_at,"
		" updated_at = excluded.updated_at WHERE excluded.updated_at >= office_attendance.updated_at",
	[STMT_OFFICE_LEAVE_UPSERT] =
		"INSERT INTO office_leaves (uuid, kiosk_id, meeting_uuid, member_uuid, reason, updated_at)"
		" VALUES (:uuid, :kiosk_id, :meeting_uuid, :member_uuid, :reason, :updated_at)"
		" ON CONFLICT (uuid) DO UPDATE SET reason = excluded.reason,"
		" updated_at = excluded.updated_at WHERE excluded.updated_at >= office_leaves.updated_at",

	/* The office's quarterly report (merge.c); ?1, ?2: the quarter's first and next-after days. */
	[STMT_REPORT_RATES] =
		"SELECT community AS 社区, CASE branch WHEN '' THEN '全体党员' ELSE branch END AS 支部,"
		" count(*) AS 会议次数, sum(expected) AS 应到人次, sum(present) AS 实到人次,"
		" CASE WHEN sum(expected) > 0 THEN 1.0 * sum(present) / sum(expected) END AS 出勤率"
		" FROM office_meetings WHERE cancelled = 0 AND kind <> '志愿服务'"
		" AND start_at >= :from AND start_at < :to GROUP BY community, branch"
		" ORDER BY community, branch = '', branch COLLATE numeral",
	[STMT_REPORT_BRANCHES] =
		"SELECT community, branch, count(DISTINCT nullif(party_group, '')) FROM office_members"
		" WHERE active = 1 AND branch <> '' GROUP BY community, branch"
		" ORDER BY community, branch COLLATE numeral",
	[STMT_REPORT_HELD] =
		"SELECT count(*) FROM office_meetings WHERE cancelled = 0 AND start_at >= :from"
		" AND start_at < :to AND community = :community AND (branch = :branch OR branch = '')"
		" AND kind = :kind",
	[STMT_REPORT_MEETINGS] =
		"SELECT community AS 社区, CASE branch WHEN '' THEN '全体党员' ELSE branch END AS 支部,"
		" start_at AS 开始, kind AS 类型, title AS 标题, expected AS 应到, present AS 实到,"
		" on_leave AS 请假, absent AS 缺席, guests AS 列席,"
		" CASE WHEN expected > 0 THEN 1.0 * present / expected END AS 出勤率"
		" FROM office_meetings WHERE cancelled = 0 AND start_at >= :from AND start_at < :to"
		" ORDER BY community, start_at",

	/* Staff mode (staff.c): one row per staff member; a PIN set again replaces the old one. */
	[STMT_STAFF_SET_PIN] = "INSERT INTO staff (name, pin_hash, created_at) VALUES (:name, :pin_hash, :now)"
			       " ON CONFLICT (name) DO UPDATE SET pin_hash = excluded.pin_hash",
	[STMT_STAFF_LIST] = "SELECT id, name, pin_hash <> '', created_at FROM staff ORDER BY id",
	[STMT_STAFF_GET] = "SELECT name, pin_hash FROM staff WHERE id = :id",
	/* Staff open a meeting early (or again after closing it) and close it early. */
	[STMT_MEETING_OPEN] = "UPDATE meetings SET opened_at = :now, closed_at = NULL, updated_at = :now"
			      " WHERE id = :id AND cancelled = 0",
	[STMT_MEETING_CLOSE] = "UPDATE meetings SET closed_at = :now, updated_at = :now"
			       " WHERE id = :id AND closed_at IS NULL",

	/* Walk-in guests (guests.c): name and 单位, never in 应到. */
	[STMT_GUEST_INSERT] =
		"INSERT INTO guests (uuid, kiosk_id, meeting_id, name, unit, checked_at, created_at,"
		" updated_at) VALUES (:uuid, :kiosk_id, :meeting_id, :name, :unit, :now, :now, :now)",
	[STMT_GUEST_FIND] = "SELECT id, checked_at FROM guests WHERE meeting_id = :meeting_id"
			    " AND name = :name AND unit = :unit AND undone_at IS NULL",
	[STMT_GUEST_UNDO] = "UPDATE guests SET undone_at = :now, updated_at = :now WHERE id = :id"
			    " AND undone_at IS NULL",
	[STMT_GUEST_LIST] = "SELECT id, uuid, name, unit, checked_at FROM guests"
			    " WHERE meeting_id = :meeting_id AND undone_at IS NULL ORDER BY checked_at, id",
	[STMT_GUEST_UNITS] = "SELECT unit FROM guests WHERE unit <> '' GROUP BY unit"
			     " ORDER BY max(created_at) DESC LIMIT :limit",

	/* Statistics (stats.c) over the meetings that ended (or were closed) in [:from, :to):
	 * each pair of a meeting and a member it expected, and whether the member came. */
#define STATS_PAIRS                                                                            \
	"WITH pairs AS (SELECT e.member_id, EXISTS (SELECT 1 FROM attendance a"                \
	" WHERE a.meeting_id = e.meeting_id AND a.member_id = e.member_id"                     \
	" AND a.undone_at IS NULL) AS came FROM expected e JOIN meetings mt ON mt.id = e.meeting_id" \
	" WHERE mt.cancelled = 0 AND mt.start_at >= :from AND mt.start_at < :to"               \
	" AND (mt.end_at <= :now OR mt.closed_at <= :now)) "
	[STMT_STATS_RATE_BRANCH] =
		STATS_PAIRS "SELECT b.name, count(p.member_id), coalesce(sum(p.came), 0) FROM branches b"
		" LEFT JOIN members m ON m.branch_id = b.id LEFT JOIN pairs p ON p.member_id = m.id"
		" GROUP BY b.id ORDER BY b.sort_order, b.name",
	[STMT_STATS_RATE_CATEGORY] =
		STATS_PAIRS "SELECT m.category, count(*), coalesce(sum(p.came), 0) FROM pairs p"
		" JOIN members m ON m.id = p.member_id GROUP BY m.category",
	/* Age now, from a birth date that may give only the month: 0 under 50, 1 50-59, 2 60 and
	 * over, 3 not on record. */
	[STMT_STATS_RATE_AGE] =
		STATS_PAIRS "SELECT CASE WHEN length(m.birth_date) < 7 THEN 3 ELSE"
		" (SELECT CASE WHEN age < 50 THEN 0 WHEN age < 60 THEN 1 ELSE 2 END FROM"
		" (SELECT CAST(substr(:now, 1, 4) AS INTEGER) - CAST(substr(m.birth_date, 1, 4) AS INTEGER)"
		" - (substr(:now, 6, 5) < substr(m.birth_date || '-01', 6, 5)) AS age)) END AS band,"
		" count(*), coalesce(sum(p.came), 0) FROM pairs p JOIN members m ON m.id = p.member_id"
		" GROUP BY band",
	/* 三会一课 a branch held in [:from, :to) (its own and the whole community's): how many,
	 * in how many months, and in how many months per party group. */
	[STMT_STATS_HELD] =
		"SELECT mt.kind, count(*), count(DISTINCT substr(mt.start_at, 1, 7)),"
		" count(DISTINCT CASE WHEN mt.group_id IS NOT NULL"
		" THEN mt.group_id || '/' || substr(mt.start_at, 1, 7) END)"
		" FROM meetings mt WHERE mt.cancelled = 0 AND mt.start_at >= :from AND mt.start_at < :to"
		" AND mt.start_at <= :now AND (mt.branch_id = :branch_id OR mt.branch_id IS NULL)"
		" GROUP BY mt.kind",
	/* The follow-up list's candidates: active members with a last sign-in (志愿服务 aside)
	 * or, never having signed in, a first meeting that expected them; not those excluded from
	 * 应到 with approval today. Column 11: that time is before :cutoff (the three-month rule); 12 the member's UUID.
	 * Grouped by 党员中心户, with the head's phone. */
	[STMT_FOLLOWUP] =
		"WITH last AS (SELECT a.member_id, max(a.checked_at) AS at FROM attendance a"
		" JOIN meetings mt ON mt.id = a.meeting_id WHERE a.undone_at IS NULL"
		" AND mt.kind <> '志愿服务' GROUP BY a.member_id),"
		" first AS (SELECT e.member_id, min(mt.start_at) AS at FROM expected e"
		" JOIN meetings mt ON mt.id = e.meeting_id WHERE mt.cancelled = 0 AND mt.start_at <= :now"
		" GROUP BY e.member_id)"
		" SELECT m.id, m.name, m.phone, b.name, coalesce(h.id, 0), coalesce(h.name, ''),"
		" coalesce(hm.name, ''), coalesce(hm.phone, ''), coalesce(l.at, ''), coalesce(f.at, ''),"
		" (SELECT count(*) FROM leaves lv JOIN meetings lm ON lm.id = lv.meeting_id"
		" WHERE lv.member_id = m.id AND lm.start_at >= :cutoff AND lm.start_at <= :now),"
		" coalesce(l.at, f.at) < :cutoff, m.uuid"
		" FROM members m JOIN branches b ON b.id = m.branch_id"
		" LEFT JOIN households h ON h.id = m.household_id"
		" LEFT JOIN members hm ON hm.id = h.head_member_id"
		" LEFT JOIN last l ON l.member_id = m.id LEFT JOIN first f ON f.member_id = m.id"
		" WHERE m.active = 1 AND coalesce(l.at, f.at) IS NOT NULL AND NOT EXISTS (SELECT 1"
		" FROM exclusions x WHERE x.member_id = m.id AND x.start_date <= substr(:now, 1, 10)"
		" AND (x.end_date IS NULL OR x.end_date >= substr(:now, 1, 10)))"
		" ORDER BY h.id IS NULL, h.id, coalesce(l.at, f.at), m.id",
	/* A member's meetings that expected them and are over, newest first: did they come
	 * (an undone sign-in is no sign-in), were they on leave. For the rule of three 无故缺席
	 * in a row. */
	[STMT_FOLLOWUP_RUN] =
		"SELECT mt.start_at, mt.kind, mt.title, EXISTS (SELECT 1 FROM attendance a"
		" WHERE a.meeting_id = mt.id AND a.member_id = e.member_id AND a.undone_at IS NULL),"
		" EXISTS (SELECT 1 FROM leaves lv WHERE lv.meeting_id = mt.id"
		" AND lv.member_id = e.member_id)"
		" FROM expected e JOIN meetings mt ON mt.id = e.meeting_id"
		" WHERE e.member_id = :member_id AND mt.cancelled = 0 AND mt.start_at <= :now"
		" AND (mt.end_at <= :now OR mt.closed_at <= :now)"
		" ORDER BY mt.start_at DESC, mt.id DESC LIMIT 60",
	/* 已联系: who called on a member of the follow-up list, and what they said. */
	[STMT_FOLLOWUP_CONTACT_INSERT] =
		"INSERT INTO followup_contacts (uuid, kiosk_id, member_id, contacted_at, note, staff,"
		" created_at) VALUES (:uuid, :kiosk_id, :member_id, :now, :note, :staff, :now)",
	/* 政治生日 this month (milestones.c): active members who joined in :month of an earlier
	 * year; by day, a month-only date ('YYYY-MM') last. */
	[STMT_MILESTONES_MONTH] =
		"SELECT m.id, m.name, m.joined_date FROM members m JOIN branches b ON b.id = m.branch_id"
		" WHERE m.active = 1 AND length(m.joined_date) >= 7 AND substr(m.joined_date, 6, 2) = :month"
		" AND substr(m.joined_date, 1, 4) < :year"
		" ORDER BY length(m.joined_date) < 10, substr(m.joined_date, 9, 2), b.sort_order, m.id",
	/* Households (household.c): the other active members sharing a member's 户; and every
	 * active member's address, for suggestions. */
	[STMT_HOME_OTHERS] =
		"SELECT o.id, o.name FROM members m JOIN members o ON o.home = m.home AND o.id <> m.id"
		" AND o.active = 1 JOIN branches b ON b.id = o.branch_id"
		" WHERE m.id = :member_id AND m.home <> '' ORDER BY b.sort_order, o.id",
	[STMT_HOME_TO_OFFER] =
		"SELECT o.id, o.name FROM members m JOIN members o ON o.home = m.home AND o.id <> m.id"
		" AND o.active = 1 JOIN branches b ON b.id = o.branch_id"
		" WHERE m.id = :member_id AND m.home <> '' AND NOT EXISTS (SELECT 1 FROM attendance a"
		" WHERE a.meeting_id = :meeting_id AND a.member_id = o.id AND a.undone_at IS NULL)"
		" ORDER BY b.sort_order, o.id",
	[STMT_HOME_ADDRESSES] = "SELECT id, name, address, home FROM members"
				" WHERE active = 1 AND address <> '' ORDER BY id",
	[STMT_FOLLOWUP_CONTACT_LAST] =
		"SELECT contacted_at, note, staff FROM followup_contacts WHERE member_id = :member_id"
		" ORDER BY contacted_at DESC, id DESC LIMIT 1",
	/* Study materials (materials.c): pinned first, then newest; shown only between their
	 * dates (inclusive, local) unless :all. */
	[STMT_MATERIAL_BY_SHA] = MATERIAL_SELECT "WHERE sha256 = :sha256",
	[STMT_MATERIAL_INSERT] =
		"INSERT INTO materials (uuid, kiosk_id, title, category, kind, file_name, sha256, bytes,"
		" pages, show_from, show_until, pinned, imported_at, imported_by) VALUES (:uuid,"
		" :kiosk_id, :title, :category, :kind, :file_name, :sha256, :bytes, :pages, :show_from,"
		" :show_until, :pinned, :imported_at, :imported_by)",
	[STMT_MATERIAL_REVIVE] =
		"UPDATE materials SET title = :title, category = :category, kind = :kind,"
		" file_name = :file_name, bytes = :bytes, pages = :pages, show_from = :show_from,"
		" show_until = :show_until, pinned = :pinned, imported_at = :imported_at,"
		" imported_by = :imported_by, removed_at = NULL WHERE id = :id",
	[STMT_MATERIAL_GET] = MATERIAL_SELECT "WHERE id = :id",
	[STMT_MATERIAL_LIST] =
		MATERIAL_SELECT "WHERE :all OR (removed_at IS NULL"
		" AND (show_from IS NULL OR show_from <= :today)"
		" AND (show_until IS NULL OR show_until >= :today))"
		" ORDER BY removed_at IS NOT NULL, pinned DESC, imported_at DESC, id DESC",
	[STMT_MATERIAL_REMOVE] = "UPDATE materials SET removed_at = :now WHERE id = :id"
				 " AND removed_at IS NULL",
	[STMT_MATERIAL_PIN] = "UPDATE materials SET pinned = :pinned WHERE id = :id"
			      " AND removed_at IS NULL",
	[STMT_MATERIAL_SHAS] = "SELECT sha256 FROM materials WHERE removed_at IS NULL",

	/* 学习打卡 (study.c): once per member, material and day; a second one changes nothing, one
	 * after an undo records again. */
	[STMT_STUDY_INSERT] =
		"INSERT INTO study_records (uuid, kiosk_id, member_id, material_id, study_date,"
		" studied_at, minutes, method, created_at) VALUES (:uuid, :kiosk_id, :member_id,"
		" :material_id, :study_date, :now, :minutes, :method, :now)"
		" ON CONFLICT (member_id, material_id, study_date) DO UPDATE SET"
		" studied_at = excluded.studied_at, minutes = excluded.minutes,"
		" method = excluded.method, undone_at = NULL WHERE study_records.undone_at IS NOT NULL",
	[STMT_STUDY_GET] = "SELECT studied_at, minutes, id FROM study_records"
			   " WHERE member_id = :member_id"
			   " AND material_id = :material_id AND study_date = :study_date",
	/* "点错了" on the 学习打卡 card (study.c): kept as undone, like a sign-in undone. */
	[STMT_STUDY_UNDO] = "UPDATE study_records SET undone_at = :now WHERE id = :id"
			    " AND undone_at IS NULL",
	[STMT_STUDY_LIST] =
		"SELECT s.id, s.uuid, s.kiosk_id, s.studied_at, s.minutes, s.method, m.id, m.uuid,"
		" m.name, b.name, mt.id, mt.uuid, mt.title, mt.category"
		" FROM study_records s JOIN members m ON m.id = s.member_id"
		" JOIN branches b ON b.id = m.branch_id JOIN materials mt ON mt.id = s.material_id"
		" WHERE s.studied_at >= :from AND s.studied_at < :to AND s.undone_at IS NULL"
		" ORDER BY s.studied_at, s.id",

	/* The planner's "already there": a meeting of the kind for the same branch and group
	 * (NULL for the whole community) starting in the period, cancelled or not. */
	[STMT_MEETING_SAME_PERIOD] =
		"SELECT count(*) FROM meetings WHERE kind = :kind AND branch_id IS :branch_id"
		" AND group_id IS :group_id AND start_at >= :from AND start_at < :to",

	/* Meeting records (record.c): one per meeting; saving again replaces it and moves
	 * updated_at, so the next export carries the correction. */
	[STMT_RECORD_GET] =
		"SELECT uuid, coalesce(host_id, 0), host, coalesce(recorder_id, 0), recorder, topics,"
		" content, decisions, votes_for IS NOT NULL, coalesce(votes_for, 0),"
		" coalesce(votes_against, 0), coalesce(votes_abstain, 0), recorded_by, updated_at"
		" FROM meeting_records WHERE meeting_id = :meeting_id",
	[STMT_RECORD_UPSERT] =
		"INSERT INTO meeting_records (uuid, kiosk_id, meeting_id, host_id, host, recorder_id,"
		" recorder, topics, content, decisions, votes_for, votes_against, votes_abstain,"
		" recorded_by, created_at, updated_at) VALUES (:uuid, :kiosk_id, :meeting_id, :host_id,"
		" :host, :recorder_id, :recorder, :topics, :content, :decisions, :votes_for,"
		" :votes_against, :votes_abstain, :recorded_by, :now, :now)"
		" ON CONFLICT (meeting_id) DO UPDATE SET host_id = excluded.host_id, host = excluded.host,"
		" recorder_id = excluded.recorder_id, recorder = excluded.recorder,"
		" topics = excluded.topics, content = excluded.content, decisions = excluded.decisions,"
		" votes_for = excluded.votes_for, votes_against = excluded.votes_against,"
		" votes_abstain = excluded.votes_abstain, recorded_by = excluded.recorded_by,"
		" updated_at = excluded.updated_at",
	[STMT_RECORD_MEETING_SET] = "UPDATE meetings SET host = :host, recorder = :recorder,"
				    " topic = :topic, updated_at = :now WHERE id = :id",
	[STMT_RECORD_MEMBER_BY_NAME] = "SELECT id, name FROM members WHERE active = 1 AND name = :name"
				       " ORDER BY id LIMIT 2",
	/* A sign-in from a paper sheet, just inserted: when the meeting was, and who typed it. */
	[STMT_ATTENDANCE_PAPER] = "UPDATE attendance SET checked_at = :checked_at,"
				  " entered_by = :entered_by WHERE meeting_id = :meeting_id"
				  " AND member_id = :member_id AND method = 'paper'",
	[STMT_OFFICE_RECORD_UPSERT] =
		"INSERT INTO office_records (uuid, kiosk_id, meeting_uuid, host, recorder, topics, content,"
		" decisions, votes_for, votes_against, votes_abstain, complete, updated_at) VALUES (:uuid,"
		" :kiosk_id, :meeting_uuid, :host, :recorder, :topics, :content, :decisions, :votes_for,"
		" :votes_against, :votes_abstain, :complete, :updated_at)"
		" ON CONFLICT (uuid) DO UPDATE SET host = excluded.host, recorder = excluded.recorder,"
		" topics = excluded.topics, content = excluded.content, decisions = excluded.decisions,"
		" votes_for = excluded.votes_for, votes_against = excluded.votes_against,"
		" votes_abstain = excluded.votes_abstain, complete = excluded.complete,"
		" updated_at = excluded.updated_at"
		" WHERE excluded.updated_at >= office_records.updated_at",
	/* A branch's meetings in the quarter (its own and the whole community's, as
	 * STMT_REPORT_HELD counts them; volunteer activities aside), how many of them have a
	 * complete record, and how many have photos. */
	[STMT_REPORT_RECORDED] =
		"SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM office_records r"
		" WHERE r.meeting_uuid = mt.uuid AND r.complete = 1)), 0),"
		" coalesce(sum(EXISTS (SELECT 1 FROM office_photos p"
		" WHERE p.meeting_uuid = mt.uuid AND p.deleted = 0)), 0)"
		" FROM office_meetings mt WHERE mt.cancelled = 0 AND mt.start_at >= :from"
		" AND mt.start_at < :to AND mt.community = :community"
		" AND (mt.branch = :branch OR mt.branch = '') AND mt.kind <> '志愿服务'",

	/* A meeting's photos, deleted ones too (the deletion travels), in the order they were added. */
	[STMT_EXPORT_PHOTOS] =
		"SELECT uuid, kiosk_id, sha256, width, height, deleted_at IS NOT NULL, updated_at"
		" FROM meeting_photos WHERE meeting_id = :meeting_id ORDER BY added_at, id",
	[STMT_OFFICE_PHOTO_UPSERT] =
		"INSERT INTO office_photos (uuid, kiosk_id, meeting_uuid, sha256, width, height, deleted,"
		" updated_at) VALUES (:uuid, :kiosk_id, :meeting_uuid, :sha256, :width, :height, :deleted,"
		" :updated_at) ON CONFLICT (uuid) DO UPDATE SET sha256 = excluded.sha256,"
		" width = excluded.width, height = excluded.height, deleted = excluded.deleted,"
		" updated_at = excluded.updated_at WHERE excluded.updated_at >= office_photos.updated_at",
	/* Meeting photos (photo.c): a picture is one row a meeting; a deleted one keeps its row. */
	[STMT_PHOTO_INSERT] =
		"INSERT INTO meeting_photos (uuid, kiosk_id, meeting_id, sha256, width, height, bytes,"
		" source, added_by, added_at, updated_at) VALUES (:uuid, :kiosk_id, :meeting_id,"
		" :sha256, :width, :height, :bytes, :source, :added_by, :now, :now)",
	[STMT_PHOTO_BY_SHA] = "SELECT id, deleted_at IS NOT NULL FROM meeting_photos"
			      " WHERE meeting_id = :meeting_id AND sha256 = :sha256",
	[STMT_PHOTO_REVIVE] = "UPDATE meeting_photos SET deleted_at = NULL, source = :source,"
			      " added_by = :added_by, added_at = :now, updated_at = :now WHERE id = :id",
	[STMT_PHOTO_COUNT] = "SELECT count(*) FROM meeting_photos"
			     " WHERE meeting_id = :meeting_id AND deleted_at IS NULL",
	[STMT_PHOTO_LIST] = "SELECT id, uuid, meeting_id, sha256, width, height, bytes, source,"
			    " added_by, added_at FROM meeting_photos"
			    " WHERE meeting_id = :meeting_id AND deleted_at IS NULL ORDER BY added_at, id",
	[STMT_PHOTO_DELETE] = "UPDATE meeting_photos SET deleted_at = :now, updated_at = :now"
			      " WHERE id = :id AND meeting_id = :meeting_id AND deleted_at IS NULL",
};
