/* cpt-clients-page.h: the list of clients. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENTS_PAGE (cpt_clients_page_get_type ())
G_DECLARE_FINAL_TYPE (CptClientsPage, cpt_clients_page, CPT, CLIENTS_PAGE, AdwNavigationPage)

CptClientsPage *cpt_clients_page_new        (CptContext  *context);
GListModel     *cpt_clients_page_get_model  (CptClientsPage *self);
GtkSearchEntry *cpt_clients_page_get_search_entry (CptClientsPage *self);

G_END_DECLS
