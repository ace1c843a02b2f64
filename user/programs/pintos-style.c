/* A program in the style of Pintos-KAIST's tests: debug.h (ASSERT, UNUSED, NO_RETURN),
 * round.h and syscall.h as Pintos has them. A failed ASSERT aborts with Pintos' message
 * and exit status 1. */
#include <debug.h>
#include <round.h>
#include <stdio.h>
#include <syscall.h>

static NO_RETURN void finish(int status UNUSED)
{
	ASSERT(DIV_ROUND_UP(4097, 4096) == 2 && ROUND_DOWN(4097, 4096) == 4096);
	printf("pintos-style: round.h and debug.h work; now a failing ASSERT\n");
	ASSERT(ROUND_UP(1, 4096) == 1);
	NOT_REACHED();
}

int main(int argc UNUSED, char *argv[] UNUSED)
{
	finish(0);
}
