/* The entry point of every program: the pager starts the thread at _start with
 * rdi = argc, rsi = argv and rsp at a fake return address (the Pintos layout), so _start
 * is an ordinary C function. */
#include "syscall.h"

int main(int argc, char *argv[]);
void _start(int argc, char *argv[]);

void _start(int argc, char *argv[])
{
	exit(main(argc, argv));
}
