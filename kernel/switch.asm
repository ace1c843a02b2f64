; Kernel context switch, the syscall entry, and the one path back to user mode.
; A thread's user registers always live in a struct trap_frame (trap.h) at the top of its
; kernel stack, whether it entered by interrupt, exception or syscall; every return to
; user mode pops that frame and executes iretq.
bits 64
%include "trapframe.inc"
section .text
global switch_context
global syscall_entry
global trap_return
global kernel_thread_start
extern syscall_dispatch
extern cpu_kstack_top

GDT_USER_DATA equ 0x18 | 3
GDT_USER_CODE equ 0x20 | 3
VECTOR_SYSCALL equ 0x100

; void switch_context(uint64_t *save_rsp, uint64_t new_rsp)
; Saves the callee-saved registers on the current stack, stores rsp in *save_rsp,
; switches to new_rsp and restores the registers saved there.
switch_context:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

; syscall: rcx = user rip, r11 = user rflags, rsp = user rsp; IF, DF, TF, AC cleared by
; FMASK. Single CPU and interrupts off, so one scratch word for the user rsp suffices.
syscall_entry:
	mov [rel user_rsp_scratch], rsp
	mov rsp, [rel cpu_kstack_top]
	push GDT_USER_DATA
	push qword [rel user_rsp_scratch]
	push r11
	push GDT_USER_CODE
	push rcx
	push 0
	push VECTOR_SYSCALL
	PUSH_GENERAL_REGS
	mov rdi, rsp
	xor ebp, ebp
	call syscall_dispatch
	; fall through

; rsp points at a struct trap_frame: restore it and return to where it came from.
trap_return:
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16
	iretq

; First code of a kernel thread (thread_create_kernel): r12 = the function to run.
kernel_thread_start:
	xor ebp, ebp
	call r12
.hang:
	hlt
	jmp .hang

section .bss
user_rsp_scratch: resq 1
