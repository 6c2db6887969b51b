/* cpt-product.h: products and services (the Factomos "prestations"). */
#pragma once

#include "cpt-database.h"
#include "cpt-record.h"

G_BEGIN_DECLS

#define CPT_TYPE_PRODUCT (cpt_product_get_type ())
G_DECLARE_FINAL_TYPE (CptProduct, cpt_product, CPT, PRODUCT, GObject)

const CptRecordClass *cpt_product_record (void);

CptProduct *cpt_product_new          (void);
/* Checks type, name, unit (a name or a UN/ECE code, stored as the code), price >= 0, VAT
 * rate 0..100 %; sets the default revenue account (706000 services, 707000 goods). */
gboolean    cpt_product_validate     (CptProduct *self, GError **error);
gboolean    cpt_product_insert       (CptProduct *self, CptDatabase *db, GError **error);
gboolean    cpt_product_update       (CptProduct *self, CptDatabase *db, GError **error);
CptProduct *cpt_product_load         (CptDatabase *db, gint64 id, GError **error);
gboolean    cpt_product_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error);

gint64      cpt_product_get_id          (CptProduct *self);
const char *cpt_product_get_name        (CptProduct *self);
const char *cpt_product_get_description (CptProduct *self);
const char *cpt_product_get_unit        (CptProduct *self);
gint64      cpt_product_get_unit_price  (CptProduct *self);
gint64      cpt_product_get_vat_rate    (CptProduct *self);
const char *cpt_product_get_account     (CptProduct *self);

G_END_DECLS
