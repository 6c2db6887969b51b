/* cpt-welcome-page.c: the first start: the business's identity, or demo data. */
#define G_LOG_DOMAIN "cpt-welcome-page"

#include <glib/gi18n.h>

#include "cpt-company-async.h"
#include "cpt-demo.h"
#include "cpt-gui-utils.h"
#include "cpt-identifiers.h"
#include "cpt-welcome-page.h"

#define DEMO_CLIENTS   120
#define DEMO_DOCUMENTS 2000

struct _CptWelcomePage
{
  AdwBin        parent_instance;

  CptContext   *context;
  CptWorker    *worker;
  GCancellable *cancellable;
  gboolean      saving;           /* the identity is on its way to the file */
  guint         progress_source;
  gint          demo_done;        /* atomic: progress of the demo generator */
  gint          demo_total;

  /* template children */
  AdwEntryRow    *name_row;
  AdwEntryRow    *siren_row;
  AdwEntryRow    *vat_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *postcode_row;
  AdwEntryRow    *city_row;
  GtkWidget      *buttons_box;
  GtkWidget      *demo_button;
  GtkWidget      *start_button;
  GtkWidget      *progress_box;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  AdwPreferencesGroup *identity_group;
};

G_DEFINE_FINAL_TYPE (CptWelcomePage, cpt_welcome_page, ADW_TYPE_BIN)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_name_changed (CptWelcomePage *self,
                 AdwEntryRow    *row)
{
  g_autofree char *name = cpt_entry_row_dup_text (row);

  gtk_widget_set_sensitive (self->start_button, name != NULL);
}

/* Nothing can be asked twice while the identity is being saved. The fields stay as they
 * are: making the one being typed in insensitive would take its focus mid-word, and what is
 * typed meanwhile is kept should the file refuse the identity. */
static void
set_saving (CptWelcomePage *self,
            gboolean        saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->buttons_box, !saving);
}

static void
on_identity_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CptWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_update_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_saving (self, FALSE);
  /* Refused: what was typed stays, with the reason. */
  if (company == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not save the business’s identity"), error);
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
on_start_clicked (CptWelcomePage *self,
                  GtkButton      *button)
{
  static const char *const fields[] = { "name", "siren", "vat-number", "address", "postcode",
                                        "city", NULL };
  g_autoptr(CptCompany) values = NULL;
  g_autofree char *name = cpt_entry_row_dup_text (self->name_row);
  g_autofree char *siren = cpt_entry_row_dup_text (self->siren_row);
  g_autofree char *vat = cpt_entry_row_dup_text (self->vat_row);
  g_autofree char *address = cpt_entry_row_dup_text (self->address_row);
  g_autofree char *postcode = cpt_entry_row_dup_text (self->postcode_row);
  g_autofree char *city = cpt_entry_row_dup_text (self->city_row);

  if (self->worker == NULL || name == NULL || self->saving)
    return;
  if (!cpt_entry_row_check_now (self->siren_row) || !cpt_entry_row_check_now (self->vat_row))
    {
      gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_has_css_class (GTK_WIDGET (self->siren_row), "error")
                                         ? self->siren_row : self->vat_row));
      return;
    }

  /* The VAT number follows from a French SIREN; people rarely know the key by heart. */
  if (vat == NULL && siren != NULL)
    {
      g_autofree char *normalized = cpt_identifier_normalize (siren);
      vat = cpt_vat_number_from_siren (normalized);
    }
  values = g_object_new (CPT_TYPE_COMPANY, NULL);
  g_object_set (values, "name", name, "siren", siren, "vat-number", vat, "address", address,
                "postcode", postcode, "city", city, NULL);
  set_saving (self, TRUE);
  /* The rest of the company (what the CLI may have set) is kept as it is in the file. */
  cpt_company_update_async (self->worker, values, fields, self->cancellable, on_identity_saved,
                            g_object_ref (self));
}

/* Whether the identity is being saved. */
gboolean
cpt_welcome_page_is_saving (CptWelcomePage *self)
{
  g_return_val_if_fail (CPT_IS_WELCOME_PAGE (self), FALSE);

  return self->saving;
}

/* ---------------------------------------------------------------- demo data */

static void
demo_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  CptWelcomePage *self = user_data;

  g_atomic_int_set (&self->demo_total, (gint) MIN (total, G_MAXINT));
  g_atomic_int_set (&self->demo_done, (gint) MIN (done, G_MAXINT));
}

static void
generate_demo (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CptWelcomePage *self = source_object;
  CptWorker *worker = task_data;
  g_autoptr(CptDatabase) db = NULL;
  GError *error = NULL;

  /* A connection of its own: the main one stays with the main thread. */
  db = cpt_worker_open_connection (worker, &error);
  if (db == NULL || !cpt_demo_generate (db, DEMO_CLIENTS, DEMO_DOCUMENTS, 1, demo_progress, self, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
update_progress (gpointer user_data)
{
  CptWelcomePage *self = user_data;
  gint done = g_atomic_int_get (&self->demo_done);
  gint total = g_atomic_int_get (&self->demo_total);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / total));
  return G_SOURCE_CONTINUE;
}

static void
on_demo_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CptWelcomePage *self = CPT_WELCOME_PAGE (source);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_visible (self->progress_box, FALSE);
  gtk_widget_set_sensitive (self->buttons_box, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->identity_group), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cpt_show_error (GTK_WIDGET (self), _("Could not load the demo data"), error);
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
}

static void
on_demo_clicked (CptWelcomePage *self,
                 GtkButton      *button)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;

  if (self->worker == NULL)
    return;

  text = g_strdup_printf (_("Making an imaginary business with %d clients and %d documents…"),
                          DEMO_CLIENTS, DEMO_DOCUMENTS);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (self->progress_box, TRUE);
  gtk_widget_set_sensitive (self->buttons_box, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->identity_group), FALSE);
  self->progress_source = g_timeout_add (100, update_progress, self);

  task = g_task_new (self, self->cancellable, on_demo_ready, NULL);
  g_task_set_source_tag (task, on_demo_clicked);
  g_task_set_task_data (task, g_object_ref (self->worker), g_object_unref);
  cpt_task_run_in_thread_held (task, generate_demo);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_welcome_page_dispose (GObject *object)
{
  CptWelcomePage *self = CPT_WELCOME_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  /* The bin's child may be a template child: let go of it once, before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_WELCOME_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cpt_welcome_page_parent_class)->dispose (object);
}

static void
cpt_welcome_page_class_init (CptWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_welcome_page_dispose;

  /**
   * CptWelcomePage::done:
   *
   * The identity was saved, or the demo data made: the window can show its pages.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, siren_row);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, vat_row);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, city_row);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CptWelcomePage, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked);
}

static void
cpt_welcome_page_init (CptWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  cpt_entry_row_add_check (self->siren_row, cpt_siren_check);
  cpt_entry_row_add_check (self->vat_row, cpt_vat_number_check);
}

void
cpt_welcome_page_set_context (CptWelcomePage *self,
                              CptContext     *context,
                              CptCompany     *company)
{
  g_return_if_fail (CPT_IS_WELCOME_PAGE (self));
  g_return_if_fail (context == NULL || CPT_IS_CONTEXT (context));
  g_return_if_fail (company == NULL || CPT_IS_COMPANY (company));

  g_set_object (&self->context, context);
  g_set_object (&self->worker, (context != NULL ? cpt_context_get_worker (context) : NULL));

  /* Whatever was already filled in (the CLI may have set some of it), as read when the
   * file was opened: nothing to wait for before typing. */
  if (company != NULL)
    {
      g_autofree char *siren = NULL, *vat = NULL, *address = NULL, *postcode = NULL;
      g_autofree char *city = NULL;

      g_object_get (company, "siren", &siren, "vat-number", &vat, "address", &address,
                    "postcode", &postcode, "city", &city, NULL);
      cpt_entry_row_set_text (self->siren_row, siren);
      cpt_entry_row_set_text (self->vat_row, vat);
      cpt_entry_row_set_text (self->address_row, address);
      cpt_entry_row_set_text (self->postcode_row, postcode);
      cpt_entry_row_set_text (self->city_row, city);
    }
}
