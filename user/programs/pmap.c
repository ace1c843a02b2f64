/* pmap PID: the regions of a process, one line each, as /proc/PID/maps with smaps'
 * counts: the range, its rights, its kind (code, data, bss, heap, stack, mmap), its
 * pages, how many are resident, swapped out, sharing a frame with another
 * page (copy-on-write after fork, or a shared code page), dirty (known written: see
 * abi/vminfo.h), and untouched (not in memory and nothing saved: still the file's bytes
 * or zeros), and where its bytes come from (the executable at an offset, an mmap'd file
 * id at an offset, or zeros). */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const kinds[VM_KINDS] = VM_KIND_NAMES;

int main(int argc, char **argv)
{
	char *end;
	long pid = argc == 2 ? strtol(argv[1], &end, 10) : 0;
	if (argc != 2 || *end || pid <= 0) {
		printf("usage: pmap PID\n");
		return 2;
	}
	struct vm_region r;
	int got = vm_region_get((pid_t)pid, 0, &r);
	if (got < 0) {
		printf("pmap: no process %ld\n", pid);
		return 1;
	}
	printf("%-10s %-10s %-4s %-5s %6s %6s %6s %6s %6s %9s  %s\n", "START", "END", "PERM",
	       "KIND", "PAGES", "RES", "SWAP", "SHARED", "DIRTY", "UNTOUCHED", "SOURCE");
	for (unsigned i = 0; got == 1; got = vm_region_get((pid_t)pid, ++i, &r)) {
		char source[64] = "";
		if (r.kind == VM_MMAP)
			snprintf(source, sizeof source, "file id %lu +0x%lx", r.file, r.offset);
		else if (r.kind == VM_CODE || r.kind == VM_DATA)
			snprintf(source, sizeof source, "%s +0x%lx", r.path, r.offset);
		else
			snprintf(source, sizeof source, "zeros");
		printf("0x%08lx 0x%08lx %c%c%c  %-5s %6u %6u %6u %6u %6u %9u  %s\n", r.start, r.end,
		       r.rights & VM_READ ? 'r' : '-', r.rights & VM_WRITE ? 'w' : '-',
		       r.rights & VM_EXEC ? 'x' : '-', kinds[r.kind], r.pages, r.resident,
		       r.swapped, r.shared, r.dirty, r.untouched, source);
	}
	return 0;
}
