/* cpt-store-document-extras.h: the store's unit for what the document editor reads and
 * writes beside a document's own row and lines: its client, its history (audit events) and
 * the documents linked to it. The rules stay in cpt-document-extras.c. */
#pragma once

#include "cpt-document-extras.h"

G_BEGIN_DECLS

/* Whether document `id` has lines that deduct deposit invoices. */
gboolean   cpt_store_document_extras_deducts_deposits (CptDatabase *db, gint64 id,
                                                       gboolean *out_deducts, GError **error);
/* Gives document `id` to client `client_id`, whose name and currency it copies (the
 * caller checked that it may). */
gboolean   cpt_store_document_extras_set_client (CptDatabase *db, gint64 id, gint64 client_id,
                                                 const char *client_name, const char *currency,
                                                 GError **error);
/* Its creation then its audit events, oldest first (CptHistoryEvent). */
GPtrArray *cpt_store_document_extras_history    (CptDatabase *db, gint64 id, GError **error);
/* The documents linked to it, in date order (CptDocument). */
GPtrArray *cpt_store_document_extras_related    (CptDatabase *db, gint64 id, GError **error);

G_END_DECLS
