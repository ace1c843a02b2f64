/* The process side of the pager and disk-server protocols: one call helper for each. */
#ifndef SYS_IPC_H
#define SYS_IPC_H

#include <stdint.h>

#include "process.h"
#include "sys.h"

static inline struct ipc_buffer *proc_ipc(void) { return (struct ipc_buffer *)PROCESS_IPC_ADDR; }

/* Calls the server in slot ep with label, words MR0.. (the first four in a) and returns
 * MR0 of the reply (MR1 in *r1 when r1 is not NULL). */
int64_t ipc_call(uint64_t ep, uint64_t label, uint64_t words, const uint64_t a[4], uint64_t *r1);
/* Copies the string s (its bytes up to max - 1, then NUL) to MR4..; returns the message
 * words (MR0..MR3 included), or 0 if s is longer than max - 1 bytes. Touches s in user
 * mode, so a bad pointer ends the process. */
uint64_t ipc_put_string(const char *s, uint64_t max);

#endif
