/* Random (version 4) UUIDs: every record that leaves the kiosk carries one, so exports merge. */
#ifndef KIOSK_CORE_UUID_H
#define KIOSK_CORE_UUID_H

#define UUID_LEN 37 /* 36 characters and the NUL */

/* Write a new random UUID, e.g. "3f2b6c1e-8d4a-4c8e-9a51-0b7f6d2e4c19"; 0, or -1 if the system
 * has no randomness to give (never expected on Linux). */
int uuid_new(char out[UUID_LEN]);

#endif
