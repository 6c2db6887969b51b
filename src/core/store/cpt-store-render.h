/* cpt-store-render.h: the store's unit for what rendering reads beside a document (which
 * cpt-documents loads): the kinds of products on its lines, and the documents to render in
 * bulk. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

/* How many item lines of document `id` sell goods and how many services (lines typed
 * without a product count in neither). */
gboolean  cpt_store_render_product_types (CptDatabase *db, gint64 id, gint64 *out_goods,
                                          gint64 *out_services, GError **error);
/* The ids of the documents of `kind` dated from `from` to `to` (ISO dates, NULL: no
 * bound), in date order (gint64). */
GArray   *cpt_store_render_document_ids  (CptDatabase *db, const char *kind, const char *from,
                                          const char *to, GError **error);

G_END_DECLS
