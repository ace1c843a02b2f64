/* Fixed capability slots of the tables the root task builds for its children. The
 * console and the system capability sit at the root task's own slot numbers, so the
 * same code prints (and powers off on a failed check) in the root and in a child. */
#ifndef ULIB_SLOTS_H
#define ULIB_SLOTS_H

#include "rootinfo.h"
#include "uthread.h"

enum child_slot {
	CSLOT_VSPACE = SLOT_VSPACE,   /* its own address space, when a test gives it */
	CSLOT_CONSOLE = SLOT_CONSOLE, /* the console */
	CSLOT_SYSTEM = SLOT_SYSTEM,   /* power off; never given to untrusted children */
	CSLOT_EP = 8,                 /* the endpoint of the test's protocol */
	CSLOT_EP2 = 9,                /* a second endpoint */
	CSLOT_NOTIFY = 10,            /* a notification */
	CSLOT_FRAME = 11,             /* a frame shared with the root task */
	CSLOT_RECV = 12,              /* kept empty: a received capability lands here */
	CSLOT_SPARE = 16,             /* 16..31: test-specific */
	CSLOT_SELF = 32,              /* 32..: the thread of area i at CSLOT_SELF + i */
	CHILD_SLOTS = CSLOT_SELF + THREAD_AREAS,
};

#endif
