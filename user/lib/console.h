/* Console output for user threads: printf formatting straight into the calling thread's
 * IPC buffer, written with one OP_CONSOLE_WRITE so each call's text stays together. */
#ifndef ULIB_CONSOLE_H
#define ULIB_CONSOLE_H

#include <stddef.h>

/* Formats like fmt_snprintf (lib/fmt.h) and writes the text, truncated to
 * CONSOLE_WRITE_MAX - 1 bytes, through the console capability in slot SLOT_CONSOLE
 * (the same slot in the root task and in children, see slots.h). Returns the kernel's
 * result: 0 or a negative ERR_*. */
long cprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
