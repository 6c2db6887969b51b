/* cpt-document-page.c: a document: its editor while a draft, read-only once validated, with
 * its printable preview beside it. This file holds the page's life, loading, saving and the
 * totals; the header's fields are a CptDocumentHeader (cpt-document-header.c), which the page
 * saves, the lines a CptLinesEditor (cpt-lines-editor.c), the actions of the document in
 * cpt-document-page-actions.c, deposits, payments and history in cpt-document-page-related.c. */
#define G_LOG_DOMAIN "cpt-document-page"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-document-extras.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-enum-types.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-money.h"

G_DEFINE_FINAL_TYPE (CptDocumentPage, cpt_document_page, ADW_TYPE_NAVIGATION_PAGE)

enum { PROP_0, PROP_CONTEXT, PROP_DOCUMENT_ID, PROP_DOCUMENT_KIND, N_PROPS };
static GParamSpec *properties[N_PROPS];

CptDocumentKind
cpt_document_page_kind (CptDocumentPage *self)
{
  return self->document ? cpt_document_get_document_kind (self->document) : CPT_DOCUMENT_KIND_INVOICE;
}

gboolean
cpt_document_page_is_kind (CptDocumentPage *self,
                           CptDocumentKind  kind)
{
  return self->document != NULL && cpt_document_get_document_kind (self->document) == kind;
}

char *
cpt_document_page_document_name (CptDocument *document)
{
  if (cpt_document_get_number (document) != NULL)
    return g_strdup (cpt_document_get_number (document));
  /* Translators: a document without a number yet: its kind, e.g. "Invoice (draft)" */
  return g_strdup_printf (_("%s (draft)"), cpt_kind_label (cpt_document_get_document_kind (document)));
}

const CptAction *
cpt_document_page_find_action (CptDocumentPage *self,
                               const char      *name)
{
  return self->snapshot != NULL ? cpt_document_snapshot_find_action (self->snapshot, name) : NULL;
}

gboolean
cpt_document_page_allowed (CptDocumentPage *self,
                           const char      *name)
{
  const CptAction *action = cpt_document_page_find_action (self, name);

  return action != NULL && action->allowed;
}

void
cpt_document_page_show_error (CptDocumentPage *self,
                              const char      *heading,
                              const GError    *error)
{
  cpt_show_error (GTK_WIDGET (self), heading, error);
}

/* ---------------------------------------------------------------- totals */

/* A line's figures changed as typed: the totals and the VAT breakdown follow. */
static void
on_lines_changed (CptDocumentPage *self)
{
  cpt_totals_view_update (self->totals_view);
}

/* ---------------------------------------------------------------- saving */

void
cpt_document_page_show_stored (CptDocumentPage *self,
                               CptDocument     *document)
{
  if (document != NULL)
    g_set_object (&self->document, document);
  if (self->preview != NULL)
    cpt_preview_pane_queue_refresh (self->preview);
}

static void
on_lines_stored (CptDocumentPage *self,
                 CptDocument     *document)
{
  cpt_document_page_show_stored (self, document);
}

/* The page takes no input while the lines editor writes something it depends on (lines
 * moved, removed, added): what would be typed meanwhile would go to lines about to be read
 * again. Nothing changes to the eye: the write is a few milliseconds. */
static void
on_lines_busy (CptDocumentPage *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), !cpt_lines_editor_is_busy (self->lines_editor));
}

static gboolean
on_key_while_busy (CptDocumentPage *self)
{
  return self->lines_editor != NULL && cpt_lines_editor_is_busy (self->lines_editor);
}

gboolean
cpt_document_page_flush_lines (CptDocumentPage *self)
{
  return self->lines_editor != NULL && cpt_lines_editor_flush (self->lines_editor);
}

gint64
cpt_document_page_saved_at (CptDocumentPage *self)
{
  return MAX (self->saved_at, cpt_lines_editor_get_saved_at (self->lines_editor));
}

typedef struct
{
  GWeakRef page;
  gint64   client_id;   /* the client asked for, 0 when only the header was saved */
  gint64   old_client;
} HeaderSave;

static void
on_header_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autofree HeaderSave *save = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&save->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptLinesWritten) written = cpt_document_save_header_finish (CPT_WORKER (source), result, &error);

  g_weak_ref_clear (&save->page);
  if (self == NULL)
    return;
  self->saves--;
  if (written == NULL && save->client_id != 0)
    {
      cpt_document_page_show_error (self, _("Could not change the client"), error);
      /* The picker shows the client the draft still has. */
      cpt_document_header_show_client (self->header, save->old_client,
                                       cpt_document_get_client_name (self->document));
      return;
    }
  if (written == NULL)
    {
      cpt_toast (GTK_WIDGET (self), error->message);
      return;
    }
  cpt_document_page_show_stored (self, written->document);
  adw_window_title_set_subtitle (self->window_title, cpt_document_get_client_name (self->document));
}

/* Stores the header as typed, and the client when `client_id` is not 0. */
static void
write_header (CptDocumentPage *self,
              gint64           client_id)
{
  HeaderSave *save = g_new0 (HeaderSave, 1);

  g_weak_ref_init (&save->page, self);
  save->client_id = client_id;
  save->old_client = cpt_document_get_client_id (self->document);
  self->saves++;
  cpt_document_save_header_async (self->worker, self->document, client_id, NULL, on_header_saved, save);
}

/* The header as typed, into the document, then stored (not when a date does not read: the
 * header shows why). */
static void
save_header (CptDocumentPage *self)
{
  self->saved_at = g_get_monotonic_time ();
  self->header_source = 0;
  if (self->read_only || self->document == NULL)
    return;
  if (!cpt_document_header_apply (self->header, self->document))
    return;
  write_header (self, 0);
}

gboolean
cpt_document_page_flush_header (CptDocumentPage *self)
{
  if (self->header_source == 0)
    return FALSE;
  g_clear_handle_id (&self->header_source, g_source_remove);
  save_header (self);
  return TRUE;
}

/* Typed in the header: stored after a pause in the typing. */
static void
on_header_changed (CptDocumentPage *self)
{
  g_clear_handle_id (&self->header_source, g_source_remove);
  self->header_source = g_timeout_add_once (700, (GSourceOnceFunc) save_header, self);
}

static void
on_client_changed (CptDocumentPage *self,
                   gint64           client_id)
{
  if (client_id == 0 || client_id == cpt_document_get_client_id (self->document))
    return;
  /* The header as typed goes first. */
  cpt_document_page_flush_header (self);
  write_header (self, client_id);
}

/* ---------------------------------------------------------------- loading */

/* The page's title and the header's fields, as read. */
static void
load_header (CptDocumentPage *self)
{
  g_autofree char *name = cpt_document_page_document_name (self->document);
  g_autofree char *title = NULL;

  /* Translators: the page title: kind and number, e.g. "Invoice FA-2026-0001" */
  if (cpt_document_get_number (self->document) != NULL)
    title = g_strdup_printf (_("%s %s"), cpt_kind_label (cpt_document_page_kind (self)),
                             cpt_document_get_number (self->document));
  else
    title = g_strdup (name);
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, cpt_document_get_client_name (self->document));

  cpt_document_header_set_read_only (self->header, self->read_only);
  cpt_document_header_set_document (self->header, self->document);
}

static void
load_banner (CptDocumentPage *self)
{
  g_autofree char *name = cpt_document_page_document_name (self->document);
  g_autofree char *text = NULL;

  if (!self->read_only)
    {
      adw_banner_set_revealed (self->banner, FALSE);
      return;
    }
  if (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_QUOTE))
    text = g_strdup_printf (_("%s is validated and kept as it is; duplicate it to make a new version."), name);
  else if (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE))
    text = g_strdup_printf (_("%s is validated: it can no longer change."), name);
  else
    text = g_strdup_printf (_("%s is validated: it can no longer change. Correct it with a credit note."), name);
  adw_banner_set_title (self->banner, text);
  adw_banner_set_button_label (self->banner, (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) ||
                                              cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT)) &&
                                             cpt_document_page_allowed (self, "credit")
                                             ? _("Make a _Credit Note") : NULL);
  adw_banner_set_revealed (self->banner, TRUE);
}

/* A row of "Before it can be validated": to where the rule is put right. */
static void
on_checklist_fix (CptDocumentPage *self,
                  guint            fix,
                  const char      *field)
{
  switch ((CptEinvoiceFix) fix)
    {
    case CPT_EINVOICE_FIX_COMPANY:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
      break;
    case CPT_EINVOICE_FIX_CLIENT:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x",
                                  cpt_document_get_client_id (self->document));
      break;
    case CPT_EINVOICE_FIX_DOCUMENT:
      cpt_document_header_focus_field (self->header, field);
      break;
    case CPT_EINVOICE_FIX_LINES:
      cpt_lines_editor_focus (self->lines_editor);
      break;
    case CPT_EINVOICE_FIX_NONE:
    default:
      break;
    }
}

static void
on_banner_button_clicked (CptDocumentPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "document.credit", NULL);
}

typedef struct
{
  void         (*callback) (CptDocumentPage *self, gpointer data);
  gpointer       data;
  GDestroyNotify data_free;
  GWeakRef       page;
  guint          generation;
  gboolean       keep_edits;   /* read for a change made elsewhere: see show_snapshot () */
} Reload;

static void
reload_free (Reload *reload)
{
  if (reload->data_free != NULL)
    reload->data_free (reload->data);
  g_weak_ref_clear (&reload->page);
  g_free (reload);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reload, reload_free)

/* Whether what the person edits (the header's fields, the lines) stays as it is when a
 * snapshot read for a change made elsewhere is shown: a draft that stays editable, whose
 * fields may be being typed in. Its lines are shown afresh only when their set changed
 * elsewhere (a deposit deducted by another window) and nothing typed waits to be saved. */
static gboolean
keeps_edits (CptDocumentPage     *self,
             CptDocumentSnapshot *snapshot,
             gboolean            *out_new_lines)
{
  /* Nothing shown yet, or no longer a draft being edited (validated elsewhere): shown whole,
   * lines included, as any reading. */
  *out_new_lines = TRUE;
  if (self->snapshot == NULL || self->read_only || !cpt_document_snapshot_allows (snapshot, "edit"))
    return FALSE;
  *out_new_lines = self->saves == 0 && cpt_lines_editor_lines_changed_elsewhere (self->lines_editor, snapshot);
  return TRUE;
}

static void
show_snapshot (CptDocumentPage     *self,
               CptDocumentSnapshot *snapshot,
               gboolean             keep_edits)
{
  GPtrArray *problems = cpt_document_snapshot_get_problems (snapshot);
  gboolean kind_known = self->snapshot != NULL;
  gboolean new_lines = TRUE;

  if (keep_edits)
    keep_edits = keeps_edits (self, snapshot, &new_lines);

  g_set_object (&self->snapshot, snapshot);
  g_set_object (&self->document, cpt_document_snapshot_get_document (snapshot));
  self->read_only = !cpt_document_page_allowed (self, "edit");

  if (!keep_edits)
    load_header (self);
  cpt_totals_view_set_document (self->totals_view, snapshot);
  /* The lines as read, or (for a change made elsewhere) as they are typed. */
  if (new_lines)
    cpt_lines_editor_set_document (self->lines_editor, snapshot);
  else
    cpt_lines_editor_update_document (self->lines_editor, snapshot);
  cpt_document_related_set_document (self->related, snapshot);
  cpt_document_deposits_set_document (self->deposits, snapshot);
  cpt_document_page_rebuild_actions (self);
  load_banner (self);
  /* What stands between a draft e-invoice and its validation; nothing for the rest. */
  cpt_einvoice_checklist_set_document (self->checklist, self->context,
                                       cpt_document_is_draft (self->document) &&
                                       (cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) ||
                                        cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_DEPOSIT) ||
                                        cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_CREDIT_NOTE))
                                       ? self->id : 0);
  /* Handed on to the lines editor, which enables its own the same way. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.add-remaining",
                                 !self->read_only && cpt_document_page_is_kind (self, CPT_DOCUMENT_KIND_INVOICE) &&
                                 cpt_document_get_quote_id (self->document) != 0);
  if (self->preview != NULL)
    cpt_preview_pane_queue_refresh (self->preview);
  /* A part that could not be read is missing from the page: say why rather than let an
   * empty group say there is nothing. */
  for (guint i = 0; i < problems->len; i++)
    cpt_toast (GTK_WIDGET (self), g_ptr_array_index (problems, i));
  if (!kind_known)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_KIND]);
}

static void
on_snapshot_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(Reload) reload = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&reload->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load_finish (CPT_WORKER (source), result, &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loads--;
  /* A later reload is under way: what it reads is newer. */
  if (reload->generation != self->load_generation)
    return;
  if (snapshot == NULL)
    {
      cpt_document_page_show_error (self, _("Could not open the document"), error);
      return;
    }
  /* Typed while it was read: stored first, then read again, so nothing typed is lost. */
  if (!reload->keep_edits && self->document != NULL &&
      (cpt_document_page_flush_header (self) | cpt_document_page_flush_lines (self)))
    {
      cpt_document_page_reload_then (self, reload->callback, g_steal_pointer (&reload->data), reload->data_free);
      reload->data_free = NULL;
      return;
    }
  show_snapshot (self, snapshot, reload->keep_edits);
  if (reload->callback != NULL)
    reload->callback (self, reload->data);
}

void
cpt_document_page_reload_then (CptDocumentPage *self,
                               void           (*callback) (CptDocumentPage *self,
                                                           gpointer         data),
                               gpointer         data,
                               GDestroyNotify   data_free)
{
  Reload *reload = g_new0 (Reload, 1);
  CptWorker *worker = self->worker;

  reload->callback = callback;
  reload->data = data;
  reload->data_free = data_free;
  g_weak_ref_init (&reload->page, self);
  reload->generation = ++self->load_generation;
  if (worker == NULL)
    {
      /* No application around (never in the app itself): read here. */
      g_autoptr(GError) error = NULL;
      g_autoptr(CptDocumentSnapshot) snapshot = cpt_document_snapshot_load (self->db, self->id, &error);

      if (snapshot == NULL)
        cpt_document_page_show_error (self, _("Could not open the document"), error);
      else
        {
          show_snapshot (self, snapshot, FALSE);
          if (callback != NULL)
            callback (self, data);
        }
      reload_free (reload);
      return;
    }
  self->loads++;
  cpt_document_snapshot_load_async (worker, self->id, self->load_cancellable, on_snapshot_loaded, reload);
}

void
cpt_document_page_reload (CptDocumentPage *self)
{
  cpt_document_page_reload_then (self, NULL, NULL, NULL);
}

/* Something changed in the file, here or in another process (a payment recorded by
 * comptoir-cli, a second window): what the page shows of it is read again, keeping what is
 * being typed. The page's own writes read it themselves: nothing is done while one is under
 * way, or while the page is out of sight (it reads again when it comes back). */
static void
on_context_changed (CptDocumentPage *self,
                    guint            what)
{
  Reload *reload;

  if (!(what & (CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS | CPT_CHANGE_CLIENTS | CPT_CHANGE_COMPANY)) ||
      self->hidden || self->loads > 0 || cpt_lines_editor_is_busy (self->lines_editor) ||
      !gtk_widget_get_sensitive (GTK_WIDGET (self)))
    return;
  reload = g_new0 (Reload, 1);
  reload->keep_edits = TRUE;
  g_weak_ref_init (&reload->page, self);
  reload->generation = ++self->load_generation;
  self->loads++;
  cpt_document_snapshot_load_async (self->worker, self->id, self->load_cancellable, on_snapshot_loaded, reload);
}

/* ---------------------------------------------------------------- the lines */

/* The lines editor's actions, installed on the page too: the page's key bindings (Ctrl+L,
 * Alt+Up...) and whoever activates them on the page reach the editor. */
static const struct
{
  const char *name;
  const char *parameter_type;
} lines_actions[] = {
  { "document.add-line", NULL },
  { "document.add-text", NULL },
  { "document.add-subtotal", NULL },
  { "document.add-product", NULL },
  { "document.add-remaining", NULL },
  { "document.show-discounts", NULL },
  { "lines.move-up", NULL },
  { "lines.move-down", NULL },
  { "lines.remove", NULL },
  { "lines.create-product", NULL },
  { "lines.move-up-at", "u" },
  { "lines.move-down-at", "u" },
  { "lines.remove-at", "u" },
  { "lines.create-product-at", "u" },
};

static void
forward_to_lines (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  if (self->lines_editor != NULL)
    cpt_lines_editor_activate_action (self->lines_editor, action_name, parameter);
}

/* The narrow breakpoint applies, or no longer does: the lines become rows, or a table. */
static void
on_narrow (CptDocumentPage *self)
{
  if (self->lines_editor != NULL)
    cpt_lines_editor_set_narrow (self->lines_editor, TRUE);
}

static void
on_wide (CptDocumentPage *self)
{
  if (self->lines_editor != NULL)
    cpt_lines_editor_set_narrow (self->lines_editor, FALSE);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_document_page_hiding (AdwNavigationPage *page)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (page);

  /* Nothing typed is lost when going back. */
  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  self->hidden = TRUE;

  ADW_NAVIGATION_PAGE_CLASS (cpt_document_page_parent_class)->hiding (page);
}

/* Back in sight after a page opened from this one (a deposit made from a quote, then
 * validated): what it shows may have changed. All that was typed was stored on hiding. */
static void
cpt_document_page_showing (AdwNavigationPage *page)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (page);

  ADW_NAVIGATION_PAGE_CLASS (cpt_document_page_parent_class)->showing (page);
  if (self->hidden && self->db != NULL && self->id != 0)
    cpt_document_page_reload (self);
  self->hidden = FALSE;
}

/* Opened from a list, a search or a dialog, the page takes the focus if nothing in it has it:
 * its key bindings (Ctrl+P, Ctrl+S...) answer only where the focus is inside it. */
static void
cpt_document_page_shown (AdwNavigationPage *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  ADW_NAVIGATION_PAGE_CLASS (cpt_document_page_parent_class)->shown (page);
  if (root != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (page))))
    gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD);
}

static void
cpt_document_page_dispose (GObject *object)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (object);

  if (self->db != NULL && self->document != NULL)
    {
      cpt_document_page_flush_header (self);
      cpt_document_page_flush_lines (self);
    }
  g_clear_handle_id (&self->header_source, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_PAGE);
  g_clear_object (&self->lines_editor);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->document);
  g_clear_object (&self->db);
  g_clear_object (&self->worker);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_document_page_parent_class)->dispose (object);
}

static void
cpt_document_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_DOCUMENT_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DOCUMENT_KIND:
      g_value_set_enum (value, cpt_document_page_kind (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT_ID:
      self->id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* With its context and id: the page reads its document. */
static void
cpt_document_page_constructed (GObject *object)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (object);

  G_OBJECT_CLASS (cpt_document_page_parent_class)->constructed (object);

  g_return_if_fail (CPT_IS_CONTEXT (self->context));
  self->db = g_object_ref (cpt_context_get_database (self->context));
  self->worker = g_object_ref (cpt_context_get_worker (self->context));
  cpt_document_header_set_context (self->header, self->context);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
  self->preview = cpt_preview_pane_new (self->worker, self->id);
  adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));
  /* The lines, above the deposits and the totals, which compute from them as typed. */
  self->lines_editor = g_object_ref_sink (cpt_lines_editor_new (self->context));
  gtk_box_prepend (self->lines_box, GTK_WIDGET (self->lines_editor));
  g_signal_connect_object (self->lines_editor, "changed", G_CALLBACK (on_lines_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lines_editor, "stored", G_CALLBACK (on_lines_stored), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lines_editor, "outdated", G_CALLBACK (cpt_document_page_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lines_editor, "notify::busy", G_CALLBACK (on_lines_busy), self, G_CONNECT_SWAPPED);
  cpt_totals_view_set_lines (self->totals_view, cpt_lines_editor_get_lines (self->lines_editor));
  cpt_document_page_reload (self);
}

static void
cpt_document_page_class_init (CptDocumentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwNavigationPageClass *page_class = ADW_NAVIGATION_PAGE_CLASS (klass);

  object_class->get_property = cpt_document_page_get_property;
  object_class->set_property = cpt_document_page_set_property;
  object_class->constructed = cpt_document_page_constructed;
  /* The file the page works on: its database, its worker. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_ID] =
    g_param_spec_int64 ("document-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The kind of the document shown (an invoice's until it is read: notified then). */
  properties[PROP_DOCUMENT_KIND] =
    g_param_spec_enum ("document-kind", NULL, NULL, CPT_TYPE_DOCUMENT_KIND, CPT_DOCUMENT_KIND_INVOICE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  object_class->dispose = cpt_document_page_dispose;
  page_class->hiding = cpt_document_page_hiding;
  page_class->showing = cpt_document_page_showing;
  page_class->shown = cpt_document_page_shown;

  g_type_ensure (CPT_TYPE_DOCUMENT_HEADER);
  g_type_ensure (CPT_TYPE_EINVOICE_CHECKLIST);
  g_type_ensure (CPT_TYPE_DOCUMENT_ACTIONS);
  g_type_ensure (CPT_TYPE_DOCUMENT_DEPOSITS);
  g_type_ensure (CPT_TYPE_DOCUMENT_RELATED);
  g_type_ensure (CPT_TYPE_TOTALS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, banner);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, actions);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, split_view);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, header);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, lines_box);
  gtk_widget_class_bind_template_callback (widget_class, on_narrow);
  gtk_widget_class_bind_template_callback (widget_class, on_wide);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, deposits);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, totals_view);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, related);
  gtk_widget_class_bind_template_callback (widget_class, on_header_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_checklist_fix);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, checklist);
  gtk_widget_class_bind_template_callback (widget_class, on_client_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_button_clicked);
  cpt_document_page_class_init_related (widget_class);

  cpt_document_page_class_init_actions (widget_class);
  /* The lines editor's actions, for the bindings below and the menus of the page. */
  for (guint i = 0; i < G_N_ELEMENTS (lines_actions); i++)
    gtk_widget_class_install_action (widget_class, lines_actions[i].name, lines_actions[i].parameter_type,
                                     forward_to_lines);

  /* Also as bindings of the page: they work wherever the focus is inside it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "document.validate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "document.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "document.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "document.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "document.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "document.add-line", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "document.add-product", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "document.credit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "lines.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "lines.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_SHIFT_MASK, "lines.remove", NULL);
}

static void
cpt_document_page_init (CptDocumentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->load_cancellable = g_cancellable_new ();
  /* As the lines editor's, until the document says (show_snapshot ()). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.add-remaining", FALSE);

  /* Ctrl+Enter validates, even from a description, which would take it as a new line of
   * text: this runs before the focused field sees the key. */
  {
    GtkEventController *controller = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                            gtk_named_action_new ("document.validate")));
    gtk_widget_add_controller (GTK_WIDGET (self), controller);
  }
  /* While busy, keys go nowhere (see cpt_document_page_begin_busy ()). */
  {
    GtkEventController *controller = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_while_busy), self);
    gtk_widget_add_controller (GTK_WIDGET (self), controller);
  }
}

CptDocumentPage *
cpt_document_page_new (CptContext *context,
                       gint64      id)
{
  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  return g_object_new (CPT_TYPE_DOCUMENT_PAGE, "context", context, "document-id", id, NULL);
}

/* ---------------------------------------------------------------- for the tests */

gint64
cpt_document_page_get_id (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), 0);

  return self->id;
}

const char *
cpt_document_page_get_kind (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return self->document != NULL ? cpt_document_get_kind (self->document) : NULL;
}

CptDocumentKind
cpt_document_page_get_document_kind (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), CPT_DOCUMENT_KIND_INVOICE);

  return cpt_document_page_kind (self);
}

GListModel *
cpt_document_page_get_lines (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return cpt_lines_editor_get_lines (self->lines_editor);
}

GtkColumnView *
cpt_document_page_get_lines_view (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return cpt_lines_editor_get_view (self->lines_editor);
}

gboolean
cpt_document_page_get_read_only (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), FALSE);

  return self->read_only;
}

const CptDocumentTotals *
cpt_document_page_get_totals (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return cpt_totals_view_get_totals (self->totals_view);
}

gboolean
cpt_document_page_is_loading (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), FALSE);

  return self->loads > 0 || self->saves > 0 || cpt_lines_editor_is_saving (self->lines_editor) ||
         cpt_lines_editor_is_busy (self->lines_editor) || self->snapshot == NULL;
}

void
cpt_document_page_save_now (CptDocumentPage *self)
{
  g_return_if_fail (CPT_IS_DOCUMENT_PAGE (self));

  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  /* For the tests, which read the file next: the saves run in the worker. */
  while (self->saves > 0 || cpt_lines_editor_is_saving (self->lines_editor))
    g_main_context_iteration (NULL, TRUE);
}

GtkWidget *
cpt_document_page_get_actions_box (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return cpt_document_actions_get_menu_box (self->actions);
}

GtkGrid *
cpt_document_page_get_totals_grid (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return cpt_totals_view_get_grid (self->totals_view);
}

void
cpt_document_page_render_pdf (CptDocumentPage     *self,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CPT_IS_DOCUMENT_PAGE (self));

  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  cpt_preview_pane_render_pdf (self->preview, callback, user_data);
}

GBytes *
cpt_document_page_render_pdf_finish (CptDocumentPage  *self,
                                     GAsyncResult     *result,
                                     char            **out_job_name,
                                     GError          **error)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return cpt_preview_pane_render_pdf_finish (self->preview, result, out_job_name, error);
}

void
cpt_document_page_save_pdf_to_file (CptDocumentPage     *self,
                                    GFile               *file,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CPT_IS_DOCUMENT_PAGE (self));

  cpt_document_page_flush_header (self);
  cpt_document_page_flush_lines (self);
  cpt_preview_pane_save_pdf_to_file (self->preview, file, callback, user_data);
}

gboolean
cpt_document_page_save_pdf_to_file_finish (CptDocumentPage  *self,
                                           GAsyncResult     *result,
                                           GError          **error)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), FALSE);

  return cpt_preview_pane_save_pdf_to_file_finish (self->preview, result, error);
}
