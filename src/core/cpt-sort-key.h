/* cpt-sort-key.h: the key names sort on, so that lists follow French order.
 *
 * SQLite's NOCASE folds only A to Z, so "Élodie" would come after "Zoé". Each name gets a
 * key (lower case, accents taken off, ligatures spelt out) that Comptoir computes here and
 * stores beside it; the lists page through indexes on the stored keys. The key is not
 * computed by SQL in the schema: the expression it took nested too deep for the SQLite of
 * Debian 12 and Ubuntu 24.04, and a function registered by Comptoir would make the file
 * unreadable to other tools.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Élodie Œuvre" -> "elodie oeuvre"; NULL for NULL. The store writes it with its SQL
 * function cpt_sort_key() (cpt-store-sort-key.h). */
char     *cpt_sort_key                (const char *text);

G_END_DECLS
