/* How a run ends under QEMU: a byte written to the isa-debug-exit port makes QEMU exit
 * with status (byte << 1) | 1. The test runner maps these statuses to pass and fail. */
#ifndef ABI_POWEROFF_H
#define ABI_POWEROFF_H

#define DEBUG_EXIT_PORT 0xf4
#define DEBUG_EXIT_SUCCESS 0x10 /* QEMU status 33 */
#define DEBUG_EXIT_FAILURE 0x11 /* QEMU status 35 */

#endif
