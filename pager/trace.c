/* trace=pager: one console line per decision, in a fixed format tools/trace_log.py reads
 * back (for tools/trace-summary and tools/trace-plot):
 *   pager: pid N fault ACCESS 0xADDR -> OUTCOME [frames F/B swap S]
 *   pager: pid N EVENT DETAIL [frames F/B swap S]
 * ACCESS is read, write or exec; OUTCOME is what the fault became (zero-fill,
 * lazy-file, shared-file, mmap-file, stack-grow, swap-in, swap-shared, cow-copy,
 * cow-reuse, write-after-swap, write-enable, spurious, kill, kill-no-memory,
 * kill-io-error); a fault that first brings a page in and then copies it or gives back
 * its swap slot has two lines. Evictions: "pager: pid N evict 0xADDR -> HOW" (swap-out,
 * swap-clean, write-back, drop), N and ADDR of one page holding the frame. Every line
 * ends with the state after the decision: F frames in use of the budget B (mem=), S swap
 * slots in use. Nothing is printed when tracing is off. */
#include <stdarg.h>

#include "console.h"
#include "fmt.h"
#include "pager.h"

bool trace_on;

/* The end of every line: the memory picture after the decision, to draw it over time. */
#define STATE_FMT " [frames %lu/%lu swap %lu]\n"
#define STATE_ARGS frames_in_use(), frames_budget(), swap_in_use()

static const char *const outcome_names[FAULT_OUTCOMES] = FAULT_OUTCOME_NAMES;
static const char *const evict_names[EVICT_OUTCOMES] = EVICT_OUTCOME_NAMES;
uint64_t faults_ended[FAULT_OUTCOMES], evictions_total[EVICT_OUTCOMES];

void trace_fault(struct process *p, uint64_t addr, uint64_t err, enum fault_outcome outcome)
{
	p->outcomes[outcome]++; /* the one cost on the fault path, tracing or not */
	if (!trace_on)
		return;
	const char *access = (err & PF_ERR_FETCH) ? "exec" : (err & PF_ERR_WRITE) ? "write" : "read";
	cprintf("pager: pid %d fault %s 0x%lx -> %s" STATE_FMT, p->pid, access, addr,
		outcome_names[outcome], STATE_ARGS);
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
	cprintf("pager: pid %d %s %s" STATE_FMT, p->pid, event, detail, STATE_ARGS);
}

void trace_evict(struct process *p, uint64_t addr, enum evict_outcome how)
{
	p->evicted++;
	evictions_total[how]++;
	trace_event(p, "evict", "0x%lx -> %s", addr, evict_names[how]);
}
