/* trace=pager: one console line per decision, in a fixed format tools/trace-summary
 * reads back:
 *   pager: pid N fault ACCESS 0xADDR -> OUTCOME
 *   pager: pid N EVENT DETAIL
 * ACCESS is read, write or exec; OUTCOME is what the fault became (zero-fill,
 * lazy-file, shared-file, mmap-file, stack-grow, swap-in, swap-shared, cow-copy,
 * cow-reuse, write-after-swap, write-enable, spurious, kill, kill-no-memory,
 * kill-io-error); a fault that first brings a page in and then copies it or gives back
 * its swap slot has two lines. Evictions: "pager: pid N evict 0xADDR -> HOW" (swap-out,
 * swap-clean, write-back, drop), N and ADDR of one page holding the frame. Nothing is printed when tracing is off. */
#include <stdarg.h>

#include "console.h"
#include "fmt.h"
#include "pager.h"

bool trace_on;

void trace_fault(const struct process *p, uint64_t addr, uint64_t err, const char *outcome)
{
	if (!trace_on)
		return;
	const char *access = (err & PF_ERR_FETCH) ? "exec" : (err & PF_ERR_WRITE) ? "write" : "read";
	cprintf("pager: pid %d fault %s 0x%lx -> %s\n", p->pid, access, addr, outcome);
}

void trace_event(const struct process *p, const char *event, const char *fmt, ...)
{
	if (!trace_on)
		return;
	char detail[160];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	cprintf("pager: pid %d %s %s\n", p->pid, event, detail);
}
