/* cpt-search-dialog.h: the global search (Ctrl+K): clients and documents as one types. The
 * search runs in the worker's thread. */
#pragma once

#include <adwaita.h>

#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_SEARCH_DIALOG (cpt_search_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptSearchDialog, cpt_search_dialog, CPT, SEARCH_DIALOG, AdwDialog)

CptSearchDialog *cpt_search_dialog_new              (CptWorker *worker);
GtkSearchEntry  *cpt_search_dialog_get_search_entry (CptSearchDialog *self);
/* The hits shown (for the tests): a list of GtkListBoxRow. */
GtkListBox      *cpt_search_dialog_get_results      (CptSearchDialog *self);

G_END_DECLS
