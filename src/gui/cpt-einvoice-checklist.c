/* cpt-einvoice-checklist.c: the rules a draft breaks, read in the worker after each change. */
#define G_LOG_DOMAIN "cpt-einvoice-checklist"

#include <glib/gi18n.h>

#include "cpt-change.h"
#include "cpt-einvoice-checklist.h"
#include "cpt-einvoice-from-render.h"
#include "cpt-gui-utils.h"
#include "cpt-render-document.h"

/* Long enough to group the saves of one burst of typing, short enough to feel live. */
#define CHECK_DELAY_MS 300

struct _CptEinvoiceChecklist
{
  AdwBin        parent_instance;

  CptContext   *context;
  CptWorker    *worker;       /* the context's */
  gint64        id;
  GCancellable *cancellable;   /* the check under way */
  guint         timeout_id;    /* the check waiting for the pause */
  GPtrArray    *violations;    /* CptEinvoiceViolation *, from the last check */
  gint64        started_at;    /* monotonic time the check under way began reading */
  gint64        checked_at;    /* ... and the one whose result is shown */

  /* template children */
  AdwPreferencesGroup *group;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (CptEinvoiceChecklist, cpt_einvoice_checklist, ADW_TYPE_BIN)

enum { FIX, N_SIGNALS };
static guint signals[N_SIGNALS];

/* In the worker's thread: the e-invoice the draft will be, and the rules it breaks. */
static gpointer
check_in_thread (CptDatabase  *db,
                 gpointer      data,
                 GCancellable *cancellable,
                 GError      **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(CptRenderDocument) document = cpt_render_document_load (db, id, error);
  g_autoptr(CptEinvoice) invoice = NULL;

  if (document == NULL)
    return NULL;
  /* Quotes and pro forma are not e-invoices; a validated document was checked already. */
  if (!document->draft || (invoice = cpt_einvoice_from_render (document)) == NULL)
    return g_ptr_array_new ();
  return cpt_einvoice_check_document (document, invoice);
}

static GtkWidget *
row_new (const CptEinvoiceViolation *v)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *rule = gtk_label_new (v->rule);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), v->message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), v->remedy);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refused by the e-invoicing rules"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (rule, "dim-label");
  gtk_widget_add_css_class (rule, "caption");
  gtk_widget_set_tooltip_text (rule, _("The rules’ identifiers, as the platforms name them"));
  gtk_label_set_justify (GTK_LABEL (rule), GTK_JUSTIFY_RIGHT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rule);
  g_object_set_data (G_OBJECT (row), "cpt-rules", rule);
  if (v->fix != CPT_EINVOICE_FIX_NONE)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    }
  else
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "cpt-violation", (gpointer) v);
  return row;
}

/* One row per thing to do: rules put right by the same change (the SIREN answers three
 * of them) share a row, which names them all, one a line. */
static void
show_violations (CptEinvoiceChecklist *self,
                 GPtrArray            *violations)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_pointer (&self->violations, g_ptr_array_unref);
  self->violations = violations;
  gtk_list_box_remove_all (self->list);
  for (guint i = 0; violations != NULL && i < violations->len; i++)
    {
      const CptEinvoiceViolation *v = g_ptr_array_index (violations, i);
      GtkWidget *row = g_hash_table_lookup (rows, v->remedy);

      if (row != NULL)
        {
          GtkLabel *rules = g_object_get_data (G_OBJECT (row), "cpt-rules");
          g_autofree char *text = g_strdup_printf ("%s\n%s", gtk_label_get_text (rules), v->rule);
          gtk_label_set_text (rules, text);
          continue;
        }
      row = row_new (v);
      g_hash_table_insert (rows, (gpointer) v->remedy, row);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), violations != NULL && violations->len > 0);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CptEinvoiceChecklist) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *violations = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  self->checked_at = self->started_at;
  /* A draft deleted meanwhile, or a file that cannot be read: the page says so itself;
   * the list says nothing rather than something wrong. */
  if (violations == NULL)
    g_debug ("could not check draft #%" G_GINT64_FORMAT ": %s", self->id, error->message);
  show_violations (self, violations);
}

static void
check_now (CptEinvoiceChecklist *self)
{
  gint64 *id;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->worker == NULL || self->id == 0)
    {
      show_violations (self, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->started_at = g_get_monotonic_time ();
  id = g_new (gint64, 1);
  *id = self->id;
  cpt_worker_run_async (self->worker, check_in_thread, id, g_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_checked,
                        g_object_ref (self));
}

static gboolean
on_timeout (gpointer data)
{
  CptEinvoiceChecklist *self = data;

  self->timeout_id = 0;
  check_now (self);
  return G_SOURCE_REMOVE;
}

gboolean
cpt_einvoice_checklist_focus_first (CptEinvoiceChecklist *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 0);

  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
cpt_einvoice_checklist_queue_check (CptEinvoiceChecklist *self)
{
  g_return_if_fail (CPT_IS_EINVOICE_CHECKLIST (self));

  if (self->id == 0)
    return;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (CHECK_DELAY_MS, on_timeout, self);
}

static void
on_data_changed (CptEinvoiceChecklist *self,
                 guint                 what)
{
  if (what & (CPT_CHANGE_DOCUMENTS | CPT_CHANGE_CLIENTS | CPT_CHANGE_COMPANY | CPT_CHANGE_PRODUCTS))
    cpt_einvoice_checklist_queue_check (self);
}

static void
on_row_activated (CptEinvoiceChecklist *self,
                  GtkListBoxRow        *row)
{
  const CptEinvoiceViolation *v = g_object_get_data (G_OBJECT (row), "cpt-violation");

  if (v != NULL && v->fix != CPT_EINVOICE_FIX_NONE)
    g_signal_emit (self, signals[FIX], 0, (guint) v->fix, v->field);
}

void
cpt_einvoice_checklist_set_document (CptEinvoiceChecklist *self,
                                     CptContext           *context,
                                     gint64                id)
{
  g_return_if_fail (CPT_IS_EINVOICE_CHECKLIST (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (id != self->id)
    show_violations (self, NULL);
  if (self->context != context)
    {
      if (self->context != NULL)
        g_signal_handlers_disconnect_by_func (self->context, on_data_changed, self);
      g_set_object (&self->context, context);
      if (context != NULL)
        g_signal_connect_object (context, "changed", G_CALLBACK (on_data_changed), self, G_CONNECT_SWAPPED);
    }
  g_clear_object (&self->worker);
  if (context != NULL)
    self->worker = g_object_ref (cpt_context_get_worker (context));
  self->id = context != NULL ? id : 0;
  check_now (self);
}

GPtrArray *
cpt_einvoice_checklist_get_violations (CptEinvoiceChecklist *self)
{
  g_return_val_if_fail (CPT_IS_EINVOICE_CHECKLIST (self), NULL);

  return self->violations;
}

gint64
cpt_einvoice_checklist_get_checked_at (CptEinvoiceChecklist *self)
{
  g_return_val_if_fail (CPT_IS_EINVOICE_CHECKLIST (self), 0);

  return self->checked_at;
}

gboolean
cpt_einvoice_checklist_is_busy (CptEinvoiceChecklist *self)
{
  g_return_val_if_fail (CPT_IS_EINVOICE_CHECKLIST (self), FALSE);

  return self->timeout_id != 0 || self->cancellable != NULL;
}

static void
cpt_einvoice_checklist_dispose (GObject *object)
{
  CptEinvoiceChecklist *self = CPT_EINVOICE_CHECKLIST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->context);
  /* The bin's child is a template child: let go of it once, before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_EINVOICE_CHECKLIST);

  G_OBJECT_CLASS (cpt_einvoice_checklist_parent_class)->dispose (object);
}

static void
cpt_einvoice_checklist_finalize (GObject *object)
{
  CptEinvoiceChecklist *self = CPT_EINVOICE_CHECKLIST (object);

  g_clear_pointer (&self->violations, g_ptr_array_unref);

  G_OBJECT_CLASS (cpt_einvoice_checklist_parent_class)->finalize (object);
}

static void
cpt_einvoice_checklist_class_init (CptEinvoiceChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_einvoice_checklist_dispose;
  object_class->finalize = cpt_einvoice_checklist_finalize;

  /**
   * CptEinvoiceChecklist::fix:
   * @fix: the #CptEinvoiceFix of the row the user chose: where the rule is put right
   * @field: the business term to change ("BT-30", "BT-9")
   *
   * The user asked to go where a broken rule is put right.
   */
  signals[FIX] = g_signal_new ("fix", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-einvoice-checklist.ui");
  gtk_widget_class_bind_template_child (widget_class, CptEinvoiceChecklist, group);
  gtk_widget_class_bind_template_child (widget_class, CptEinvoiceChecklist, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
cpt_einvoice_checklist_init (CptEinvoiceChecklist *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
