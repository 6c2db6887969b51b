/* cpt-database-private.h: internals of CptDatabase that tests look at. */
#pragma once

#include "cpt-database.h"
/* The connections cpt-database.c opens get the store's SQL functions. */
#include "cpt-store-sort-key.h"

G_BEGIN_DECLS

/* How many times this process ran PRAGMA quick_check on a file being opened: a file that
 * did not change since its last successful check is not checked again. */
guint        cpt_database_get_quick_check_count (void);

/* The statfs() magic number of the file system holding `path` (or its nearest existing
 * folder). COMPTOIR_TEST_FS_TYPE (e.g. 0x6969) overrides it, for tests only: no network
 * file system can be mounted where they run. */
guint64      cpt_database_get_fs_type           (const char *path);

G_END_DECLS
