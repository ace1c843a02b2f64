/* The system hooks of the C library (user/libc/include/libc_sys.h) as the host tests
 * provide them: a static arena for the heap, captured output, exit by longjmp. */
#ifndef TESTS_UNIT_LIBC_HOOKS_H
#define TESTS_UNIT_LIBC_HOOKS_H

#include <setjmp.h>
#include <stddef.h>

#define HOOK_ARENA_BYTES (8u << 20)
#define HOOK_OUTPUT_BYTES 65536

/* Everything written (to any fd >= 0) since hook_output_reset, NUL-terminated, how
 * many libc_write calls made it, and the fd of the last one. */
extern char hook_output[HOOK_OUTPUT_BYTES];
extern size_t hook_output_len;
extern int hook_write_calls;
extern int hook_write_fd;
void hook_output_reset(void);

/* The arena the heap grows in: libc_morecore hands out hook_arena_used bytes from its
 * start, and returns NULL once it is full. */
extern unsigned char hook_arena[HOOK_ARENA_BYTES];
extern size_t hook_arena_used;

/* libc_exit stores its status here and longjmps to *hook_exit_to (which must be set). */
extern jmp_buf *hook_exit_to;
extern int hook_exit_status;

#endif
