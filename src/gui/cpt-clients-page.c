/* cpt-clients-page.c: the list of clients, searched as one types. */
#define G_LOG_DOMAIN "cpt-clients-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-clients-page.h"
#include "cpt-gui-utils.h"
#include "cpt-lists.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_CITY,
  COLUMN_SIREN,
  COLUMN_EMAIL,
  COLUMN_PHONE,
  N_COLUMNS
} Column;

static const struct { const char *id; const char *title; const char *property; gboolean expand; } columns[] = {
  { "name", N_("Name"), "name", TRUE },
  { "city", N_("City"), "city", FALSE },
  { "siren", N_("SIREN"), "siren", FALSE },
  { "email", N_("Email"), "email", TRUE },
  { "phone", N_("Phone"), "phone", FALSE },
};

struct _CptClientsPage
{
  AdwNavigationPage parent_instance;

  CptDatabase     *db;
  CptPagedList    *model;
  GSettings       *settings;
  gboolean         stale;

  /* template children */
  GtkSearchEntry  *search_entry;
  GtkToggleButton *archived_button;
  GtkStack        *stack;
  GtkColumnView   *column_view;
  AdwStatusPage   *empty_page;
  GtkLabel        *count_label;
};

G_DEFINE_FINAL_TYPE (CptClientsPage, cpt_clients_page, ADW_TYPE_NAVIGATION_PAGE)

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 16);
  gtk_list_item_set_child (item, cell);
}

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
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

static void
update_state (CptClientsPage *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u client", "%u clients", n), n);

  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (*search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, _("No client matches the search."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "cpt-client-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Clients"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add the businesses and people you invoice with New Client."));
    }
}

static void
reload (CptClientsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GtkSingleSelection) selection = NULL;

  if (self->db == NULL)
    return;
  g_clear_object (&self->model);
  self->model = cpt_lists_clients (self->db, *search ? search : NULL,
                                   gtk_toggle_button_get_active (self->archived_button));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_state (self);
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
  g_autoptr(CptClient) client = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (client != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x", cpt_client_get_id (client));
}

static void
on_data_changed (CptClientsPage *self,
                 guint           what)
{
  if (!(what & CPT_CHANGE_CLIENTS))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      cpt_paged_list_reload (self->model);
      update_state (self);
    }
  else
    self->stale = TRUE;
}

static void
cpt_clients_page_map (GtkWidget *widget)
{
  CptClientsPage *self = CPT_CLIENTS_PAGE (widget);

  GTK_WIDGET_CLASS (cpt_clients_page_parent_class)->map (widget);
  if (self->stale && self->model != NULL)
    {
      self->stale = FALSE;
      cpt_paged_list_reload (self->model);
      update_state (self);
    }
}

static void
cpt_clients_page_dispose (GObject *object)
{
  CptClientsPage *self = CPT_CLIENTS_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENTS_PAGE);
  g_clear_object (&self->model);
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
  widget_class->map = cpt_clients_page_map;

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

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) columns[i].property);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_id (column, columns[i].id);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-archived", self->archived_button, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  cpt_connect_data_changed (self, G_CALLBACK (on_data_changed));
}

CptClientsPage *
cpt_clients_page_new (CptDatabase *db)
{
  CptClientsPage *self;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_CLIENTS_PAGE, NULL);
  self->db = g_object_ref (db);
  reload (self);
  return self;
}

GListModel *
cpt_clients_page_get_model (CptClientsPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->model);
}

GtkSearchEntry *
cpt_clients_page_get_search_entry (CptClientsPage *self)
{
  g_return_val_if_fail (CPT_IS_CLIENTS_PAGE (self), NULL);

  return self->search_entry;
}
