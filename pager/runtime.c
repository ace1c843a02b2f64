/* What the C library needs under the pager (libc_sys.h): memory for malloc, mapped at
 * once so the pager never faults on its own memory; console output; and the pager's
 * own ends: power-off and the failure report. */
#include <stdarg.h>
#include <string.h>

#include "console.h"
#include "fmt.h"
#include "libc_sys.h"
#include "ops.h"
#include "pager.h"
#include "uthread.h"

#define PAGER_HEAP 0x2000000000ull
#define PAGER_HEAP_MAX (1ull << 30)

static uint64_t heap_end = PAGER_HEAP, heap_mapped = PAGER_HEAP;

void *libc_morecore(size_t bytes)
{
	uint64_t start = heap_end, end = heap_end + bytes;
	if (end > PAGER_HEAP + PAGER_HEAP_MAX)
		return NULL;
	while (heap_mapped < end) {
		uint64_t frame = object_new(OBJ_FRAME, 0);
		if (!frame)
			return NULL;
		if (vspace_map(SLOT_VSPACE, frame, heap_mapped, RIGHT_READ | RIGHT_WRITE)) {
			slot_put(frame);
			return NULL;
		}
		heap_mapped += PAGE;
	}
	heap_end = end;
	return (void *)start;
}

long libc_write(int fd, const void *buf, size_t n)
{
	(void)fd;
	size_t done = 0;
	while (done < n) {
		size_t k = n - done < CONSOLE_WRITE_MAX ? n - done : CONSOLE_WRITE_MAX;
		memcpy(ipc_buf()->words, (const char *)buf + done, k);
		if (console_write(SLOT_CONSOLE, k))
			return -1;
		done += k;
	}
	return (long)n;
}

_Noreturn void libc_exit(int status)
{
	pager_panic("exit(%d) called inside the pager", status);
}

_Noreturn void pager_poweroff(enum poweroff_outcome outcome)
{
	disk_sync();
	system_poweroff(SLOT_SYSTEM, outcome);
	for (;;)
		sys_yield();
}

_Noreturn void pager_panic(const char *fmt, ...)
{
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	cprintf("pager: panic: %s\n", text);
	report_line("end: pager panic: %s", text);
	system_poweroff(SLOT_SYSTEM, POWEROFF_FAILURE);
	for (;;)
		sys_yield();
}
