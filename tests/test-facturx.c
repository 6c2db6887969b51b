/* Factur-X (issue 5): every e-invoice of the fixture set (invoice at several rates with a
 * discount and a 0 % exempt line, two deposit invoices, a balance invoice deducting both, a
 * partial credit note, a credit note cancelling a balance invoice, an English client, an
 * intra-EU supply, a partly paid invoice, 100 lines, the VAT franchise) is rendered as a
 * PDF/A-3 with its XML, and the whole batch must pass check-facturx (Factur-X XSD and
 * schematron, CEN EN 16931 schematron, French BR-FR rules) in one call. Skipped, with the
 * reason, only where the validation folder or its tools are missing. */
#include <string.h>

#include "cpt-facturx.h"
#include "cpt-pdf.h"
#include "cpt-render-document.h"
#include "cpt-render-fixtures.h"

static void
write_pdf (CptDatabase *db, gint64 id, const char *dir, GPtrArray *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptRenderDocument) doc = cpt_render_document_load (db, id, &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *name = NULL;
  char *path;

  g_assert_no_error (error);
  g_assert_true (cpt_render_document_is_einvoice (doc));
  pdf = cpt_pdf_render (doc, CPT_PDF_DEFAULT, &error);
  g_assert_no_error (error);
  name = g_strdup_printf ("%02u-%s", argv->len, doc->number);
  path = g_build_filename (dir, name, NULL);
  g_free (name);
  name = g_strdup_printf ("%s.pdf", path);
  g_free (path);
  g_assert_true (g_file_set_contents (name, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_ptr_array_add (argv, g_steal_pointer (&name));
}

static void
test_check_facturx (void)
{
  const char *checker = g_getenv ("COMPTOIR_CHECK_FACTURX");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL, *out = NULL, *err = NULL;
  CptRenderFixtures f = { 0 };
  int status = 0;

  if (checker == NULL || !g_file_test (checker, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip_printf ("check-facturx is not there (%s): the Factur-X validation folder "
                          "../shared/validation/facturx is missing", checker ? checker : "unset");
      return;
    }
  dir = cpt_test_make_dir ();
  cpt_render_fixtures_build (&f, dir);
  g_ptr_array_add (argv, g_strdup (checker));
  write_pdf (f.db, f.invoice, dir, argv);
  write_pdf (f.db, f.deposit_1, dir, argv);
  write_pdf (f.db, f.deposit_2, dir, argv);
  write_pdf (f.db, f.balance, dir, argv);
  write_pdf (f.db, f.credit_partial, dir, argv);
  write_pdf (f.db, f.credit_balance, dir, argv);
  write_pdf (f.db, f.english, dir, argv);
  write_pdf (f.db, f.intra_eu, dir, argv);
  write_pdf (f.db, f.paid, dir, argv);
  write_pdf (f.db, f.long_invoice, dir, argv);
  write_pdf (f.franchise_db, f.franchise, dir, argv);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 2)
    g_test_skip_printf ("check-facturx cannot run here: %s (install default-jre-headless, "
                        "libsaxonhe-java, poppler-utils and libxml2-utils)", err);
  else
    {
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("check-facturx refused some files:\n%s%s", out, err);
      /* every file passed, one PASS line each */
      for (guint i = 1; argv->pdata[i] != NULL; i++)
        {
          g_autofree char *line = g_strdup_printf ("PASS %s", (char *) argv->pdata[i]);
          g_assert_nonnull (strstr (out, line));
        }
    }
  cpt_render_fixtures_clear (&f);
  if (g_getenv ("COMPTOIR_RENDER_KEEP") == NULL)
    cpt_test_cleanup_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMPTOIR_TODAY", "2026-03-25", TRUE);
  g_test_add_func ("/facturx/check-facturx", test_check_facturx);
  return g_test_run ();
}
