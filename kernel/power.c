/* Power-off through QEMU's isa-debug-exit device; halts where there is none. */
#include "power.h"

#include "poweroff.h"
#include "console.h"
#include "cpu.h"

void power_off(bool success)
{
	kprintf("kernel: power off (%s)\n", success ? "success" : "failure");
	cli();
	outb(DEBUG_EXIT_PORT, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
	for (;;)
		hlt();
}
