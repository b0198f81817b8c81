/* The office's copy of meeting photos (merge.c calls these): each photo file an export carries
 * is checked against the manifest and against its own name, the SHA-256 photos.csv gives it,
 * then kept once as <office database's folder>/photos/<sha256>.jpg however many kiosks or
 * merges bring it. The rows of photos.csv go to office_photos with the other tables. */
#ifndef KIOSK_CORE_MERGE_PHOTOS_H
#define KIOSK_CORE_MERGE_PHOTOS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Check (store false) or store (store true) the photo files of the export folder whose parsed
 * manifest is given, into the photos folder beside office_db_path. Checking reads every file
 * listed in photos.csv and refuses, naming the file, one not in the manifest, not matching the
 * manifest's checksum, or whose bytes are not its name's. Storing copies each one the office
 * lacks (whole or not at all); *stored counts them. An export without photos.csv passes. 0, or
 * -1 with err. */
int merge_photos_files(const char *folder, json_t *manifest, const char *office_db_path,
		       bool store, int *stored, char *err, size_t errlen);

#endif
