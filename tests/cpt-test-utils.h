/* Helpers shared by the GTest programs: temporary databases and files. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "cpt-database.h"
/* Tests look at the file as SQLite sees it. */
#include "cpt-store-database.h"
#include "cpt-lifecycle.h"

/* A fresh directory under /tmp, removed by cpt_test_cleanup_dir(). */
static inline char *
cpt_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("comptoir-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
cpt_test_cleanup_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_chmod (path, 0600);
      g_unlink (path);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

typedef struct
{
  char        *dir;
  char        *path;
  CptDatabase *db;
} CptTestDb;

#include "cpt-company.h"

/* The seller's identity an e-invoice needs (a name, a SIREN that is also its electronic
 * address: BR-06, BR-CO-26, BR-FR-10, BR-FR-13): validation checks the EN 16931 and BR-FR
 * rules, so the company of a test that validates has one. */
static inline void
cpt_test_company_for_einvoices (CptDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load (db, &error);

  g_assert_no_error (error);
  if (cpt_company_get_name (company) == NULL || *cpt_company_get_name (company) == '\0')
    g_object_set (company, "name", "Atelier Lumière", NULL);
  g_object_set (company, "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_assert_no_error (error);
}

static inline void
cpt_test_db_setup (CptTestDb *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cpt_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->db = cpt_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);
  cpt_test_company_for_einvoices (fixture->db);
}

static inline void
cpt_test_db_teardown (CptTestDb *fixture, gconstpointer data)
{
  g_clear_object (&fixture->db);
  cpt_test_cleanup_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* The invoice deposit `deposit_id` is deducted on (0: none), the query asserted to work. */
static inline gint64
cpt_test_deposit_invoice (CptDatabase *db, gint64 deposit_id)
{
  g_autoptr(GError) error = NULL;
  gint64 invoice_id = -1;

  g_assert_true (cpt_lifecycle_deposit_invoice (db, deposit_id, &invoice_id, &error));
  g_assert_no_error (error);
  return invoice_id;
}

/* What validated credit notes took off `invoice_id`, the query asserted to work. */
static inline gint64
cpt_test_credited_amount (CptDatabase *db, gint64 invoice_id)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = -1;

  g_assert_true (cpt_lifecycle_credited_amount (db, invoice_id, &amount, &error));
  g_assert_no_error (error);
  return amount;
}

#define CPT_TEST_DB(path, func) \
  g_test_add (path, CptTestDb, NULL, cpt_test_db_setup, func, cpt_test_db_teardown)

static inline char *
cpt_test_file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return g_strdup ("(missing)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

#include "cpt-dates.h"
#include "cpt-documents.h"
#include "cpt-lifecycle.h"

/* Validates a document as on the day it is dated (or `date`), the way the history a test
 * builds was made: validation refuses a date after today and asks to confirm one more than
 * 30 days before it, so a test that lays out months of documents validates each on its day. */
static inline gboolean
cpt_test_validate_on_its_day (CptDatabase *db, gint64 id, const char *date, GError **error)
{
  g_autofree char *saved = g_strdup (g_getenv ("COMPTOIR_TODAY"));
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, error);
  g_autofree char *iso = date != NULL ? cpt_date_normalize (date, NULL) : NULL;
  gboolean ok;

  if (document == NULL)
    return FALSE;
  /* A date that is not one is left for validation to refuse. */
  g_setenv ("COMPTOIR_TODAY", iso != NULL ? iso : cpt_document_get_date (document), TRUE);
  ok = cpt_lifecycle_validate (db, id, date, error);
  if (saved != NULL)
    g_setenv ("COMPTOIR_TODAY", saved, TRUE);
  else
    g_unsetenv ("COMPTOIR_TODAY");
  return ok;
}

#include "cpt-payments.h"

/* The status `document`'s page shows at `today` (cpt_payments_status), the query asserted to
 * work. */
static inline char *
cpt_test_status (CptDatabase *db, CptDocument *document, const char *today)
{
  g_autoptr(GError) error = NULL;
  char *status = cpt_payments_status (db, document, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}
