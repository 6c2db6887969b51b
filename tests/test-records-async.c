/* test-records-async.c: a client and a product read and saved in the worker's thread
 * (cpt-records-async.h), on a real SQLite file, as the record dialogs do. */
#include "cpt-document-writes.h"
#include "cpt-documents.h"
#include "cpt-lists.h"
#include "cpt-records-async.h"
#include "cpt-test-utils.h"

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

/* Runs the main loop until the job is back (as a window's would). */
static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static void
test_client (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptClient) saved = NULL;
  g_autoptr(CptClient) again = NULL;
  g_autoptr(CptClient) loaded = NULL;
  g_autoptr(CptClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *siren = NULL;
  Wait wait = { 0 };

  g_object_set (client, "name", "  Boulangerie Martin ", "siren", "542 051 180", NULL);
  cpt_client_save_async (worker, client, NULL, on_done, &wait);
  saved = cpt_client_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpint (cpt_client_get_id (saved), >, 0);
  /* What was saved is checked and normalised; the window's own object is left alone. */
  g_assert_cmpstr (cpt_client_get_name (saved), ==, "Boulangerie Martin");
  g_object_get (saved, "siren", &siren, NULL);
  g_assert_cmpstr (siren, ==, "542051180");
  g_assert_cmpint (cpt_client_get_id (client), ==, 0);

  /* In the file, as another connection sees it. */
  stored = cpt_client_load (f->db, cpt_client_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cpt_client_get_name (stored), ==, "Boulangerie Martin");

  /* A saved record is updated, not inserted again. */
  g_object_set (saved, "city", "Villeurbanne", NULL);
  cpt_client_save_async (worker, saved, NULL, on_done, &wait);
  again = cpt_client_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (cpt_client_get_id (again), ==, cpt_client_get_id (saved));

  cpt_client_load_async (worker, cpt_client_get_id (saved), NULL, on_done, &wait);
  loaded = cpt_client_load_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  {
    g_autofree char *city = NULL;

    g_object_get (loaded, "city", &city, NULL);
    g_assert_cmpstr (city, ==, "Villeurbanne");
  }
  {
    g_autoptr(CptPagedList) clients = cpt_lists_clients (f->db, NULL, TRUE);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 1);
  }
}

static void
test_client_refused (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptClient) saved = NULL;
  g_autoptr(CptClient) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptPagedList) clients = NULL;
  Wait wait = { 0 };

  /* A wrong SIREN: the reason in plain words, nothing written. */
  g_object_set (client, "name", "Boulangerie Martin", "siren", "12345", NULL);
  cpt_client_save_async (worker, client, NULL, on_done, &wait);
  saved = cpt_client_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_null (saved);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "9 digits"));
  g_clear_error (&error);
  clients = cpt_lists_clients (f->db, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 0);

  /* A client that is not there. */
  cpt_client_load_async (worker, 4242, NULL, on_done, &wait);
  missing = cpt_client_load_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_null (missing);
  g_assert_nonnull (error);
}

static void
test_cancelled (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptClient) saved = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CptPagedList) clients = NULL;
  Wait wait = { 0 };

  /* A dialog closed before its job ran: nothing is done, and it hears of it as cancelled
   * (which it does not show). */
  g_object_set (client, "name", "Boulangerie Martin", NULL);
  g_cancellable_cancel (cancellable);
  cpt_client_save_async (worker, client, cancellable, on_done, &wait);
  saved = cpt_client_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_null (saved);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  clients = cpt_lists_clients (f->db, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 0);
}

static void
test_product (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptProduct) product = cpt_product_new ();
  g_autoptr(CptProduct) saved = NULL;
  g_autoptr(CptProduct) updated = NULL;
  g_autoptr(CptProduct) loaded = NULL;
  g_autoptr(CptProduct) refused = NULL;
  g_autoptr(GError) error = NULL;
  gboolean archived = FALSE;
  Wait wait = { 0 };

  g_object_set (product, "type", "service", "name", "Journée de conseil", "unit", "DAY",
                "unit-price", (gint64) 6500000, "vat-rate", (gint64) 2000, NULL);
  cpt_product_save_async (worker, product, NULL, on_done, &wait);
  saved = cpt_product_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (cpt_product_get_id (saved), >, 0);
  g_assert_cmpint (cpt_product_get_id (product), ==, 0);
  /* The default revenue account of a service, set by the check before the write. */
  g_assert_cmpstr (cpt_product_get_account (saved), ==, "706000");

  g_object_set (saved, "unit-price", (gint64) 7000000, NULL);
  cpt_product_save_async (worker, saved, NULL, on_done, &wait);
  updated = cpt_product_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  cpt_product_set_archived_async (worker, cpt_product_get_id (saved), TRUE, NULL, on_done, &wait);
  g_assert_true (cpt_product_set_archived_finish (worker, wait_for (&wait), &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  cpt_product_load_async (worker, cpt_product_get_id (saved), NULL, on_done, &wait);
  loaded = cpt_product_load_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (cpt_product_get_unit_price (loaded), ==, 7000000);
  g_object_get (loaded, "archived", &archived, NULL);
  g_assert_true (archived);

  /* A price below zero is refused in plain words. */
  g_object_set (product, "unit-price", (gint64) -1, NULL);
  cpt_product_save_async (worker, product, NULL, on_done, &wait);
  refused = cpt_product_save_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_null (refused);
  g_assert_nonnull (error);
}

static void
test_new_document (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  gint64 id;

  g_object_set (client, "name", "Hôtel du Parc", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  g_assert_no_error (error);

  cpt_document_create_async (worker, CPT_DOCUMENT_KIND_QUOTE, cpt_client_get_id (client),
                             "2026-03-16", "Rénovation", NULL, on_done, &wait);
  id = cpt_document_create_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  document = cpt_documents_load (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cpt_document_get_kind (document), ==, "quote");
  g_assert_cmpstr (cpt_document_get_date (document), ==, "2026-03-16");
  g_assert_cmpstr (cpt_document_get_status (document), ==, "draft");

  /* A client that is not there: refused, nothing made. */
  cpt_document_create_async (worker, CPT_DOCUMENT_KIND_INVOICE, 4242, NULL, NULL, NULL, on_done, &wait);
  id = cpt_document_create_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_cmpint (id, ==, 0);
  g_assert_nonnull (error);
}

/* A client's archiving, memos, files and deletion, as its page makes them. */
static void
test_client_parts (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptWorker) worker = cpt_worker_new (f->path);
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptClient) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autofree char *path = g_build_filename (f->dir, "devis.txt", NULL);
  gint64 id, memo_id, file_id;
  Wait wait = { 0 };

  g_object_set (client, "name", "Librairie Moreau", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));
  id = cpt_client_get_id (client);

  cpt_client_set_archived_async (worker, id, TRUE, NULL, on_done, &wait);
  g_assert_true (cpt_client_set_archived_finish (worker, wait_for (&wait), &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  stored = cpt_client_load (f->db, id, &error);
  g_assert_true (cpt_client_get_archived (stored));

  cpt_client_add_memo_async (worker, id, "Camille", "Rappeler lundi", NULL, on_done, &wait);
  memo_id = cpt_client_add_memo_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (memo_id, >, 0);
  memos = cpt_client_list_memos (f->db, id, &error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (((CptMemo *) g_ptr_array_index (memos, 0))->text, ==, "Rappeler lundi");

  /* The file is read from the disk in the thread, and its bytes come back as stored. */
  g_assert_true (g_file_set_contents (path, "Commande n° 42", -1, NULL));
  cpt_client_add_file_async (worker, id, path, NULL, on_done, &wait);
  file_id = cpt_client_add_file_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (file_id, >, 0);
  cpt_client_get_file_data_async (worker, file_id, NULL, on_done, &wait);
  bytes = cpt_client_get_file_data_finish (worker, wait_for (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Commande n° 42",
                   strlen ("Commande n° 42"));
  /* A file that is not there says so, in the worker too. */
  {
    g_autofree char *missing = g_build_filename (f->dir, "absent.pdf", NULL);

    cpt_client_add_file_async (worker, id, missing, NULL, on_done, &wait);
    g_assert_cmpint (cpt_client_add_file_finish (worker, wait_for (&wait), &error), ==, 0);
    g_clear_object (&wait.result);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
  }
  cpt_client_remove_file_async (worker, file_id, NULL, on_done, &wait);
  g_assert_true (cpt_client_remove_file_finish (worker, wait_for (&wait), &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) files = cpt_client_list_files (f->db, id, &error);

    g_assert_cmpuint (files->len, ==, 0);
  }

  cpt_client_delete_async (worker, id, NULL, on_done, &wait);
  g_assert_true (cpt_client_delete_finish (worker, wait_for (&wait), &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = cpt_client_load (f->db, id, &error);
  g_assert_null (stored);
  g_assert_nonnull (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/records-async/client", CptTestDb, NULL, cpt_test_db_setup, test_client,
              cpt_test_db_teardown);
  g_test_add ("/records-async/client-refused", CptTestDb, NULL, cpt_test_db_setup,
              test_client_refused, cpt_test_db_teardown);
  g_test_add ("/records-async/client-parts", CptTestDb, NULL, cpt_test_db_setup,
              test_client_parts, cpt_test_db_teardown);
  g_test_add ("/records-async/cancelled", CptTestDb, NULL, cpt_test_db_setup, test_cancelled,
              cpt_test_db_teardown);
  g_test_add ("/records-async/product", CptTestDb, NULL, cpt_test_db_setup, test_product,
              cpt_test_db_teardown);

  g_test_add ("/records-async/new-document", CptTestDb, NULL, cpt_test_db_setup,
              test_new_document, cpt_test_db_teardown);

  return g_test_run ();
}
