/* cpt-demo.h: realistic, reproducible French demo data, fast enough for a million
 * documents (bench/ and the "load demo data" button use it). */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

typedef void (*CptDemoProgress) (guint64 done, guint64 total, gpointer user_data);

/* Adds `n_clients` clients (companies and individuals), a catalogue of products, and
 * `n_documents` documents (quotes, pro forma, invoices, deposit invoices, credit notes)
 * spread over the three years before today, with 1 to 6 lines each at 20, 10, 5.5 and
 * 2.1 % VAT. Fills the company when it has no name yet. The same seed gives the same data.
 * Works in chunks, each one transaction, so an interrupted run leaves whole documents. */
gboolean cpt_demo_generate (CptDatabase     *db,
                            guint            n_clients,
                            guint64          n_documents,
                            guint32          seed,
                            CptDemoProgress  progress,
                            gpointer         user_data,
                            GError         **error);

/* A valid random SIREN (Luhn) from `rand`, 9 digits. */
char    *cpt_demo_random_siren (GRand *rand);

G_END_DECLS
