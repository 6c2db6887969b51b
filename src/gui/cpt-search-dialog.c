/* cpt-search-dialog.c: the global search over clients and documents. */
#define G_LOG_DOMAIN "cpt-search-dialog"

#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-search.h"
#include "cpt-search-dialog.h"

#define HITS_PER_KIND 30

struct _CptSearchDialog
{
  AdwDialog       parent_instance;

  CptWorker      *worker;
  GCancellable   *cancellable;

  /* template children */
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *results;
};

G_DEFINE_FINAL_TYPE (CptSearchDialog, cpt_search_dialog, ADW_TYPE_DIALOG)

static gpointer
run_search (CptDatabase  *db,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  return cpt_search_run (db, data, HITS_PER_KIND, error);
}

static const char *
icon_for (CptSearchHit *hit)
{
  if (hit->kind == CPT_SEARCH_HIT_CLIENT)
    return "cpt-client-symbolic";
  switch (hit->doc_kind)
    {
    case CPT_DOCUMENT_KIND_QUOTE:
      return "cpt-quote-symbolic";
    case CPT_DOCUMENT_KIND_CREDIT_NOTE:
      return "cpt-credit-note-symbolic";
    case CPT_DOCUMENT_KIND_DEPOSIT:
      return "cpt-deposit-symbolic";
    case CPT_DOCUMENT_KIND_PROFORMA:
    case CPT_DOCUMENT_KIND_INVOICE:
    default:
      return "cpt-invoice-symbolic";
    }
}

static GtkWidget *
hit_row (CptSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_for (hit));
  GtkWidget *title = gtk_label_new (hit->title);
  GtkWidget *subtitle = gtk_label_new (hit->subtitle);
  g_autofree char *accessible = NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_visible (subtitle, hit->subtitle != NULL && *hit->subtitle != '\0');
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "cpt-kind", GINT_TO_POINTER (hit->kind));
  g_object_set_data (G_OBJECT (row), "cpt-id", GSIZE_TO_POINTER (hit->id));
  accessible = g_strdup_printf ("%s, %s", hit->title, hit->kind == CPT_SEARCH_HIT_CLIENT
                                                        ? _("client") : cpt_kind_label (hit->doc_kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cpt-kind"));
  int kind_before = before ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (before), "cpt-kind")) : -1;

  if (kind != kind_before)
    {
      GtkWidget *label = gtk_label_new (kind == CPT_SEARCH_HIT_CLIENT ? _("Clients") : _("Documents"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_header (row, label);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
on_results (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CptSearchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (hits == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cpt_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_list_box_remove_all (self->results);
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results, hit_row (g_ptr_array_index (hits, i)));
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "results" : "empty");
  if (hits->len > 0)
    gtk_list_box_select_row (self->results, gtk_list_box_get_row_at_index (self->results, 0));
}

static void
on_search_changed (CptSearchDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (*trimmed == '\0')
    {
      gtk_list_box_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  self->cancellable = g_cancellable_new ();
  cpt_worker_run_async (self->worker, run_search, g_steal_pointer (&trimmed), g_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_results,
                        g_object_ref (self));
}

static void
open_row (CptSearchDialog *self,
          GtkListBoxRow   *row)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cpt-kind"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-id"));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  if (parent != NULL)
    gtk_widget_activate_action (parent, kind == CPT_SEARCH_HIT_CLIENT ? "win.open-client" : "win.open-document",
                                "x", id);
  g_object_unref (self);
}

static void
on_row_activated (CptSearchDialog *self,
                  GtkListBoxRow   *row)
{
  open_row (self, row);
}

static void
on_search_activate (CptSearchDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->results, 0);
  if (row != NULL)
    open_row (self, row);
}

static void
on_next_match (CptSearchDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);
  int index = row ? gtk_list_box_row_get_index (row) + 1 : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->results, index);

  if (next != NULL)
    gtk_list_box_select_row (self->results, next);
}

static void
cpt_search_dialog_dispose (GObject *object)
{
  CptSearchDialog *self = CPT_SEARCH_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_SEARCH_DIALOG);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (cpt_search_dialog_parent_class)->dispose (object);
}

static void
cpt_search_dialog_class_init (CptSearchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_search_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-search-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptSearchDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptSearchDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CptSearchDialog, results);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
cpt_search_dialog_init (CptSearchDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->results, header_func, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  adw_dialog_set_focus (ADW_DIALOG (self), GTK_WIDGET (self->search_entry));
}

CptSearchDialog *
cpt_search_dialog_new (CptWorker *worker)
{
  CptSearchDialog *self;

  g_return_val_if_fail (CPT_IS_WORKER (worker), NULL);

  self = g_object_new (CPT_TYPE_SEARCH_DIALOG, NULL);
  self->worker = g_object_ref (worker);
  return self;
}

GtkSearchEntry *
cpt_search_dialog_get_search_entry (CptSearchDialog *self)
{
  g_return_val_if_fail (CPT_IS_SEARCH_DIALOG (self), NULL);

  return self->search_entry;
}

GtkListBox *
cpt_search_dialog_get_results (CptSearchDialog *self)
{
  g_return_val_if_fail (CPT_IS_SEARCH_DIALOG (self), NULL);

  return self->results;
}
