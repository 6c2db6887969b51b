/* cpt-window.c: the main window: a sidebar of sections, their pages, and the pages opened
 * from them (client records, documents). */
#define G_LOG_DOMAIN "cpt-window"

#include <glib/gi18n.h>

#include "cpt-window.h"
#include "cpt-window-private.h"

#include "cpt-check-banner.h"
#include "cpt-client-page.h"
#include "cpt-clients-page.h"
#include "cpt-company-async.h"
#include "cpt-dashboard-page.h"
#include "cpt-document-list.h"
#include "cpt-document-page.h"
#include "cpt-document-query.h"
#include "cpt-error.h"
#include "cpt-documents-page.h"
#include "cpt-gui-utils.h"
#include "cpt-lists.h"
#include "cpt-new-document-dialog.h"
#include "cpt-client-dialog.h"
#include "cpt-payments-page.h"
#include "cpt-products-page.h"
#include "cpt-search-dialog.h"
#include "cpt-welcome-page.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
} Section;

static const Section sections[] = {
  { "dashboard", N_("Dashboard"), "cpt-dashboard-symbolic" },
  { "quotes", N_("Quotes"), "cpt-quote-symbolic" },
  { "invoices", N_("Invoices"), "cpt-invoice-symbolic" },
  { "credit-notes", N_("Credit Notes"), "cpt-credit-note-symbolic" },
  { "deposits", N_("Deposits"), "cpt-deposit-symbolic" },
  { "payments", N_("Payments"), "cpt-payment-symbolic" },
  { "clients", N_("Clients"), "cpt-client-symbolic" },
  { "products", N_("Products"), "cpt-product-symbolic" },
};

struct _CptWindow
{
  AdwApplicationWindow parent_instance;

  GSettings     *settings;
  GMenuModel    *primary_menu;
  GtkMenuButton *sidebar_menu_button;
  GtkMenuButton *primary_menu_button;
  GHashTable    *pages;          /* section name -> AdwNavigationPage (owned) */
  char          *section;        /* the one showing */
  GtkWidget     *count_labels[G_N_ELEMENTS (sections)];
  GCancellable  *counts_cancellable;
  guint          counts_source;
  gulong         data_changed_id;
  CptBackups    *backups;        /* whose automatic backups this window reports */
  gulong         opening_id;
  gulong         opening_stage_id;
  guint          loading_source;
  gboolean       first_frame_seen;
  gboolean       early_frame_seen;
  gboolean       checked;        /* the quick check of the file was started */
  gulong         check_waiting;  /* for the first frame showing the page's content */
  GdkFrameClock *check_clock;    /* (weak) whose frames it waits for */
  guint          check_timeout;  /* or for this */

  /* Made in code, not in the template: it moves from page to page (see place_check_banner). */
  CptCheckBanner        *check_banner;

  /* template children */
  AdwToastOverlay       *toast_overlay;
  AdwToolbarView        *sidebar_toolbar;
  GtkStack              *stack;
  CptWelcomePage        *welcome_page;
  AdwStatusPage         *error_page;
  GtkWidget             *retry_button;
  AdwStatusPage         *loading_page;
  GtkSpinner            *loading_spinner;
  AdwNavigationSplitView *split_view;
  GtkListBox            *sidebar_list;
  AdwNavigationPage     *content_page;
  AdwNavigationView     *content_view;
};

G_DEFINE_FINAL_TYPE (CptWindow, cpt_window, ADW_TYPE_APPLICATION_WINDOW)

/* The open file, its worker and its changes, that the pages are made with. */
static CptContext *
get_context (CptWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app != NULL ? cpt_application_get_context (CPT_APPLICATION (app)) : NULL;
}

static int
section_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* ---------------------------------------------------------------- state */

static void
cpt_window_restore_state (CptWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
cpt_window_save_state (CptWindow *self)
{
  int width = 0;
  int height = 0;

  /* The default size follows the window while it is not maximized, so it is the size to
   * come back to after unmaximizing. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (self->section != NULL)
    g_settings_set_string (self->settings, "last-page", self->section);
  g_settings_apply (self->settings);
}

/* Saved when the window goes away, whether it is closed or destroyed by app.quit. */
static void
cpt_window_unrealize (GtkWidget *widget)
{
  CptWindow *self = CPT_WINDOW (widget);

  if (self->settings != NULL)
    cpt_window_save_state (self);

  GTK_WIDGET_CLASS (cpt_window_parent_class)->unrealize (widget);
}

/* ---------------------------------------------------------------- sidebar counts */

/* What a failed count shows where its figure would be (its reason in the tooltip). */
#define COUNT_FAILED (-2)

typedef struct
{
  gint64 counts[G_N_ELEMENTS (sections)];   /* -1: no count shown; COUNT_FAILED */
  char  *failure;                            /* why the first failed count failed */
} Counts;

static void
counts_free (Counts *counts)
{
  g_free (counts->failure);
  g_free (counts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Counts, counts_free)

/* A count, or COUNT_FAILED with the reason kept in `counts`. */
static gint64
count_failed (Counts *counts, const GError *error)
{
  if (counts->failure == NULL)
    counts->failure = g_strdup (error != NULL ? error->message : _("Could not read the list"));
  return COUNT_FAILED;
}

static gint64
count_documents (CptDatabase        *db,
                 Counts             *counts,
                 const char *const  *kinds,
                 const char *const  *states,
                 GCancellable       *cancellable)
{
  CptDocumentQuery query = { 0 };
  CptDocumentSums sums;
  g_autoptr(GError) error = NULL;

  query.kinds = kinds;
  query.states = states;
  if (!cpt_document_query_sums (db, &query, &sums, cancellable, &error))
    return count_failed (counts, error);
  return sums.count;
}

static gint64
count_rows (Counts *counts, CptPagedList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (cpt_paged_list_get_error (list) != NULL)
    return count_failed (counts, cpt_paged_list_get_error (list));
  return n;
}

static gpointer
compute_counts (CptDatabase  *db,
                gpointer      data,
                GCancellable *cancellable,
                GError      **error)
{
  static const char *const quotes[] = { "quote", NULL };
  static const char *const invoices[] = { "invoice", NULL };
  static const char *const deposits[] = { "deposit", NULL };
  static const char *const credit_notes[] = { "credit_note", NULL };
  static const char *const sent[] = { "sent", NULL };
  static const char *const overdue[] = { "overdue", NULL };
  static const char *const drafts[] = { "draft", NULL };
  g_autoptr(Counts) counts = g_new0 (Counts, 1);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    counts->counts[i] = -1;
  /* What asks for attention: quotes waiting for an answer, overdue invoices and deposits,
   * credit notes still in draft; and how many clients and products there are. */
  counts->counts[section_index ("quotes")] = count_documents (db, counts, quotes, sent, cancellable);
  counts->counts[section_index ("invoices")] = count_documents (db, counts, invoices, overdue, cancellable);
  counts->counts[section_index ("deposits")] = count_documents (db, counts, deposits, overdue, cancellable);
  counts->counts[section_index ("credit-notes")] = count_documents (db, counts, credit_notes, drafts, cancellable);
  {
    g_autoptr(CptPagedList) clients = cpt_lists_clients (db, NULL, FALSE);
    g_autoptr(CptPagedList) products = cpt_lists_products (db, NULL, FALSE);

    counts->counts[section_index ("clients")] = count_rows (counts, clients);
    counts->counts[section_index ("products")] = count_rows (counts, products);
  }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&counts);
}

/* A count that failed shows “?” where its figure would be, the reason in its tooltip and
 * its accessible description; the next change counts again. */
static void
show_count (GtkWidget  *label,
            gint64      count,
            const char *failure)
{
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;

  if (count == COUNT_FAILED)
    {
      /* Translators: the tooltip of a section's count that could not be made; %s says why */
      why = g_strdup_printf (_("Could not count: %s"), failure);
      text = g_strdup ("?");
    }
  else if (count > 0)
    text = cpt_format_count ((guint64) count);
  gtk_widget_set_tooltip_text (label, why);
  if (why != NULL)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (why != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
}

static void
on_counts_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CptWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Counts) counts = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *label = self->count_labels[i];

      /* The worker could not even start (no connection): every count failed. */
      if (label != NULL && counts == NULL)
        show_count (label, COUNT_FAILED, error != NULL ? error->message : "");
      else if (label != NULL && counts->counts[i] != -1)
        show_count (label, counts->counts[i], counts->failure);
      else if (label != NULL)
        show_count (label, -1, NULL);
    }
}

static gboolean
refresh_counts (gpointer user_data)
{
  CptWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CptWorker *worker = app != NULL ? cpt_application_get_worker (CPT_APPLICATION (app)) : NULL;

  self->counts_source = 0;
  if (worker == NULL)
    return G_SOURCE_REMOVE;
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();
  cpt_worker_run_async (worker, compute_counts, NULL, NULL, (GDestroyNotify) counts_free, self->counts_cancellable,
                        on_counts_ready, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
queue_refresh_counts (CptWindow *self,
                      guint      delay_ms)
{
  if (self->counts_source != 0)
    return;
  self->counts_source = g_timeout_add (delay_ms, refresh_counts, self);
}

static void
on_data_changed (CptWindow      *self,
                 guint           what,
                 CptApplication *app)
{
  if (what & CPT_CHANGE_COMPANY && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0)
    return;
  queue_refresh_counts (self, 300);
}

/* ---------------------------------------------------------------- sidebar */

static GtkWidget *
create_sidebar_row (CptWindow     *self,
                    guint          index)
{
  const Section *section = &sections[index];
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (section->icon_name);
  GtkWidget *label = gtk_label_new (_(section->title));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "sidebar-count");
  if (g_strcmp0 (section->name, "invoices") == 0 || g_strcmp0 (section->name, "deposits") == 0)
    gtk_widget_add_css_class (count, "attention");
  gtk_widget_set_visible (count, FALSE);
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, section->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(section->title), -1);
  self->count_labels[index] = count;
  return row;
}

static void
on_sidebar_row_activated (CptWindow     *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  cpt_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

static AdwNavigationPage *
create_section_page (CptWindow  *self,
                     const char *name)
{
  CptContext *context = get_context (self);

  if (g_strcmp0 (name, "dashboard") == 0)
    return ADW_NAVIGATION_PAGE (cpt_dashboard_page_new (context));
  if (g_strcmp0 (name, "payments") == 0)
    return ADW_NAVIGATION_PAGE (cpt_payments_page_new (context));
  if (g_strcmp0 (name, "clients") == 0)
    return ADW_NAVIGATION_PAGE (cpt_clients_page_new (context));
  if (g_strcmp0 (name, "products") == 0)
    return ADW_NAVIGATION_PAGE (cpt_products_page_new (context));
  return ADW_NAVIGATION_PAGE (cpt_documents_page_new (context, name));
}

void
cpt_window_show_section (CptWindow  *self,
                         const char *name)
{
  AdwNavigationPage *page;
  int index;

  g_return_if_fail (CPT_IS_WINDOW (self));

  index = section_index (name);
  if (index < 0)
    index = 0;
  name = sections[index].name;

  page = g_hash_table_lookup (self->pages, name);
  if (page == NULL)
    {
      page = create_section_page (self, name);
      adw_navigation_page_set_tag (page, name);
      g_hash_table_insert (self->pages, g_strdup (name), g_object_ref_sink (page));
    }

  g_set_str (&self->section, name);
  adw_navigation_view_replace (self->content_view, &page, 1);
  adw_navigation_page_set_title (self->content_page, _(sections[index].title));

  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, index);
    if (gtk_list_box_get_selected_row (self->sidebar_list) != row)
      gtk_list_box_select_row (self->sidebar_list, row);
  }
}

static const char *
section_for_kind (CptDocumentKind kind)
{
  switch (kind)
    {
    case CPT_DOCUMENT_KIND_QUOTE:
      return "quotes";
    case CPT_DOCUMENT_KIND_CREDIT_NOTE:
      return "credit-notes";
    case CPT_DOCUMENT_KIND_DEPOSIT:
      return "deposits";
    case CPT_DOCUMENT_KIND_PROFORMA:
    case CPT_DOCUMENT_KIND_INVOICE:
    default:
      return "invoices";
    }
}

/* The sidebar says where one is: a document opened from the dashboard or the search
 * selects its own section (an invoice, Invoices), a client's record Clients; going back
 * selects the page one comes back to. Only the selection follows: the pages stay stacked so
 * that Back still returns where one came from. */
static void
sync_sidebar (CptWindow *self)
{
  AdwNavigationPage *page = adw_navigation_view_get_visible_page (self->content_view);
  const char *name = NULL;
  GtkListBoxRow *row;
  int index;

  if (page == NULL)
    return;
  if (CPT_IS_DOCUMENT_PAGE (page))
    name = section_for_kind (cpt_document_page_get_document_kind (CPT_DOCUMENT_PAGE (page)));
  else if (CPT_IS_CLIENT_PAGE (page))
    name = "clients";
  else
    name = adw_navigation_page_get_tag (page);
  index = section_index (name);
  if (index < 0)
    return;
  row = gtk_list_box_get_row_at_index (self->sidebar_list, index);
  if (row != NULL && gtk_list_box_get_selected_row (self->sidebar_list) != row)
    gtk_list_box_select_row (self->sidebar_list, row);
}

/* ---------------------------------------------------------------- the check's banner */

static AdwToolbarView *
find_toolbar_view (GtkWidget *widget)
{
  if (ADW_IS_TOOLBAR_VIEW (widget))
    return ADW_TOOLBAR_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToolbarView *found = find_toolbar_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The banner sits under the header bar of the page one sees: the page shown in the content
 * pane, or the sidebar when a narrow window shows only that. Pages are made and dropped as
 * one goes, each with its own header bar, so the one banner moves into the visible page's
 * toolbar view, right after its header bar (before a page's own search or filter bar). */
static void
place_check_banner (CptWindow *self)
{
  GtkWidget *banner = GTK_WIDGET (self->check_banner);
  AdwNavigationPage *page = adw_navigation_view_get_visible_page (self->content_view);
  AdwToolbarView *target = NULL;
  GtkWidget *current, *bar;

  if (banner == NULL)
    return;
  if (adw_navigation_split_view_get_collapsed (self->split_view) &&
      !adw_navigation_split_view_get_show_content (self->split_view))
    target = self->sidebar_toolbar;
  else if (page != NULL)
    target = find_toolbar_view (GTK_WIDGET (page));
  if (target == NULL)
    target = self->sidebar_toolbar;

  current = gtk_widget_get_ancestor (banner, ADW_TYPE_TOOLBAR_VIEW);
  if (current == GTK_WIDGET (target))
    return;
  if (current != NULL)
    adw_toolbar_view_remove (ADW_TOOLBAR_VIEW (current), banner);
  adw_toolbar_view_add_top_bar (target, banner);
  /* Top bars are stacked in a vertical box, in the order added. */
  bar = gtk_widget_get_parent (banner);
  if (GTK_IS_BOX (bar))
    for (GtkWidget *child = gtk_widget_get_first_child (bar); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (ADW_IS_HEADER_BAR (child))
        {
          gtk_box_reorder_child_after (GTK_BOX (bar), banner, child);
          break;
        }
}

static void
on_content_popped (CptWindow         *self,
                   AdwNavigationPage *page,
                   AdwNavigationView *view)
{
  /* Detail pages are made again when opened; section pages stay in self->pages. */
}

void
cpt_window_open_document (CptWindow *self,
                          gint64     id)
{
  CptContext *context = get_context (self);
  AdwNavigationPage *page;

  g_return_if_fail (CPT_IS_WINDOW (self));

  if (context == NULL || id <= 0)
    return;
  page = ADW_NAVIGATION_PAGE (cpt_document_page_new (context, id));
  /* The page knows its kind, hence its section, once it has read its document. */
  g_signal_connect_object (page, "notify::document-kind", G_CALLBACK (sync_sidebar), self, G_CONNECT_SWAPPED);
  adw_navigation_view_push (self->content_view, page);
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

void
cpt_window_open_client (CptWindow *self,
                        gint64     id)
{
  CptContext *context = get_context (self);
  AdwNavigationPage *page;

  g_return_if_fail (CPT_IS_WINDOW (self));

  if (context == NULL || id <= 0)
    return;
  page = ADW_NAVIGATION_PAGE (cpt_client_page_new (context, id));
  adw_navigation_view_push (self->content_view, page);
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

void
cpt_window_show_page (CptWindow         *self,
                      AdwNavigationPage *page)
{
  g_return_if_fail (CPT_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_NAVIGATION_PAGE (page));

  g_autoptr(GListModel) stack = adw_navigation_view_get_navigation_stack (self->content_view);
  gboolean in_stack = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (stack) && !in_stack; i++)
    {
      g_autoptr(AdwNavigationPage) shown = g_list_model_get_item (stack, i);

      in_stack = shown == page;
    }
  if (in_stack)
    adw_navigation_view_pop_to_page (self->content_view, page);
  else
    adw_navigation_view_push (self->content_view, page);
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

void
cpt_window_add_toast (CptWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CPT_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---------------------------------------------------------------- actions */

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;
  cpt_window_show_section (self, g_variant_get_string (parameter, NULL));
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
}

/* A documents list showing every document of one status: the dashboard's "See All". */
static void
show_status_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  const char *section = NULL, *state = NULL;
  const char *states[2] = { NULL, NULL };
  AdwNavigationPage *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;
  g_variant_get (parameter, "(&s&s)", &section, &state);
  cpt_window_show_section (self, section);
  adw_navigation_split_view_set_show_content (self->split_view, TRUE);
  page = g_hash_table_lookup (self->pages, self->section);
  states[0] = state;
  if (CPT_IS_DOCUMENTS_PAGE (page))
    cpt_documents_page_show_states (CPT_DOCUMENTS_PAGE (page), states);
}

static void
open_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cpt_window_open_document (CPT_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
open_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cpt_window_open_client (CPT_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CptWorker *worker = app ? cpt_application_get_worker (CPT_APPLICATION (app)) : NULL;

  if (worker == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;
  if (ADW_IS_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self))))
    return;
  adw_dialog_present (ADW_DIALOG (cpt_search_dialog_new (worker)), widget);
}

static gboolean
match_search_entry (GtkWidget *widget)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_is_visible (widget) && gtk_widget_is_sensitive (widget);
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (match_search_entry (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gtk_widget_get_child_visible (child) ? find_search_entry (child) : NULL;

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+F: the search of the list on screen (invoices, clients...), as in other GNOME apps;
 * where the page has none, the search of everything. */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  AdwNavigationPage *page = adw_navigation_view_get_visible_page (self->content_view);
  GtkWidget *entry = page != NULL ? find_search_entry (GTK_WIDGET (page)) : NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0 ||
      ADW_IS_DIALOG (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (self))))
    return;
  if (entry == NULL)
    {
      gtk_widget_activate_action (widget, "win.search", NULL);
      return;
    }
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

static CptDocumentKind
kind_for_section (const char *section)
{
  if (g_strcmp0 (section, "quotes") == 0)
    return CPT_DOCUMENT_KIND_QUOTE;
  if (g_strcmp0 (section, "credit-notes") == 0)
    return CPT_DOCUMENT_KIND_CREDIT_NOTE;
  if (g_strcmp0 (section, "deposits") == 0)
    return CPT_DOCUMENT_KIND_DEPOSIT;
  return CPT_DOCUMENT_KIND_INVOICE;
}

/* The shortcuts window is built on first use rather than with every window. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/comptoir/Comptoir/ui/cpt-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
new_document_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  CptContext *context = get_context (self);
  CptDocumentKind kind;

  if (context == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;
  /* The action's target names a kind by its stored string; none: the section's. */
  if (parameter == NULL || *g_variant_get_string (parameter, NULL) == '\0')
    kind = kind_for_section (self->section);
  else if (!cpt_document_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    kind = CPT_DOCUMENT_KIND_INVOICE;
  adw_dialog_present (ADW_DIALOG (cpt_new_document_dialog_new (context, kind, 0)), widget);
}

static void
on_new_client_saved (CptClientDialog *dialog,
                     gint64           client_id,
                     CptWindow       *self)
{
  cpt_window_open_client (self, client_id);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  CptContext *context = get_context (self);
  CptClientDialog *dialog;

  if (context == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;
  dialog = cpt_client_dialog_new (context, 0);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_new_client_saved), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), widget);
}

/* ---------------------------------------------------------------- showing the database */

static gboolean page_content_shown (CptWindow *self);

static void
start_check (CptWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CptWorker *worker = app ? cpt_application_get_worker (CPT_APPLICATION (app)) : NULL;

  self->check_timeout = 0;
  if (self->check_waiting != 0 && self->check_clock != NULL)
    g_signal_handler_disconnect (self->check_clock, self->check_waiting);
  self->check_waiting = 0;
  g_clear_weak_pointer (&self->check_clock);
  if (self->checked || worker == NULL || self->check_banner == NULL)
    return;
  self->checked = TRUE;
  cpt_check_banner_run (self->check_banner, G_APPLICATION (app), worker);
}

static void
start_check_once_shown (CptWindow *self)
{
  if (self->check_banner == NULL || !page_content_shown (self))
    return;
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  start_check (self);
}

/* Shows the stack's page `name`. From the opening's page while it still shows nothing (it
 * says something only when opening lasts a second: reveal_loading ()), at once: the stack's
 * crossfade from that empty page kept what a start shows under it for 200 ms, its first
 * frame drawing the empty page alone. From a page that said something, with the fade. */
static void
show_stack_page (CptWindow  *self,
                 const char *name)
{
  gboolean from_nothing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0 &&
                          gtk_widget_get_opacity (GTK_WIDGET (self->loading_page)) == 0;

  gtk_stack_set_visible_child_full (self->stack, name,
                                    from_nothing ? GTK_STACK_TRANSITION_TYPE_NONE
                                                 : gtk_stack_get_transition_type (self->stack));
}

static void
show_main (CptWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-page");
  gint64 start = g_get_monotonic_time ();

  show_stack_page (self, "main");
  cpt_window_show_section (self, last);
  g_debug ("The %s page took %.1f ms to make", last, (g_get_monotonic_time () - start) / 1000.0);
  /* After the first frames: counting a million documents competes with drawing them. */
  queue_refresh_counts (self, 700);
  /* Once per window: the file was changed behind Comptoir's back, or its seal cannot be
   * verified here. On a connection and a thread of its own, so reading goes on; once the
   * page shows its content, as the check walks the whole ledger on one core (seconds at a
   * million documents) and took the other one from the first rows: at a million
   * documents, started with the page, it delayed the first frame by 150 ms. */
  if (!self->checked && self->check_waiting == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        {
          g_set_weak_pointer (&self->check_clock, clock);
          self->check_waiting = g_signal_connect_object (clock, "after-paint",
                                                         G_CALLBACK (start_check_once_shown), self,
                                                         G_CONNECT_SWAPPED);
        }
      /* And at the latest after a few seconds (a page that never shows its content). */
      self->check_timeout = g_timeout_add_seconds_once (3, (GSourceOnceFunc) start_check, self);
    }
}

static void
on_welcome_company_read (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CptApplication) app = user_data;
  g_autoptr(CptCompany) company = cpt_company_load_finish (CPT_WORKER (source), result, NULL);

  if (company != NULL)
    cpt_application_set_opened_company (app, company);
}

static void
on_welcome_done (CptWindow      *self,
                 CptWelcomePage *page)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  CptWorker *worker = app ? cpt_application_get_worker (CPT_APPLICATION (app)) : NULL;

  show_main (self);
  /* The company now has a name (typed, or the demo's): a window made later in this run
   * goes straight to the pages. */
  if (worker != NULL)
    cpt_company_load_async (worker, NULL, on_welcome_company_read, g_object_ref (app));
}

/* The company as read when the file was opened (in the opening thread) has no name yet. A
 * company that could not be read is not taken for a new file: its pages are shown, and why
 * it could not be read (cpt_window_show_database ()). */
static gboolean
needs_welcome (CptApplication *app)
{
  CptCompany *company = cpt_application_get_opened_company (app);
  const char *name = company != NULL ? cpt_company_get_name (company) : NULL;

  if (company == NULL && cpt_application_get_company_error (app) != NULL)
    return FALSE;
  return name == NULL || *name == '\0';
}

/* An automatic backup happens unseen; only its failure is told, as it needs a hand: once
 * a day, not at each start while the folder stays unwritable (Preferences show it too). */
static void
on_backup_finished (CptWindow  *self,
                    const char *path,
                    const char *message,
                    gboolean    automatic)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (!automatic || message == NULL || !cpt_backups_is_failure_new (self->backups))
    return;
  /* Translators: %s says why, in plain words */
  text = g_strdup_printf (_("The automatic backup failed: %s"), message);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Preferences"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Says why the company could not be read as the file was opened, once. */
static void
tell_company_error (CptWindow *self)
{
  CptApplication *app = CPT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_signal_handlers_disconnect_by_func (self, tell_company_error, NULL);
  if (app == NULL || cpt_application_get_company_error (app) == NULL)
    return;
  cpt_show_error (GTK_WIDGET (self), _("Could not read the company"),
                  cpt_application_get_company_error (app));
}

/* Shows the open database, or why it could not be opened. */
static void
cpt_window_show_database (CptWindow *self)
{
  CptApplication *app = CPT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  CptDatabase *database = cpt_application_get_database (app);
  const GError *error = cpt_application_get_database_error (app);

  if (database != NULL)
    {
      if (self->data_changed_id == 0)
        self->data_changed_id = g_signal_connect_object (app, "data-changed",
                                                         G_CALLBACK (on_data_changed), self,
                                                         G_CONNECT_SWAPPED);
      if (self->backups != cpt_application_get_backups (app))
        {
          if (self->backups != NULL)
            g_signal_handlers_disconnect_by_data (self->backups, self);
          g_set_object (&self->backups, cpt_application_get_backups (app));
          if (self->backups != NULL)
            g_signal_connect_object (self->backups, "finished", G_CALLBACK (on_backup_finished),
                                     self, G_CONNECT_SWAPPED);
        }
      if (needs_welcome (app))
        {
          /* Made only when needed: most starts go straight to the pages. */
          if (self->welcome_page == NULL)
            {
              self->welcome_page = g_object_new (CPT_TYPE_WELCOME_PAGE, NULL);
              g_signal_connect_object (self->welcome_page, "done", G_CALLBACK (on_welcome_done), self,
                                       G_CONNECT_SWAPPED);
              gtk_stack_add_named (self->stack, GTK_WIDGET (self->welcome_page), "welcome");
            }
          cpt_welcome_page_set_context (self->welcome_page, cpt_application_get_context (app),
                                        cpt_application_get_opened_company (app));
          show_stack_page (self, "welcome");
        }
      else
        show_main (self);
      if (cpt_application_get_company_error (app) != NULL)
        {
          /* Once the window has its size: a dialog presented while it is being made is
           * measured against the size it has then. */
          if (gtk_widget_get_mapped (GTK_WIDGET (self)))
            tell_company_error (self);
          else
            g_signal_connect (self, "map", G_CALLBACK (tell_company_error), NULL);
        }
    }
  else
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_markup_escape_text (error->message, -1);
      else
        message = g_strdup (_("The database is not open."));

      adw_status_page_set_description (self->error_page, message);
      /* Trying again cannot mend a damaged, foreign or newer file, nor move one off a
       * network file system: no Retry there. */
      gtk_widget_set_visible (self->retry_button,
                              !g_error_matches (error, CPT_ERROR, CPT_ERROR_CORRUPT) &&
                              !g_error_matches (error, CPT_ERROR, CPT_ERROR_NOT_COMPTOIR) &&
                              !g_error_matches (error, CPT_ERROR, CPT_ERROR_NEWER) &&
                              !g_error_matches (error, CPT_ERROR, CPT_ERROR_REMOTE));
      show_stack_page (self, "error");
      if (gtk_widget_get_visible (self->retry_button))
        gtk_widget_grab_focus (self->retry_button);
    }
}

/* What the opening waits for, in the application's words. */
static void
show_opening_stage (CptWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *text = NULL;

  switch (app != NULL ? cpt_application_get_opening_stage (CPT_APPLICATION (app))
                      : CPT_DATABASE_STAGE_NONE)
    {
    case CPT_DATABASE_STAGE_WAITING:
      text = _("The company file is in use by another program, waiting for it…");
      break;
    case CPT_DATABASE_STAGE_UPGRADING:
      text = _("A file written by an older version of Comptoir is brought up to date the "
               "first time it is opened: on a large file this can take a minute, once.");
      break;
    case CPT_DATABASE_STAGE_RECOUNTING:
      text = _("The lists sorted by number are made ready for the numbers the file now "
               "holds: on a large file this takes a few seconds, once in a long while.");
      break;
    case CPT_DATABASE_STAGE_CHECKING:
      text = _("Checking the company file before opening it…");
      break;
    case CPT_DATABASE_STAGE_NONE:
    default:
      break;
    }
  adw_status_page_set_description (self->loading_page, text);
}

/* Said only when opening lasts: most starts are done before anyone could read it. */
static void
reveal_loading (gpointer user_data)
{
  CptWindow *self = user_data;

  self->loading_source = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->loading_page), 1);
  gtk_spinner_start (self->loading_spinner);
  show_opening_stage (self);
}

static void
on_opening_changed (CptWindow      *self,
                    GParamSpec     *pspec,
                    CptApplication *app)
{
  if (cpt_application_is_opening (app))
    return;
  g_clear_handle_id (&self->loading_source, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  g_clear_signal_handler (&self->opening_id, app);
  g_clear_signal_handler (&self->opening_stage_id, app);
  cpt_window_show_database (self);
}

static void
on_application_changed (CptWindow  *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL)
    return;
  if (cpt_application_is_opening (CPT_APPLICATION (app)))
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      if (self->opening_id == 0)
        self->opening_id = g_signal_connect_object (app, "notify::opening",
                                                    G_CALLBACK (on_opening_changed), self,
                                                    G_CONNECT_SWAPPED);
      if (self->opening_stage_id == 0)
        self->opening_stage_id = g_signal_connect_object (app, "notify::opening-stage",
                                                          G_CALLBACK (show_opening_stage), self,
                                                          G_CONNECT_SWAPPED);
      show_opening_stage (self);
      if (self->loading_source == 0)
        self->loading_source = g_timeout_add_once (1000, reveal_loading, self);
      return;
    }
  cpt_window_show_database (self);
}

static void
retry_open_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CptWindow *self = CPT_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL)
    return;
  cpt_application_retry_open (CPT_APPLICATION (app));
  on_application_changed (self, NULL, NULL);
}

/* Whether the page shown shows what it is for: a list its first rows (counted and read in
 * threads), the dashboard its figures. */
static gboolean
page_content_shown (CptWindow *self)
{
  AdwNavigationPage *page = cpt_window_get_visible_page (self);

  /* A frame in the middle of a fade shows the page only in part. */
  if (gtk_stack_get_transition_running (self->stack))
    return FALSE;
  if (CPT_IS_DOCUMENTS_PAGE (page))
    {
      CptDocumentList *list = cpt_documents_page_get_list (CPT_DOCUMENTS_PAGE (page));
      CptPagedList *rows = cpt_document_list_get_rows (list);
      GtkColumnView *view = cpt_document_list_get_column_view (list);
      GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));
      g_autoptr(GObject) first = NULL;

      if (rows == NULL || cpt_paged_list_is_counting (rows))
        return FALSE;
      first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
      /* and the view, when it shows (narrow, the window opens on its sidebar), has been
       * given them (the row pacer gives them at its first layout) */
      return first == NULL ||
             (!cpt_paged_list_is_placeholder (first) &&
              (!gtk_widget_get_mapped (GTK_WIDGET (view)) || g_list_model_get_n_items (shown) > 0));
    }
  if (CPT_IS_DASHBOARD_PAGE (page))
    return cpt_dashboard_page_is_loaded (CPT_DASHBOARD_PAGE (page));
  return TRUE;
}

/* What the window draws now, as a PNG: the frame bench-startup measures, to look at. */
static void
save_frame (CptWindow  *self,
            const char *path)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (self)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("Could not save the first frame to %s\n", path);
}

/* --bench-first-frame: the first frame showing the page's content is painted; say when and
 * leave. With COMPTOIR_BENCH_FIRST_FRAME_PNG=FILE, what it drew is saved there. */
static void
on_after_paint (GdkFrameClock *clock,
                CptWindow     *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->first_frame_seen)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    {
      /* The window is up, the database not open yet: the frame that counts comes next. */
      if (!self->early_frame_seen)
        g_print ("early-frame\n");
      self->early_frame_seen = TRUE;
      return;
    }
  if (!page_content_shown (self))
    return;
  self->first_frame_seen = TRUE;
  g_debug ("First frame painted");
  g_print ("first-frame %s\n", gtk_stack_get_visible_child_name (self->stack));
  if (g_getenv ("COMPTOIR_BENCH_FIRST_FRAME_PNG") != NULL)
    save_frame (self, g_getenv ("COMPTOIR_BENCH_FIRST_FRAME_PNG"));
  if (app != NULL)
    g_idle_add_once ((GSourceOnceFunc) g_application_quit, app);
}

static void
cpt_window_realize (GtkWidget *widget)
{
  CptWindow *self = CPT_WINDOW (widget);
  GtkApplication *app;

  GTK_WIDGET_CLASS (cpt_window_parent_class)->realize (widget);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL && cpt_application_get_bench_first_frame (CPT_APPLICATION (app)))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint), self, 0);
    }
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_window_constructed (GObject *object)
{
  CptWindow *self = CPT_WINDOW (object);

  G_OBJECT_CLASS (cpt_window_parent_class)->constructed (object);

  cpt_window_restore_state (self);
}

static void
cpt_window_dispose (GObject *object)
{
  CptWindow *self = CPT_WINDOW (object);

  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_clear_handle_id (&self->loading_source, g_source_remove);
  g_clear_handle_id (&self->check_timeout, g_source_remove);
  if (self->check_waiting != 0 && self->check_clock != NULL)
    g_signal_handler_disconnect (self->check_clock, self->check_waiting);
  self->check_waiting = 0;
  g_clear_weak_pointer (&self->check_clock);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  if (self->check_banner != NULL)
    {
      GtkWidget *toolbar = gtk_widget_get_ancestor (GTK_WIDGET (self->check_banner),
                                                    ADW_TYPE_TOOLBAR_VIEW);

      /* Its thread ends at its next step; the application waits for it before quitting. */
      cpt_check_banner_cancel (self->check_banner);
      if (toolbar != NULL)
        adw_toolbar_view_remove (ADW_TOOLBAR_VIEW (toolbar), GTK_WIDGET (self->check_banner));
      g_clear_object (&self->check_banner);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_WINDOW);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->backups);

  G_OBJECT_CLASS (cpt_window_parent_class)->dispose (object);
}

static void
cpt_window_finalize (GObject *object)
{
  CptWindow *self = CPT_WINDOW (object);

  g_free (self->section);

  G_OBJECT_CLASS (cpt_window_parent_class)->finalize (object);
}

static void
cpt_window_class_init (CptWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cpt_window_constructed;
  object_class->dispose = cpt_window_dispose;
  object_class->finalize = cpt_window_finalize;

  widget_class->realize = cpt_window_realize;
  widget_class->unrealize = cpt_window_unrealize;

  g_type_ensure (CPT_TYPE_CHECK_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CptWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, sidebar_toolbar);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, split_view);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, content_page);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, content_view);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_content_popped);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-status", "(ss)", show_status_action);
  gtk_widget_class_install_action (widget_class, "win.open-document", "x", open_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-client", "x", open_client_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.retry-open", NULL, retry_open_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.new-document", "s", new_document_action);
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
}

/* The main menu is made when first opened: a popover menu makes a widget, an accessible and
 * a tooltip for each item, and GTK asks the X server where the pointer is for each tooltip
 * set (3 ms of the first frame for the two buttons, one of them hidden). */
static void
make_primary_popover (GtkMenuButton *button,
                      gpointer       user_data)
{
  CptWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
cpt_window_init (CptWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, make_primary_popover, self, NULL);
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, make_primary_popover, self, NULL);
  g_signal_connect_object (self->content_view, "notify::visible-page", G_CALLBACK (sync_sidebar),
                           self, G_CONNECT_SWAPPED);
  /* Revealed when the check made at opening finds something. */
  self->check_banner = g_object_ref_sink (g_object_new (CPT_TYPE_CHECK_BANNER, NULL));
  place_check_banner (self);
  g_signal_connect_object (self->content_view, "notify::visible-page",
                           G_CALLBACK (place_check_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split_view, "notify::collapsed",
                           G_CALLBACK (place_check_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->split_view, "notify::show-content",
                           G_CALLBACK (place_check_banner), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (self, i));

  /* GObject sets "application" after constructed (it is not a construct property). */
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
}

CptWindow *
cpt_window_new (CptApplication *application)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (application), NULL);

  return g_object_new (CPT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/* ---------------------------------------------------------------- for the tests */

const char *
cpt_window_get_visible_page_name (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkStack *
cpt_window_get_stack (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->stack;
}

AdwStatusPage *
cpt_window_get_loading_page (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->loading_page;
}

AdwStatusPage *
cpt_window_get_status_page (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->error_page;
}

GtkWidget *
cpt_window_get_retry_button (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->retry_button;
}

const char *
cpt_window_get_section (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->section;
}

AdwNavigationPage *
cpt_window_get_visible_page (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return adw_navigation_view_get_visible_page (self->content_view);
}

const char *
cpt_window_get_sidebar_selection (CptWindow *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  row = gtk_list_box_get_selected_row (self->sidebar_list);
  return row != NULL ? gtk_widget_get_name (GTK_WIDGET (row)) : NULL;
}

CptWelcomePage *
cpt_window_get_welcome_page (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->welcome_page;
}

GtkLabel *
cpt_window_get_count_label (CptWindow  *self,
                            const char *section)
{
  int index = section_index (section);

  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return index >= 0 ? GTK_LABEL (self->count_labels[index]) : NULL;
}

AdwNavigationView *
cpt_window_get_content_view (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return self->content_view;
}
