/* halt powers the machine off at once: no exit line follows. */
#include <syscall.h>
#include <stdio.h>

int main(void)
{
	printf("halt: powering off\n");
	halt();
}
