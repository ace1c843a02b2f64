/* Runs the C library's random.h and hex_dump (user/libc, natively) on the operations in
 * its arguments and prints what they give, for random_hexdump_test.py to compare with
 * its own models. Operations, in order:
 *   init SEED           random_init(SEED) (SEED as strtoul reads it with base 0)
 *   bytes N             random_bytes(N bytes): one line of 2N hex digits
 *   ulong               random_ulong(): one line of 16 hex digits
 *   dump OFS ASCII HEX  hex_dump(OFS, the bytes spelled by HEX, their count, ASCII != 0):
 *                       its output as it is
 * Exits with 2 on bad arguments, and with 3 if hex_dump wrote to another fd than 1 or
 * not line by line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc_hooks.h"
#include "libc_pg.h"

#define MAX_BYTES 4096

static unsigned char buf[MAX_BYTES];

static void usage(void)
{
	fprintf(stderr, "usage: random_hexdump {init SEED | bytes N | ulong | dump OFS ASCII HEX}...\n");
	exit(2);
}

/* The bytes spelled by hex into buf; returns their count. */
static size_t parse_hex(const char *hex)
{
	size_t len = strlen(hex);
	if (len % 2 != 0 || len / 2 > MAX_BYTES)
		usage();
	for (size_t i = 0; i < len / 2; i++) {
		char pair[3] = { hex[2 * i], hex[2 * i + 1], '\0' };
		buf[i] = (unsigned char)strtoul(pair, NULL, 16);
	}
	return len / 2;
}

static void dump(const char *ofs, const char *ascii, const char *hex)
{
	size_t size = parse_hex(hex);
	hook_output_reset();
	pg_hex_dump((uintptr_t)strtoull(ofs, NULL, 0), buf, size, atoi(ascii) != 0);
	int lines = 0;
	for (size_t i = 0; i < hook_output_len; i++)
		lines += hook_output[i] == '\n';
	if (hook_write_calls != lines || (lines > 0 && hook_write_fd != 1)) {
		fprintf(stderr, "random_hexdump: %d lines in %d writes, the last to fd %d\n", lines,
			hook_write_calls, hook_write_fd);
		exit(3);
	}
	fwrite(hook_output, 1, hook_output_len, stdout);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *op = argv[i];
		int left = argc - i - 1;
		if (strcmp(op, "init") == 0 && left >= 1) {
			pg_random_init((unsigned)strtoul(argv[++i], NULL, 0));
		} else if (strcmp(op, "bytes") == 0 && left >= 1) {
			size_t n = strtoul(argv[++i], NULL, 0);
			if (n > MAX_BYTES)
				usage();
			pg_random_bytes(buf, n);
			for (size_t k = 0; k < n; k++)
				printf("%02x", buf[k]);
			printf("\n");
		} else if (strcmp(op, "ulong") == 0) {
			printf("%016lx\n", pg_random_ulong());
		} else if (strcmp(op, "dump") == 0 && left >= 3) {
			dump(argv[i + 1], argv[i + 2], argv[i + 3]);
			i += 3;
		} else {
			usage();
		}
	}
	return 0;
}
