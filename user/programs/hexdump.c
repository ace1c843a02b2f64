/* hexdump FILE: the bytes of FILE in Pintos' hex_dump format, 16 a line: the offset, the
 * bytes in hex, and as characters ('.' where not printable). A file that cannot be
 * opened or read is named and makes the exit status 1. */
#include "tool.h"

int main(int argc, char **argv)
{
	static char buf[4096]; /* a multiple of 16: every chunk starts a line */
	tool_args(argc, argv, 1, 1, "hexdump FILE");
	int fd = open(argv[1]), n = 0;
	unsigned off = 0;
	while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0) {
		hex_dump(off, buf, (size_t)n, true);
		off += (unsigned)n;
	}
	if (fd < 0 || n < 0) {
		printf("hexdump: %s: cannot %s\n", argv[1], fd < 0 ? "open" : "read");
		return 1;
	}
	close(fd);
	return 0;
}
