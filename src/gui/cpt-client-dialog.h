/* cpt-client-dialog.h: a new client (or one's identity), checked as one types. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_DIALOG (cpt_client_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptClientDialog, cpt_client_dialog, CPT, CLIENT_DIALOG, AdwDialog)

/* client_id 0: a new client; else the client is read in the context's worker, the fields
 * insensitive until then (CptClientDialog:busy). ::saved (gint64 client_id) follows a
 * successful save, which runs in the worker too. */
CptClientDialog *cpt_client_dialog_new      (CptContext *context,
                                             gint64      client_id);
void             cpt_client_dialog_set_name (CptClientDialog *self,
                                             const char      *name);
/* Saves as the Save button would (the tests): FALSE when a field is refused at once, TRUE
 * when the write was started (::saved tells when it is done). */
gboolean         cpt_client_dialog_save     (CptClientDialog *self);

G_END_DECLS
