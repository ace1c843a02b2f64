/* Power-off through QEMU's isa-debug-exit device; halts where there is none. */
#include "power.h"

#include "poweroff.h"
#include "console.h"
#include "cpu.h"

void power_off(enum poweroff_outcome outcome)
{
	static const char *const words[POWEROFF_OUTCOMES] = {
		[POWEROFF_FAILURE] = "failure",
		[POWEROFF_SUCCESS] = "success",
		[POWEROFF_NONZERO] = "program exited non-zero",
		[POWEROFF_KILLED] = "program killed",
	};
	static const uint8_t codes[POWEROFF_OUTCOMES] = {
		[POWEROFF_FAILURE] = DEBUG_EXIT_FAILURE,
		[POWEROFF_SUCCESS] = DEBUG_EXIT_SUCCESS,
		[POWEROFF_NONZERO] = DEBUG_EXIT_NONZERO,
		[POWEROFF_KILLED] = DEBUG_EXIT_KILLED,
	};
	if ((unsigned)outcome >= POWEROFF_OUTCOMES)
		outcome = POWEROFF_FAILURE;
	kprintf("kernel: power off (%s)\n", words[outcome]);
	cli();
	outb(DEBUG_EXIT_PORT, codes[outcome]);
	for (;;)
		hlt();
}
