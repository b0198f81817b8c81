/* Operating-system errors in words staff can act on: "空间已满" rather than "No space left on
 * device". Every message that carries an errno to a person goes through here. */
#ifndef KIOSK_CORE_SYSERR_H
#define KIOSK_CORE_SYSERR_H

/* A short Chinese phrase for errnum (the common ones: missing file, no permission, full, read-only,
 * a stick pulled out ...); others fall back to strerror. The result is never NULL. */
const char *syserr(int errnum);

#endif
