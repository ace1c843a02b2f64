/* Single instructions that fault, at known addresses: a fault handler compares the
 * rip it is told with these labels (the handler runs the same program, so the
 * addresses are the same in every address space). */
#ifndef KTEST_PROBES_H
#define KTEST_PROBES_H

#include <stdint.h>

/* Stores rsp (as it is at the access) in *rsp, then returns the word at addr. */
uint64_t probe_load(uint64_t addr, uint64_t *rsp);
/* Stores rsp in *rsp, then writes value to addr. */
void probe_store(uint64_t addr, uint64_t value, uint64_t *rsp);
/* Stores in *rsp what rsp will be at the first instruction of code, calls code and
 * returns its rax. */
uint64_t probe_call(uint64_t code, uint64_t *rsp);
/* Raise #UD, #DE (divide by zero) and #GP (hlt in user mode). */
void probe_ud2(void);
void probe_div0(void);
void probe_gp(void);

extern const char probe_load_insn[], probe_store_insn[], probe_ud2_insn[], probe_div0_insn[],
	probe_gp_insn[];

#endif
