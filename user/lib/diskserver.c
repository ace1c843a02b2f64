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

int64_t disk_server_start(uint64_t priority, uint64_t background, uint64_t *ep,
			  uint64_t *thread)
{
	struct space sp;
	struct uthread t, zeroer;
	uint64_t entry, pool, wake, ports = slot_alloc();
	const struct root_module *m = disk_module();
	struct thread_spec spec = { 0, 0, 0, priority, true, true };
	struct thread_spec zspec = { DISK_ROLE_ZEROER, 0, 0, background, true, true };
	int64_t err;
	if (!m)
		return ERR_INVALID_ARG;
	if (!ports)
		return ERR_SLOT_FULL;
	if ((err = obj_new(OBJ_ENDPOINT, 0, ep)) || (err = obj_new(OBJ_POOL, DISK_POOL_BYTES, &pool)) ||
	    (err = obj_new(OBJ_NOTIFICATION, 0, &wake)) ||
	    (err = ioport_issue(SLOT_IOPORTS, PCI_CONFIG_PORT, PCI_CONFIG_PORTS, ports)) ||
	    (err = space_create(&sp, DISK_SLOTS)) || (err = space_load_elf(&sp, m, &entry)))
		return err;
	const uint64_t grants[][4] = {
		{ sp.vspace, DISK_SLOT_VSPACE, RIGHTS_ALL, 0 },
		{ pool, DISK_SLOT_POOL, RIGHTS_ALL, 0 },
		{ SLOT_CONSOLE, DISK_SLOT_CONSOLE, RIGHTS_ALL, 0 },
		{ SLOT_IRQ_CONTROL, DISK_SLOT_IRQ_CONTROL, RIGHTS_ALL, 0 },
		{ ports, DISK_SLOT_IOPORTS, RIGHTS_ALL, 0 },
		{ SLOT_DEVMEM, DISK_SLOT_DEVMEM, RIGHTS_ALL, 0 },
		{ *ep, DISK_SLOT_ENDPOINT, RIGHT_READ, 0 },
		{ *ep, DISK_SLOT_ZERO_CALL, RIGHT_WRITE, DISK_CLIENT_ZEROER },
		{ wake, DISK_SLOT_ZERO_WAKE, RIGHT_READ | RIGHT_WRITE, 1 },
	};
	for (unsigned i = 0; i < sizeof grants / sizeof grants[0]; i++)
		if ((err = space_give(&sp, grants[i][0], grants[i][1], (uint32_t)grants[i][2],
				      grants[i][3])))
			return err;
	if ((err = thread_start(&sp, entry, &spec, &t)) ||
	    (err = thread_start(&sp, entry, &zspec, &zeroer)))
		return err;
	*thread = t.thread;
	return 0;
}
