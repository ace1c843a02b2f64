/* fw_cfg over I/O ports (QEMU docs/specs/fw_cfg.txt): a 16-bit selector at 0x510, a
 * byte-wide data port at 0x511; the file directory's fields are big-endian. */
#include "fwcfg.h"

#include <stdint.h>

#include "cpu.h"

#define FWCFG_PORT_SEL 0x510
#define FWCFG_PORT_DATA 0x511
#define FWCFG_SIGNATURE 0x0000
#define FWCFG_FILE_DIR 0x0019
#define FWCFG_NAME_MAX 56

static void select_item(uint16_t key) { outw(FWCFG_PORT_SEL, key); }

static void read_bytes(void *buf, size_t n)
{
	uint8_t *b = buf;
	for (size_t i = 0; i < n; i++)
		b[i] = inb(FWCFG_PORT_DATA);
}

static uint32_t read_be32(void)
{
	uint8_t b[4];
	read_bytes(b, 4);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static bool present(void)
{
	char sig[4];
	select_item(FWCFG_SIGNATURE);
	read_bytes(sig, 4);
	return sig[0] == 'Q' && sig[1] == 'E' && sig[2] == 'M' && sig[3] == 'U';
}

static bool name_is(const char entry[FWCFG_NAME_MAX], const char *name)
{
	size_t i = 0;
	for (; i < FWCFG_NAME_MAX && name[i]; i++)
		if (entry[i] != name[i])
			return false;
	return i < FWCFG_NAME_MAX && entry[i] == '\0';
}

bool fwcfg_read_string(const char *name, char *buf, size_t size)
{
	if (size == 0 || !present())
		return false;
	select_item(FWCFG_FILE_DIR);
	uint32_t count = read_be32();
	for (uint32_t i = 0; i < count; i++) {
		uint32_t fsize = read_be32();
		uint8_t sel[2], reserved[2];
		char fname[FWCFG_NAME_MAX];
		read_bytes(sel, 2);
		read_bytes(reserved, 2);
		read_bytes(fname, FWCFG_NAME_MAX);
		if (!name_is(fname, name))
			continue;
		size_t n = fsize < size - 1 ? fsize : size - 1;
		select_item((uint16_t)(sel[0] << 8 | sel[1]));
		read_bytes(buf, n);
		buf[n] = '\0';
		return true;
	}
	return false;
}
