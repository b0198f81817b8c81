/* Every SQL statement the core runs, in one place, each prepared once when the database opens
 * (see db.c). Parameters are named after the columns they fill. The schema is in the .sql files in db/. */
#include "core/db_sql.h"

/* A member row, in the order of enum member_field (members.h), then the ids. */
#define MEMBER_SELECT                                                                          \
	"SELECT m.name, m.gender, m.ethnicity, m.birth_date, m.phone, m.address, m.employer,"  \
	" m.position, m.education, m.joined_date, m.full_date, m.status, m.category,"          \
	" m.residence, b.name, coalesce(g.name, ''), coalesce(h.name, ''), m.party_role,"      \
	" m.note, m.id, m.uuid, m.active, m.branch_id, m.group_id, m.household_id"             \
	" FROM members m JOIN branches b ON b.id = m.branch_id"                                \
	" LEFT JOIN party_groups g ON g.id = m.group_id"                                       \
	" LEFT JOIN households h ON h.id = m.household_id "
#define MEMBER_ORDER " ORDER BY b.sort_order, b.name, m.id"

/* A meeting row, in the order meeting_from_row (meetings.c) reads it. */
#define MEETING_SELECT                                                                         \
	"SELECT mt.id, mt.uuid, mt.kind, mt.title, mt.branch_id, coalesce(b.name, ''),"        \
	" mt.group_id, coalesce(g.name, ''), mt.place, mt.start_at, mt.end_at, mt.vote,"       \
	" mt.host, mt.recorder, mt.topic, mt.cancelled"                                        \
	" FROM meetings mt LEFT JOIN branches b ON b.id = mt.branch_id"                        \
	" LEFT JOIN party_groups g ON g.id = mt.group_id "

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
		" updated_at) VALUES (:uuid, :kiosk_id, :name, :gender, :ethnicity, :birth_date,"
		" :phone, :address, :employer, :position, :education, :joined_date, :full_date,"
		" :status, :category, :residence, :party_role, :note, :branch_id, :group_id,"
		" :household_id, :now, :now)",
	[STMT_MEMBER_UPDATE] =
		"UPDATE members SET name = :name, gender = :gender, ethnicity = :ethnicity,"
		" birth_date = :birth_date, phone = :phone, address = :address, employer = :employer,"
		" position = :position, education = :education, joined_date = :joined_date,"
		" full_date = :full_date, status = :status, category = :category,"
		" residence = :residence, party_role = :party_role, note = :note,"
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
		" start_at, end_at, vote, host, recorder, topic, created_at, updated_at)"
		" VALUES (:uuid, :kiosk_id, :kind, :title, :branch_id, :group_id, :place, :start_at,"
		" :end_at, :vote, :host, :recorder, :topic, :now, :now)",
	[STMT_MEETING_GET] = MEETING_SELECT "WHERE mt.id = :id",
	[STMT_MEETING_LIST_RANGE] = MEETING_SELECT "WHERE mt.cancelled = 0 AND mt.start_at < :to"
				    " AND mt.end_at > :from ORDER BY mt.start_at, mt.id",
	/* On now: from 30 minutes before the start to the end. */
	[STMT_MEETING_CURRENT] = MEETING_SELECT "WHERE mt.cancelled = 0 AND mt.start_at <= :soon"
				 " AND mt.end_at > :now ORDER BY mt.start_at, mt.id",
	[STMT_MEETING_UPCOMING] = MEETING_SELECT "WHERE mt.cancelled = 0 AND mt.start_at > :now"
				  " ORDER BY mt.start_at, mt.id LIMIT :limit",

	[STMT_LEAVE_INSERT] =
		"INSERT INTO leaves (uuid, kiosk_id, meeting_id, member_id, reason, recorded_by,"
		" created_at) VALUES (:uuid, :kiosk_id, :meeting_id, :member_id, :reason, :actor, :now)"
		" ON CONFLICT (meeting_id, member_id) DO UPDATE SET reason = excluded.reason,"
		" recorded_by = excluded.recorded_by",
	[STMT_EXCLUSION_INSERT] =
		"INSERT INTO exclusions (uuid, kiosk_id, member_id, reason, approved_by, start_date,"
		" end_date, created_at) VALUES (:uuid, :kiosk_id, :member_id, :reason, :approved_by,"
		" :start_date, :end_date, :now)",

	/* A second sign-in changes nothing; one after a staff undo signs in again. */
	[STMT_ATTENDANCE_INSERT] =
		"INSERT INTO attendance (uuid, kiosk_id, meeting_id, member_id, method, checked_at,"
		" created_at, updated_at) VALUES (:uuid, :kiosk_id, :meeting_id, :member_id, :method,"
		" :now, :now, :now) ON CONFLICT (meeting_id, member_id) DO UPDATE SET"
		" method = excluded.method, checked_at = excluded.checked_at, undone_at = NULL,"
		" updated_at = excluded.updated_at WHERE attendance.undone_at IS NOT NULL",
	[STMT_ATTENDANCE_GET] = "SELECT checked_at, method, undone_at FROM attendance"
				" WHERE meeting_id = :meeting_id AND member_id = :member_id",
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
	[STMT_MEETING_GUESTS] =
		"SELECT count(*) FROM attendance a WHERE a.meeting_id = :meeting_id"
		" AND a.undone_at IS NULL AND NOT EXISTS (SELECT 1 FROM expected e"
		" WHERE e.meeting_id = a.meeting_id AND e.member_id = a.member_id)",
	/* The 签到表: everyone expected, then everyone else who signed in (列席). */
	[STMT_MEETING_SHEET] =
		"SELECT m.id, m.name, b.name, m.status, m.category, x.member_id IS NULL,"
		" coalesce(a.checked_at, ''), coalesce(a.method, ''), coalesce(l.reason, '')"
		" FROM members m JOIN branches b ON b.id = m.branch_id"
		" LEFT JOIN expected x ON x.meeting_id = :meeting_id AND x.member_id = m.id"
		" LEFT JOIN attendance a ON a.meeting_id = :meeting_id AND a.member_id = m.id"
		" AND a.undone_at IS NULL"
		" LEFT JOIN leaves l ON l.meeting_id = :meeting_id AND l.member_id = m.id"
		" WHERE x.member_id IS NOT NULL OR a.id IS NOT NULL"
		" ORDER BY x.member_id IS NULL, b.sort_order, m.id",
};
