/* Host versions of the C library's system hooks (see libc_hooks.h). */
#include "libc_hooks.h"

#include <string.h>

#include "../../user/libc/include/libc_sys.h"

char hook_output[HOOK_OUTPUT_BYTES];
size_t hook_output_len;
int hook_write_calls;
int hook_write_fd;
_Alignas(16) unsigned char hook_arena[HOOK_ARENA_BYTES];
size_t hook_arena_used;
jmp_buf *hook_exit_to;
int hook_exit_status;

void hook_output_reset(void)
{
	hook_output_len = 0;
	hook_output[0] = '\0';
	hook_write_calls = 0;
	hook_write_fd = -1;
}

void *libc_morecore(size_t bytes)
{
	if (bytes % 16 != 0 || bytes > HOOK_ARENA_BYTES - hook_arena_used)
		return NULL;
	void *p = hook_arena + hook_arena_used;
	hook_arena_used += bytes;
	return p;
}

long libc_write(int fd, const void *buf, size_t n)
{
	if (fd < 0 || n >= HOOK_OUTPUT_BYTES - hook_output_len)
		return -1;
	memcpy(hook_output + hook_output_len, buf, n);
	hook_output_len += n;
	hook_output[hook_output_len] = '\0';
	hook_write_calls++;
	hook_write_fd = fd;
	return (long)n;
}

void libc_exit(int status)
{
	hook_exit_status = status;
	longjmp(*hook_exit_to, 1);
}
