/* The company and the number series read and written in the worker's thread
 * (cpt-company-async.h, cpt-series-async.h), on a real file, as the preferences, the welcome
 * page and the confirmation before validating use them. */
#include <gio/gio.h>

#include "cpt-company-async.h"
#include "cpt-error.h"
#include "cpt-series-async.h"
#include "cpt-test-utils.h"

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Waits on the main loop for the job's result. */
static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_company_update (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CptCompany) values = NULL;
  g_autoptr(CptCompany) saved = NULL;
  g_autoptr(CptCompany) loaded = NULL;
  g_autofree char *host = NULL, *city = NULL, *vat = NULL;
  const char *business[] = { "name", "city", "vat-number", NULL };
  const char *mail[] = { "mail-host", NULL };

  /* Two pages each edit their fields from what they read when they opened: neither writes
   * the other's back as it was. */
  values = g_object_new (CPT_TYPE_COMPANY, NULL);
  g_object_set (values, "mail-host", "smtp.example.org", "city", "Ignored", NULL);
  cpt_company_update_async (worker, values, mail, NULL, on_result, &result);
  saved = cpt_company_update_finish (worker, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_clear_object (&result);
  g_clear_object (&saved);
  g_clear_object (&values);

  values = g_object_new (CPT_TYPE_COMPANY, NULL);
  g_object_set (values, "name", "Atelier Lumière", "city", "Lyon",
                "vat-number", "fr 44 732829320", "mail-host", "stale.example.org", NULL);
  cpt_company_update_async (worker, values, business, NULL, on_result, &result);
  saved = cpt_company_update_finish (worker, wait_result (&result), &error);
  g_assert_no_error (error);
  /* Given back as saved: the VAT number normalised. */
  g_object_get (saved, "vat-number", &vat, NULL);
  g_assert_cmpstr (vat, ==, "FR44732829320");
  g_clear_object (&result);

  cpt_company_load_async (worker, NULL, on_result, &result);
  loaded = cpt_company_load_finish (worker, wait_result (&result), &error);
  g_assert_no_error (error);
  g_object_get (loaded, "mail-host", &host, "city", &city, NULL);
  g_assert_cmpstr (cpt_company_get_name (loaded), ==, "Atelier Lumière");
  g_assert_cmpstr (city, ==, "Lyon");
  g_assert_cmpstr (host, ==, "smtp.example.org");
}

static void
test_company_update_refused (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CptCompany) values = g_object_new (CPT_TYPE_COMPANY, NULL);
  g_autoptr(CptCompany) saved = NULL;
  g_autoptr(CptCompany) loaded = NULL;
  const char *fields[] = { "city", "siren", NULL };

  /* A SIREN with a wrong check digit: refused in plain words, nothing written, not even the
   * city given with it. */
  g_object_set (values, "city", "Lyon", "siren", "732829321", NULL);
  cpt_company_update_async (worker, values, fields, NULL, on_result, &result);
  saved = cpt_company_update_finish (worker, wait_result (&result), &error);
  g_assert_null (saved);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  loaded = cpt_company_load (f->db, NULL);
  {
    g_autofree char *city = NULL;

    g_object_get (loaded, "city", &city, NULL);
    g_assert_null (city);
  }
}

static void
test_logo (CptTestDb *f, gconstpointer data)
{
  /* a PNG of one pixel: the logo must be an image that can be drawn */
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
    0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0xc9, 0xfe, 0x92, 0xef, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *path = g_build_filename (f->dir, "logo.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.png", NULL);

  /* None yet: no image, no error. */
  cpt_company_get_logo_async (worker, NULL, on_result, &result);
  logo = cpt_company_get_logo_finish (worker, wait_result (&result), &mime, &error);
  g_assert_no_error (error);
  g_assert_null (logo);
  g_assert_null (mime);
  g_clear_object (&result);

  g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, NULL));
  cpt_company_set_logo_async (worker, path, NULL, on_result, &result);
  logo = cpt_company_set_logo_finish (worker, wait_result (&result), &mime, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (logo), ==, sizeof png);
  g_assert_cmpstr (mime, ==, "image/png");
  g_clear_object (&result);
  g_clear_pointer (&logo, g_bytes_unref);
  g_clear_pointer (&mime, g_free);

  cpt_company_set_logo_async (worker, missing, NULL, on_result, &result);
  logo = cpt_company_set_logo_finish (worker, wait_result (&result), &mime, &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (logo);
}

static void
test_series (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *number = NULL;

  cpt_series_load_all_async (worker, NULL, on_result, &result);
  all = cpt_series_load_all_finish (worker, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  g_clear_object (&result);

  cpt_series_set_async (worker, "invoice", "F-{YYYY}-{N:3}", CPT_SERIES_RESET_YEARLY, 42, NULL,
                        on_result, &result);
  g_assert_true (cpt_series_set_finish (worker, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  cpt_series_preview_async (worker, CPT_DOCUMENT_KIND_INVOICE, "2026-11-05", NULL, on_result, &result);
  number = cpt_series_preview_finish (worker, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "F-2026-042");
  g_clear_object (&result);
  g_clear_pointer (&number, g_free);

  cpt_series_preview_with_async (worker, "invoice", "INV{N:5}", CPT_SERIES_RESET_NEVER, 7,
                                 "2026-11-05", NULL, on_result, &result);
  number = cpt_series_preview_with_finish (worker, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "INV00007");
  g_clear_object (&result);
  g_clear_pointer (&number, g_free);

  /* A format that resets yearly without the year: said, not previewed. */
  cpt_series_preview_with_async (worker, "invoice", "F-{N}", CPT_SERIES_RESET_YEARLY, 1,
                                 "2026-11-05", NULL, on_result, &result);
  number = cpt_series_preview_with_finish (worker, wait_result (&result), &error);
  g_assert_null (number);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  /* A refused format changes nothing. */
  cpt_series_set_async (worker, "invoice", "F-{N}", CPT_SERIES_RESET_YEARLY, 0, NULL,
                        on_result, &result);
  g_assert_false (cpt_series_set_finish (worker, wait_result (&result), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);
  {
    g_autoptr(CptSeries) series = cpt_series_load (f->db, "invoice", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (series->format, ==, "F-{YYYY}-{N:3}");
  }
}

/* The example of an earlier keystroke, cancelled when the next one is typed, is dropped:
 * its result says so rather than arriving after the newer one. */
static void
test_preview_cancelled (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *number = NULL;

  cpt_series_preview_with_async (worker, "invoice", "A{N}", CPT_SERIES_RESET_NEVER, 1,
                                 "2026-11-05", cancellable, on_result, &first);
  g_cancellable_cancel (cancellable);
  cpt_series_preview_with_async (worker, "invoice", "AB{N}", CPT_SERIES_RESET_NEVER, 1,
                                 "2026-11-05", NULL, on_result, &second);
  number = cpt_series_preview_with_finish (worker, wait_result (&first), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (number);
  g_clear_error (&error);
  number = cpt_series_preview_with_finish (worker, wait_result (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "AB1");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/settings-async/company-update", CptTestDb, NULL, cpt_test_db_setup,
              test_company_update, cpt_test_db_teardown);
  g_test_add ("/settings-async/company-update-refused", CptTestDb, NULL, cpt_test_db_setup,
              test_company_update_refused, cpt_test_db_teardown);
  g_test_add ("/settings-async/logo", CptTestDb, NULL, cpt_test_db_setup, test_logo,
              cpt_test_db_teardown);
  g_test_add ("/settings-async/series", CptTestDb, NULL, cpt_test_db_setup, test_series,
              cpt_test_db_teardown);
  g_test_add ("/settings-async/preview-cancelled", CptTestDb, NULL, cpt_test_db_setup,
              test_preview_cancelled, cpt_test_db_teardown);
  return g_test_run ();
}
