/* User exceptions as IPC: a fault stops the thread and becomes a call on its fault
 * endpoint; the handler's reply maps frames and resumes, resumes, or kills. */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <stdbool.h>
#include <stdint.h>

struct thread;
struct trap_frame;

/* Turns exception tf of user thread t into a fault message, or kills t (status -1,
 * with a console line saying why) when it has no fault endpoint. */
void fault_deliver(struct thread *t, const struct trap_frame *tf);
/* Applies handler h's reply to faulting thread f: sets *resume to whether f runs again
 * (the caller makes it run) or was killed. Returns 0, or an ERR_* code with f still
 * waiting (nothing mapped). */
int64_t fault_reply(struct thread *h, struct thread *f, bool *resume);

#endif
