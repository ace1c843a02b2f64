/* Start-up of the root task: the first boot module, given every resource. */
#ifndef KERNEL_ROOT_H
#define KERNEL_ROOT_H

struct boot_info;

/* Builds the root task from bi->modules[0] (abi/rootinfo.h says what it gets) and makes
 * its thread runnable. Panics with the reason if the boot modules cannot make one. */
void root_start(const struct boot_info *bi, const char *cmdline);

#endif
