/* What the kernel gives the root task (the first boot module): its capability slots,
 * where it is mapped, and the boot modules. The root task's policy does the rest. */
#ifndef ABI_ROOTINFO_H
#define ABI_ROOTINFO_H

#include <stdint.h>

#include "bootinfo.h"

/* User address layout (Pintos-KAIST): executables at 0x400000, the first stack page
 * ends at USER_STACK. */
#define USER_BASE 0x400000ull
#define USER_STACK 0x47480000ull

/* The root task's extra mappings, all below KERN_BASE. */
#define ROOT_INFO_ADDR 0x7ff0000000ull       /* struct root_info, read-only */
#define ROOT_IPC_BUFFER_ADDR 0x7ff0001000ull /* the root thread's IPC buffer */
#define ROOT_MODULES_ADDR 0x7f00000000ull    /* module images, read-only, in order */
#define ROOT_STACK_PAGES 16                  /* mapped below USER_STACK */

/* The root task's capability table. */
enum root_slot {
	SLOT_NULL = 0, /* always empty */
	SLOT_THREAD,   /* the root thread */
	SLOT_VSPACE,   /* its address space */
	SLOT_CAPTABLE, /* this table */
	SLOT_POOL,     /* all memory the kernel does not keep for itself */
	SLOT_CONSOLE,
	SLOT_SYSTEM,
	SLOT_IRQ_CONTROL,
	SLOT_IOPORTS,   /* every I/O port the kernel does not use itself */
	SLOT_DEVMEM,    /* physical addresses that are not RAM */
	SLOT_IPC_BUFFER_FRAME,
	SLOT_FIRST_MODULE_FRAME = 16, /* frames of the module images, in order */
};
#define ROOT_CAPTABLE_SLOTS 65536 /* room for a capability per frame of user memory */

#define ROOTINFO_MAGIC 0x4f464e49544f4f52ull /* "ROOTINFO" */

struct root_module {
	char name[BOOT_NAME_MAX];
	uint64_t addr;       /* where the image is mapped in the root task */
	uint64_t size;       /* bytes of the file */
	uint32_t first_slot; /* capability slot of its first frame */
	uint32_t frames;     /* consecutive slots, one per page */
};
_Static_assert(sizeof(struct root_module) == 56, "root_module layout");

struct root_info {
	uint64_t magic;           /* ROOTINFO_MAGIC */
	uint32_t module_count;    /* modules[0] is the root task itself */
	uint32_t first_free_slot; /* slots from here to ROOT_CAPTABLE_SLOTS - 1 are empty */
	uint64_t pool_bytes;      /* the quota of SLOT_POOL */
	char cmdline[BOOT_CMDLINE_MAX]; /* the kernel command line, NUL-terminated */
	struct root_module modules[BOOT_MAX_MODULES];
};
_Static_assert(sizeof(struct root_info) == 24 + BOOT_CMDLINE_MAX + 56 * BOOT_MAX_MODULES,
	       "root_info layout");
_Static_assert(sizeof(struct root_info) <= 4096, "root_info fits its page");

#endif
