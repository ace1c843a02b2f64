/* The role table: what a thread started with START_WORD(role, ...) runs. */
#include "ktest.h"

struct role_entry {
	const char *name;
	void (*fn)(uint64_t arg);
};

static const struct role_entry roles[ROLE_COUNT] = {
	[ROLE_HELLO_CHILD] = { "hello-child", role_hello_child },
	[ROLE_PINGPONG_SERVER] = { "pingpong-server", role_pingpong_server },
	[ROLE_LONG_SERVER] = { "long-server", role_long_server },
	[ROLE_CAPX_CHILD] = { "cap-transfer-child", role_capx_child },
	[ROLE_BADGE_CLIENT] = { "badge-client", role_badge_client },
	[ROLE_FIFO_CLIENT] = { "fifo-client", role_fifo_client },
	[ROLE_NOTIFY_SIGNALER] = { "notify-signaler", role_notify_signaler },
	[ROLE_FAULT_PROBES] = { "fault-probes", role_fault_probes },
	[ROLE_FAULT_EXCEPTION] = { "fault-exception", role_fault_exception },
	[ROLE_FAULT_TOUCH] = { "fault-touch", role_fault_touch },
	[ROLE_BUSY] = { "busy", role_busy },
	[ROLE_RECEIVER] = { "receiver", role_receiver },
	[ROLE_ISO_PROBE] = { "isolation-probe", role_iso_probe },
	[ROLE_ISO_MAPPER] = { "isolation-mapper", role_iso_mapper },
	[ROLE_FUZZ] = { "fuzz", role_fuzz },
	[ROLE_PINGER] = { "pinger", role_pinger },
	[ROLE_FUZZ_SINK] = { "fuzz-sink", role_fuzz_sink },
	[ROLE_BENCH_SERVER] = { "bench-server", role_bench_server },
	[ROLE_BENCH_FAULTER] = { "bench-faulter", role_bench_faulter },
	[ROLE_DISK_WORKER] = { "disk-worker", role_disk_worker },
	[ROLE_DISK_DROPOUT] = { "disk-dropout", role_disk_dropout },
};

void role_run(uint64_t role, uint64_t arg)
{
	/* A thread in the root's own space shares ktest_name with the root: keep the test's
	 * name there; a child (whose ktest_root is NULL) names its role. */
	if (role == ROLE_ROOT || role >= ROLE_COUNT)
		ktest_fail("a known role", (int64_t)role, 0, __FILE_NAME__, __LINE__);
	if (!ktest_root)
		ktest_name = roles[role].name;
	roles[role].fn(arg);
}
