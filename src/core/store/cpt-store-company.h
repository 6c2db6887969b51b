/* cpt-store-company.h: the store's unit for the company (the seller, one row) and its logo. */
#pragma once

#include "cpt-company.h"

G_BEGIN_DECLS

CptCompany *cpt_store_company_load     (CptDatabase *db, GError **error);
/* Writes `company` (already validated). */
gboolean    cpt_store_company_save     (CptDatabase *db, CptCompany *company, GError **error);
gboolean    cpt_store_company_set_logo (CptDatabase *db, GBytes *image, const char *mime,
                                        GError **error);
/* The logo and its MIME type; NULL with no error when the company has none. */
GBytes     *cpt_store_company_get_logo (CptDatabase *db, char **out_mime, GError **error);

G_END_DECLS
