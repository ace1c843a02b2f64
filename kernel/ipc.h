/* Synchronous IPC over endpoints. Each function
 * works on the calling thread t and its saved registers; a blocked thread's results are
 * written into its saved registers by whoever wakes it. */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdbool.h>
#include <stdint.h>

struct thread;
struct kobj;

/* SYS_CALL / SYS_SEND: rdi = endpoint capability, rsi = tag, MR0..MR3. */
void ipc_sys_send(struct thread *t, bool is_call);
/* SYS_RECV: rdi = endpoint capability. */
void ipc_sys_recv(struct thread *t);
/* SYS_REPLY: rsi = tag, MR0..MR3, to the caller t last received. */
void ipc_sys_reply(struct thread *t);
/* SYS_REPLY_RECV: reply (if a caller waits), then receive on rdi. */
void ipc_sys_reply_recv(struct thread *t);
/* Sends t's prepared message (t->msg) on endpoint ep as a call, blocking t: how a fault
 * becomes a message. */
void ipc_send_prepared(struct thread *t, struct kobj *ep);
/* Takes t out of any IPC it is in (queues, pending reply, a caller waiting on it); its
 * partners get ERR_DEAD. */
void ipc_cancel(struct thread *t);

#endif
