/* cpt-clients-page.c: the list of clients, searched as one types. */
#define G_LOG_DOMAIN "cpt-clients-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-text-cell.h"
#include "cpt-client.h"
#include "cpt-clients-page.h"
#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"
#include "cpt-lists.h"

/* Each column shows the CptClient property named as its id. */
static const CptListColumn columns[] = {
  { "name", N_("Name"), TRUE, FALSE, 0, 16 },
  { "city", N_("City"), FALSE, FALSE, 0, 16 },
  { "siren", N_("SIREN"), FALSE, FALSE, 0, 16 },
  { "email", N_("Email"), TRUE, FALSE, 0, 16 },
  { "phone", N_("Phone"), FALSE, FALSE, 0, 16 },
};

static const CptListEmptyState empty_state = {
  "cpt-client-symbolic",
  N_("No Clients"),
  N_("Add the businesses and people you invoice with New Client."),
  N_("No client matches the search."),
};

struct _CptClientsPage
{
  AdwNavigationPage parent_instance;

  CptDatabase     *db;
  GSettings       *settings;

  /* template children */
  GtkSearchEntry  *search_entry;
  GtkToggleButton *archived_button;
  GtkStack        *stack;
  GtkColumnView   *column_view;
  AdwStatusPage   *empty_page;
  GtkLabel        *count_label;

  /* The list shown, and the next one (a new search or archived choice) while a thread
   * counts it. */
  CptListSwap      list;
};

G_DEFINE_FINAL_TYPE (CptClientsPage, cpt_clients_page, ADW_TYPE_NAVIGATION_PAGE)

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const char *property = user_data;
  CptClient *client = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  GtkWidget *cell = gtk_list_item_get_child (item);

  if (client != NULL)
    g_object_get (client, property, &text, NULL);
  if (client != NULL && g_str_equal (property, "name") && cpt_client_get_archived (client))
    {
      g_autofree char *archived = g_strdup_printf (_("%s (archived)"), text);
      g_free (text);
      text = g_steal_pointer (&archived);
    }
  /* Never NULL: screen readers read an empty cell's text, and GTK fails on a NULL one. */
  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), text != NULL ? text : "");
}

static void
update_state (CptClientsPage *self)
{
  guint n = self->list.shown ? g_list_model_get_n_items (G_LIST_MODEL (self->list.shown)) : 0;
  /* While a thread counts, the list is not known to be empty: no empty state meanwhile. */
  gboolean counting = cpt_list_swap_is_counting (&self->list);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *number = cpt_format_count (n);
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%s client", "%s clients", n), number);

  if (cpt_list_page_show_error (self->stack, self->list.shown))
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }
  if (counting && n == 0)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }
  gtk_label_set_text (self->count_label, count);
  cpt_list_page_show_rows (self->stack, self->empty_page, n, *search != '\0', &empty_state);
}

/* A new search or archived choice: counted and read in threads (issue 12: not on the main
 * loop), shown once its first page is in. */
static void
reload (CptClientsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean archived = gtk_toggle_button_get_active (self->archived_button);

  if (self->db == NULL)
    return;
  cpt_list_swap_set_next (&self->list, cpt_lists_clients_in_thread (self->db, *search ? search : NULL, archived));
}

/* After a change: the same query read again, keeping the search and the scroll position. */
static void
refresh (CptClientsPage *self)
{
  cpt_list_swap_refresh (&self->list);
}

static void
on_search_changed (CptClientsPage *self)
{
  reload (self);
}

static void
on_activate (CptClientsPage *self,
             guint           position,
             GtkColumnView  *view)
{
  g_autoptr(CptClient) client = g_list_model_get_item (G_LIST_MODEL (self->list.shown), position);

  /* A row whose page is not read yet shows nothing and is not acted on. */
  if (client != NULL && cpt_paged_list_is_placeholder (client))
    return;
  if (client != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x", cpt_client_get_id (client));
}

static void
cpt_clients_page_dispose (GObject *object)
{
  CptClientsPage *self = CPT_CLIENTS_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  cpt_list_swap_clear (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENTS_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_clients_page_parent_class)->dispose (object);
}

static void
cpt_clients_page_class_init (CptClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_clients_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptClientsPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, CptClientsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CptClientsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CptClientsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CptClientsPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
cpt_clients_page_init (CptClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  cpt_list_swap_init (&self->list, self->column_view, G_CALLBACK (update_state), self);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    cpt_list_page_append_column (self->column_view, &columns[i], G_CALLBACK (bind_cell),
                                 (gpointer) columns[i].id);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-archived", self->archived_button, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

CptClientsPage *
cpt_clients_page_new (CptContext *context)
{
  CptClientsPage *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_CLIENTS_PAGE, NULL);
  self->db = g_object_ref (cpt_context_get_database (context));
  cpt_list_page_reload_on_change (GTK_WIDGET (self), context, CPT_CHANGE_CLIENTS, (CptListPageReloadFunc) refresh);
  reload (self);
  return self;
}

GListModel *
cpt_clients_page_get_model (CptClientsPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->list.shown);
}

GtkSearchEntry *
cpt_clients_page_get_search_entry (CptClientsPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENTS_PAGE (self), NULL);

  return self->search_entry;
}
