/* cpt-store-number-buckets.h: the length by which the lists count the numbers (schema 20 and
 * 21, number_bucket_length), chosen again when the numbers have outgrown it. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

/* Looks at the counts of the numbers of `db` (open for writing) and, once a jump from them
 * costs twice what it did when the length was last chosen and more than a few milliseconds,
 * chooses the length that makes the cheapest jump from the numbers there are, and counts
 * them again by it if it is at least twice as cheap. *out_length: the length now (may be
 * NULL). */
gboolean cpt_store_number_buckets_fit (CptDatabase *db, guint *out_length, GError **error);

G_END_DECLS
