/* Pintos' pseudo-random numbers (lib/random.h): the RC4 keystream keyed by the seed's 4
 * bytes in memory order (little-endian), so a seed gives the numbers it gives on Pintos.
 * Not for cryptography. One generator per process; a forked child goes on with a copy
 * of its parent's. */
#ifndef PAGOS_LIBC_RANDOM_H
#define PAGOS_LIBC_RANDOM_H

#include <stddef.h>

/* Starts the stream over for seed. */
void random_init(unsigned seed);
/* Fills buf[0..size) with the next size bytes of the stream; before any random_init,
 * the stream is that of random_init(0). */
void random_bytes(void *buf, size_t size);
/* The next 8 bytes of the stream as a little-endian number. */
unsigned long random_ulong(void);

#endif
