/* test-context.c: CptContext announces what changed in the file: the commits made through
 * its database (once the commit is over, several together told once, nothing for a read or
 * a rolled-back write), and those made by another connection or process, noticed through
 * the write-ahead log. */
#include "cpt-test-utils.h"

#include "cpt-client.h"
#include "cpt-context.h"
#include "cpt-product.h"


typedef struct
{
  guint n_told;
  guint what;     /* OR of every ::changed since the last reset */
} Told;

static void
on_changed (CptContext *context,
            guint       what,
            Told       *told)
{
  told->n_told++;
  told->what |= what;
}

/* Turns the main loop until something was told, at most `ms` milliseconds. */
static gboolean
wait_told (Told *told, guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (told->n_told == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return told->n_told > 0;
}

/* Turns the main loop for `ms` milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static gint64
add_client (CptDatabase *db, const char *name)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (client, "name", name, NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  g_assert_no_error (error);
  return cpt_client_get_id (client);
}

static void
test_own_commits (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptContext) context = cpt_context_new (f->db);
  g_autoptr(CptProduct) product = cpt_product_new ();
  g_autoptr(GError) error = NULL;
  Told told = { 0 };

  g_signal_connect (context, "changed", G_CALLBACK (on_changed), &told);

  /* Told after the commit, on the main loop, never from inside the write. */
  add_client (f->db, "Boulangerie Martin");
  g_assert_cmpuint (told.n_told, ==, 0);
  g_assert_true (wait_told (&told, 1000));
  g_assert_cmpuint (told.n_told, ==, 1);
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_CLIENTS | CPT_CHANGE_DOCUMENTS);

  /* Two writes before the loop turns: told once, both together. */
  told = (Told) { 0 };
  add_client (f->db, "Librairie Moreau");
  g_object_set (product, "name", "Pain", "unit-price", (gint64) 35000, "vat-rate", (gint64) 550, NULL);
  g_assert_true (cpt_product_insert (product, f->db, &error));
  g_assert_no_error (error);
  g_assert_true (wait_told (&told, 1000));
  spin (200);
  g_assert_cmpuint (told.n_told, ==, 1);
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_CLIENTS | CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PRODUCTS);

  /* A read, or a write rolled back, changes nothing. */
  told = (Told) { 0 };
  {
    g_autoptr(CptClient) client = cpt_client_load (f->db, 1, &error);
    g_assert_no_error (error);
    g_assert_nonnull (client);
  }
  g_assert_true (cpt_database_begin (f->db, &error));
  add_client (f->db, "Rolled back");
  cpt_database_rollback (f->db);
  spin (300);
  g_assert_cmpuint (told.n_told, ==, 0);
}

static gpointer
announce_in_thread (gpointer data)
{
  cpt_context_announce (CPT_CONTEXT (data), CPT_CHANGE_PAYMENTS);
  return NULL;
}

static void
test_announce_from_thread (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptContext) context = cpt_context_new (f->db);
  Told told = { 0 };
  GThread *thread;

  g_signal_connect (context, "changed", G_CALLBACK (on_changed), &told);
  thread = g_thread_new ("announce", announce_in_thread, context);
  g_thread_join (thread);
  g_assert_cmpuint (told.n_told, ==, 0);
  g_assert_true (wait_told (&told, 1000));
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_PAYMENTS);
}

/* Another connection (as another process would) commits: the context notices within a
 * second and says that everything may have changed; its own commits are not taken for
 * someone else's. */
static void
test_other_writer (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptContext) context = cpt_context_new (f->db);
  g_autoptr(GError) error = NULL;
  Told told = { 0 };

  g_signal_connect (context, "changed", G_CALLBACK (on_changed), &told);
  add_client (f->db, "Boulangerie Martin");
  g_assert_true (wait_told (&told, 1000));
  spin (500);
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_CLIENTS | CPT_CHANGE_DOCUMENTS);

  told = (Told) { 0 };
  {
    g_autoptr(CptDatabase) other = cpt_database_open (f->path, &error);

    g_assert_no_error (error);
    add_client (other, "Written elsewhere");
  }
  g_assert_true (wait_told (&told, 1000));
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_ALL);

  /* Once told, quiet again. */
  told = (Told) { 0 };
  spin (400);
  g_assert_cmpuint (told.n_told, ==, 0);
}

/* A table the store does not know (added by a later version, or by hand): everything is
 * said to have changed rather than nothing. */
static void
test_unknown_table (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptContext) context = cpt_context_new (f->db);
  g_autoptr(GError) error = NULL;
  Told told = { 0 };

  g_signal_connect (context, "changed", G_CALLBACK (on_changed), &told);
  g_assert_true (cpt_database_exec (f->db, "CREATE TABLE later (data BLOB); "
                                           "INSERT INTO later VALUES (x'00')", &error));
  g_assert_no_error (error);
  g_assert_true (wait_told (&told, 1000));
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_ALL);
}

/* A window left open overnight: overdue invoices must show as overdue in the morning. */
static void
test_new_day (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptContext) context = NULL;
  Told told = { 0 };

  g_setenv ("COMPTOIR_TODAY", "2026-03-16", TRUE);
  context = cpt_context_new (f->db);
  g_signal_connect (context, "changed", G_CALLBACK (on_changed), &told);
  g_assert_cmpstr (cpt_context_get_today (context), ==, "2026-03-16");
  /* The same day: nothing. */
  cpt_context_check_day (context);
  spin (200);
  g_assert_cmpuint (told.n_told, ==, 0);
  g_setenv ("COMPTOIR_TODAY", "2026-03-17", TRUE);
  cpt_context_check_day (context);
  g_assert_cmpstr (cpt_context_get_today (context), ==, "2026-03-17");
  g_assert_true (wait_told (&told, 1000));
  g_assert_cmpuint (told.what, ==, CPT_CHANGE_ALL);
  g_unsetenv ("COMPTOIR_TODAY");
}

static void
test_day_check_times (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  struct { int month, day, hour, minute, second; guint expected; } cases[] = {
    { 3, 16, 23, 59, 30, 31 },          /* 30 s to midnight, looked at 1 s past it */
    { 3, 16, 10, 0, 0, 3600 },          /* far from midnight: within the hour anyway */
    { 3, 28, 23, 30, 0, 1801 },         /* the night the clocks go forward (29 March) */
    { 10, 24, 23, 59, 59, 2 },          /* the eve of the night they go back */
  };

  g_assert_nonnull (paris);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new (paris, 2026, cases[i].month, cases[i].day,
                                                  cases[i].hour, cases[i].minute, cases[i].second);

      g_assert_cmpuint (cpt_context_seconds_to_next_day_check (now), ==, cases[i].expected);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/context/own-commits", CptTestDb, NULL, cpt_test_db_setup, test_own_commits,
              cpt_test_db_teardown);
  g_test_add ("/context/announce-from-thread", CptTestDb, NULL, cpt_test_db_setup,
              test_announce_from_thread, cpt_test_db_teardown);
  g_test_add ("/context/other-writer", CptTestDb, NULL, cpt_test_db_setup, test_other_writer,
              cpt_test_db_teardown);
  g_test_add ("/context/new-day", CptTestDb, NULL, cpt_test_db_setup, test_new_day,
              cpt_test_db_teardown);
  g_test_add_func ("/context/day-check-times", test_day_check_times);
  g_test_add ("/context/unknown-table", CptTestDb, NULL, cpt_test_db_setup,
              test_unknown_table, cpt_test_db_teardown);

  return g_test_run ();
}
