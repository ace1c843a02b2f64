/* The root task's entry and the test table. With ktest=NAME on the kernel command line
 * it runs that test, prints "ktest NAME: ok" and powers off with success; a failed check
 * powers off with failure (check.c). Without ktest= it lists the tests and waits forever
 * (so an interactive tools/run stays up); an unknown name lists them and fails. */
#include "cmdline.h"
#include "fmt.h"
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include "objects.h"
#include "str.h"
#include "uthread.h"

struct ktest {
	const char *name;
	void (*fn)(void);
};

static const struct ktest tests[] = {
	{ "hello", test_hello },
	{ "root-caps", test_root_caps },
	{ "spawn", test_spawn },
	{ "ipc-pingpong", test_ipc_pingpong },
	{ "ipc-long", test_ipc_long },
	{ "ipc-cap-transfer", test_ipc_cap_transfer },
	{ "ipc-badge", test_ipc_badge },
	{ "ipc-fifo", test_ipc_fifo },
	{ "notify", test_notify },
	{ "cap-misuse", test_cap_misuse },
	{ "fault-handler", test_fault_handler },
	{ "fault-kill", test_fault_kill },
	{ "sched-two-busy", test_sched_two_busy },
	{ "sched-blocked-idle", test_sched_blocked_idle },
	{ "isolation", test_isolation },
	{ "devices", test_devices },
	{ "console-input", test_console_input },
	{ "virtio", test_virtio },
	{ "fuzz", test_fuzz },
	{ "bench", test_bench },
	{ "disk-files", test_disk_files },
	{ "disk-clients", test_disk_clients },
	{ "disk-pages", test_disk_pages },
	{ "disk-bad-input", test_disk_bad_input },
	{ "disk-concurrent", test_disk_concurrent },
	{ "disk-bench", test_disk_bench },
	{ "disk-corrupt", test_disk_corrupt },
	{ "disk-names", test_disk_names },
};
#define NTESTS (sizeof tests / sizeof tests[0])

const char *ktest_name = "ktest";
const struct root_info *ktest_root;

static void print_known(const char *why)
{
	char list[CONSOLE_WRITE_MAX];
	size_t n = 0;
	for (unsigned i = 0; i < NTESTS && n < sizeof list; i++)
		n += fmt_snprintf(list + n, sizeof list - n, " %s", tests[i].name);
	cprintf("ktest: %s; known:%s\n", why, list);
}

/* Waits on a notification nobody signals: the root thread stays, using no CPU. */
static __attribute__((noreturn)) void idle(void)
{
	uint64_t n = new_object(OBJ_NOTIFICATION), word;
	for (;;)
		sys_wait(n, &word);
}

static __attribute__((noreturn)) void root_main(const struct root_info *ri)
{
	char name[CMDLINE_WORD_MAX];

	ktest_root = ri;
	objects_init(SLOT_POOL, SLOT_VSPACE, ri->first_free_slot, ROOT_CAPTABLE_SLOTS);
	CHECK(ri->magic == ROOTINFO_MAGIC);
	CHECK_OK(thread_set_priority(SLOT_THREAD, PRIO_TEST));
	if (!cmdline_value(ri->cmdline, "ktest", name, sizeof name)) {
		print_known("no test selected (boot with ktest=NAME)");
		idle();
	}
	for (unsigned i = 0; i < NTESTS; i++) {
		if (!str_eq(tests[i].name, name))
			continue;
		ktest_name = tests[i].name;
		tests[i].fn();
		disk_sync_before_poweroff(); /* the power-off must not lose written data */
		cprintf("ktest %s: ok\n", ktest_name);
		system_poweroff(SLOT_SYSTEM, POWEROFF_SUCCESS);
		ktest_fail("power off", 0, 0, __FILE_NAME__, __LINE__);
	}
	char why[CMDLINE_WORD_MAX + 32];
	fmt_snprintf(why, sizeof why, "unknown test '%s'", name);
	print_known(why);
	ktest_fail("a known test name", 0, 0, __FILE_NAME__, __LINE__);
}

void umain(uint64_t word, uint64_t arg)
{
	if (word == ROOT_INFO_ADDR)
		root_main((const struct root_info *)ROOT_INFO_ADDR);
	role_run(START_ROLE(word), arg);
	thread_exit(START_SELF(word));
}
