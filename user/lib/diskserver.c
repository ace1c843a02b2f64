/* Starting the disk server (diskserver.h). */
#include "diskserver.h"

#include "disk.h"
#include "objects.h"
#include "ops.h"
#include "space.h"
#include "str.h"

#define DISK_POOL_BYTES (1ull << 20) /* the server's DMA pages and driver objects */
#define PCI_CONFIG_PORT 0xcf8
#define PCI_CONFIG_PORTS 8

static const struct root_module *disk_module(void)
{
	const struct root_info *ri = (const struct root_info *)ROOT_INFO_ADDR;
	for (uint32_t i = 0; i < ri->module_count; i++)
		if (str_eq(ri->modules[i].name, "disk"))
			return &ri->modules[i];
	return 0;
}

int64_t disk_server_start(uint64_t priority, uint64_t *ep, uint64_t *thread)
{
	struct space sp;
	struct uthread t;
	uint64_t entry, pool, ports = slot_alloc();
	const struct root_module *m = disk_module();
	struct thread_spec spec = { 0, 0, 0, priority, true, true };
	int64_t err;
	if (!m)
		return ERR_INVALID_ARG;
	if (!ports)
		return ERR_SLOT_FULL;
	if ((err = obj_new(OBJ_ENDPOINT, 0, ep)) || (err = obj_new(OBJ_POOL, DISK_POOL_BYTES, &pool)) ||
	    (err = ioport_issue(SLOT_IOPORTS, PCI_CONFIG_PORT, PCI_CONFIG_PORTS, ports)) ||
	    (err = space_create(&sp, DISK_SLOTS)) || (err = space_load_elf(&sp, m, &entry)))
		return err;
	const uint64_t grants[][3] = {
		{ sp.vspace, DISK_SLOT_VSPACE, RIGHTS_ALL },
		{ pool, DISK_SLOT_POOL, RIGHTS_ALL },
		{ SLOT_CONSOLE, DISK_SLOT_CONSOLE, RIGHTS_ALL },
		{ SLOT_IRQ_CONTROL, DISK_SLOT_IRQ_CONTROL, RIGHTS_ALL },
		{ ports, DISK_SLOT_IOPORTS, RIGHTS_ALL },
		{ SLOT_DEVMEM, DISK_SLOT_DEVMEM, RIGHTS_ALL },
		{ *ep, DISK_SLOT_ENDPOINT, RIGHT_READ },
	};
	for (unsigned i = 0; i < sizeof grants / sizeof grants[0]; i++)
		if ((err = space_give(&sp, grants[i][0], grants[i][1], (uint32_t)grants[i][2], 0)))
			return err;
	if ((err = thread_start(&sp, entry, &spec, &t)))
		return err;
	*thread = t.thread;
	return 0;
}
