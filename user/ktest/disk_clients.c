/* disk-clients: the server keeps one table of fds per client id (badge): two clients
 * with one file open have their own offsets; one client's fds mean nothing to another;
 * DISK_FORK copies fds with their offsets, which then move on their own; DISK_EXIT
 * closes them; an untrusted client gets DISK_EPERM for every trusted request, and each
 * client has at most DISK_FILES_PER_CLIENT files open; DISK_CLIENTS clients fill the
 * table, and those left after some exit are still found by their ids. */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>
#include "uthread.h"

enum { ID_A = 1, ID_B = 2, ID_FORKED = 3, ID_MANY = 4 };
#define SHARED "shared.txt"
#define SHARED_TEXT "0123456789"
#define TABLE_FILE "table.txt"

static void read_expect(uint64_t ep, int64_t fd, uint64_t n, const char *want)
{
	char got[16];
	CHECK_EQ(disk_read(ep, fd, got, n), n);
	CHECK(memcmp(got, want, n) == 0);
}

static void check_untrusted(uint64_t ep)
{
	for (uint64_t label = DISK_FORK; label <= DISK_ZERO_STEP; label++)
		CHECK_EQ(disk_call(ep, label, ID_A, ID_FORKED, 0), DISK_EPERM);
}

static void check_limit(uint64_t ep)
{
	for (unsigned i = 0; i < DISK_FILES_PER_CLIENT; i++)
		CHECK_EQ(disk_open(ep, SHARED), DISK_FD_FIRST + i);
	CHECK_EQ(disk_open(ep, SHARED), DISK_EMFILE);
	CHECK_EQ(disk_close(ep, DISK_FD_FIRST + 5), 0);
	CHECK_EQ(disk_open(ep, SHARED), DISK_FD_FIRST + 5); /* the freed fd again */
}

/* The id of table client i: pids spread out, and a few trusted ids among them. */
static uint64_t table_id(unsigned i)
{
	return i % 8 == 7 ? DISK_CLIENT_TRUSTED + 16 + i : 1000 + 37ull * i;
}

/* DISK_CLIENTS clients each with a file open at its own offset fill the table (one more
 * gets DISK_ENFILE); after every third exits, each other one still finds its fd (the
 * server finds clients by a hash of the id, and removing one moves others), and new ids
 * take the freed places up to the limit again. */
static void check_table(uint64_t server, uint64_t root)
{
	static uint64_t eps[DISK_CLIENTS + DISK_CLIENTS / 3 + 1];
	unsigned n = sizeof eps / sizeof eps[0], live = DISK_CLIENTS;
	CHECK_EQ(disk_create(root, TABLE_FILE, 0), 0);
	for (unsigned i = 0; i < n; i++)
		eps[i] = disk_client(server, table_id(i));
	for (unsigned i = 0; i < DISK_CLIENTS; i++) {
		CHECK_EQ(disk_open(eps[i], TABLE_FILE), DISK_FD_FIRST);
		CHECK_EQ(disk_seek(eps[i], DISK_FD_FIRST, i), 0);
	}
	CHECK_EQ(disk_open(eps[DISK_CLIENTS], TABLE_FILE), DISK_ENFILE);
	for (unsigned i = 0; i < DISK_CLIENTS; i += 3, live--)
		CHECK_EQ(disk_call(root, DISK_EXIT, table_id(i), 0, 0), 0);
	for (unsigned i = 0; i < DISK_CLIENTS; i++)
		CHECK_EQ(disk_tell(eps[i], DISK_FD_FIRST), i % 3 ? (int64_t)i : DISK_EBADF);
	for (unsigned i = DISK_CLIENTS; live < DISK_CLIENTS; i++, live++)
		CHECK_EQ(disk_open(eps[i], TABLE_FILE), DISK_FD_FIRST);
	CHECK_EQ(disk_open(eps[n - 1], TABLE_FILE), DISK_ENFILE);
	for (unsigned i = 0; i < n; i++)
		CHECK_EQ(disk_call(root, DISK_EXIT, table_id(i), 0, 0), 0);
	CHECK_EQ(disk_open(eps[n - 1], TABLE_FILE), DISK_FD_FIRST);
	CHECK_EQ(disk_call(root, DISK_EXIT, table_id(n - 1), 0, 0), 0);
	CHECK_EQ(disk_remove(root, TABLE_FILE), 0);
}

/* A reply carries whole words: a short read must not show client b the bytes that
 * client a's write left in the server's buffer. */
static void check_no_leak(uint64_t a, uint64_t b)
{
	static const char secret[] = "PASSWORDPASSWORD";
	uint8_t one = 0;
	CHECK_EQ(disk_create(a, "/secret.txt", 0), 0);
	CHECK_EQ(disk_create(b, "/one.txt", 0), 0);
	int64_t fa = disk_open(a, "/secret.txt"), fb = disk_open(b, "/one.txt");
	CHECK_EQ(disk_write(b, fb, "Z", 1), 1);
	CHECK_EQ(disk_seek(b, fb, 0), 0);
	CHECK_EQ(disk_write(a, fa, secret, sizeof secret - 1), (int64_t)sizeof secret - 1);
	CHECK_EQ(disk_read(b, fb, &one, 1), 1);
	CHECK(one == 'Z');
	uint64_t word = ipc_buf()->mr[DISK_DATA_MR];
	CHECK_EQ(word, (uint64_t)'Z'); /* the other seven bytes are zeros, not "ASSWORD" */
	CHECK_EQ(disk_close(a, fa), 0);
	CHECK_EQ(disk_close(b, fb), 0);
}

void test_disk_clients(void)
{
	uint64_t server = disk_start();
	uint64_t root = disk_client(server, DISK_CLIENT_TRUSTED), a = disk_client(server, ID_A);
	uint64_t b = disk_client(server, ID_B), forked = disk_client(server, ID_FORKED);
	uint64_t many = disk_client(server, ID_MANY);

	check_no_leak(a, b);

	CHECK_EQ(disk_create(root, SHARED, 0), 0);
	int64_t fd = disk_open(root, SHARED);
	CHECK_EQ(disk_write(root, fd, SHARED_TEXT, 10), 10);
	CHECK_EQ(disk_close(root, fd), 0);

	int64_t fa = disk_open(a, SHARED), fb = disk_open(b, SHARED);
	CHECK_EQ(fa, DISK_FD_FIRST);
	CHECK_EQ(fb, DISK_FD_FIRST); /* the same number, a different handle */
	read_expect(a, fa, 4, "0123");
	read_expect(b, fb, 2, "01");
	CHECK_EQ(disk_tell(a, fa), 4);
	CHECK_EQ(disk_tell(b, fb), 2);

	int64_t fa2 = disk_open(a, SHARED);
	CHECK_EQ(fa2, DISK_FD_FIRST + 1);
	CHECK_EQ(disk_tell(b, fa2), DISK_EBADF);
	CHECK_EQ(disk_read(b, fa2, (char[4]){ 0 }, 1), DISK_EBADF);
	CHECK_EQ(disk_close(b, fa2), DISK_EBADF);
	CHECK_EQ(disk_tell(a, fa2), 0); /* untouched by b's attempts */
	check_untrusted(a);

	CHECK_EQ(disk_call(root, DISK_FORK, ID_A, ID_FORKED, 0), 0);
	CHECK_EQ(disk_call(root, DISK_FORK, ID_B, ID_FORKED, 0), DISK_EINVAL); /* has fds */
	CHECK_EQ(disk_call(root, DISK_FORK, ID_A, ID_A, 0), DISK_EINVAL);
	CHECK_EQ(disk_tell(forked, fa), 4);
	CHECK_EQ(disk_tell(forked, fa2), 0);
	read_expect(forked, fa, 2, "45");
	CHECK_EQ(disk_tell(a, fa), 4);
	read_expect(a, fa, 1, "4");
	CHECK_EQ(disk_tell(forked, fa), 6);
	CHECK_EQ(disk_close(forked, fa2), 0);
	CHECK_EQ(disk_tell(a, fa2), 0); /* the parent's copy stays open */

	CHECK_EQ(disk_call(root, DISK_EXIT, ID_FORKED, 0, 0), 0);
	CHECK_EQ(disk_tell(forked, fa), DISK_EBADF);
	CHECK_EQ(disk_call(root, DISK_EXIT, ID_A, 0, 0), 0);
	CHECK_EQ(disk_tell(a, fa), DISK_EBADF);
	CHECK_EQ(disk_tell(a, fa2), DISK_EBADF);
	check_limit(many);
	CHECK_EQ(disk_call(root, DISK_EXIT, ID_MANY, 0, 0), 0);
	CHECK_EQ(disk_remove(root, SHARED), 0);
	read_expect(b, fb, 3, "234"); /* b's handle outlives a's exit and the remove */
	CHECK_EQ(disk_call(root, DISK_EXIT, ID_B, 0, 0), 0);
	CHECK_EQ(disk_tell(b, fb), DISK_EBADF);
	CHECK_EQ(disk_open(root, SHARED), DISK_ENOENT);
	check_table(server, root);
	cprintf("ktest disk-clients: offsets, fds, fork and exit kept per client\n");
}
