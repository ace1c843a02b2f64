/* The disk tests' side of abi/disk.h: starting the disk server (boot module "disk") from
 * the root task, and one call per request, usable in the root and in children. */
#ifndef KTEST_DISK_CLIENT_H
#define KTEST_DISK_CLIENT_H

#include <stdint.h>

#include "disk.h"

/* Starts the disk server with the capabilities of abi/disk.h; returns the root's slot of
 * its endpoint (unbadged: derive badged client capabilities from it). Fails the test on
 * any error. */
uint64_t disk_start(void);
/* The started server's thread capability (for OP_THREAD_INFO), 0 before disk_start. */
uint64_t disk_server_thread(void);
/* If a server was started: DISK_SYNC as a trusted client, so everything written is on
 * disk before the root task powers off (abi/disk.h, disk/server/README.md). Fails the
 * test if the sync fails. */
void disk_sync_before_poweroff(void);

/* A client capability (RIGHT_WRITE | RIGHT_GRANT) of ep with badge id, in a fresh slot. */
uint64_t disk_client(uint64_t ep, uint64_t id);

/* A request with label and MR0..MR2 and no data; returns the reply's MR0. */
int64_t disk_call(uint64_t ep, uint64_t label, uint64_t a0, uint64_t a1, uint64_t a2);
/* The same with the frame capability in slot frame sent along. */
int64_t disk_call_frame(uint64_t ep, uint64_t label, uint64_t a0, uint64_t a1, uint64_t a2,
			uint64_t frame);
/* A request with a0 and the n bytes of data from MR4 on. */
int64_t disk_call_data(uint64_t ep, uint64_t label, uint64_t a0, uint64_t a1, const void *data,
		       uint64_t n);

/* The file requests; each returns the reply's MR0. */
int64_t disk_create(uint64_t ep, const char *path, uint64_t size);
int64_t disk_open(uint64_t ep, const char *path);
int64_t disk_remove(uint64_t ep, const char *path);
int64_t disk_close(uint64_t ep, int64_t fd);
/* Reads up to n bytes into buf (n may exceed DISK_IO_MAX: that is the server's to refuse). */
int64_t disk_read(uint64_t ep, int64_t fd, void *buf, uint64_t n);
int64_t disk_write(uint64_t ep, int64_t fd, const void *buf, uint64_t n);
int64_t disk_seek(uint64_t ep, int64_t fd, uint64_t pos);
int64_t disk_tell(uint64_t ep, int64_t fd);
int64_t disk_size(uint64_t ep, int64_t fd);
/* DISK_STATS into *out; returns the reply's MR0. */
int64_t disk_stats(uint64_t ep, struct disk_stats *out);

/* Writes all n bytes through as many DISK_IO_MAX requests as needed, or fails the test. */
void disk_write_all(uint64_t ep, int64_t fd, const void *buf, uint64_t n);
/* Reads exactly n bytes, or fails the test. */
void disk_read_all(uint64_t ep, int64_t fd, void *buf, uint64_t n);

#endif
