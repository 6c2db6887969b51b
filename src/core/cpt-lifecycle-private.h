/* cpt-lifecycle-private.h: the last step of validation, shared with the demo generator. */
#pragma once

#include "cpt-lifecycle.h"

G_BEGIN_DECLS

/* Inside the caller's transaction, on a draft whose number was taken from its series:
 * marks it validated with that number, copies the seller's and the client's identity into
 * it and appends it to the hash chain. No check: validation does them before. */
gboolean cpt_lifecycle_lock (CptDatabase *db, gint64 id, const char *number, const char *series,
                             const char *period, gint64 sequence, const char *date,
                             const char *due, GError **error);


G_END_DECLS
