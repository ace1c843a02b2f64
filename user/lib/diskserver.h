/* Starting the disk server (boot module "disk") from the root task, with the
 * capabilities abi/disk.h lists. Used by the pager and by the kernel tests. */
#ifndef ULIB_DISKSERVER_H
#define ULIB_DISKSERVER_H

#include <stdint.h>

/* Starts the server at priority in a new address space (objects and slots through
 * objects.h), and its zeroer thread at background, which should be below every
 * client's priority (pending zeros are then written only when no client runs); stores
 * its endpoint (unbadged, all rights: derive badged client capabilities from it) in
 * *ep and the server's thread in *thread. Returns 0, ERR_INVALID_ARG when no boot
 * module is named "disk", or the kernel's ERR_*. */
int64_t disk_server_start(uint64_t priority, uint64_t background, uint64_t *ep,
			  uint64_t *thread);

#endif
