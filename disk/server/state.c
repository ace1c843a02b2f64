/* The disk server's global state, in one place (server.h). */
#include "server.h"

struct disk_state disk;
