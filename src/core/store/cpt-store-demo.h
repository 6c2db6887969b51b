/* cpt-store-demo.h: the SQL of the demo generator (cpt-demo.c), which writes a company's
 * worth of documents at once. What the documents are (their kinds, dates, lines, totals
 * from the same code as a person's documents, which get paid) stays in cpt-demo.c. */
#pragma once

#include "cpt-database.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_STORE_DEMO_CLIENTS,
  CPT_STORE_DEMO_PRODUCTS,
  CPT_STORE_DEMO_DOCUMENTS,
} CptStoreDemoTable;

typedef struct
{
  const char *kind;          /* company or individual */
  const char *name, *siren, *siret, *vat_number, *email, *phone, *address, *postcode, *city;
  gint64      payment_days;
  gboolean    end_of_month;
  const char *language;
} CptStoreDemoClient;

typedef struct
{
  CptDocumentKind kind;
  gint64      client_id;
  const char *date, *due_date, *valid_until, *title, *payment_terms, *language;
  gint64      total_net, total_vat, total_gross, amount_due;
  gint64      credited_id;   /* 0: none */
} CptStoreDemoDocument;

typedef struct
{
  gint64      document_id;
  int         position;
  gint64      product_id;
  const char *description, *unit, *account;
  gint64      quantity, unit_price, discount_percent, vat_rate, net;
  gint64      credited_line_id;   /* 0: none */
} CptStoreDemoLine;

/* The largest id of `table` (0 when empty), -1 on failure. */
gint64    cpt_store_demo_max_id            (CptDatabase *db, CptStoreDemoTable table, GError **error);
/* The id of the demo catalogue's first product (named `name`, code SRV-001), 0 for none. */
gboolean  cpt_store_demo_catalogue         (CptDatabase *db, const char *name, gint64 *out_id,
                                            GError **error);
gboolean  cpt_store_demo_insert_product    (CptDatabase *db, const char *type, const char *code,
                                            const char *name, const char *unit, gint64 unit_price,
                                            gint64 vat_rate, const char *account, GError **error);
gboolean  cpt_store_demo_insert_client     (CptDatabase *db, const CptStoreDemoClient *client,
                                            GError **error);
gboolean  cpt_store_demo_insert_document   (CptDatabase *db, const CptStoreDemoDocument *document,
                                            gint64 *out_id, GError **error);
gboolean  cpt_store_demo_insert_line       (CptDatabase *db, const CptStoreDemoLine *line,
                                            gint64 *out_id, GError **error);
/* What document `id` asks for and of whom; *found = FALSE when it has no receivable. */
gboolean  cpt_store_demo_receivable        (CptDatabase *db, gint64 id, gint64 *out_amount_due,
                                            gint64 *out_client_id, gboolean *found, GError **error);
/* A payment of `amount` by `client_id`, allocated whole to document `document_id`. */
gboolean  cpt_store_demo_insert_payment    (CptDatabase *db, gint64 client_id, const char *date,
                                            gint64 amount, const char *mode, gint64 document_id,
                                            GError **error);
/* A pro forma's number, given at once. */
gboolean  cpt_store_demo_number_proforma   (CptDatabase *db, gint64 id, const char *number,
                                            const char *period, gint64 sequence, GError **error);
/* A quote sent on `sent_on`, then accepted or refused (NULL: neither). */
gboolean  cpt_store_demo_insert_marks      (CptDatabase *db, gint64 id, const char *sent_on,
                                            const char *accepted_on, const char *refused_on,
                                            GError **error);

G_END_DECLS
