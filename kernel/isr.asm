; Interrupt and exception entry stubs. Each stub pushes (error code or 0, vector), then
; trap_common saves the general registers as a struct trap_frame (kernel/trap.h) and
; calls trap_dispatch(frame). isr_stubs[] holds the stub address of each vector.
bits 64
%include "trapframe.inc"
section .text
extern trap_dispatch
extern trap_return
global isr_stubs

%macro STUB 1
isr_stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
	; the CPU pushed an error code
%else
	push 0
%endif
	push %1
	jmp trap_common
%endmacro

%assign v 0
%rep 256
STUB %[v]
%assign v v + 1
%endrep

trap_common:
	PUSH_GENERAL_REGS
	mov rdi, rsp
	cld
	call trap_dispatch
	jmp trap_return

section .rodata
align 8
isr_stubs:
%assign v 0
%rep 256
	dq isr_stub_%[v]
%assign v v + 1
%endrep
