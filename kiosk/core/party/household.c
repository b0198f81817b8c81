/* Households (household.h). */
#include "core/party/household.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/db.h"

static int others(struct db *db, sqlite3_stmt *st, int64_t member_id, struct home_member *out,
		  int max, char *err, size_t errlen)
{
	int n = 0, rc;

	db_bind_id(st, ":member_id", member_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
		out[n].id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, out[n].name, sizeof out[n].name);
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_error(db, "读取同户党员", err, errlen);
		return -1;
	}
	return n;
}

int household_others(struct db *db, int64_t member_id, struct home_member *out, int max, char *err,
		     size_t errlen)
{
	return others(db, db_stmt(db, STMT_HOME_OTHERS), member_id, out, max, err, errlen);
}

int household_to_offer(struct db *db, int64_t meeting_id, int64_t member_id, struct home_member *out,
		       int max, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_HOME_TO_OFFER);

	db_bind_id(st, ":meeting_id", meeting_id);
	return others(db, st, member_id, out, max, err, errlen);
}

int household_same(struct db *db, int64_t a, int64_t b, bool *same, char *err, size_t errlen)
{
	struct home_member others[HOUSEHOLD_MAX];
	int n = household_others(db, a, others, HOUSEHOLD_MAX, err, errlen), i;

	*same = false;
	for (i = 0; i < n; i++)
		if (others[i].id == b)
			*same = true;
	return n < 0 ? -1 : 0;
}

/* Spellings of one thing in addresses, made one. */
static const char *const same[][2] = {
	{ "号楼", "栋" }, { "幢", "栋" }, { "楼", "栋" }, { "单元", "门" }, { "室", "" }, { "号", "" },
};

void household_address_key(const char *in, char *out, size_t size)
{
	size_t n = 0, i;

	if (!size)
		return;
	while (*in && n + 4 < size) {
		const unsigned char *u = (const unsigned char *)in;
		bool done = false;
		/* Full-width ASCII (U+FF01..U+FF5E: EF BC 81 .. EF BD 9E) to ASCII. */
		if (u[0] == 0xEF && (u[1] == 0xBC || u[1] == 0xBD) && u[2]) {
			unsigned cp = ((unsigned)(u[0] & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) |
				      (u[2] & 0x3F);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				char c = (char)(cp - 0xFF01 + 0x21);
				in += 3;
				if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
					out[n++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
				continue;
			}
		}
		for (i = 0; i < sizeof same / sizeof same[0]; i++)
			if (strncmp(in, same[i][0], strlen(same[i][0])) == 0) {
				size_t l = strlen(same[i][1]);
				if (n + l + 1 < size) {
					memcpy(out + n, same[i][1], l);
					n += l;
				}
				in += strlen(same[i][0]);
				done = true;
				break;
			}
		if (done)
			continue;
		if (u[0] < 0x80) {
			char c = *in++;
			if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
				out[n++] = c;
			else if (c >= 'a' && c <= 'z')
				out[n++] = (char)(c - 32);
			continue; /* spaces and ASCII punctuation go */
		}
		/* CJK punctuation (U+3000..U+303F: E3 80 80 .. E3 80 BF) goes too. */
		if (u[0] == 0xE3 && u[1] == 0x80) {
			in += 3;
			continue;
		}
		{
			size_t len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
			for (i = 0; i < len && *in; i++)
				out[n++] = *in++;
		}
	}
	out[n] = '\0';
}

struct row {
	int64_t id;
	char name[128], address[256], key[256], home[256];
};

static int by_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->id > y->id) - (x->id < y->id);
}

int household_suggestions(struct db *db, suggestion_fn fn, void *ctx, char *err, size_t errlen)
{
	sqlite3_stmt *st = db_stmt(db, STMT_HOME_ADDRESSES);
	struct row *rows = NULL, *grown;
	size_t n = 0, cap = 0, i, j;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(rows, cap * sizeof *rows);
			if (!grown) {
				sqlite3_reset(st);
				free(rows);
				snprintf(err, errlen, "内存不足");
				return -1;
			}
			rows = grown;
		}
		rows[n].id = sqlite3_column_int64(st, 0);
		db_column_text(st, 1, rows[n].name, sizeof rows[n].name);
		db_column_text(st, 2, rows[n].address, sizeof rows[n].address);
		db_column_text(st, 3, rows[n].home, sizeof rows[n].home);
		household_address_key(rows[n].address, rows[n].key, sizeof rows[n].key);
		if (rows[n].key[0])
			n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		db_error(db, "读取家庭住址", err, errlen);
		return -1;
	}
	qsort(rows, n, sizeof *rows, by_key);
	for (i = 0; i < n; i = j) {
		struct household_suggestion s;
		bool shared = true;
		for (j = i + 1; j < n && strcmp(rows[j].key, rows[i].key) == 0; j++)
			if (!rows[i].home[0] || strcmp(rows[j].home, rows[i].home) != 0)
				shared = false;
		if (j - i < 2 || (shared && rows[i].home[0]))
			continue;
		memset(&s, 0, sizeof s);
		snprintf(s.key, sizeof s.key, "%s", rows[i].key);
		snprintf(s.address, sizeof s.address, "%s", rows[i].address);
		for (; i < j && s.n < HOUSEHOLD_MAX; i++) {
			s.members[s.n].id = rows[i].id;
			snprintf(s.members[s.n].name, sizeof s.members[s.n].name, "%s", rows[i].name);
			s.n++;
		}
		if (fn(ctx, &s))
			break;
	}
	free(rows);
	return 0;
}
