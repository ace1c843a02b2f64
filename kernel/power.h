/* Ending the run: power off with a status the QEMU test runner understands. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

#include <stdbool.h>

/* Powers the machine off; QEMU exits with the success or failure status of
 * abi/poweroff.h. Never returns (halts forever if no exit device answers). */
__attribute__((noreturn)) void power_off(bool success);

#endif
