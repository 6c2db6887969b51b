/* cpt-client-page.h: a client's record (the eKo client page). */
#pragma once

#include <adwaita.h>

#include "cpt-client-form.h"
#include "cpt-context.h"
#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_PAGE (cpt_client_page_get_type ())
G_DECLARE_FINAL_TYPE (CptClientPage, cpt_client_page, CPT, CLIENT_PAGE, AdwNavigationPage)

CptClientPage *cpt_client_page_new            (CptContext  *context,
                                               gint64       id);
gint64         cpt_client_page_get_id         (CptClientPage *self);
/* Whether the record was read and shown (it is read by the worker, off the main loop). */
gboolean       cpt_client_page_is_loaded      (CptClientPage *self);
/* Whether an edit of the identity is being saved by the worker (tests). */
gboolean       cpt_client_page_is_saving      (CptClientPage *self);
/* The tabs: overview, identity, documents, deposits, payments, memos, files. Each one but
 * the overview is made the first time it shows. */
AdwViewStack  *cpt_client_page_get_view_stack (CptClientPage *self);
/* The identity tab's form; NULL until that tab was shown. */
CptClientForm *cpt_client_page_get_form       (CptClientPage *self);

G_END_DECLS
