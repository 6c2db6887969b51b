/* cpt-products-page.c: products and services (the Factomos "prestations"). */
#define G_LOG_DOMAIN "cpt-products-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-text-cell.h"
#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"
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

static const CptListColumn columns[N_COLUMNS] = {
  { "code", N_("Code"), FALSE, FALSE, 0, 8 },
  { "name", N_("Name"), TRUE, FALSE, 0, 30 },
  { "type", N_("Type"), FALSE, FALSE, 0, 8 },
  { "unit", N_("Unit"), FALSE, FALSE, 0, 8 },
  { "price", N_("Unit Price"), FALSE, TRUE, 0, 8 },
  { "vat", N_("VAT"), FALSE, TRUE, 0, 8 },
  { "account", N_("Account"), FALSE, FALSE, 0, 8 },
};

static const CptListEmptyState empty_state = {
  "cpt-product-symbolic",
  N_("No Products or Services"),
  N_("What you sell, with its unit, price and VAT rate, ready to add to quotes and invoices."),
  N_("No product or service matches the search."),
};

struct _CptProductsPage
{
  AdwNavigationPage parent_instance;

  CptContext      *context;
  CptDatabase     *db;              /* the context's */
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

G_DEFINE_FINAL_TYPE (CptProductsPage, cpt_products_page, ADW_TYPE_NAVIGATION_PAGE)

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

  /* A row not read yet: empty, not a service at 0,00 €. */
  if (product == NULL || cpt_paged_list_is_placeholder (product))
    {
      cpt_text_cell_set_text (CPT_TEXT_CELL (cell), "");
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
  /* Never NULL: screen readers read an empty cell's text, and GTK fails on a NULL one. */
  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), text != NULL ? text : "");
}

static void
update_state (CptProductsPage *self)
{
  guint n = self->list.shown ? g_list_model_get_n_items (G_LIST_MODEL (self->list.shown)) : 0;
  /* While a thread counts, the list is not known to be empty: no empty state meanwhile. */
  gboolean counting = cpt_list_swap_is_counting (&self->list);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *number = cpt_format_count (n);
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%s product or service",
                                                          "%s products and services", n), number);

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
reload (CptProductsPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean archived = gtk_toggle_button_get_active (self->archived_button);

  if (self->db == NULL)
    return;
  cpt_list_swap_set_next (&self->list, cpt_lists_products_in_thread (self->db, *search ? search : NULL, archived));
}

/* After a change: the same query read again, keeping the search and the scroll position. */
static void
refresh (CptProductsPage *self)
{
  cpt_list_swap_refresh (&self->list);
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
  g_autoptr(CptProduct) product = g_list_model_get_item (G_LIST_MODEL (self->list.shown), position);

  /* A row whose page is not read yet shows nothing and is not acted on. */
  if (product != NULL && cpt_paged_list_is_placeholder (product))
    return;
  if (product != NULL)
    adw_dialog_present (ADW_DIALOG (cpt_product_dialog_new (self->context, cpt_product_get_id (product))),
                        GTK_WIDGET (self));
}

static void
new_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptProductsPage *self = CPT_PRODUCTS_PAGE (widget);

  adw_dialog_present (ADW_DIALOG (cpt_product_dialog_new (self->context, 0)), widget);
}

static void
cpt_products_page_dispose (GObject *object)
{
  CptProductsPage *self = CPT_PRODUCTS_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  cpt_list_swap_clear (&self->list);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PRODUCTS_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_products_page_parent_class)->dispose (object);
}

static void
cpt_products_page_class_init (CptProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_products_page_dispose;

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
  cpt_list_swap_init (&self->list, self->column_view, G_CALLBACK (update_state), self);

  for (guint i = 0; i < N_COLUMNS; i++)
    cpt_list_page_append_column (self->column_view, &columns[i], G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
  cpt_column_view_align_titles_end (self->column_view);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-archived", self->archived_button, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

CptProductsPage *
cpt_products_page_new (CptContext *context)
{
  CptProductsPage *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_PRODUCTS_PAGE, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (cpt_context_get_database (context));
  cpt_list_page_reload_on_change (GTK_WIDGET (self), context, CPT_CHANGE_PRODUCTS, (CptListPageReloadFunc) refresh);
  reload (self);
  return self;
}

GListModel *
cpt_products_page_get_model (CptProductsPage *self)
{
  g_return_val_if_fail (CPT_IS_PRODUCTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->list.shown);
}

GtkSearchEntry *
cpt_products_page_get_search_entry (CptProductsPage *self)
{
  g_return_val_if_fail (CPT_IS_PRODUCTS_PAGE (self), NULL);

  return self->search_entry;
}
