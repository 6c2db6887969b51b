/* cpt-products-page.h: the list of products and services. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_PRODUCTS_PAGE (cpt_products_page_get_type ())
G_DECLARE_FINAL_TYPE (CptProductsPage, cpt_products_page, CPT, PRODUCTS_PAGE, AdwNavigationPage)

CptProductsPage *cpt_products_page_new        (CptContext  *context);
GListModel     *cpt_products_page_get_model  (CptProductsPage *self);
GtkSearchEntry *cpt_products_page_get_search_entry (CptProductsPage *self);

G_END_DECLS
