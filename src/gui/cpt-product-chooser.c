/* cpt-product-chooser.c: choose a product or service for a line. */
#define G_LOG_DOMAIN "cpt-product-chooser"

#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"
#include "cpt-lists.h"
#include "cpt-product.h"
#include "cpt-product-chooser.h"
#include "cpt-product-dialog.h"
#include "cpt-units.h"

struct _CptProductChooser
{
  AdwDialog       parent_instance;

  CptContext     *context;
  CptPagedList   *model;           /* counted and read in threads */

  /* template children */
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListView    *list_view;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (CptProductChooser, cpt_product_chooser, ADW_TYPE_DIALOG)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *price = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (price, "numeric");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), price);
  gtk_list_item_set_child (item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CptProduct *product = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  GtkWidget *price = gtk_widget_get_next_sibling (texts);
  g_autofree char *code = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *text = NULL;

  /* A row still being read in a thread: shown empty. */
  if (product == NULL || cpt_paged_list_is_placeholder (product))
    {
      gtk_label_set_text (GTK_LABEL (name), "");
      gtk_label_set_text (GTK_LABEL (price), "");
      gtk_widget_set_visible (detail, FALSE);
      return;
    }
  g_object_get (product, "code", &code, NULL);
  gtk_label_set_text (GTK_LABEL (name), cpt_product_get_name (product));
  amount = cpt_format_unit_price (cpt_product_get_unit_price (product));
  rate = cpt_format_percent (cpt_product_get_vat_rate (product));
  /* Translators: unit price, per unit, and VAT rate: "85,00 / h · VAT 20 %" */
  text = g_strdup_printf (_("%s / %s · VAT %s"), amount,
                          cpt_unit_label (cpt_product_get_unit (product), cpt_ui_language ()), rate);
  gtk_label_set_text (GTK_LABEL (price), text);
  gtk_label_set_text (GTK_LABEL (detail), code ? code : (cpt_product_get_description (product) ? cpt_product_get_description (product) : ""));
  gtk_widget_set_visible (detail, code != NULL || cpt_product_get_description (product) != NULL);
  gtk_list_item_set_accessible_label (item, cpt_product_get_name (product));
}

/* "No results" only once the count is back: until then the list stays, empty. */
static void
update_stack (CptProductChooser *self)
{
  gboolean empty = self->model != NULL && !cpt_paged_list_is_counting (self->model) &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  if (cpt_list_page_show_error (self->stack, self->model))
    return;
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_counting_changed (CptProductChooser *self)
{
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
drop_model (CptProductChooser *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
}

static void
refresh (CptProductChooser *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GtkSingleSelection) selection = NULL;

  drop_model (self);
  /* Counted and read in threads, as one types: the dialog never holds the main loop. */
  self->model = cpt_lists_products_in_thread (cpt_context_get_database (self->context),
                                              *text ? text : NULL, FALSE);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (on_counting_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_stack), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (*text != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, _("Create it with New: it is then ready for the next documents too."));
    }
}

static void
on_search_changed (CptProductChooser *self)
{
  refresh (self);
}

void
cpt_product_chooser_choose (CptProductChooser *self,
                            guint              position)
{
  g_autoptr(CptProduct) product = NULL;

  g_return_if_fail (CPT_IS_PRODUCT_CHOOSER (self));

  if (self->model == NULL)
    return;
  product = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (product == NULL || cpt_paged_list_is_placeholder (product))
    return;
  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  g_signal_emit (self, signals[CHOSEN], 0, cpt_product_get_id (product));
  g_object_unref (self);
}

static void
on_activate (CptProductChooser *self,
             guint              position)
{
  cpt_product_chooser_choose (self, position);
}

static void
on_search_activate (CptProductChooser *self)
{
  cpt_product_chooser_choose (self, 0);
}

static void
on_product_created (CptProductDialog  *dialog,
                    gint64             product_id,
                    CptProductChooser *self)
{
  g_signal_emit (self, signals[CHOSEN], 0, product_id);
}

static void
on_new_clicked (CptProductChooser *self)
{
  CptProductDialog *dialog = cpt_product_dialog_new (self->context, 0);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (*text != '\0')
    cpt_product_dialog_set_name (dialog, text);
  /* The new product goes onto the line: the product dialog keeps this chooser (closed, so
   * otherwise freed) alive until it is saved or cancelled, to say which was chosen. */
  g_signal_connect_data (dialog, "saved", G_CALLBACK (on_product_created), g_object_ref (self),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  /* The new product's dialog takes this one's place. */
  g_object_ref (self);
  adw_dialog_close (ADW_DIALOG (self));
  adw_dialog_present (ADW_DIALOG (dialog), parent);
  g_object_unref (self);
}

static void
cpt_product_chooser_dispose (GObject *object)
{
  CptProductChooser *self = CPT_PRODUCT_CHOOSER (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PRODUCT_CHOOSER);
  drop_model (self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_product_chooser_parent_class)->dispose (object);
}

static void
cpt_product_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CptProductChooser *self = CPT_PRODUCT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->model != NULL && cpt_paged_list_is_counting (self->model));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_product_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CptProductChooser *self = CPT_PRODUCT_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_product_chooser_class_init (CptProductChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_product_chooser_get_property;
  object_class->set_property = cpt_product_chooser_set_property;
  object_class->dispose = cpt_product_chooser_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* TRUE while the products found are being counted, in a thread. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-product-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, CptProductChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptProductChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, CptProductChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, CptProductChooser, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
}

static void
cpt_product_chooser_init (CptProductChooser *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

CptProductChooser *
cpt_product_chooser_new (CptContext *context)
{
  CptProductChooser *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_PRODUCT_CHOOSER, "context", context, NULL);
  refresh (self);
  adw_dialog_set_focus (ADW_DIALOG (self), GTK_WIDGET (self->search_entry));
  return self;
}

GtkSearchEntry *
cpt_product_chooser_get_search_entry (CptProductChooser *self)
{
  g_return_val_if_fail (CPT_IS_PRODUCT_CHOOSER (self), NULL);

  return self->search_entry;
}
