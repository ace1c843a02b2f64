/* Pending zeros in the background: the zeroer thread asks for them a step at a time
 * (DISK_ZERO_STEP) at a priority below every client's, so a step is only written when
 * no client runs, and no request ever waits behind more than one step. */
#include "server.h"
#include "uthread.h"

_Noreturn void zeroer_main(void)
{
	for (;;) {
		uint64_t word;
		struct msg m;
		sys_wait(DISK_SLOT_ZERO_WAKE, &word);
		do
			m = (struct msg){ MSG_TAG(DISK_ZERO_STEP, 0, 0), 0, { 0, 0, 0, 0 } };
		while (!sys_call(DISK_SLOT_ZERO_CALL, &m) && (int64_t)m.mr[0] > 0);
	}
}

void zeroer_wake(void)
{
	if (disk.zeroer_awake || !disk.mounted || !fat_zero_files(&disk.fs))
		return;
	disk.zeroer_awake = true;
	sys_signal(DISK_SLOT_ZERO_WAKE);
}

int64_t do_zero_step(struct request *rq)
{
	(void)rq;
	bool more;
	enum fat_err e = fat_zero_step(&disk.fs, &more);
	disk.zeroer_awake = !e && more;
	return e ? disk_err(e) : more;
}

enum fat_err zeros_finish(void)
{
	bool more = true;
	enum fat_err e = FAT_OK;
	while (!e && more)
		e = fat_zero_step(&disk.fs, &more);
	return e;
}
