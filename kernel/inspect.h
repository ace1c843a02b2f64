/* The user-callable page inspection gate (`int $0x42`, see inspect.c). */
#ifndef KERNEL_INSPECT_H
#define KERNEL_INSPECT_H

/* Installs the handler; idt_init already opened the gate to user mode. */
void inspect_init(void);

#endif
