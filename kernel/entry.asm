; Kernel entry from the UEFI loader: rdi = physical address of struct boot_info.
; Switches to the kernel's boot stack and calls kmain; rbp = 0 ends backtraces.
bits 64
section .text.entry
global _start:function (_start.end - _start)
extern kmain
extern __boot_stack_top

_start:
	cli
	mov rsp, __boot_stack_top
	xor ebp, ebp
	call kmain
.hang:
	hlt
	jmp .hang
.end:
