/* cpt-product-chooser.h: choose a product or service to add as a line, searching as one
 * types; "New Product or Service…" creates one on the way (the Factomos "Créer prestation"). */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_PRODUCT_CHOOSER (cpt_product_chooser_get_type ())
G_DECLARE_FINAL_TYPE (CptProductChooser, cpt_product_chooser, CPT, PRODUCT_CHOOSER, AdwDialog)

/* ::chosen (gint64 product_id). The products are searched in threads of `context`
 * (CptProductChooser:busy until the count is back). */
CptProductChooser *cpt_product_chooser_new    (CptContext *context);
GtkSearchEntry    *cpt_product_chooser_get_search_entry (CptProductChooser *self);
/* Chooses the product at `position` of the list as shown (the tests); nothing while that
 * row is still being read. */
void               cpt_product_chooser_choose (CptProductChooser *self,
                                               guint              position);

G_END_DECLS
