/* Ending the run: power off with a status the QEMU test runner understands. */
#ifndef KERNEL_POWER_H
#define KERNEL_POWER_H

#include "poweroff.h"

/* Powers the machine off; QEMU exits with the status of outcome (abi/poweroff.h; an
 * unknown outcome is a failure). Never returns (halts forever if no exit device answers). */
__attribute__((noreturn)) void power_off(enum poweroff_outcome outcome);

#endif
