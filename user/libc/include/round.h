/* Pintos-KAIST's round.h: rounding X to a multiple of STEP (integers, STEP > 0). */
#ifndef PAGOS_LIBC_ROUND_H
#define PAGOS_LIBC_ROUND_H

/* X rounded up to the nearest multiple of STEP. */
#define ROUND_UP(X, STEP) (((X) + (STEP) - 1) / (STEP) * (STEP))
/* X / STEP, rounded up. */
#define DIV_ROUND_UP(X, STEP) (((X) + (STEP) - 1) / (STEP))
/* X rounded down to the nearest multiple of STEP. */
#define ROUND_DOWN(X, STEP) ((X) / (STEP) * (STEP))

#endif
