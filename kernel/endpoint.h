/* Endpoints (synchronous IPC rendezvous) and notifications (asynchronous bit words). */
#ifndef KERNEL_ENDPOINT_H
#define KERNEL_ENDPOINT_H

#include <stdint.h>

#include "object.h"
#include "thread.h"

struct endpoint {
	struct kobj obj;
	struct thread_queue queue; /* all senders or all receivers, never both */
	uint32_t queue_kind;       /* BLOCK_SEND, BLOCK_RECV, or BLOCK_NONE when empty */
};

/* Creates an endpoint charged to pool; NULL if out of memory. */
struct endpoint *endpoint_create(struct pool *pool);

#endif
