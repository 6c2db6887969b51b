/* cpt-store-series.h: the store's unit for the numbering series and their counters. The
 * rules (formats, resets, what may change once numbers were given) stay in cpt-series.c. */
#pragma once

#include "cpt-series.h"

G_BEGIN_DECLS

/* Whether deposit invoices have their own series (the company's choice). */
gboolean   cpt_store_series_separate_deposits (CptDatabase *db, gboolean *out_separate,
                                               GError **error);
/* The series `name` with the numbers it gave so far; NULL with no error when there is none
 * (*found = FALSE). */
CptSeries *cpt_store_series_load    (CptDatabase *db, const char *name, gboolean *found,
                                     GError **error);
/* Writes the format, reset and first number of series `name` (already checked). */
gboolean   cpt_store_series_save    (CptDatabase *db, const char *name, const char *format,
                                     CptSeriesReset reset, gint64 first_number, GError **error);
/* The last counter given in (series, period); *found = FALSE when none was. */
gboolean   cpt_store_series_last_counter (CptDatabase *db, const char *name, const char *period,
                                          gint64 *out_last, gboolean *found, GError **error);
/* Records `counter` as the last one given in (series, period). */
gboolean   cpt_store_series_set_counter  (CptDatabase *db, const char *name, const char *period,
                                          gint64 counter, GError **error);

G_END_DECLS
