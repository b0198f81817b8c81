/* Ordering names the way people count: 第二党支部 before 第十一党支部, 3号楼 before 12号楼. Runs of
 * Chinese numerals (一 二 … 十 百 千 两 零 〇) and of ASCII digits compare by their value; the
 * rest compares byte by byte. Registered with SQLite as the collation "numeral" (db.c). */
#ifndef KIOSK_CORE_NUMORDER_H
#define KIOSK_CORE_NUMORDER_H

#include <stddef.h>

/* <0, 0, >0 as a sorts before, with, or after b (lengths in bytes; not NUL-terminated). */
int numorder_compare(const char *a, size_t alen, const char *b, size_t blen);

#endif
