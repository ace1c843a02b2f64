/* QEMU's fw_cfg device: named blobs the host passes with -fw_cfg name=...,string=... */
#ifndef KERNEL_FWCFG_H
#define KERNEL_FWCFG_H

#include <stdbool.h>
#include <stddef.h>

/* Copies the fw_cfg file called name into buf as a NUL-terminated string (truncated to
 * size - 1 bytes) and returns true; false when there is no fw_cfg device or no such
 * file. */
bool fwcfg_read_string(const char *name, char *buf, size_t size);

#endif
