/* notify: signal, poll and wait on a notification; badges of several signals OR
 * together; a wait blocks until a child in another address space signals; alarms
 * (OP_NOTIFY_ALARM) arrive after their ticks, replace and cancel each other, refuse
 * bad arguments and missing rights, and may die armed. */
#include "ktest.h"
#include "slots.h"

/* Signals its two notification capabilities (badges 2 and 4) after letting the root
 * block. */
void role_notify_signaler(uint64_t arg)
{
	for (uint64_t i = 0; i < arg; i++)
		sys_yield();
	CHECK_OK(sys_signal(CSLOT_NOTIFY));
	CHECK_OK(sys_signal(CSLOT_SPARE));
}

static void test_alarms(uint64_t n)
{
	uint64_t word = 0, ro = derive(n, RIGHT_READ, 0), wo = derive(n, RIGHT_WRITE, 0);
	uint64_t other = new_object(OBJ_NOTIFICATION), doomed = new_object(OBJ_NOTIFICATION);
	CHECK_ERR(notify_alarm(ro, 1, 8), ERR_NO_RIGHTS);
	CHECK_ERR(notify_alarm(wo, 1, 8), ERR_NO_RIGHTS);
	CHECK_ERR(notify_alarm(n, ALARM_TICKS_MAX + 1, 8), ERR_INVALID_ARG);
	CHECK_ERR(notify_alarm(n, 1, 0), ERR_INVALID_ARG);
	CHECK_OK(notify_alarm(n, ALARM_TICKS_MAX, 16)); /* far away: replaced next */
	CHECK_OK(notify_alarm(n, 2, 8));
	CHECK_OK(sys_wait(n, &word));
	CHECK(word == 8);
	CHECK_OK(notify_alarm(n, 2, 8));
	CHECK_OK(notify_alarm(n, 0, 0)); /* cancelled: nothing comes */
	CHECK_OK(notify_alarm(doomed, 1, 1));
	CHECK_OK(cap_delete(doomed)); /* dies armed: the tick must not touch it */
	CHECK_OK(notify_alarm(other, 5, 1));
	CHECK_OK(sys_wait(other, &word));
	CHECK(word == 1);
	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 0);
}

void test_notify(void)
{
	uint64_t n = new_object(OBJ_NOTIFICATION), word = 99, seen = 0;
	uint64_t b1 = derive(n, RIGHTS_ALL, 1), b4 = derive(n, RIGHTS_ALL, 4);
	uint64_t b2 = derive(n, RIGHTS_ALL, 2);

	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 0);
	CHECK_OK(sys_signal(b1));
	CHECK_OK(sys_signal(b4));
	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 5);
	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 0);
	/* Signals are bits, not a count. */
	CHECK_OK(sys_signal(b2));
	CHECK_OK(sys_signal(b2));
	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 2);
	/* A wait with the word already set returns at once and takes it. */
	CHECK_OK(sys_signal(b4));
	CHECK_OK(sys_wait(n, &word));
	CHECK(word == 4);

	struct grant g[2] = { { n, CSLOT_NOTIFY, RIGHTS_ALL, 2 }, { n, CSLOT_SPARE, RIGHTS_ALL, 4 } };
	struct child c;
	child_spawn(&c, ROLE_NOTIFY_SIGNALER, 3, g, 2, 0, true);
	while (seen != 6) {
		CHECK_OK(sys_wait(n, &word));
		CHECK(word != 0 && (word & ~6ull) == 0);
		seen |= word;
	}
	CHECK(wait_state(c.main.thread, THREAD_INACTIVE, 100));
	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 0);
	test_alarms(n);
}
