/* mkphoto: a real JPEG for the photo tests, made on the spot so that no binary file is kept in
 * the repository. The picture is a gradient with a band whose colour comes from SEED, so two
 * seeds give two different files (and hashes); a little noise makes it the size of a photo.
 *
 *   mkphoto W H SEED OUT */
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <jpeglib.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *row;
	int w, h, seed, x;
	FILE *out;

	if (argc != 5 || (w = atoi(argv[1])) <= 0 || (h = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: mkphoto W H SEED OUT\n");
		return 2;
	}
	seed = atoi(argv[3]);
	srand((unsigned)seed);
	if (!(out = fopen(argv[4], "wb")) || !(row = malloc((size_t)w * 3))) {
		perror(argv[4]);
		return 1;
	}
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, out);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		int y = (int)c.next_scanline;
		JSAMPROW rows[1] = { row };
		for (x = 0; x < w; x++) {
			int band = y > h / 3 && y < 2 * h / 3, noise = rand() % 24;
			row[3 * x] = (unsigned char)((band ? seed * 53 : x * 200 / w) + noise);
			row[3 * x + 1] = (unsigned char)((band ? seed * 97 : y * 200 / h) + noise);
			row[3 * x + 2] = (unsigned char)((band ? 200 - seed * 31 : 128) + noise);
		}
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	return fclose(out) == 0 ? 0 : 1;
}
