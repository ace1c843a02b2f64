/* Thread exit: a thread without its own capability could not stop itself. */
#include "uthread.h"

#include "ops.h"

void thread_exit(uint64_t self)
{
	/* Suspend returns only if self is not this thread's capability: keep trying, so
	 * the misuse shows as a thread that never stops rather than code running on. */
	for (;;)
		thread_suspend(self);
}
