/* Shared by the database-backed unit tests: a fresh database file in a temporary folder, with a
 * small community built through the same core calls the kiosk uses. */
#ifndef KIOSK_TESTS_TESTDB_H
#define KIOSK_TESTS_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "core/store/db.h"
#include "core/party/meetings.h"
#include "core/party/members.h"

struct testdb {
	char dir[64];
	char path[96];
	struct db *db;
	char err[1024];
};

static inline struct testdb *testdb_new(void)
{
	struct testdb *t = calloc(1, sizeof *t);

	snprintf(t->dir, sizeof t->dir, "/tmp/kiosk-unit.XXXXXX");
	if (!mkdtemp(t->dir))
		abort();
	snprintf(t->path, sizeof t->path, "%s/test.db", t->dir);
	t->db = db_open(t->path, DB_CREATE, t->err, sizeof t->err);
	if (!t->db) {
		fprintf(stderr, "db_open: %s\n", t->err);
		abort();
	}
	db_setting_set(t->db, "kiosk_id", "test-kiosk", t->err, sizeof t->err);
	return t;
}

static inline void testdb_free(struct testdb *t)
{
	char cmd[160];

	db_close(t->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", t->dir);
	free(t);
}

/* cmocka teardown for fixtures whose first member is the struct testdb * (a pointer to a struct
 * is a pointer to its first member): frees the database, then the fixture. */
static inline int testdb_fixture_teardown(void **state)
{
	struct testdb **t = *state;

	testdb_free(*t);
	free(*state);
	return 0;
}

/* Add a member; returns the id (aborts the test run on failure: the fixture is broken). */
static inline int64_t testdb_member(struct testdb *t, const char *name, const char *branch,
				    const char *status, const char *phone)
{
	struct member m;

	member_init(&m);
	snprintf(m.f[MF_NAME], MEMBER_TEXT, "%s", name);
	snprintf(m.f[MF_BRANCH], MEMBER_TEXT, "%s", branch);
	snprintf(m.f[MF_STATUS], MEMBER_TEXT, "%s", status ? status : "正式");
	snprintf(m.f[MF_PHONE], MEMBER_TEXT, "%s", phone ? phone : "");
	if (members_save(t->db, &m, "test", t->err, sizeof t->err) < 0) {
		fprintf(stderr, "members_save %s: %s\n", name, t->err);
		abort();
	}
	return m.id;
}

/* Add a meeting of kind for branch starting at start ("2026-12-01 09:00") for minutes; returns
 * the id (aborts the test run on failure: the fixture is broken). */
static inline int64_t testdb_meeting(struct testdb *t, enum meeting_kind kind, const char *title,
				     const char *branch, const char *start, int minutes,
				     enum vote_mode vote)
{
	struct meeting m;

	meeting_init(&m);
	m.kind = kind;
	snprintf(m.title, sizeof m.title, "%s", title);
	snprintf(m.branch, sizeof m.branch, "%s", branch);
	if (clock_parse(start, &m.start) < 0)
		abort();
	m.end = m.start + minutes * 60;
	m.vote = vote;
	if (meetings_add(t->db, &m, "test", t->err, sizeof t->err) < 0) {
		fprintf(stderr, "meetings_add %s: %s\n", title, t->err);
		abort();
	}
	return m.id;
}

#endif
