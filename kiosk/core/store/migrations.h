/* The schema migrations embedded from the .sql files in db/ at build time (kiosk/tools/embed_migrations.sh). */
#ifndef KIOSK_CORE_MIGRATIONS_H
#define KIOSK_CORE_MIGRATIONS_H

struct migration {
	int version;      /* the NNN of db/NNN_name.sql; PRAGMA user_version after it ran */
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif

