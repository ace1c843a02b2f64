/* Calls to the pager and the disk server (ipc.h). */
#include "ipc.h"

#include <string.h>

int64_t ipc_call(uint64_t ep, uint64_t label, uint64_t words, const uint64_t a[4], uint64_t *r1)
{
	struct msg m = { MSG_TAG(label, words, 0), 0, { a[0], a[1], a[2], a[3] } };
	if (sys_call(ep, &m))
		return -1;
	if (r1)
		*r1 = m.mr[1];
	return (int64_t)m.mr[0];
}

uint64_t ipc_put_string(const char *s, uint64_t max)
{
	uint64_t n = strnlen(s, max);
	if (n == max)
		return 0;
	char *words = (char *)&proc_ipc()->mr[MSG_REG_WORDS];
	memcpy(words, s, n + 1);
	return MSG_REG_WORDS + (n + 1 + 7) / 8;
}
