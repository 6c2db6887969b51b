/* cpt-products-page.c: products and services (the Factomos "prestations"). */
#define G_LOG_DOMAIN "cpt-products-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-gui-utils.h"
#include "cpt-lists.h"
#include "cpt-product.h"
#include "cpt-product-dialog.h"
#include "cpt-products-page.h"
#include "cpt-units.h"

typedef enum
{
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_TYPE,
  COLUMN_UNIT,
  COLUMN_PRICE,
  COLUMN_VAT,
  COLUMN_ACCOUNT,
  N_COLUMNS
} Column;

static const struct { const char *id; const char *title; gboolean expand; gboolean numeric; } columns[] = {
  { "code", N_("Code"), FALSE, FALSE },
  { "name", N_("Name"), TRUE, FALSE },
  { "type", N_("Type"), FALSE, FALSE },
  { "unit", N_("Unit"), FALSE, FALSE },
  { "price", N_("Unit Price"), FALSE, TRUE },
  { "vat", N_("VAT"), FALSE, TRUE },
  { "account", N_("Account"), FALSE, FALSE },
};

struct _CptProductsPage
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

G_DEFINE_FINAL_TYPE (CptProductsPage, cpt_products_page, ADW_TYPE_NAVIGATION_PAGE)

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  Column column = GPOINTER_TO_INT (user_data);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), columns[column].expand ? 30 : 8);
  if (columns[column].numeric)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  CptProduct *product = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  g_autofree char *type = NULL;
  g_autofree char *code = NULL;
  gboolean archived = FALSE;

  if (product == NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), NULL);
      return;
    }
  g_object_get (product, "type", &type, "code", &code, "archived", &archived, NULL);
  switch (column)
    {
    case COLUMN_CODE:
      text = g_steal_pointer (&code);
      break;
    case COLUMN_NAME:
      text = archived ? g_strdup_printf (_("%s (archived)"), cpt_product_get_name (product))
                      : g_strdup (cpt_product_get_name (product));
      break;
    case COLUMN_TYPE:
      text = g_strdup (g_strcmp0 (type, "goods") == 0 ? _("Goods") : _("Service"));
      break;
    case COLUMN_UNIT:
      text = g_strdup (cpt_unit_label (cpt_product_get_unit (product), cpt_ui_language ()));
      break;
    case COLUMN_PRICE:
      text = cpt_format_unit_price (cpt_product_get_unit_price (product));
      break;
    case COLUMN_VAT:
      text = cpt_format_percent (cpt_product_get_vat_rate (product));
      break;
    case COLUMN_ACCOUNT:
    case N_COLUMNS:
    default:
      text = g_strdup (cpt_product_get_account (product));
      break;
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
}

static void
update_state (CptProductsPage *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u product or service",
                                                          "%u products and services", n), n);

  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (*search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, _("No product or service matches the search."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "cpt-product-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Products or Services"));
      adw_status_page_set_description (self->empty_page,
                                       _("What you sell, with its unit, price and VAT rate, ready to add to quotes and invoices."));
    }
}

static void
reload (CptProductsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GtkSingleSelection) selection = NULL;

  if (self->db == NULL)
    return;
  g_clear_object (&self->model);
  self->model = cpt_lists_products (self->db, *search ? search : NULL,
                                    gtk_toggle_button_get_active (self->archived_button));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_state (self);
}

static void
on_search_changed (CptProductsPage *self)
{
  reload (self);
}

static void
on_activate (CptProductsPage *self,
             guint            position,
             GtkColumnView   *view)
{
  g_autoptr(CptProduct) product = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (product != NULL)
    adw_dialog_present (ADW_DIALOG (cpt_product_dialog_new (self->db, cpt_product_get_id (product))),
                        GTK_WIDGET (self));
}

static void
new_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptProductsPage *self = CPT_PRODUCTS_PAGE (widget);

  adw_dialog_present (ADW_DIALOG (cpt_product_dialog_new (self->db, 0)), widget);
}

static void
on_data_changed (CptProductsPage *self,
                 guint            what)
{
  if (!(what & CPT_CHANGE_PRODUCTS))
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
cpt_products_page_map (GtkWidget *widget)
{
  CptProductsPage *self = CPT_PRODUCTS_PAGE (widget);

  GTK_WIDGET_CLASS (cpt_products_page_parent_class)->map (widget);
  if (self->stale && self->model != NULL)
    {
      self->stale = FALSE;
      cpt_paged_list_reload (self->model);
      update_state (self);
    }
}

static void
cpt_products_page_dispose (GObject *object)
{
  CptProductsPage *self = CPT_PRODUCTS_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PRODUCTS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_products_page_parent_class)->dispose (object);
}

static void
cpt_products_page_class_init (CptProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_products_page_dispose;
  widget_class->map = cpt_products_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-products-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptProductsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptProductsPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, CptProductsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CptProductsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CptProductsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CptProductsPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_install_action (widget_class, "page.new-product", NULL, new_product_action);
}

static void
cpt_products_page_init (CptProductsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_id (column, columns[i].id);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].numeric)
        g_object_set_data (G_OBJECT (column), "cpt-numeric", GINT_TO_POINTER (1));
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  cpt_column_view_align_titles_end (self->column_view);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-archived", self->archived_button, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  cpt_connect_data_changed (self, G_CALLBACK (on_data_changed));
}

CptProductsPage *
cpt_products_page_new (CptDatabase *db)
{
  CptProductsPage *self;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_PRODUCTS_PAGE, NULL);
  self->db = g_object_ref (db);
  reload (self);
  return self;
}

GListModel *
cpt_products_page_get_model (CptProductsPage *self)
{
  g_return_val_if_fail (CPT_IS_PRODUCTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->model);
}

GtkSearchEntry *
cpt_products_page_get_search_entry (CptProductsPage *self)
{
  g_return_val_if_fail (CPT_IS_PRODUCTS_PAGE (self), NULL);

  return self->search_entry;
}
