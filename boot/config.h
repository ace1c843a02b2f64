/* The boot configuration (\boot\boot.cfg): which kernel to load and which modules to
 * hand over. Pure parsing, no UEFI. Format, one directive per line, '#' starts a
 * comment, paths relative to the ESP root with '/' separators:
 *     kernel boot/kernel.elf
 *     module init boot/init.elf
 */
#ifndef BOOT_CONFIG_H
#define BOOT_CONFIG_H

#include <stddef.h>

#include "bootinfo.h"

#define CONFIG_PATH "boot/boot.cfg"
#define CONFIG_PATH_MAX 128 /* bytes in a path, with the NUL */
#define CONFIG_LINE_MAX 256 /* bytes in a line, with the NUL */

struct config_module {
	char name[BOOT_NAME_MAX];
	char path[CONFIG_PATH_MAX];
};

struct boot_config {
	char kernel[CONFIG_PATH_MAX];
	unsigned module_count;
	struct config_module modules[BOOT_MAX_MODULES];
};

/* Parses len bytes of configuration text into *cfg. Returns 0 on success; on error
 * returns -1 with a one-line description ("line 3: unknown keyword 'kernal'") in err
 * (errsize bytes, NUL-terminated) and *cfg partly filled. */
int config_parse(const char *text, size_t len, struct boot_config *cfg, char *err,
		 size_t errsize);

#endif
