/* The C library's system hooks (libc_sys.h) for programs: the heap grows through the
 * pager (PG_SBRK, whole pages of zero-fill memory), output goes through write. */
#include "ipc.h"
#include "libc_sys.h"
#include "syscall.h"

#define PAGE 4096u

static uint64_t cur, end; /* the unused part of the heap pages obtained so far */

void *libc_morecore(size_t bytes)
{
	if (bytes > (1ull << 40))
		return NULL; /* more than the address space; also keeps the sums below exact */
	if (!cur || bytes > end - cur) {
		uint64_t more = (bytes + PAGE - 1) / PAGE * PAGE;
		const uint64_t a[4] = { more, 0, 0, 0 };
		uint64_t old = (uint64_t)ipc_call(PSLOT_PAGER, PG_SBRK, 1, a, NULL);
		if (!old)
			return NULL;
		if (old != end)
			cur = old; /* the first call, or the break moved elsewhere */
		end = old + more;
		if (bytes > end - cur)
			return libc_morecore(bytes);
	}
	void *p = (void *)cur;
	cur += bytes;
	return p;
}

long libc_write(int fd, const void *buf, size_t n) { return write(fd, buf, (unsigned)n); }

_Noreturn void libc_exit(int status) { exit(status); }
