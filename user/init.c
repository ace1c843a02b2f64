/* The first user program, for now a placeholder the loader hands over as a boot
 * module: it only spins, since the kernel cannot run user code yet. */

void _start(void) __attribute__((noreturn));

void _start(void)
{
	for (;;)
		__builtin_ia32_pause();
}
