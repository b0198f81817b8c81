/* libFuzzer target for the picture header probe that guards the decoders: any bytes give a size
 * or an explained refusal, never a read past the end (ASan) or a loop; a size it reports is
 * non-zero, and the type agrees with the signature. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/formats/imageinfo.h"
#include "core/text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_info info;
	char err[256] = "";
	/* A copy of exactly size bytes, so ASan sees any read beyond them. */
	uint8_t *copy = malloc(size ? size : 1);

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (imageinfo_probe(copy, size, &info, err, sizeof err) == 0) {
		if (info.width == 0 || info.height == 0 || info.type != imageinfo_type(copy, size))
			abort();
		err[0] = '\0';
		if (imageinfo_check_size(&info, err, sizeof err) < 0 && !err[0])
			abort();
	} else if (!err[0] || utf8_invalid_at(err, strlen(err)) != strlen(err)) {
		abort();
	}
	free(copy);
	return 0;
}
