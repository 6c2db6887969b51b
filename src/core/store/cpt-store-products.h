/* cpt-store-products.h: the store's unit for products and services. The rules (units, prices,
 * VAT rates, accounts) stay in cpt-product.c. */
#pragma once

#include "cpt-product.h"

G_BEGIN_DECLS

/* A missing product is CPT_ERROR_NOT_FOUND. */
CptProduct *cpt_store_products_load         (CptDatabase *db, gint64 id, GError **error);
/* Inserts `product` (already validated) and reads back its id. */
gboolean    cpt_store_products_insert       (CptDatabase *db, CptProduct *product, GError **error);
gboolean    cpt_store_products_update       (CptDatabase *db, CptProduct *product, GError **error);
gboolean    cpt_store_products_set_archived (CptDatabase *db, gint64 id, gboolean archived,
                                             GError **error);

G_END_DECLS
