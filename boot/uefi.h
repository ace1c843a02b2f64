/* The GNU-EFI headers, included in one place. Two fixes for building them with clang
 * for the x86_64-windows (MSVC) target:
 * - they declare EFI_RESERVED_SERVICE as "()" (not a prototype), which
 *   -Wstrict-prototypes rejects: that warning is silenced for these headers only;
 * - eficompiler.h defines __attribute__(x) away whenever _MSC_EXTENSIONS is set (as
 *   it is on this target), which would silently drop our noreturn and format
 *   attributes: the macro is removed again after the headers. */
#ifndef BOOT_UEFI_H
#define BOOT_UEFI_H

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wstrict-prototypes"
#include <efi.h>
#pragma clang diagnostic pop
#undef __attribute__

#endif
