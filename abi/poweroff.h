/* How a run ends under QEMU: a byte written to the isa-debug-exit port makes QEMU exit
 * with status (byte << 1) | 1. The root task says which end it is (OP_SYSTEM_POWEROFF's
 * A0, enum poweroff_outcome); the host tools map the statuses back (tools/qemu.py). */
#ifndef ABI_POWEROFF_H
#define ABI_POWEROFF_H

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_SUCCESS 0x10 /* QEMU status 33 */
#define DEBUG_EXIT_FAILURE 0x11 /* QEMU status 35 */
#define DEBUG_EXIT_NONZERO 0x12 /* QEMU status 37 */
#define DEBUG_EXIT_KILLED 0x13  /* QEMU status 39 */

/* The ends of a run, from the root task's point of view. */
enum poweroff_outcome {
	POWEROFF_FAILURE = 0, /* the system failed: a panic, a broken invariant */
	POWEROFF_SUCCESS = 1, /* the first process exited 0 (or every kernel test passed) */
	POWEROFF_NONZERO = 2, /* the first process exited with another status */
	POWEROFF_KILLED = 3,  /* the first process was killed (a fault, a bad argument) */
	POWEROFF_OUTCOMES
};

#endif
