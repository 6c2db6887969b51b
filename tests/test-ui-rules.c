/* "Before it can be validated" (issue 13): a draft invoice whose company has no SIREN and
 * whose client has no electronic address shows, under the header bar, the rules the
 * platforms would refuse it for, each with what to change; the list follows changes made
 * to the company and the client; a row leads to the client; Validate refuses with the same
 * reasons and gives no number; once put right, the list is gone and the number is the first
 * of the series. */
#include <string.h>

#include "cpt-ui-test-utils.h"
#include "cpt-test-utils.h"
#include "cpt-client.h"
#include "cpt-client-page.h"
#include "cpt-company.h"
#include "cpt-document-page-private.h"
#include "cpt-documents.h"
#include "cpt-einvoice-checklist.h"
#include "cpt-lifecycle.h"

#define TODAY "2026-03-15"

typedef struct
{
  char  *dir;
  char  *path;
  gint64 client;
  gint64 invoice;
} Fixture;

/* A business with a name only, a client with a name only, a draft invoice of one line. */
static void
make_file (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDatabase) db = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(CptDocument) invoice = NULL;

  f->dir = ui_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "rules.db", NULL);
  db = cpt_database_open (f->path, &error);
  g_assert_no_error (error);
  company = cpt_company_load (db, &error);
  g_assert_no_error (error);
  g_object_set (company, "name", "Atelier Lumière", "city", "Lyon", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_object_set (client, "name", "Librairie Moreau", "city", "Lyon", NULL);
  g_assert_true (cpt_client_insert (client, db, &error));
  f->client = cpt_client_get_id (client);
  invoice = cpt_documents_create (db, "invoice", f->client, TODAY, NULL, NULL, &error);
  g_assert_no_error (error);
  f->invoice = cpt_document_get_id (invoice);
  ui_add_item (db, f->invoice, "Reliure", 1000, 1000000, 2000);
}

static gboolean
checked (gpointer checklist)
{
  return !cpt_einvoice_checklist_is_busy (checklist) &&
         cpt_einvoice_checklist_get_violations (checklist) != NULL;
}

static gboolean
has_rule (CptEinvoiceChecklist *checklist, const char *rule)
{
  GPtrArray *violations = cpt_einvoice_checklist_get_violations (checklist);

  for (guint i = 0; violations != NULL && i < violations->len; i++)
    if (g_str_equal (((CptEinvoiceViolation *) g_ptr_array_index (violations, i))->rule, rule))
      return TRUE;
  return FALSE;
}

typedef struct
{
  CptEinvoiceChecklist *checklist;
  const char           *rule;
} RuleGone;

static gboolean
rule_gone (gpointer data)
{
  RuleGone *gone = data;

  return checked (gone->checklist) && !has_rule (gone->checklist, gone->rule);
}

static GtkWidget *
row_of_rule (CptEinvoiceChecklist *checklist, const char *rule)
{
  g_autoptr(GPtrArray) rows = ui_find_all (GTK_WIDGET (checklist), ui_match_type,
                                           GSIZE_TO_POINTER (ADW_TYPE_ACTION_ROW));

  for (guint i = 0; i < rows->len; i++)
    if (ui_find_label (g_ptr_array_index (rows, i), rule) != NULL)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static char *
status_of (CptDatabase *db, gint64 id, char **number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_load (db, id, &error);

  g_assert_no_error (error);
  *number = g_strdup (cpt_document_get_number (document));
  return g_strdup (cpt_document_get_status (document));
}

static void
scenario (CptApplication *app, CptWindow *window, gpointer data)
{
  Fixture *f = data;
  CptDatabase *db = cpt_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = NULL;
  g_autoptr(CptClient) client = NULL;
  g_autofree char *status = NULL, *number = NULL;
  CptDocumentPage *page = ui_open_document (window, f->invoice);
  CptEinvoiceChecklist *checklist = CPT_EINVOICE_CHECKLIST (ui_find_type (GTK_WIDGET (page),
                                                                          CPT_TYPE_EINVOICE_CHECKLIST));
  RuleGone seller = { checklist, "BR-FR-10" }, buyer = { checklist, "BR-FR-12" };
  AdwDialog *dialog;
  const char *body;

  /* What the platforms would refuse, with what to change, in sight. */
  g_assert_true (ui_wait_until (checked, checklist, 10));
  g_assert_true (has_rule (checklist, "BR-FR-10"));
  g_assert_true (has_rule (checklist, "BR-FR-12"));
  g_assert_true (has_rule (checklist, "BR-FR-13"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (checklist)));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (checklist), "Enter the client’s email or SIREN on its record."));
  g_assert_nonnull (ui_find_label (GTK_WIDGET (checklist), "Enter the business’s SIREN in Preferences, Business."));
  /* The rules one change puts right share a row that names them. */
  g_assert_nonnull (ui_find_label (GTK_WIDGET (checklist), "BR-CO-26\nBR-S-02\nBR-FR-10"));
  ui_snapshot (GTK_WIDGET (window), "ui-rules-before-validation");

  /* Validate says why not, and numbers nothing. */
  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  dialog = ui_wait_for_dialog (window);
  g_assert_true (ADW_IS_ALERT_DIALOG (dialog));
  body = adw_alert_dialog_get_body (ADW_ALERT_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "e-invoicing platforms would refuse"));
  g_assert_nonnull (strstr (body, "Before It Can Be Validated"));
  ui_snapshot (GTK_WIDGET (window), "ui-rules-refused");
  adw_dialog_close (dialog);
  ui_wait_for_no_dialog (window);
  status = status_of (db, f->invoice, &number);
  g_assert_cmpstr (status, ==, "draft");
  g_assert_null (number);

  /* The SIREN entered (as Preferences would save it): the list follows. */
  company = cpt_company_load (db, &error);
  g_object_set (company, "siren", "732829320", NULL);
  g_assert_true (cpt_company_save (company, db, &error));
  g_assert_no_error (error);
  g_assert_true (ui_wait_until (rule_gone, &seller, 10));
  g_assert_false (has_rule (checklist, "BR-FR-13"));
  g_assert_true (has_rule (checklist, "BR-FR-12"));

  /* The client's row leads to the client. */
  g_signal_emit_by_name (gtk_widget_get_parent (row_of_rule (checklist, "BR-FR-12")) ,
                         "row-activated", row_of_rule (checklist, "BR-FR-12"));
  ui_wait (400);
  g_assert_cmpint (cpt_client_page_get_id (ui_visible_page (window, CPT_TYPE_CLIENT_PAGE)), ==, f->client);

  /* Its email entered: nothing stands in the way; back on the invoice, it validates as the
   * first number of the series. */
  client = cpt_client_load (db, f->client, &error);
  g_object_set (client, "email", "compta@moreau.example", NULL);
  g_assert_true (cpt_client_update (client, db, &error));
  g_assert_no_error (error);
  adw_navigation_view_pop (ADW_NAVIGATION_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_NAVIGATION_VIEW)));
  g_assert_true (ui_wait_until (rule_gone, &buyer, 10));
  g_assert_cmpuint (cpt_einvoice_checklist_get_violations (checklist)->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (checklist)));
  ui_activate (GTK_WIDGET (page), "document.validate", NULL);
  dialog = ui_wait_for_dialog (window);
  ui_click (GTK_WIDGET (dialog), "Validate");
  ui_wait_for_no_dialog (window);
  g_free (status);
  g_free (number);
  status = status_of (db, f->invoice, &number);
  g_assert_cmpstr (status, ==, "validated");
  g_assert_cmpstr (number, ==, "FA-2026-0001");
  /* A validated document has nothing more to put right. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (checklist)));
}

static void
test_before_validation (void)
{
  Fixture f = { 0 };

  make_file (&f);
  ui_run (f.path, scenario, &f);
  ui_remove_tmp_dir (f.dir);
  g_free (f.dir);
  g_free (f.path);
}

int
main (int argc, char **argv)
{
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/rules/before-validation", test_before_validation);
  return g_test_run ();
}
