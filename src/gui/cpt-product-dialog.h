/* cpt-product-dialog.h: a product or service: type, code, name, description, unit, unit
 * price, VAT rate and revenue account (the Factomos "Créer prestation" form). */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-document-line.h"

G_BEGIN_DECLS

#define CPT_TYPE_PRODUCT_DIALOG (cpt_product_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptProductDialog, cpt_product_dialog, CPT, PRODUCT_DIALOG, AdwDialog)

/* product_id 0: a new one; else the product is read in the context's worker, the fields
 * insensitive until then (CptProductDialog:busy). ::saved (gint64 product_id) follows a
 * successful save, which runs in the worker too. */
CptProductDialog *cpt_product_dialog_new           (CptContext      *context,
                                                    gint64           product_id);
/* A new product filled from an invoice line (its description, unit, price and rate). */
CptProductDialog *cpt_product_dialog_new_from_line (CptContext      *context,
                                                    CptDocumentLine *line);
void              cpt_product_dialog_set_name      (CptProductDialog *self,
                                                    const char       *name);
void              cpt_product_dialog_set_price_text (CptProductDialog *self,
                                                     const char       *text);
/* Selects a VAT rate (hundredths of a percent) among those offered. */
void              cpt_product_dialog_set_vat_rate  (CptProductDialog *self,
                                                    gint64            rate);
/* Saves as the Save button would: FALSE when refused at once (a price that cannot be
 * read), TRUE when the write was started (::saved tells when it is done). */
gboolean          cpt_product_dialog_save          (CptProductDialog *self);

G_END_DECLS
