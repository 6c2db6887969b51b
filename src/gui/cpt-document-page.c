/* cpt-document-page.c: a document: its editor while a draft, read-only once validated, with
 * its printable preview beside it, its lines edited in place, its totals and VAT breakdown
 * updated as one types, and the actions of its life (validate, credit, final invoice...). */
#define G_LOG_DOMAIN "cpt-document-page"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client.h"
#include "cpt-client-picker.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-document-extras.h"
#include "cpt-document-query.h"
#include "cpt-document-page.h"
#include "cpt-document-page-private.h"
#include "cpt-documents.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-money.h"
#include "cpt-payments.h"
#include "cpt-preview-pane.h"
#include "cpt-product.h"
#include "cpt-product-chooser.h"
#include "cpt-product-dialog.h"
#include "cpt-quote-invoice-dialog.h"
#include "cpt-series.h"
#include "cpt-units.h"

struct _CptDocumentPage
{
  AdwNavigationPage   parent_instance;

  CptDatabase        *db;
  gint64              id;
  CptDocument        *document;
  GListStore         *lines;           /* CptDocumentLine; new lines have id 0 until saved */
  GtkSingleSelection *selection;
  GHashTable         *dirty;           /* CptDocumentLine -> itself, lines to save */
  GPtrArray          *actions;         /* CptAction of the model layer */
  CptDocumentTotals   totals;
  gint64              paid;            /* allocated payments, validated invoices */
  gint64              credited;
  gboolean            has_balance;
  gint64              balance;
  gint64              default_vat;
  char               *default_exemption;
  gboolean            read_only;
  gboolean            loading;
  gboolean            hidden;         /* went out of sight (another page on top) */
  gboolean            show_discounts;
  guint               save_source;
  guint               header_source;
  CptPreviewPane     *preview;

  /* template children */
  AdwWindowTitle     *window_title;
  AdwBanner          *banner;
  GtkWidget          *validate_button;
  GtkButton          *next_step_button;
  GtkWidget          *print_button;
  GtkMenuButton      *actions_button;
  GtkBox             *actions_box;
  AdwOverlaySplitView *split_view;
  AdwBin             *preview_bin;
  AdwPreferencesGroup *details_group;
  AdwActionRow       *client_row;
  CptClientPicker    *client_picker;
  AdwEntryRow        *title_row;
  AdwEntryRow        *date_row;
  AdwEntryRow        *due_row;
  AdwEntryRow        *terms_row;
  AdwEntryRow        *notes_row;
  GtkWidget          *add_button;
  GtkStack           *lines_stack;
  GtkColumnView      *lines_view;
  GtkWidget          *deposits_box;
  GtkListBox         *deposits_list;
  GtkMenuButton      *attach_button;
  GtkLabel           *attach_empty_label;
  GtkListBox         *attach_list;
  GtkGrid            *totals_grid;
  AdwPreferencesGroup *payments_group;
  AdwPreferencesGroup *related_group;
  AdwPreferencesGroup *history_group;
};

G_DEFINE_FINAL_TYPE (CptDocumentPage, cpt_document_page, ADW_TYPE_NAVIGATION_PAGE)

static void reload (CptDocumentPage *self);
static void reload_lines (CptDocumentPage *self, gint64 select_line_id);
static void update_totals (CptDocumentPage *self);
static void save_dirty_lines (CptDocumentPage *self);
static void flush_header (CptDocumentPage *self);

static const char *
kind (CptDocumentPage *self)
{
  return self->document ? cpt_document_get_kind (self->document) : NULL;
}

static gboolean
is_kind (CptDocumentPage *self,
         const char      *name)
{
  return g_strcmp0 (kind (self), name) == 0;
}

static char *
document_name (CptDocument *document)
{
  if (cpt_document_get_number (document) != NULL)
    return g_strdup (cpt_document_get_number (document));
  /* Translators: a document without a number yet: its kind, e.g. "Invoice (draft)" */
  return g_strdup_printf (_("%s (draft)"), cpt_kind_label (cpt_document_get_kind (document)));
}

static const CptAction *
find_action (CptDocumentPage *self,
             const char      *name)
{
  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      const CptAction *action = g_ptr_array_index (self->actions, i);

      if (g_strcmp0 (action->name, name) == 0)
        return action;
    }
  return NULL;
}

static gboolean
allowed (CptDocumentPage *self,
         const char      *name)
{
  const CptAction *action = find_action (self, name);

  return action != NULL && action->allowed;
}

static void
changed (CptDocumentPage *self,
         guint            what)
{
  cpt_notify_changed (GTK_WIDGET (self), what);
}

static void
show_error (CptDocumentPage *self,
            const char      *heading,
            const GError    *error)
{
  cpt_show_error (GTK_WIDGET (self), heading, error);
}

/* ---------------------------------------------------------------- the lines */

static CptDocumentLine *
line_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "cpt-line");
}

static gboolean
line_is_item (CptDocumentLine *line)
{
  return g_strcmp0 (cpt_document_line_get_kind (line), "item") == 0;
}

static void
mark_dirty (CptDocumentPage *self,
            CptDocumentLine *line)
{
  if (self->loading || self->read_only)
    return;
  g_hash_table_add (self->dirty, g_object_ref (line));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add_once (600, (GSourceOnceFunc) save_dirty_lines, self);
}

static void
set_entry_error (GtkWidget    *entry,
                 const GError *error)
{
  if (error != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, error->message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* A text view in a list measures its height only after a first layout, too late for the
 * row it is in: its height is asked for from the start, from the text and the width. */
static void
fit_description_height (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  PangoLayout *layout;
  int width = gtk_widget_get_width (view);
  int height = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  layout = gtk_widget_create_pango_layout (view, *text != '\0' ? text : "M");
  /* Before its first allocation, a narrow guess: a taller row rather than cut text. */
  if (width <= 0)
    width = 180;
  pango_layout_set_width (layout, MAX (width - 12, 60) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);
  gtk_widget_set_size_request (view, 140, height + 12);
}

static void
refit_later (GtkWidget *view)
{
  fit_description_height (view);
  g_object_unref (view);
}

/* Descriptions: several lines of text (a product's name, then its description). */
static void
on_description_changed (GtkTextBuffer   *buffer,
                        CptDocumentPage *self)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (buffer), "cpt-view");

  fit_description_height (view);
  CptDocumentLine *line = line_of (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (line == NULL || self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_object_set (line, "description", text, NULL);
  mark_dirty (self, line);
}

typedef enum
{
  FIELD_QUANTITY,
  FIELD_UNIT,
  FIELD_PRICE,
  FIELD_DISCOUNT,
} Field;

static void
on_field_changed (GtkEditable     *entry,
                  CptDocumentPage *self)
{
  CptDocumentLine *line = line_of (GTK_WIDGET (entry));
  Field field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "cpt-field"));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  if (line == NULL || self->loading)
    return;
  switch (field)
    {
    case FIELD_QUANTITY:
      if (cpt_quantity_parse (text, &value, &error))
        g_object_set (line, "quantity", value, NULL);
      break;

    case FIELD_UNIT:
      {
        const char *code = *text == '\0' ? "C62" : cpt_unit_code_for (text, &error);
        if (code != NULL)
          g_object_set (line, "unit", code, NULL);
      }
      break;

    case FIELD_PRICE:
      if (*text == '\0' || cpt_unit_price_parse (text, &value, &error))
        {
          if (value < 0)
            g_set_error (&error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_RANGE,
                         _("A unit price cannot be negative; to take something off, use a discount or a negative quantity"));
          else
            g_object_set (line, "unit-price", value, NULL);
        }
      break;

    case FIELD_DISCOUNT:
    default:
      if (*text == '\0' || cpt_percent_parse (text, &value, &error))
        g_object_set (line, "discount-percent", value, NULL);
      break;
    }
  set_entry_error (GTK_WIDGET (entry), error);
  if (error == NULL)
    {
      update_totals (self);
      mark_dirty (self, line);
    }
}

static char *field_text (CptDocumentLine *line, Field field);

/* Leaving a field shows what was kept the way it is printed ("45" becomes "45.00"); a
 * field in error keeps what was typed, to be corrected. */
static void
on_field_left (GtkEventControllerFocus *focus,
               CptDocumentPage         *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  CptDocumentLine *line = line_of (entry);
  Field field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "cpt-field"));
  g_autofree char *text = NULL;
  gboolean was_loading = self->loading;

  if (line == NULL || gtk_widget_has_css_class (entry, "error"))
    return;
  text = field_text (line, field);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (entry))) == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  self->loading = was_loading;
}

static void
on_vat_selected (GtkDropDown     *dropdown,
                 GParamSpec      *pspec,
                 CptDocumentPage *self)
{
  CptDocumentLine *line = line_of (GTK_WIDGET (dropdown));
  guint position = gtk_drop_down_get_selected (dropdown);

  if (line == NULL || self->loading || position >= G_N_ELEMENTS (cpt_vat_rates))
    return;
  if (cpt_document_line_get_vat_rate (line) == cpt_vat_rates[position])
    return;
  g_object_set (line, "vat-rate", cpt_vat_rates[position],
                "exemption-code", cpt_vat_rates[position] == 0 ? self->default_exemption : NULL, NULL);
  update_totals (self);
  mark_dirty (self, line);
}

static void
setup_handle (GtkSignalListItemFactory *factory,
              GtkColumnViewCell        *cell,
              CptDocumentPage          *self);

/* The columns of the lines, in the order shown. */
typedef enum
{
  LINE_COLUMN_HANDLE,
  LINE_COLUMN_DESCRIPTION,
  LINE_COLUMN_QUANTITY,
  LINE_COLUMN_UNIT,
  LINE_COLUMN_PRICE,
  LINE_COLUMN_DISCOUNT,
  LINE_COLUMN_VAT,
  LINE_COLUMN_NET,
  LINE_COLUMN_MENU,
  N_LINE_COLUMNS
} LineColumn;

/* A column of the lines; its factory carries it as "cpt-column". */
typedef struct
{
  const char *id;
  const char *title;          /* N_(); NULL: no title */
  GCallback   setup;          /* makes the cell's widget */
  gboolean    expand;
  int         fixed_width;    /* pixels; 0: as wide as the cells */
  gboolean    numeric;        /* figures: right-aligned, the title too */
  /* Cells that are entries (quantity, unit, price, discount): */
  Field       field;
  int         width_chars;
  const char *label;          /* N_(): the entry's accessible label */
} LineColumnInfo;

static void
setup_description (GtkSignalListItemFactory *factory,
                   GtkColumnViewCell        *cell,
                   CptDocumentPage          *self)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_add_css_class (view, "inline-text");
  gtk_widget_set_valign (view, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_size_request (view, 140, -1);
  g_object_set_data (G_OBJECT (buffer), "cpt-view", view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_description_changed), self, 0);
  gtk_column_view_cell_set_child (cell, view);
}

static GtkWidget *
new_field_entry (CptDocumentPage *self,
                 Field            field,
                 int              width_chars,
                 gboolean         numeric)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus;

  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width_chars);
  if (numeric)
    {
      gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
      gtk_widget_add_css_class (entry, "numeric");
    }
  gtk_widget_add_css_class (entry, "inline-entry");
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (entry), "cpt-field", GINT_TO_POINTER (field));
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_field_changed), self, 0);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_field_left), self, 0);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
setup_entry (GtkSignalListItemFactory *factory,
             GtkColumnViewCell        *cell,
             CptDocumentPage          *self)
{
  const LineColumnInfo *info = g_object_get_data (G_OBJECT (factory), "cpt-column");

  gtk_column_view_cell_set_child (cell, new_field_entry (self, info->field, info->width_chars, info->numeric));
}

static void
setup_vat (GtkSignalListItemFactory *factory,
           GtkColumnViewCell        *cell,
           CptDocumentPage          *self)
{
  g_autoptr(GListModel) rates = cpt_vat_rates_model ();
  GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (rates), NULL);

  gtk_widget_add_css_class (dropdown, "flat");
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_vat_selected), self, 0);
  gtk_column_view_cell_set_child (cell, dropdown);
}

static void
setup_net (GtkSignalListItemFactory *factory,
           GtkColumnViewCell        *cell,
           CptDocumentPage          *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_margin_end (label, 6);
  gtk_column_view_cell_set_child (cell, label);
}

static void
setup_menu (GtkSignalListItemFactory *factory,
            GtkColumnViewCell        *cell,
            CptDocumentPage          *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Line Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Line Actions"), -1);
  gtk_column_view_cell_set_child (cell, button);
}

static const LineColumnInfo line_columns[N_LINE_COLUMNS] = {
  [LINE_COLUMN_HANDLE] = { .id = "handle", .setup = G_CALLBACK (setup_handle), .fixed_width = 28 },
  [LINE_COLUMN_DESCRIPTION] = { .id = "description", .title = N_("Description"),
                                .setup = G_CALLBACK (setup_description), .expand = TRUE },
  [LINE_COLUMN_QUANTITY] = { .id = "quantity", .title = N_("Qty"), .setup = G_CALLBACK (setup_entry),
                             .numeric = TRUE, .field = FIELD_QUANTITY, .width_chars = 5,
                             .label = N_("Quantity") },
  [LINE_COLUMN_UNIT] = { .id = "unit", .title = N_("Unit"), .setup = G_CALLBACK (setup_entry),
                         .field = FIELD_UNIT, .width_chars = 5, .label = N_("Unit") },
  [LINE_COLUMN_PRICE] = { .id = "price", .title = N_("Unit Price"), .setup = G_CALLBACK (setup_entry),
                          .numeric = TRUE, .field = FIELD_PRICE, .width_chars = 8,
                          .label = N_("Unit price") },
  [LINE_COLUMN_DISCOUNT] = { .id = "discount", .title = N_("Disc. %"), .setup = G_CALLBACK (setup_entry),
                             .numeric = TRUE, .field = FIELD_DISCOUNT, .width_chars = 4,
                             .label = N_("Discount in percent") },
  [LINE_COLUMN_VAT] = { .id = "vat", .title = N_("VAT"), .setup = G_CALLBACK (setup_vat) },
  [LINE_COLUMN_NET] = { .id = "net", .title = N_("Net"), .setup = G_CALLBACK (setup_net),
                        .numeric = TRUE, .fixed_width = 100 },
  [LINE_COLUMN_MENU] = { .id = "menu", .setup = G_CALLBACK (setup_menu), .fixed_width = 40 },
};

static void
update_net_label (CptDocumentLine *line,
                  GParamSpec      *pspec,
                  GtkLabel        *label)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (cpt_document_line_get_kind (line), "text") != 0)
    text = cpt_format_money (cpt_document_line_get_net (line), NULL);
  gtk_label_set_text (label, text ? text : "");
  if (g_strcmp0 (cpt_document_line_get_kind (line), "subtotal") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
}

/* The text of an entry, as its line holds it. */
static char *
field_text (CptDocumentLine *line,
            Field            field)
{
  switch (field)
    {
    case FIELD_QUANTITY:
      return cpt_format_quantity (cpt_document_line_get_quantity (line));

    case FIELD_UNIT:
      return g_strdup (cpt_unit_label (cpt_document_line_get_unit (line) ? cpt_document_line_get_unit (line) : "C62",
                                       cpt_ui_language ()));

    case FIELD_PRICE:
      return cpt_format_unit_price (cpt_document_line_get_unit_price (line));

    case FIELD_DISCOUNT:
    default:
      {
        gint64 discount = cpt_document_line_get_discount_percent (line);

        return discount != 0 ? cpt_decimal_format (discount, 2, 0, cpt_ui_language ()) : g_strdup ("");
      }
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkColumnViewCell        *cell,
           CptDocumentPage          *self)
{
  CptDocumentLine *line = gtk_column_view_cell_get_item (cell);
  GtkWidget *child = gtk_column_view_cell_get_child (cell);
  const LineColumnInfo *info = g_object_get_data (G_OBJECT (factory), "cpt-column");
  const char *line_kind = cpt_document_line_get_kind (line);
  gboolean item = line_is_item (line);
  gboolean editable = !self->read_only && g_strcmp0 (line_kind, "deposit") != 0;
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  g_object_set_data (G_OBJECT (child), "cpt-line", line);

  switch ((LineColumn) (info - line_columns))
    {
    case LINE_COLUMN_DESCRIPTION:
      {
        const char *text = cpt_document_line_get_description (line);

        if (g_strcmp0 (line_kind, "subtotal") == 0)
          text = _("Subtotal");
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child)), text ? text : "", -1);
        fit_description_height (child);
        if (gtk_widget_get_width (child) <= 0)
          g_timeout_add_once (100, (GSourceOnceFunc) refit_later, g_object_ref (child));
        gtk_text_view_set_editable (GTK_TEXT_VIEW (child), editable && g_strcmp0 (line_kind, "subtotal") != 0);
        gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (child), editable && g_strcmp0 (line_kind, "subtotal") != 0);
        gtk_widget_set_focusable (child, editable && g_strcmp0 (line_kind, "subtotal") != 0);
        if (g_strcmp0 (line_kind, "text") == 0)
          gtk_widget_add_css_class (child, "text-line");
        else
          gtk_widget_remove_css_class (child, "text-line");
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Description"), -1);
      }
      break;

    case LINE_COLUMN_QUANTITY:
    case LINE_COLUMN_UNIT:
    case LINE_COLUMN_PRICE:
    case LINE_COLUMN_DISCOUNT:
      {
        g_autofree char *text = field_text (line, info->field);

        gtk_editable_set_text (GTK_EDITABLE (child), text);
        gtk_editable_set_editable (GTK_EDITABLE (child), editable && item);
        gtk_widget_set_can_focus (child, editable && item);
        gtk_widget_set_visible (child, item);
        set_entry_error (child, NULL);
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->label), -1);
      }
      break;

    case LINE_COLUMN_VAT:
      gtk_drop_down_set_selected (GTK_DROP_DOWN (child), cpt_vat_rate_position (cpt_document_line_get_vat_rate (line)));
      gtk_widget_set_visible (child, item);
      /* Read-only, the rate reads as text rather than as a greyed-out button. */
      gtk_widget_set_can_target (child, editable);
      gtk_widget_set_focusable (child, editable);
      if (editable)
        gtk_widget_remove_css_class (child, "read-only");
      else
        gtk_widget_add_css_class (child, "read-only");
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("VAT rate"), -1);
      break;

    case LINE_COLUMN_NET:
      update_net_label (line, NULL, GTK_LABEL (child));
      g_signal_connect_object (line, "notify::net", G_CALLBACK (update_net_label), child, 0);
      break;

    case LINE_COLUMN_MENU:
      {
        g_autoptr(GMenu) menu = g_menu_new ();
        g_autoptr(GMenu) section = g_menu_new ();
        guint position = gtk_column_view_cell_get_position (cell);
        g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
        g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);
        g_autoptr(GMenuItem) product = g_menu_item_new (_("_Create Product from Line…"), NULL);
        g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove"), NULL);

        g_menu_item_set_action_and_target_value (up, "lines.move-up-at", g_variant_new_uint32 (position));
        g_menu_item_set_action_and_target_value (down, "lines.move-down-at", g_variant_new_uint32 (position));
        g_menu_item_set_action_and_target_value (product, "lines.create-product-at", g_variant_new_uint32 (position));
        g_menu_item_set_action_and_target_value (remove, "lines.remove-at", g_variant_new_uint32 (position));
        g_menu_append_item (menu, up);
        g_menu_append_item (menu, down);
        if (item)
          g_menu_append_item (section, product);
        g_menu_append_item (section, remove);
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (child), G_MENU_MODEL (menu));
        gtk_widget_set_visible (child, editable);
      }
      break;

    case LINE_COLUMN_HANDLE:
      gtk_widget_set_visible (child, editable);
      break;

    case N_LINE_COLUMNS:
    default:
      break;
    }
  self->loading = was_loading;
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkColumnViewCell        *cell,
             CptDocumentPage          *self)
{
  CptDocumentLine *line = gtk_column_view_cell_get_item (cell);
  GtkWidget *child = gtk_column_view_cell_get_child (cell);
  const LineColumnInfo *info = g_object_get_data (G_OBJECT (factory), "cpt-column");

  if (child == NULL)
    return;
  if (info == &line_columns[LINE_COLUMN_NET] && line != NULL)
    g_signal_handlers_disconnect_by_func (line, update_net_label, child);
  g_object_set_data (G_OBJECT (child), "cpt-line", NULL);
}

/* ---------------------------------------------------------------- drag and drop */

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  CptDocumentLine *line = line_of (handle);
  GValue value = G_VALUE_INIT;
  GdkContentProvider *provider;

  if (line == NULL || cpt_document_line_get_id (line) == 0)
    return NULL;
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, cpt_document_line_get_id (line));
  provider = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);
  return provider;
}

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (handle);

  gtk_drag_source_set_icon (source, paintable, 8, 8);
}

static void move_line_to (CptDocumentPage *self, CptDocumentLine *line, guint position);

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (user_data);
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CptDocumentLine *onto = line_of (widget);
  gint64 dragged_id = g_value_get_int64 (value);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  if (onto == NULL || self->read_only)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (cpt_document_line_get_id (line) == dragged_id)
        {
          guint target_position = 0;

          for (guint j = 0; j < n; j++)
            {
              g_autoptr(CptDocumentLine) other = g_list_model_get_item (G_LIST_MODEL (self->lines), j);
              if (other == onto)
                target_position = j;
            }
          move_line_to (self, line, target_position);
          return TRUE;
        }
    }
  return FALSE;
}

static void
setup_handle (GtkSignalListItemFactory *factory,
              GtkColumnViewCell        *cell,
              CptDocumentPage          *self)
{
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_widget_add_css_class (handle, "drag-handle");
  /* The keyboard moves lines with Alt+Up and Alt+Down; the handle is for the pointer. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drag to move the line (Alt+Up and Alt+Down from the keyboard)"), -1);
  gtk_widget_set_tooltip_text (handle, _("Drag to move the line (Alt+Up and Alt+Down from the keyboard)"));
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), NULL);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), NULL);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
  gtk_column_view_cell_set_child (cell, handle);
}

/* Every cell accepts a line dropped on it: the line goes to that row's place. */
static void
add_drop_target (GtkColumnViewCell *cell,
                 CptDocumentPage   *self)
{
  GtkWidget *child = gtk_column_view_cell_get_child (cell);
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (target));
}

static void
setup_cell_with_drop (GtkSignalListItemFactory *factory,
                      GtkColumnViewCell        *cell,
                      CptDocumentPage          *self)
{
  add_drop_target (cell, self);
}

static void
add_column (CptDocumentPage      *self,
            const LineColumnInfo *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "cpt-column", (gpointer) info);
  g_signal_connect_object (factory, "setup", info->setup, self, 0);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell_with_drop), self, G_CONNECT_AFTER);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell), self, 0);
  column = gtk_column_view_column_new (info->title != NULL ? _(info->title) : "", factory);
  gtk_column_view_column_set_id (column, info->id);
  gtk_column_view_column_set_expand (column, info->expand);
  if (info->fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, info->fixed_width);
  /* For cpt_column_view_align_titles_end (). */
  if (info->numeric)
    g_object_set_data (G_OBJECT (column), "cpt-numeric", GINT_TO_POINTER (1));
  gtk_column_view_append_column (self->lines_view, column);
  g_object_unref (column);
}

/* ---------------------------------------------------------------- totals */

static void
add_total_row (CptDocumentPage *self,
               int              row,
               const char      *label,
               gint64           amount,
               gboolean         strong)
{
  GtkWidget *name = gtk_label_new (label);
  g_autofree char *text = cpt_format_money (amount, self->document ? cpt_document_get_currency (self->document) : NULL);
  GtkWidget *value = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_focusable (value, FALSE);
  if (strong)
    {
      gtk_widget_add_css_class (name, "heading");
      gtk_widget_add_css_class (value, "heading");
    }
  else
    gtk_widget_add_css_class (name, "dim-label");
  gtk_grid_attach (self->totals_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->totals_grid, value, 1, row, 1, 1);
}

/* The discount column shows when a line has a discount, or when asked for. */
static void
update_discount_column (CptDocumentPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->lines_view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  gboolean any = self->show_discounts;

  for (guint i = 0; i < n && !any; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      any = cpt_document_line_get_discount_percent (line) != 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_id (column), "discount") == 0)
        gtk_column_view_column_set_visible (column, any);
    }
}

static void
show_discounts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  self->show_discounts = TRUE;
  update_discount_column (self);
}

static void
update_totals (CptDocumentPage *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  int row = 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (lines, g_list_model_get_item (G_LIST_MODEL (self->lines), i));
  cpt_document_totals_clear (&self->totals);
  memset (&self->totals, 0, sizeof self->totals);
  if (!cpt_documents_compute_totals (lines, &self->totals, NULL))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_grid))) != NULL)
    gtk_grid_remove (self->totals_grid, child);

  add_total_row (self, row++, _("Total without VAT"), self->totals.total_net, FALSE);
  for (guint i = 0; self->totals.vat != NULL && i < self->totals.vat->len; i++)
    {
      const CptVatEntry *entry = &g_array_index (self->totals.vat, CptVatEntry, i);
      g_autofree char *rate = cpt_format_percent (entry->rate);
      g_autofree char *base = cpt_format_money (entry->base, NULL);
      /* Translators: one line of the VAT breakdown: rate and taxable amount */
      g_autofree char *label = g_strdup_printf (_("VAT %s on %s"), rate, base);

      add_total_row (self, row++, label, entry->vat, FALSE);
    }
  add_total_row (self, row++, _("Total with VAT"), self->totals.total_gross, self->totals.deposits_gross == 0 && !self->has_balance);
  if (self->totals.deposits_gross != 0)
    {
      add_total_row (self, row++, _("Deposits deducted"), -self->totals.deposits_gross, FALSE);
      /* What a credit note of a balance invoice gives back is not "due" by the client. */
      add_total_row (self, row++, is_kind (self, "credit_note") ? _("Amount credited") : _("Amount due"),
                     self->totals.amount_due, !self->has_balance);
    }
  if (self->has_balance)
    {
      if (self->credited != 0)
        add_total_row (self, row++, _("Credited"), -self->credited, FALSE);
      add_total_row (self, row++, _("Paid"), -self->paid, FALSE);
      add_total_row (self, row++, _("Left to pay"), self->balance, TRUE);
    }
}

/* ---------------------------------------------------------------- saving */

static void
reload_header_after_save (CptDocumentPage *self)
{
  g_autoptr(CptDocument) document = cpt_documents_load (self->db, self->id, NULL);

  if (document != NULL)
    g_set_object (&self->document, document);
  if (self->preview != NULL)
    cpt_preview_pane_queue_refresh (self->preview);
  changed (self, CPT_CHANGE_DOCUMENTS);
}

static guint
position_of (CptDocumentPage *self,
             CptDocumentLine *line)
{
  guint position = 0;

  if (g_list_store_find (self->lines, line, &position))
    return position;
  return G_MAXUINT;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  CptDocumentPage *self = user_data;
  guint pa = position_of (self, *(CptDocumentLine **) a);
  guint pb = position_of (self, *(CptDocumentLine **) b);

  return pa < pb ? -1 : pa > pb;
}

static void
save_dirty_lines (CptDocumentPage *self)
{
  GHashTableIter iter;
  gpointer key;
  gboolean saved = FALSE;
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  self->save_source = 0;
  /* In the order they are shown: a new line is inserted at its position, which only exists
   * once the lines above it are stored (a hash table's order once put the third line second). */
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (pending, key);
  g_ptr_array_sort_with_data (pending, compare_positions, self);
  for (guint i = 0; i < pending->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (pending, i);
      g_autoptr(GError) error = NULL;
      guint position = position_of (self, line);
      const char *description = cpt_document_line_get_description (line);
      gboolean ok;

      if (position == G_MAXUINT)
        {
          g_ptr_array_add (done, line);
          continue;
        }
      /* A new line waits for its description before it can be stored. */
      if (cpt_document_line_get_id (line) == 0)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (description ? description : ""));

          if (g_strcmp0 (cpt_document_line_get_kind (line), "subtotal") != 0 && *stripped == '\0')
            continue;
          g_object_set (line, "position", (gint64) position + 1, NULL);
          ok = cpt_documents_add_line (self->db, self->id, line, &error);
        }
      else
        ok = cpt_documents_update_line (self->db, line, &error);

      if (!ok)
        {
          /* Translators: %u is the line's number, %s why it could not be saved */
          g_autofree char *message = g_strdup_printf (_("Line %u: %s"), position + 1, error->message);
          cpt_toast (GTK_WIDGET (self), message);
        }
      else
        saved = TRUE;
      g_ptr_array_add (done, line);
    }
  for (guint i = 0; i < done->len; i++)
    g_hash_table_remove (self->dirty, g_ptr_array_index (done, i));
  if (saved)
    reload_header_after_save (self);
}

static void
flush_lines (CptDocumentPage *self)
{
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_dirty_lines (self);
    }
}

static gboolean
parse_date_row (AdwEntryRow *row,
                char       **out_iso)
{
  g_autofree char *text = cpt_entry_row_dup_text (row);
  g_autoptr(GError) error = NULL;

  *out_iso = NULL;
  if (text == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      return TRUE;
    }
  *out_iso = cpt_parse_date (text, &error);
  if (*out_iso == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  return TRUE;
}

static void
save_header (CptDocumentPage *self)
{
  g_autofree char *date = NULL, *due = NULL;
  g_autofree char *title = cpt_entry_row_dup_text (self->title_row);
  g_autofree char *terms = cpt_entry_row_dup_text (self->terms_row);
  g_autofree char *notes = cpt_entry_row_dup_text (self->notes_row);
  g_autoptr(GError) error = NULL;

  self->header_source = 0;
  if (self->read_only || self->document == NULL)
    return;
  if (!parse_date_row (self->date_row, &date) || !parse_date_row (self->due_row, &due) || date == NULL)
    return;
  g_object_set (self->document, "title", title, "date", date, "notes", notes, NULL);
  if (is_kind (self, "quote"))
    g_object_set (self->document, "valid-until", due, NULL);
  else if (!is_kind (self, "credit_note"))
    g_object_set (self->document, "due-date", due, "payment-terms", terms, NULL);
  if (!cpt_documents_update (self->db, self->document, &error))
    {
      cpt_toast (GTK_WIDGET (self), error->message);
      return;
    }
  reload_header_after_save (self);
  adw_window_title_set_subtitle (self->window_title, cpt_document_get_client_name (self->document));
}

static void
flush_header (CptDocumentPage *self)
{
  if (self->header_source != 0)
    {
      g_clear_handle_id (&self->header_source, g_source_remove);
      save_header (self);
    }
}

static void
on_header_changed (CptDocumentPage *self)
{
  if (self->loading || self->read_only)
    return;
  g_clear_handle_id (&self->header_source, g_source_remove);
  self->header_source = g_timeout_add_once (700, (GSourceOnceFunc) save_header, self);
}

static void
on_client_changed (CptDocumentPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = cpt_client_picker_get_client_id (self->client_picker);

  if (self->loading || self->read_only || client_id == 0 ||
      client_id == cpt_document_get_client_id (self->document))
    return;
  flush_header (self);
  if (!cpt_documents_set_client (self->db, self->id, client_id, &error))
    {
      show_error (self, _("Could not change the client"), error);
      self->loading = TRUE;
      cpt_client_picker_set_client_id (self->client_picker, cpt_document_get_client_id (self->document));
      self->loading = FALSE;
      return;
    }
  reload_header_after_save (self);
  adw_window_title_set_subtitle (self->window_title, cpt_document_get_client_name (self->document));
}

/* ---------------------------------------------------------------- lines: add, move, remove */

typedef struct
{
  CptDocumentLine *line;
  guint            frames_left;
} FocusRequest;

static void
focus_request_free (FocusRequest *request)
{
  g_object_unref (request->line);
  g_free (request);
}

/* The text view showing the description of `line`, if its row is made. */
static GtkWidget *
find_description_view (GtkWidget       *widget,
                       CptDocumentLine *line)
{
  if (GTK_IS_TEXT_VIEW (widget) && line_of (widget) == line)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_description_view (child, line);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of a new line is made at the next layout: typing goes to its description as soon
 * as it is there. */
static gboolean
focus_description_when_shown (GtkWidget     *lines_view,
                              GdkFrameClock *clock,
                              gpointer       user_data)
{
  FocusRequest *request = user_data;
  GtkWidget *view = find_description_view (lines_view, request->line);

  if (view != NULL)
    {
      gtk_widget_grab_focus (view);
      return G_SOURCE_REMOVE;
    }
  return --request->frames_left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
focus_line (CptDocumentPage *self,
            guint            position)
{
  GListModel *columns = gtk_column_view_get_columns (self->lines_view);
  g_autoptr(GtkColumnViewColumn) description = g_list_model_get_item (columns, 1);
  FocusRequest *request = g_new0 (FocusRequest, 1);

  gtk_single_selection_set_selected (self->selection, position);
  gtk_column_view_scroll_to (self->lines_view, position, description, GTK_LIST_SCROLL_FOCUS, NULL);
  request->line = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
  request->frames_left = 10;
  if (request->line == NULL)
    {
      g_free (request);
      return;
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (self->lines_view), focus_description_when_shown,
                                request, (GDestroyNotify) focus_request_free);
}

static void
append_line (CptDocumentPage *self,
             CptDocumentLine *line)
{
  guint position = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  g_list_store_append (self->lines, line);
  gtk_stack_set_visible_child_name (self->lines_stack, "lines");
  update_totals (self);
  mark_dirty (self, line);
  focus_line (self, position);
}

static CptDocumentLine *
new_line (CptDocumentPage *self,
          const char      *line_kind)
{
  CptDocumentLine *line = cpt_document_line_new ();

  g_object_set (line, "kind", line_kind, NULL);
  if (g_str_equal (line_kind, "item"))
    g_object_set (line, "quantity", (gint64) 1000, "unit", "C62", "vat-rate", self->default_vat,
                  "exemption-code", self->default_vat == 0 ? self->default_exemption : NULL, NULL);
  return line;
}

static void
add_line_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(CptDocumentLine) line = NULL;

  if (self->read_only)
    return;
  if (g_str_equal (action_name, "document.add-text"))
    line = new_line (self, "text");
  else if (g_str_equal (action_name, "document.add-subtotal"))
    line = new_line (self, "subtotal");
  else
    line = new_line (self, "item");
  append_line (self, line);
  if (g_str_equal (action_name, "document.add-subtotal"))
    flush_lines (self);
}

static void
on_product_chosen (CptProductChooser *chooser,
                   gint64             product_id,
                   CptDocumentPage   *self)
{
  g_autoptr(CptProduct) product = cpt_product_load (self->db, product_id, NULL);
  g_autoptr(CptDocumentLine) line = NULL;

  if (product == NULL)
    return;
  line = new_line (self, "item");
  cpt_documents_fill_line_from_product (line, product);
  append_line (self, line);
  flush_lines (self);
  /* The quantity is what changes most after choosing a product. */
  {
    GListModel *columns = gtk_column_view_get_columns (self->lines_view);
    g_autoptr(GtkColumnViewColumn) quantity = g_list_model_get_item (columns, 2);
    gtk_column_view_scroll_to (self->lines_view, g_list_model_get_n_items (G_LIST_MODEL (self->lines)) - 1,
                               quantity, GTK_LIST_SCROLL_FOCUS, NULL);
  }
}

static void
add_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  CptProductChooser *chooser;

  if (self->read_only)
    return;
  chooser = cpt_product_chooser_new (self->db);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_product_chosen), self, 0);
  adw_dialog_present (ADW_DIALOG (chooser), widget);
}

static void
reload_lines (CptDocumentPage *self,
              gint64           select_line_id)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  lines = cpt_documents_load_lines (self->db, self->id, &error);
  if (lines == NULL)
    {
      show_error (self, _("Could not read the lines"), error);
      return;
    }
  g_hash_table_remove_all (self->dirty);
  self->loading = TRUE;
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       lines->pdata, lines->len);
  self->loading = FALSE;
  for (guint i = 0; i < lines->len; i++)
    if (cpt_document_line_get_id (g_ptr_array_index (lines, i)) == select_line_id)
      selected = i;
  gtk_stack_set_visible_child_name (self->lines_stack, lines->len > 0 ? "lines" : "empty");
  update_totals (self);
  update_discount_column (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, selected);
}

static void
move_line_to (CptDocumentPage *self,
              CptDocumentLine *line,
              guint            position)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cpt_document_line_get_id (line);

  flush_lines (self);
  if (id == 0 || self->read_only)
    return;
  if (!cpt_documents_move_line (self->db, id, (gint64) position + 1, &error))
    {
      show_error (self, _("Could not move the line"), error);
      return;
    }
  reload_lines (self, id);
  reload_header_after_save (self);
  focus_line (self, position);
}

static CptDocumentLine *
line_at (CptDocumentPage *self,
         guint            position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->lines), position);
}

static guint
selected_or_parameter (CptDocumentPage *self,
                       GVariant        *parameter)
{
  if (parameter != NULL)
    return g_variant_get_uint32 (parameter);
  return gtk_single_selection_get_selected (self->selection);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  guint position = selected_or_parameter (self, parameter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  gboolean up = strstr (action_name, "up") != NULL;
  g_autoptr(CptDocumentLine) line = NULL;

  if (position >= n || (up && position == 0) || (!up && position + 1 >= n))
    return;
  line = line_at (self, position);
  move_line_to (self, line, up ? position - 1 : position + 1);
}

typedef struct
{
  CptDatabase     *db;
  gint64           document_id;
  CptDocumentLine *line;
  GWeakRef         page;
} RemovedLine;

static void
removed_line_free (gpointer data)
{
  RemovedLine *removed = data;

  g_object_unref (removed->db);
  g_object_unref (removed->line);
  g_weak_ref_clear (&removed->page);
  g_free (removed);
}

static void
undo_remove_line (gpointer data)
{
  RemovedLine *removed = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&removed->page);
  g_autoptr(GError) error = NULL;

  if (!cpt_documents_add_line (removed->db, removed->document_id, removed->line, &error))
    {
      if (self != NULL)
        show_error (self, _("Could not put the line back"), error);
      return;
    }
  if (self != NULL)
    {
      reload_lines (self, cpt_document_line_get_id (removed->line));
      reload_header_after_save (self);
    }
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  guint position = selected_or_parameter (self, parameter);
  g_autoptr(CptDocumentLine) line = NULL;
  g_autoptr(GError) error = NULL;
  RemovedLine *removed;
  g_autofree char *message = NULL;

  if (self->read_only || position >= g_list_model_get_n_items (G_LIST_MODEL (self->lines)))
    return;
  line = line_at (self, position);
  if (g_strcmp0 (cpt_document_line_get_kind (line), "deposit") == 0)
    {
      cpt_toast (widget, _("Deposit lines go with their deposit: detach the deposit instead"));
      return;
    }
  g_hash_table_remove (self->dirty, line);
  if (cpt_document_line_get_id (line) == 0)
    {
      g_list_store_remove (self->lines, position);
      update_totals (self);
      return;
    }
  flush_lines (self);

  removed = g_new0 (RemovedLine, 1);
  removed->db = g_object_ref (self->db);
  removed->document_id = self->id;
  removed->line = cpt_document_line_duplicate (line);
  g_object_set (removed->line, "position", (gint64) position + 1, NULL);
  g_weak_ref_init (&removed->page, self);

  if (!cpt_documents_remove_line (self->db, cpt_document_line_get_id (line), &error))
    {
      removed_line_free (removed);
      show_error (self, _("Could not remove the line"), error);
      return;
    }
  reload_lines (self, 0);
  reload_header_after_save (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->lines)) > 0)
    focus_line (self, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->lines)) - 1));
  message = g_strdup_printf (_("Line %u removed"), position + 1);
  cpt_toast_with_undo (widget, message, G_CALLBACK (undo_remove_line), removed, removed_line_free);
}

static void
create_product_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  guint position = selected_or_parameter (self, parameter);
  g_autoptr(CptDocumentLine) line = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->lines)))
    return;
  line = line_at (self, position);
  if (!line_is_item (line))
    return;
  adw_dialog_present (ADW_DIALOG (cpt_product_dialog_new_from_line (self->db, line)), widget);
}

/* ---------------------------------------------------------------- quantities chooser */

/* Rows of check buttons and quantities, for the quote's remaining quantities and for
 * crediting chosen lines. */
typedef struct
{
  gint64     line_id;
  GtkWidget *check;
  GtkWidget *entry;
  gint64     max;
} QuantityRow;

static GtkWidget *
quantities_list_new (GArray *rows)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  (void) rows;
  return list;
}

static void
quantities_list_add (GtkWidget  *list,
                     GArray     *rows,
                     gint64      line_id,
                     const char *description,
                     gint64      quantity,
                     gint64      max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = cpt_format_quantity (quantity);
  g_autofree char *first = g_strdup (description ? description : "");
  QuantityRow quantity_row = { line_id, check, entry, max };
  char *newline = strchr (first, '\n');

  if (newline != NULL)
    *newline = '\0';
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), first);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  {
    g_autofree char *max_text = cpt_format_quantity (max);
    g_autofree char *subtitle = g_strdup_printf (_("At most %s"), max_text);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quantity"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_array_append_val (rows, quantity_row);
}

/* ---------------------------------------------------------------- remaining quantities */

typedef struct
{
  CptDocumentPage *self;
  GArray          *rows;   /* QuantityRow */
  GPtrArray       *lines;  /* quote lines (CptDocumentLine) */
} RemainingChoice;

static void
remaining_choice_free (RemainingChoice *choice)
{
  g_object_unref (choice->self);
  g_array_unref (choice->rows);
  g_ptr_array_unref (choice->lines);
  g_free (choice);
}

static void
on_remaining_response (AdwAlertDialog  *dialog,
                       const char      *response,
                       RemainingChoice *choice)
{
  CptDocumentPage *self = choice->self;
  guint added = 0;

  if (g_strcmp0 (response, "add") != 0)
    return;
  for (guint i = 0; i < choice->rows->len; i++)
    {
      QuantityRow *row = &g_array_index (choice->rows, QuantityRow, i);
      g_autoptr(GError) error = NULL;
      gint64 quantity = 0;

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        continue;
      if (!cpt_quantity_parse (gtk_editable_get_text (GTK_EDITABLE (row->entry)), &quantity, &error))
        {
          cpt_toast (GTK_WIDGET (self), error->message);
          continue;
        }
      for (guint j = 0; j < choice->lines->len; j++)
        {
          CptDocumentLine *quote_line = g_ptr_array_index (choice->lines, j);
          g_autoptr(CptDocumentLine) line = NULL;

          if (cpt_document_line_get_id (quote_line) != row->line_id)
            continue;
          line = cpt_document_line_duplicate (quote_line);
          g_object_set (line, "quantity", quantity, "quote-line-id", row->line_id,
                        "position", (gint64) 0, NULL);
          if (!cpt_documents_add_line (self->db, self->id, line, &error))
            cpt_toast (GTK_WIDGET (self), error->message);
          else
            added++;
        }
    }
  if (added > 0)
    {
      reload_lines (self, 0);
      reload_header_after_save (self);
    }
}

static void
add_remaining_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  gint64 quote_id = self->document ? cpt_document_get_quote_id (self->document) : 0;
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GError) error = NULL;
  RemainingChoice *choice;
  AdwDialog *dialog;
  GtkWidget *list;

  if (quote_id == 0 || self->read_only)
    return;
  remaining = cpt_lifecycle_quote_remaining (self->db, quote_id, &error);
  if (remaining == NULL)
    {
      show_error (self, _("Could not read the quote"), error);
      return;
    }
  choice = g_new0 (RemainingChoice, 1);
  choice->self = g_object_ref (self);
  choice->rows = g_array_new (FALSE, FALSE, sizeof (QuantityRow));
  choice->lines = cpt_documents_load_lines (self->db, quote_id, NULL);
  if (choice->lines == NULL)
    choice->lines = g_ptr_array_new_with_free_func (g_object_unref);
  list = quantities_list_new (choice->rows);
  for (guint i = 0; i < remaining->len; i++)
    {
      CptRemainingLine *line = g_ptr_array_index (remaining, i);

      if (line->remaining > 0)
        quantities_list_add (list, choice->rows, line->line_id, line->description, line->remaining,
                             line->remaining);
    }

  dialog = adw_alert_dialog_new (_("Add What Is Left of the Quote"),
                                 choice->rows->len > 0
                                   ? _("The quantities ordered that no invoice took yet (the quantity to invoice).")
                                   : _("Everything on the quote has been invoiced."));
  if (choice->rows->len > 0)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), scroller);
      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add Lines"), NULL);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
      adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "add");
    }
  else
    adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "cancel", _("_Close"));
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remaining_response), choice,
                         (GClosureNotify) (void (*) (void)) remaining_choice_free, 0);
  adw_dialog_present (dialog, widget);
}

/* ---------------------------------------------------------------- deposits */

static void reload_deposits (CptDocumentPage *self);

typedef struct
{
  CptDatabase *db;
  gint64       deposit_id;
  gint64       invoice_id;
  GWeakRef     page;
} DepositUndo;

static void
deposit_undo_free (gpointer data)
{
  DepositUndo *undo = data;

  g_object_unref (undo->db);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_detach (gpointer data)
{
  DepositUndo *undo = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;

  /* Meanwhile the deposit may have gone onto another invoice: say why it stays there. */
  if (!cpt_lifecycle_attach_deposit (undo->db, undo->deposit_id, undo->invoice_id, &error))
    {
      if (self != NULL)
        show_error (self, _("Could not reattach the deposit"), error);
      else
        g_message ("Could not reattach the deposit: %s", error->message);
    }
  if (self != NULL)
    reload (self);
  {
    GApplication *app = g_application_get_default ();
    if (CPT_IS_APPLICATION (app))
      cpt_application_data_changed (CPT_APPLICATION (app), CPT_CHANGE_DOCUMENTS);
  }
}

static void
on_detach_clicked (GtkButton       *button,
                   CptDocumentPage *self)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cpt-deposit"));
  const char *number = g_object_get_data (G_OBJECT (button), "cpt-number");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DepositUndo *undo;

  flush_lines (self);
  if (!cpt_lifecycle_detach_deposit (self->db, deposit_id, &error))
    {
      show_error (self, _("Could not detach the deposit"), error);
      return;
    }
  undo = g_new0 (DepositUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->deposit_id = deposit_id;
  undo->invoice_id = self->id;
  g_weak_ref_init (&undo->page, self);
  message = g_strdup_printf (_("Deposit %s detached: it can be used on another invoice"), number);
  reload (self);
  changed (self, CPT_CHANGE_DOCUMENTS);
  cpt_toast_with_undo (GTK_WIDGET (self), message, G_CALLBACK (undo_detach), undo, deposit_undo_free);
}

static void
reload_deposits (CptDocumentPage *self)
{
  GtkWidget *child;
  gboolean any = FALSE;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  gboolean invoice = is_kind (self, "invoice");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->deposits_list))) != NULL)
    gtk_list_box_remove (self->deposits_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      gint64 deposit_id = cpt_document_line_get_deposit_id (line);
      g_autoptr(CptDocument) deposit = NULL;
      GtkWidget *row, *button;
      g_autofree char *gross = NULL;

      if (deposit_id == 0)
        continue;
      /* A deposit has one line per VAT rate: list it once. */
      {
        gboolean seen = FALSE;
        for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (self->deposits_list)); r; r = gtk_widget_get_next_sibling (r))
          if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (r), "cpt-deposit")) == (gsize) deposit_id)
            seen = TRUE;
        if (seen)
          continue;
      }
      deposit = cpt_documents_load (self->db, deposit_id, NULL);
      if (deposit == NULL)
        continue;
      row = adw_action_row_new ();
      g_object_set_data (G_OBJECT (row), "cpt-deposit", GSIZE_TO_POINTER (deposit_id));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cpt_document_get_number (deposit));
      gross = cpt_format_money (cpt_document_get_amount_due (deposit), cpt_document_get_currency (deposit));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gross);
      if (!self->read_only)
        {
          button = gtk_button_new_with_mnemonic (_("_Detach"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          g_object_set_data (G_OBJECT (button), "cpt-deposit", GSIZE_TO_POINTER (deposit_id));
          g_object_set_data_full (G_OBJECT (button), "cpt-number",
                                  g_strdup (cpt_document_get_number (deposit)), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (on_detach_clicked), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->deposits_list, row);
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deposits_list), any);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_button), invoice && !self->read_only);
  /* Only where deposits are, or could be, deducted. */
  {
    gboolean attachable = FALSE;

    if (invoice && !self->read_only && !any)
      {
        g_autoptr(GPtrArray) deposits = cpt_payments_client_deposits (self->db, cpt_document_get_client_id (self->document), NULL);

        for (guint i = 0; deposits != NULL && i < deposits->len && !attachable; i++)
          {
            CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
            attachable = deposit->invoice_id == 0 && deposit->number != NULL &&
                         g_strcmp0 (deposit->state, "credited") != 0;
          }
      }
    gtk_widget_set_visible (self->deposits_box, invoice && (any || attachable));
  }
}

static void
on_attach_popover_show (CptDocumentPage *self)
{
  g_autoptr(GPtrArray) deposits = NULL;
  GtkWidget *child;
  guint count = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attach_list))) != NULL)
    gtk_list_box_remove (self->attach_list, child);
  deposits = cpt_payments_client_deposits (self->db, cpt_document_get_client_id (self->document), NULL);
  for (guint i = 0; deposits != NULL && i < deposits->len; i++)
    {
      CptClientDeposit *deposit = g_ptr_array_index (deposits, i);
      GtkWidget *row;
      g_autofree char *gross = NULL;
      g_autofree char *subtitle = NULL;

      if (deposit->invoice_id != 0 || deposit->number == NULL ||
          g_strcmp0 (deposit->state, "credited") == 0 || g_strcmp0 (deposit->state, "draft") == 0)
        continue;
      row = adw_action_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deposit->number);
      gross = cpt_format_money (deposit->gross, NULL);
      subtitle = deposit->title ? g_strdup_printf ("%s · %s", gross, deposit->title) : g_strdup (gross);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "cpt-deposit", GSIZE_TO_POINTER (deposit->id));
      gtk_list_box_append (self->attach_list, row);
      count++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attach_empty_label), count == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_list), count > 0);
}

static void
on_attach_row_activated (CptDocumentPage *self,
                         GtkListBoxRow   *row)
{
  gint64 deposit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-deposit"));
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->attach_button);
  flush_lines (self);
  if (!cpt_lifecycle_attach_deposit (self->db, deposit_id, self->id, &error))
    {
      show_error (self, _("Could not deduct the deposit"), error);
      return;
    }
  reload (self);
  changed (self, CPT_CHANGE_DOCUMENTS);
}

/* ---------------------------------------------------------------- payments and history */

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
on_related_activated (AdwActionRow    *row,
                      CptDocumentPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-document"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "x", id);
}

static void
reload_side_groups (CptDocumentPage *self)
{
  GPtrArray *payment_rows = g_object_get_data (G_OBJECT (self), "cpt-payment-rows");
  GPtrArray *related_rows = g_object_get_data (G_OBJECT (self), "cpt-related-rows");
  GPtrArray *history_rows = g_object_get_data (G_OBJECT (self), "cpt-history-rows");
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gboolean receivable = (is_kind (self, "invoice") || is_kind (self, "deposit")) &&
                        !cpt_document_is_draft (self->document);

  clear_group (self->payments_group, payment_rows);
  clear_group (self->related_group, related_rows);
  clear_group (self->history_group, history_rows);

  /* Payments of a validated invoice. */
  self->has_balance = FALSE;
  if (receivable)
    {
      CptDocumentBalance balance;
      g_autoptr(GArray) allocations = NULL;

      if (cpt_payments_document_balance (self->db, self->id, &balance, NULL))
        {
          self->has_balance = TRUE;
          self->paid = balance.paid;
          self->credited = balance.credited;
          self->balance = balance.balance;
        }
      allocations = cpt_payments_allocations_of_document (self->db, self->id, NULL);
      for (guint i = 0; allocations != NULL && i < allocations->len; i++)
        {
          CptAllocation *allocation = &g_array_index (allocations, CptAllocation, i);
          g_autoptr(CptPayment) payment = cpt_payments_load (self->db, allocation->payment_id, NULL);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *amount = cpt_format_money (allocation->amount, NULL);
          g_autofree char *date = NULL;
          g_autofree char *subtitle = NULL;
          GtkWidget *value = gtk_label_new (amount);

          if (payment == NULL)
            continue;
          date = cpt_format_date (cpt_payment_get_date (payment));
          subtitle = cpt_payment_get_reference (payment)
                       ? g_strdup_printf ("%s · %s", _(cpt_payment_mode_label (cpt_payment_get_mode (payment))),
                                          cpt_payment_get_reference (payment))
                       : g_strdup (_(cpt_payment_mode_label (cpt_payment_get_mode (payment))));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_add_css_class (value, "numeric");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
          adw_preferences_group_add (self->payments_group, row);
          g_ptr_array_add (payment_rows, row);
        }
      if (payment_rows->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No payment received yet"));
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (self->payments_group, row);
          g_ptr_array_add (payment_rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->payments_group), receivable);

  /* Linked documents. */
  related = cpt_documents_related (self->db, self->id, NULL);
  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      CptDocument *other = g_ptr_array_index (related, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = document_name (other);
      g_autofree char *amount = cpt_format_money (cpt_document_get_amount_due (other), cpt_document_get_currency (other));
      g_autofree char *date = cpt_format_date (cpt_document_get_date (other));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", cpt_kind_label (cpt_document_get_kind (other)), date, amount);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cpt-document", GSIZE_TO_POINTER (cpt_document_get_id (other)));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_related_activated), self, 0);
      adw_preferences_group_add (self->related_group, row);
      g_ptr_array_add (related_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->related_group), related_rows->len > 0);

  /* History: the audit events. */
  history = cpt_documents_history (self->db, self->id, NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      CptHistoryEvent *event = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = cpt_history_event_describe (event, cpt_ui_language ());
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (event->at, NULL);
      g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
      g_autofree char *at = local ? g_date_time_format (local, strcmp (cpt_ui_language (), "fr") == 0
                                                                 ? "%d/%m/%Y %H:%M" : "%e %b %Y, %H:%M")
                                  : g_strdup (event->at);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_strstrip (at));
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (history_rows, row);
    }
}

/* ---------------------------------------------------------------- actions of the document */

typedef struct
{
  const char *action;      /* document.* */
  const char *model_name;  /* in cpt_lifecycle_actions, or NULL */
  const char *label;
  const char *icon_name;
  const char *kinds;       /* space separated kinds it applies to; NULL: all */
} ActionInfo;

static const ActionInfo action_info[] = {
  { "document.send", "send", N_("Mark as _Sent"), "mail-send-symbolic", "quote proforma" },
  { "document.accept", "accept", N_("_Accept the Quote…"), "emblem-ok-symbolic", "quote" },
  { "document.refuse", "refuse", N_("_Refuse the Quote"), NULL, "quote" },
  { "document.invoice-quote", NULL, N_("_Invoice the Quote…"), NULL, "quote" },
  { "document.finalize", "finalize", N_("_Produce the Final Invoice"), NULL, "proforma" },
  { "document.mark-paid", NULL, N_("_Mark as Paid"), NULL, "invoice deposit" },
  { "document.mark-unpaid", NULL, N_("Mark as _Unpaid"), NULL, "invoice deposit" },
  { "document.credit", "credit", N_("Make a _Credit Note…"), NULL, "invoice deposit" },
  { "document.use-deposit", "attach", N_("_Use on an Invoice…"), NULL, "deposit" },
  { "document.duplicate", NULL, N_("_Duplicate"), "edit-copy-symbolic", "quote proforma invoice" },
  { "document.print", NULL, N_("_Print…"), "document-print-symbolic", NULL },
  { "document.save-pdf", NULL, N_("Save as _PDF…"), "document-save-as-symbolic", NULL },
  { "document.send-email", NULL, N_("Send by _Email…"), "mail-send-symbolic", NULL },
  { "document.delete", "delete", N_("De_lete the Draft"), "user-trash-symbolic", NULL },
};

static const char *
reason_for (CptDocumentPage  *self,
            const ActionInfo *info,
            gboolean         *out_allowed)
{
  const CptAction *action;

  *out_allowed = TRUE;
  if (g_str_equal (info->action, "document.invoice-quote"))
    {
      *out_allowed = allowed (self, "invoice_deposit") || allowed (self, "invoice_full") ||
                     allowed (self, "invoice_balance");
      if (!*out_allowed && (action = find_action (self, "invoice_balance")) != NULL)
        return action->reason;
      return NULL;
    }
  if (g_str_equal (info->action, "document.duplicate"))
    return NULL;
  if (g_str_equal (info->action, "document.mark-paid"))
    {
      *out_allowed = self->has_balance && self->balance > 0;
      return !self->has_balance ? _("Only a validated invoice is paid")
             : self->balance <= 0 ? _("Nothing is left to pay") : NULL;
    }
  if (g_str_equal (info->action, "document.mark-unpaid"))
    {
      *out_allowed = self->has_balance && self->paid > 0;
      return *out_allowed ? NULL : _("No payment is allocated to it");
    }
  if (g_str_equal (info->action, "document.save-pdf") || g_str_equal (info->action, "document.print"))
    return NULL;
  if (g_str_equal (info->action, "document.send-email"))
    {
      *out_allowed = FALSE;
      return _("Sending by email comes in a later version; save the PDF and attach it for now");
    }
  action = info->model_name ? find_action (self, info->model_name) : NULL;
  if (action == NULL)
    {
      *out_allowed = info->model_name == NULL;
      return NULL;
    }
  *out_allowed = action->allowed;
  return action->reason;
}

static gboolean
applies_to (const ActionInfo *info,
            const char       *document_kind)
{
  g_auto(GStrv) kinds = NULL;

  if (info->kinds == NULL)
    return TRUE;
  kinds = g_strsplit (info->kinds, " ", -1);
  return g_strv_contains ((const char *const *) kinds, document_kind);
}

static void
close_actions_menu (GtkWidget *actions_box)
{
  GtkWidget *popover = gtk_widget_get_ancestor (actions_box, GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
rebuild_actions (CptDocumentPage *self)
{
  GtkWidget *child;
  gboolean validate = allowed (self, "validate");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_box_remove (self->actions_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (action_info); i++)
    {
      const ActionInfo *info = &action_info[i];
      gboolean ok = FALSE;
      const char *reason;
      GtkWidget *button, *box, *label;

      if (!applies_to (info, kind (self)))
        {
          gtk_widget_action_set_enabled (GTK_WIDGET (self), info->action, FALSE);
          continue;
        }
      reason = reason_for (self, info, &ok);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), info->action, ok);

      button = gtk_button_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new_with_mnemonic (_(info->label));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
      if (!ok && reason != NULL)
        {
          GtkWidget *why = gtk_label_new (reason);

          gtk_label_set_xalign (GTK_LABEL (why), 0);
          gtk_label_set_wrap (GTK_LABEL (why), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (why), 34);
          gtk_widget_add_css_class (why, "caption");
          gtk_widget_add_css_class (why, "dim-label");
          gtk_box_append (GTK_BOX (box), why);
          gtk_widget_set_tooltip_text (button, reason);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
        }
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), button);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), info->action);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "action-item");
      /* Buttons in a popover do not close it as menu items do: the menu goes once chosen. */
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (close_actions_menu), self->actions_box);
      if (g_str_equal (info->action, "document.delete"))
        gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->actions_box, button);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.validate", validate);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.print", cpt_preview_pane_can_print ());
  gtk_widget_set_visible (self->validate_button, validate && !is_kind (self, "proforma"));
  gtk_widget_set_tooltip_text (self->print_button, cpt_preview_pane_can_print ()
                                                     ? _("Print (Ctrl+P)")
                                                     : _("Printing is not available in this version; save the PDF and print it"));

  /* The next step of a sent quote, in plain sight (the Factomos "Devis accepté"). */
  gtk_widget_set_visible (GTK_WIDGET (self->next_step_button), FALSE);
  if (is_kind (self, "quote") && allowed (self, "accept"))
    {
      gtk_button_set_label (self->next_step_button, _("_Accept…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_step_button), "document.accept");
      gtk_widget_set_visible (GTK_WIDGET (self->next_step_button), TRUE);
    }
  else if (is_kind (self, "quote") && !cpt_document_is_draft (self->document) &&
           (allowed (self, "invoice_deposit") || allowed (self, "invoice_balance") || allowed (self, "invoice_full")))
    {
      gtk_button_set_label (self->next_step_button, _("_Invoice…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_step_button), "document.invoice-quote");
      gtk_widget_set_visible (GTK_WIDGET (self->next_step_button), TRUE);
    }
  else if (is_kind (self, "proforma") && allowed (self, "finalize"))
    {
      gtk_button_set_label (self->next_step_button, _("_Final Invoice"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_step_button), "document.finalize");
      gtk_widget_set_visible (GTK_WIDGET (self->next_step_button), TRUE);
    }
  gtk_button_set_use_underline (self->next_step_button, TRUE);
}

static void
open_document (CptDocumentPage *self,
               gint64           id,
               gboolean         replace)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);

  /* The new document takes this one's place when this one is gone (deleted). */
  if (replace && view != NULL)
    adw_navigation_view_pop (ADW_NAVIGATION_VIEW (view));
  gtk_widget_activate_action (view ? view : GTK_WIDGET (self), "win.open-document", "x", id);
}

static void
after_lifecycle (CptDocumentPage *self,
                 const char      *message)
{
  reload (self);
  changed (self, CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS);
  if (message != NULL)
    cpt_toast (GTK_WIDGET (self), message);
}

/* Validate: the confirmation says the number it will get, and that it is final. */
static void
on_validate_response (AdwAlertDialog  *dialog,
                      const char      *response,
                      CptDocumentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean send = g_strcmp0 (response, "send") == 0;

  if (g_strcmp0 (response, "validate") != 0 && !send)
    return;
  if (!(send ? cpt_lifecycle_quote_send (self->db, self->id, NULL, &error)
             : cpt_lifecycle_validate (self->db, self->id, NULL, &error)))
    {
      show_error (self, _("Could not validate the document"), error);
      return;
    }
  reload (self);
  message = g_strdup_printf (_("Validated as %s"), cpt_document_get_number (self->document));
  after_lifecycle (self, message);
}

static void
confirm_validation (CptDocumentPage *self,
                    gboolean         and_send)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *series = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  AdwDialog *dialog;

  flush_header (self);
  flush_lines (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->lines)) == 0)
    {
      cpt_toast (GTK_WIDGET (self), _("Add at least one line before validating"));
      return;
    }
  series = cpt_series_for_kind (self->db, kind (self), &error);
  if (series != NULL)
    number = cpt_series_preview (self->db, series, cpt_document_get_date (self->document), &error);
  if (number == NULL)
    {
      show_error (self, _("Could not find the next number"), error);
      return;
    }
  date = cpt_format_date (cpt_document_get_date (self->document));
  heading = g_strdup (is_kind (self, "quote") ? _("Validate this quote?")
                      : is_kind (self, "deposit") ? _("Validate this deposit invoice?")
                      : is_kind (self, "credit_note") ? _("Validate this credit note?")
                      : _("Validate this invoice?"));
  /* A quote is not corrected by a credit note: a new version is made instead. */
  body = is_kind (self, "quote")
         ? g_strdup_printf (_("It will be numbered %s and dated %s. Once validated it can no longer "
                              "be changed or deleted: a new version is made by duplicating it."),
                            number, date)
         : g_strdup_printf (_("It will be numbered %s and dated %s. Once validated it can no longer "
                              "be changed or deleted: corrections are made with a credit note."),
                            number, date);
  dialog = adw_alert_dialog_new (heading, body);
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                  and_send ? "send" : "validate",
                                  and_send ? _("_Validate and Mark as Sent") : _("_Validate"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), and_send ? "send" : "validate",
                                            ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), and_send ? "send" : "validate");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_validate_response), self, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
validate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  confirm_validation (CPT_DOCUMENT_PAGE (widget), FALSE);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  /* A draft quote is numbered when sent: that asks for the same confirmation. */
  if (is_kind (self, "quote") && cpt_document_is_draft (self->document))
    {
      confirm_validation (self, TRUE);
      return;
    }
  flush_header (self);
  flush_lines (self);
  if (!(is_kind (self, "quote") ? cpt_lifecycle_quote_send (self->db, self->id, NULL, &error)
                                : cpt_lifecycle_mark_sent (self->db, self->id, NULL, &error)))
    {
      show_error (self, _("Could not mark it as sent"), error);
      return;
    }
  after_lifecycle (self, _("Marked as sent"));
}

static void
on_quote_invoice_created (CptQuoteInvoiceDialog *dialog,
                          gint64                 invoice_id,
                          CptDocumentPage       *self)
{
  reload (self);
  changed (self, CPT_CHANGE_DOCUMENTS);
  open_document (self, invoice_id, FALSE);
}

static void
present_quote_invoice_dialog (CptDocumentPage *self)
{
  CptQuoteInvoiceDialog *dialog = cpt_quote_invoice_dialog_new (self->db, self->id);

  g_signal_connect_object (dialog, "created", G_CALLBACK (on_quote_invoice_created), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!cpt_lifecycle_quote_accept (self->db, self->id, NULL, &error))
    {
      show_error (self, _("Could not accept the quote"), error);
      return;
    }
  after_lifecycle (self, _("Quote accepted"));
  /* Then, as in Factomos: a deposit or the whole? */
  present_quote_invoice_dialog (self);
}

static void
refuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!cpt_lifecycle_quote_refuse (self->db, self->id, NULL, &error))
    {
      show_error (self, _("Could not refuse the quote"), error);
      return;
    }
  after_lifecycle (self, _("Quote marked as refused"));
}

static void
invoice_quote_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  present_quote_invoice_dialog (CPT_DOCUMENT_PAGE (widget));
}

static void
finalize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 invoice_id;

  flush_header (self);
  flush_lines (self);
  invoice_id = cpt_lifecycle_finalize (self->db, self->id, &error);
  if (invoice_id == 0)
    {
      show_error (self, _("Could not produce the final invoice"), error);
      return;
    }
  after_lifecycle (self, _("Final invoice made as a draft: check it, then validate it"));
  open_document (self, invoice_id, FALSE);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 copy;

  flush_header (self);
  flush_lines (self);
  copy = cpt_documents_duplicate (self->db, self->id, &error);
  if (copy == 0)
    {
      show_error (self, _("Could not duplicate the document"), error);
      return;
    }
  changed (self, CPT_CHANGE_DOCUMENTS);
  cpt_toast (widget, _("Duplicated as a new draft"));
  open_document (self, copy, FALSE);
}

/* Deleting a draft: Undo makes it again from what it was (a new draft, same content). */
typedef struct
{
  CptDatabase *db;
  char        *kind;
  gint64       client_id;
  char        *date;
  char        *title;
  CptDocument *header;   /* due date, notes, payment terms... as they were */
  GPtrArray   *lines;
} DeletedDraft;

static void
deleted_draft_free (gpointer data)
{
  DeletedDraft *draft = data;

  g_object_unref (draft->db);
  g_free (draft->kind);
  g_free (draft->date);
  g_free (draft->title);
  g_clear_object (&draft->header);
  g_ptr_array_unref (draft->lines);
  g_free (draft);
}

static void
undo_delete (gpointer data)
{
  DeletedDraft *draft = data;
  g_autoptr(CptDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  document = cpt_documents_create (draft->db, draft->kind, draft->client_id, draft->date, NULL,
                                   draft->title, &error);
  if (document != NULL)
    {
      static const char *const header_fields[] = { "due-date", "service-date", "valid-until", "notes",
                                                   "payment-terms", "language" };

      for (guint i = 0; i < G_N_ELEMENTS (header_fields); i++)
        {
          g_autofree char *value = NULL;

          g_object_get (draft->header, header_fields[i], &value, NULL);
          g_object_set (document, header_fields[i], value, NULL);
        }
      cpt_documents_update (draft->db, document, &error);
    }
  for (guint i = 0; document != NULL && error == NULL && i < draft->lines->len; i++)
    if (!cpt_documents_add_line (draft->db, cpt_document_get_id (document),
                                 g_ptr_array_index (draft->lines, i), &error))
      break;
  if (CPT_IS_APPLICATION (app))
    {
      GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

      if (error != NULL && window != NULL)
        cpt_show_error (GTK_WIDGET (window), _("Could not restore the draft"), error);
      else if (error != NULL)
        g_message ("Could not restore the draft: %s", error->message);
      cpt_application_data_changed (CPT_APPLICATION (app), CPT_CHANGE_DOCUMENTS);
      if (window != NULL && document != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "x",
                                    cpt_document_get_id (document));
    }
}

static void
delete_now (CptDocumentPage *self,
            gboolean         with_undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DeletedDraft *draft = NULL;
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_NAVIGATION_VIEW);
  GtkWidget *toast_widget = view ? view : GTK_WIDGET (self);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->header_source, g_source_remove);
  if (with_undo)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

      draft = g_new0 (DeletedDraft, 1);
      draft->db = g_object_ref (self->db);
      draft->kind = g_strdup (kind (self));
      draft->client_id = cpt_document_get_client_id (self->document);
      draft->date = g_strdup (cpt_document_get_date (self->document));
      draft->title = g_strdup (cpt_document_get_title (self->document));
      draft->header = g_object_ref (self->document);
      draft->lines = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
          if (cpt_document_line_get_id (line) != 0)
            g_ptr_array_add (draft->lines, cpt_document_line_duplicate (line));
        }
    }
  if (!cpt_lifecycle_delete (self->db, self->id, &error))
    {
      if (draft != NULL)
        deleted_draft_free (draft);
      show_error (self, _("Could not delete the draft"), error);
      return;
    }
  g_object_ref (self);
  changed (self, CPT_CHANGE_DOCUMENTS);
  message = g_strdup_printf (_("%s deleted"), adw_window_title_get_title (self->window_title));
  if (view != NULL)
    adw_navigation_view_pop (ADW_NAVIGATION_VIEW (view));
  if (draft != NULL)
    cpt_toast_with_undo (toast_widget, message, G_CALLBACK (undo_delete), draft, deleted_draft_free);
  else
    cpt_toast (toast_widget, message);
  g_object_unref (self);
}

static void
on_delete_response (AdwAlertDialog  *dialog,
                    const char      *response,
                    CptDocumentPage *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_now (self, FALSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  gboolean linked = cpt_document_get_quote_id (self->document) != 0 ||
                    cpt_document_get_credited_id (self->document) != 0 ||
                    cpt_document_get_proforma_id (self->document) != 0 ||
                    self->totals.deposits_gross != 0;

  /* A draft made from another document could not be made again the same way: ask. */
  if (linked)
    {
      AdwDialog *dialog = adw_alert_dialog_new (_("Delete this draft?"),
                                                _("It was made from another document; deleting it cannot be undone. The document it came from stays."));

      adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                      "delete", _("_Delete"), NULL);
      adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
      adw_dialog_present (dialog, widget);
      return;
    }
  delete_now (self, TRUE);
}

/* Credit: everything, or chosen lines and quantities. */
typedef struct
{
  CptDocumentPage *self;
  GArray          *rows;
} CreditChoice;

static void
credit_choice_free (CreditChoice *choice)
{
  g_object_unref (choice->self);
  g_array_unref (choice->rows);
  g_free (choice);
}

static void
credit_with_parts (CptDocumentPage     *self,
                   const CptCreditPart *parts,
                   guint                n_parts)
{
  g_autoptr(GError) error = NULL;
  gint64 note;

  note = cpt_lifecycle_credit (self->db, self->id, parts, n_parts, &error);
  if (note == 0)
    {
      show_error (self, _("Could not make the credit note"), error);
      return;
    }
  after_lifecycle (self, _("Credit note made as a draft: check it, then validate it"));
  open_document (self, note, FALSE);
}

static void
on_credit_lines_response (AdwAlertDialog *dialog,
                          const char     *response,
                          CreditChoice   *choice)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (CptCreditPart));

  if (g_strcmp0 (response, "credit") != 0)
    return;
  for (guint i = 0; i < choice->rows->len; i++)
    {
      QuantityRow *row = &g_array_index (choice->rows, QuantityRow, i);
      CptCreditPart part = { row->line_id, 0 };
      g_autoptr(GError) error = NULL;

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (row->check)))
        continue;
      if (!cpt_quantity_parse (gtk_editable_get_text (GTK_EDITABLE (row->entry)), &part.quantity, &error))
        {
          cpt_show_error (GTK_WIDGET (choice->self), _("Could not make the credit note"), error);
          return;
        }
      g_array_append_val (parts, part);
    }
  if (parts->len == 0)
    return;
  credit_with_parts (choice->self, (CptCreditPart *) parts->data, parts->len);
}

static void
present_credit_lines (CptDocumentPage *self)
{
  CreditChoice *choice = g_new0 (CreditChoice, 1);
  GtkWidget *list;
  AdwDialog *dialog;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  choice->self = g_object_ref (self);
  choice->rows = g_array_new (FALSE, FALSE, sizeof (QuantityRow));
  list = quantities_list_new (choice->rows);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (line_is_item (line))
        quantities_list_add (list, choice->rows, cpt_document_line_get_id (line),
                             cpt_document_line_get_description (line),
                             cpt_document_line_get_quantity (line), cpt_document_line_get_quantity (line));
    }
  dialog = adw_alert_dialog_new (_("Credit Chosen Lines"),
                                 _("Choose the lines and the quantities the credit note gives back."));
  {
    GtkWidget *scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
    adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), scroller);
  }
  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                  "credit", _("_Make the Credit Note"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "credit", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_credit_lines_response), choice,
                         (GClosureNotify) (void (*) (void)) credit_choice_free, 0);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
on_credit_response (AdwAlertDialog  *dialog,
                    const char      *response,
                    CptDocumentPage *self)
{
  if (g_strcmp0 (response, "all") == 0)
    credit_with_parts (self, NULL, 0);
  else if (g_strcmp0 (response, "lines") == 0)
    present_credit_lines (self);
}

static void
credit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autofree char *name = document_name (self->document);
  g_autofree char *heading = g_strdup_printf (_("Credit %s?"), name);
  AdwDialog *dialog = adw_alert_dialog_new (heading,
                                            _("A credit note cancels all or part of the invoice. It is made as a draft, to check and validate."));

  adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"),
                                  "lines", _("Choose _Lines…"), "all", _("Credit _Everything"), NULL);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "all", ADW_RESPONSE_SUGGESTED);
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "all");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_credit_response), self, 0);
  adw_dialog_present (dialog, widget);
}

/* Mark as paid / unpaid (with Undo). */
typedef struct
{
  CptDatabase *db;
  gint64       payment_id;
  GArray      *allocations;
  GWeakRef     page;
} PaymentUndo;

static void
payment_undo_free (gpointer data)
{
  PaymentUndo *undo = data;

  g_object_unref (undo->db);
  g_clear_pointer (&undo->allocations, g_array_unref);
  g_weak_ref_clear (&undo->page);
  g_free (undo);
}

static void
undo_payment (gpointer data)
{
  PaymentUndo *undo = data;
  g_autoptr(CptDocumentPage) self = g_weak_ref_get (&undo->page);
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  gboolean ok;

  if (undo->allocations != NULL)
    ok = cpt_payments_restore (undo->db, undo->allocations, &error);
  else
    ok = cpt_payments_delete (undo->db, undo->payment_id, &error);
  if (!ok)
    g_warning ("Could not undo: %s", error->message);
  if (self != NULL)
    reload (self);
  if (CPT_IS_APPLICATION (app))
    cpt_application_data_changed (CPT_APPLICATION (app), CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS);
}

static void
mark_paid_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  PaymentUndo *undo;
  gint64 payment;

  payment = cpt_payments_mark_paid (self->db, self->id, NULL, NULL, NULL, &error);
  if (payment == 0)
    {
      show_error (self, _("Could not mark it as paid"), error);
      return;
    }
  undo = g_new0 (PaymentUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->payment_id = payment;
  g_weak_ref_init (&undo->page, self);
  reload (self);
  changed (self, CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS);
  cpt_toast_with_undo (widget, _("Marked as paid today, by transfer"), G_CALLBACK (undo_payment), undo,
                       payment_undo_free);
}

static void
mark_unpaid_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  PaymentUndo *undo;
  GArray *allocations;

  allocations = cpt_payments_mark_unpaid (self->db, self->id, &error);
  if (allocations == NULL)
    {
      show_error (self, _("Could not mark it as unpaid"), error);
      return;
    }
  undo = g_new0 (PaymentUndo, 1);
  undo->db = g_object_ref (self->db);
  undo->allocations = allocations;
  g_weak_ref_init (&undo->page, self);
  reload (self);
  changed (self, CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS);
  cpt_toast_with_undo (widget, _("Marked as unpaid: its payments stay as the client’s credit"),
                       G_CALLBACK (undo_payment), undo, payment_undo_free);
}

/* A deposit invoice: deduct it on a draft invoice of the same client (eKo "Utiliser sur une
 * facture"). */
static void
on_use_deposit_chosen (GtkListBox      *list,
                       GtkListBoxRow   *row,
                       CptDocumentPage *self)
{
  gint64 invoice_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-document"));
  g_autoptr(GError) error = NULL;
  AdwDialog *dialog = ADW_DIALOG (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_DIALOG));

  if (dialog != NULL)
    adw_dialog_close (dialog);
  if (!cpt_lifecycle_attach_deposit (self->db, self->id, invoice_id, &error))
    {
      show_error (self, _("Could not deduct the deposit"), error);
      return;
    }
  after_lifecycle (self, _("Deposit deducted on the invoice"));
}

static void
use_deposit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);
  CptDocumentQuery query = { 0 };
  static const char *const invoices[] = { "invoice", NULL };
  static const char *const drafts[] = { "draft", NULL };
  g_autoptr(CptPagedList) list = NULL;
  AdwDialog *dialog;
  GtkWidget *box, *listbox;
  guint n;

  query.kinds = invoices;
  query.states = drafts;
  query.client_id = cpt_document_get_client_id (self->document);
  list = cpt_document_query_list (self->db, &query);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  dialog = adw_alert_dialog_new (_("Use the Deposit on an Invoice"),
                                 n > 0 ? _("Choose the draft invoice of this client that deducts it.")
                                       : _("This client has no draft invoice: make the invoice first, then deduct the deposit from it."));
  listbox = gtk_list_box_new ();
  gtk_widget_add_css_class (listbox, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (listbox), GTK_SELECTION_NONE);
  for (guint i = 0; i < MIN (n, 50); i++)
    {
      g_autoptr(CptDocumentRow) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      CptDocument *invoice = cpt_document_row_get_document (item);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = cpt_format_date (cpt_document_get_date (invoice));
      g_autofree char *amount = cpt_format_money (cpt_document_get_amount_due (invoice), NULL);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", date, amount);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     cpt_document_get_title (invoice) ? cpt_document_get_title (invoice) : _("Draft invoice"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cpt-document", GSIZE_TO_POINTER (cpt_document_get_id (invoice)));
      gtk_list_box_append (GTK_LIST_BOX (listbox), row);
    }
  g_signal_connect_object (listbox, "row-activated", G_CALLBACK (on_use_deposit_chosen), self, 0);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), listbox);
  if (n > 0)
    adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), box);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  adw_dialog_present (dialog, widget);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  flush_header (self);
  flush_lines (self);
  if (self->preview != NULL)
    cpt_preview_pane_print (self->preview);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (widget);

  flush_header (self);
  flush_lines (self);
  if (self->preview != NULL)
    cpt_preview_pane_save_pdf (self->preview);
}

static void
send_email_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
}

/* ---------------------------------------------------------------- loading */

static void
set_row_editable (AdwEntryRow *row,
                  gboolean     editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  gtk_widget_set_can_focus (GTK_WIDGET (row), TRUE);
}

static void
load_header (CptDocumentPage *self)
{
  g_autofree char *date = cpt_format_date (cpt_document_get_date (self->document));
  g_autofree char *due = NULL;
  g_autofree char *terms = NULL, *notes = NULL, *valid_until = NULL;
  g_autofree char *name = document_name (self->document);
  g_autofree char *title = NULL;
  gboolean quote = is_kind (self, "quote");
  gboolean credit_note = is_kind (self, "credit_note");

  g_object_get (self->document, "payment-terms", &terms, "notes", &notes, "valid-until", &valid_until, NULL);
  due = cpt_format_date (quote ? valid_until : cpt_document_get_due_date (self->document));

  self->loading = TRUE;
  /* Translators: the page title: kind and number, e.g. "Invoice FA-2026-0001" */
  if (cpt_document_get_number (self->document) != NULL)
    title = g_strdup_printf (_("%s %s"), cpt_kind_label (kind (self)), cpt_document_get_number (self->document));
  else
    title = g_strdup (name);
  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, cpt_document_get_client_name (self->document));

  cpt_client_picker_set_client_id (self->client_picker, cpt_document_get_client_id (self->document));
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_picker), !self->read_only);
  cpt_entry_row_set_text (self->title_row, cpt_document_get_title (self->document));
  cpt_entry_row_set_text (self->date_row, date);
  cpt_entry_row_set_text (self->due_row, due);
  cpt_entry_row_set_text (self->terms_row, terms);
  cpt_entry_row_set_text (self->notes_row, notes);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row), quote ? _("Valid Until") : _("Due Date"));
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), !credit_note);
  gtk_widget_set_visible (GTK_WIDGET (self->terms_row), !quote && !credit_note);
  set_row_editable (self->title_row, !self->read_only);
  set_row_editable (self->date_row, !self->read_only);
  set_row_editable (self->due_row, !self->read_only);
  set_row_editable (self->terms_row, !self->read_only);
  set_row_editable (self->notes_row, !self->read_only);
  if (self->read_only)
    gtk_widget_add_css_class (GTK_WIDGET (self->details_group), "read-only");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->details_group), "read-only");
  gtk_widget_set_visible (self->add_button, !self->read_only);
  self->loading = FALSE;
}

static void
load_banner (CptDocumentPage *self)
{
  g_autofree char *name = document_name (self->document);
  g_autofree char *text = NULL;

  if (!self->read_only)
    {
      adw_banner_set_revealed (self->banner, FALSE);
      return;
    }
  if (is_kind (self, "quote"))
    text = g_strdup_printf (_("%s is validated and kept as it is; duplicate it to make a new version."), name);
  else if (is_kind (self, "credit_note"))
    text = g_strdup_printf (_("%s is validated: it can no longer change."), name);
  else
    text = g_strdup_printf (_("%s is validated: it can no longer change. Correct it with a credit note."), name);
  adw_banner_set_title (self->banner, text);
  adw_banner_set_button_label (self->banner, (is_kind (self, "invoice") || is_kind (self, "deposit")) &&
                                             allowed (self, "credit") ? _("Make a _Credit Note") : NULL);
  adw_banner_set_revealed (self->banner, TRUE);
}

static void
on_banner_button_clicked (CptDocumentPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "document.credit", NULL);
}

static void
reload (CptDocumentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_load (self->db, self->id, &error);

  if (document == NULL)
    {
      show_error (self, _("Could not open the document"), error);
      return;
    }
  g_set_object (&self->document, document);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  self->actions = cpt_lifecycle_actions (self->db, self->id, NULL);
  self->read_only = !allowed (self, "edit");

  load_header (self);
  reload_lines (self, 0);
  reload_side_groups (self);
  update_totals (self);
  reload_deposits (self);
  rebuild_actions (self);
  load_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.add-remaining",
                                 !self->read_only && is_kind (self, "invoice") &&
                                 cpt_document_get_quote_id (self->document) != 0);
  if (self->preview != NULL)
    cpt_preview_pane_queue_refresh (self->preview);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_document_page_hiding (AdwNavigationPage *page)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (page);

  /* Nothing typed is lost when going back. */
  flush_header (self);
  flush_lines (self);
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
    reload (self);
  self->hidden = FALSE;
}

static void
cpt_document_page_dispose (GObject *object)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (object);

  if (self->db != NULL && self->document != NULL)
    {
      flush_header (self);
      flush_lines (self);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->header_source, g_source_remove);
  if (self->lines_view != NULL)
    gtk_column_view_set_model (self->lines_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->lines);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  cpt_document_totals_clear (&self->totals);
  g_clear_object (&self->document);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_document_page_parent_class)->dispose (object);
}

static void
cpt_document_page_finalize (GObject *object)
{
  CptDocumentPage *self = CPT_DOCUMENT_PAGE (object);

  g_free (self->default_exemption);

  G_OBJECT_CLASS (cpt_document_page_parent_class)->finalize (object);
}

static void
cpt_document_page_class_init (CptDocumentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwNavigationPageClass *page_class = ADW_NAVIGATION_PAGE_CLASS (klass);

  object_class->dispose = cpt_document_page_dispose;
  object_class->finalize = cpt_document_page_finalize;
  page_class->hiding = cpt_document_page_hiding;
  page_class->showing = cpt_document_page_showing;

  g_type_ensure (CPT_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, banner);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, validate_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, next_step_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, actions_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, split_view);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, preview_bin);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, client_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, due_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, terms_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, lines_stack);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, lines_view);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, deposits_box);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, deposits_list);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, attach_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, attach_empty_label);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, attach_list);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, totals_grid);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, payments_group);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, related_group);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentPage, history_group);
  gtk_widget_class_bind_template_callback (widget_class, on_header_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_client_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_attach_row_activated);

  gtk_widget_class_install_action (widget_class, "document.validate", NULL, validate_action);
  gtk_widget_class_install_action (widget_class, "document.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "document.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "document.refuse", NULL, refuse_action);
  gtk_widget_class_install_action (widget_class, "document.invoice-quote", NULL, invoice_quote_action);
  gtk_widget_class_install_action (widget_class, "document.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "document.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "document.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "document.credit", NULL, credit_action);
  gtk_widget_class_install_action (widget_class, "document.mark-paid", NULL, mark_paid_action);
  gtk_widget_class_install_action (widget_class, "document.mark-unpaid", NULL, mark_unpaid_action);
  gtk_widget_class_install_action (widget_class, "document.use-deposit", NULL, use_deposit_action);
  gtk_widget_class_install_action (widget_class, "document.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "document.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "document.send-email", NULL, send_email_action);
  gtk_widget_class_install_action (widget_class, "document.add-line", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "document.add-text", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "document.add-subtotal", NULL, add_line_action);
  gtk_widget_class_install_action (widget_class, "document.add-product", NULL, add_product_action);
  gtk_widget_class_install_action (widget_class, "document.add-remaining", NULL, add_remaining_action);
  gtk_widget_class_install_action (widget_class, "document.show-discounts", NULL, show_discounts_action);
  gtk_widget_class_install_action (widget_class, "lines.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "lines.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "lines.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "lines.create-product", NULL, create_product_action);
  gtk_widget_class_install_action (widget_class, "lines.move-up-at", "u", move_action);
  gtk_widget_class_install_action (widget_class, "lines.move-down-at", "u", move_action);
  gtk_widget_class_install_action (widget_class, "lines.remove-at", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "lines.create-product-at", "u", create_product_action);

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
  g_object_set_data_full (G_OBJECT (self), "cpt-payment-rows", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (self), "cpt-related-rows", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (self), "cpt-history-rows", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_list_store_new (CPT_TYPE_DOCUMENT_LINE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->lines)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->default_vat = 2000;

  for (guint i = 0; i < N_LINE_COLUMNS; i++)
    add_column (self, &line_columns[i]);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->selection));
  cpt_column_view_align_titles_end (self->lines_view);

  cpt_entry_row_add_calendar (self->date_row);
  cpt_entry_row_add_calendar (self->due_row);
  cpt_client_picker_set_can_create (self->client_picker, TRUE);
}

CptDocumentPage *
cpt_document_page_new (CptDatabase *db,
                       gint64       id)
{
  CptDocumentPage *self;
  g_autoptr(CptCompany) company = NULL;

  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  self = g_object_new (CPT_TYPE_DOCUMENT_PAGE, NULL);
  self->db = g_object_ref (db);
  self->id = id;
  cpt_client_picker_set_database (self->client_picker, db);

  /* A business exempt from VAT (franchise en base) writes its lines at 0 %. */
  company = cpt_company_load (db, NULL);
  if (company != NULL)
    {
      gboolean exempt = FALSE;

      g_object_get (company, "vat-exempt", &exempt, NULL);
      if (exempt)
        {
          self->default_vat = 0;
          self->default_exemption = g_strdup ("VATEX-FR-FRANCHISE");
        }
    }

  self->preview = cpt_preview_pane_new (db, id);
  adw_bin_set_child (self->preview_bin, GTK_WIDGET (self->preview));
  reload (self);
  return self;
}

/* ---------------------------------------------------------------- for the tests */

gint64
cpt_document_page_get_id (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), 0);

  return self->id;
}

GListModel *
cpt_document_page_get_lines (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return G_LIST_MODEL (self->lines);
}

GtkColumnView *
cpt_document_page_get_lines_view (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return self->lines_view;
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

  return &self->totals;
}

void
cpt_document_page_save_now (CptDocumentPage *self)
{
  g_return_if_fail (CPT_IS_DOCUMENT_PAGE (self));

  flush_header (self);
  flush_lines (self);
}

GtkWidget *
cpt_document_page_get_actions_box (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return GTK_WIDGET (self->actions_box);
}

GtkGrid *
cpt_document_page_get_totals_grid (CptDocumentPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_PAGE (self), NULL);

  return self->totals_grid;
}

void
cpt_document_page_render_pdf (CptDocumentPage     *self,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CPT_IS_DOCUMENT_PAGE (self));

  flush_header (self);
  flush_lines (self);
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

  flush_header (self);
  flush_lines (self);
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
