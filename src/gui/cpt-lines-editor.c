/* cpt-lines-editor.c: see cpt-lines-editor.h. The table and its cells, edited in place, drag
 * and drop, adding (also what is left of the quote), moving and removing lines, the compact
 * rows of a narrow window, the quantities chooser, and the saving of what is typed. */
#define G_LOG_DOMAIN "cpt-lines-editor"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "cpt-document-extras.h"
#include "cpt-document-writes.h"
#include "cpt-lines-editor.h"
#include "cpt-lifecycle-async.h"
#include "cpt-quantities-dialog.h"
#include "cpt-gui-utils.h"
#include "cpt-lifecycle.h"
#include "cpt-line-dialog.h"
#include "cpt-line-fields.h"
#include "cpt-line-row.h"
#include "cpt-money.h"
#include "cpt-product.h"
#include "cpt-product-chooser.h"
#include "cpt-product-dialog.h"
#include "cpt-records-async.h"
#include "cpt-units.h"

struct _CptLinesEditor
{
  GtkWidget            parent_instance;

  CptContext          *context;
  CptDatabase         *db;              /* the context's */
  CptWorker           *worker;          /* the context's */
  GCancellable        *cancellable;     /* reads cancelled when the editor goes */
  CptDocumentSnapshot *document;        /* as last read (NULL until then) */
  gint64               id;              /* of the document */
  GListStore          *lines;           /* CptDocumentLine; new lines have id 0 until saved */
  GtkSingleSelection  *selection;
  GHashTable          *dirty;           /* CptDocumentLine -> itself, lines to save */
  GHashTable          *adding;          /* new lines being added: they wait for their id */
  guint                saves;           /* saves of lines under way */
  guint                busy;            /* writes the page takes no input during */
  guint                save_source;     /* the pause in the typing */
  gint64               saved_at;        /* monotonic time of the last save */
  gint64               default_vat;
  char                *default_exemption;
  gboolean             read_only;
  gboolean             loading;         /* showing lines: what changes is not typed */
  gboolean             show_discounts;
  gboolean             narrow;          /* the narrow breakpoint applies */
  guint                layout_source;
  GtkWidget           *line_error_entry; /* the field line_error_label is about (not a reference) */

  /* template children */
  GtkWidget           *add_button;
  GtkStack            *lines_stack;
  GtkStack            *lines_layout;    /* "table", or "compact" in a narrow window */
  GtkColumnView       *lines_view;
  GtkListBox          *lines_list;      /* the compact rows (CptLineRow) */
  GtkBox              *empty_buttons;
  GtkLabel            *line_error_label; /* under the lines: why a field is refused */
};

G_DEFINE_FINAL_TYPE (CptLinesEditor, cpt_lines_editor, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_CONTEXT, PROP_DOCUMENT, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, STORED, OUTDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The document as last read, NULL until then. */
static CptDocument *
document_of (CptLinesEditor *self)
{
  return self->document != NULL ? cpt_document_snapshot_get_document (self->document) : NULL;
}

/* A line's figures changed: the page's totals follow. */
static void
emit_changed (CptLinesEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The page takes no input while a write it depends on is under way (lines moved, removed,
 * added): what would be typed meanwhile would go to lines about to be read again. Nothing
 * changes to the eye: the write is a few milliseconds. */
static void
begin_busy (CptLinesEditor *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
end_busy (CptLinesEditor *self)
{
  g_return_if_fail (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---------------------------------------------------------------- saving */

static guint
position_of (CptLinesEditor  *self,
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
  CptLinesEditor *self = user_data;
  guint pa = position_of (self, *(CptDocumentLine **) a);
  guint pb = position_of (self, *(CptDocumentLine **) b);

  return pa < pb ? -1 : pa > pb;
}

static void save_dirty_lines (CptLinesEditor *self);

typedef struct
{
  GWeakRef   editor;
  GPtrArray *lines;   /* the editor's own CptDocumentLine, in the order saved */
} LinesSave;

static void
lines_save_free (LinesSave *save)
{
  g_weak_ref_clear (&save->editor);
  g_ptr_array_unref (save->lines);
  g_free (save);
}

static void
on_lines_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  LinesSave *save = data;
  g_autoptr(CptLinesEditor) self = g_weak_ref_get (&save->editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptLinesWritten) written = cpt_document_save_lines_finish (CPT_WORKER (source), result, &error);
  gboolean saved = FALSE;

  if (self == NULL)
    {
      lines_save_free (save);
      return;
    }
  self->saves--;
  for (guint i = 0; i < save->lines->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (save->lines, i);
      gint64 id = written != NULL ? g_array_index (written->ids, gint64, i) : 0;
      const char *why = written != NULL ? g_ptr_array_index (written->errors, i) : error->message;

      g_hash_table_remove (self->adding, line);
      if (id != 0)
        {
          /* A new line has its id now: the next save updates it. */
          if (cpt_document_line_get_id (line) == 0)
            g_object_set (line, "id", id, NULL);
          saved = TRUE;
        }
      else
        {
          guint position = position_of (self, line);
          /* Translators: %u is the line's number, %s why it could not be saved */
          g_autofree char *message = g_strdup_printf (_("Line %u: %s"), position + 1, why);

          cpt_toast (GTK_WIDGET (self), message);
        }
    }
  if (saved)
    g_signal_emit (self, signals[STORED], 0, written->document);
  /* Typed while a new line was being added: saved now that it has its id. */
  if (g_hash_table_size (self->dirty) > 0 && self->save_source == 0)
    self->save_source = g_timeout_add_once (600, (GSourceOnceFunc) save_dirty_lines, self);
  lines_save_free (save);
}

static void
save_dirty_lines (CptLinesEditor *self)
{
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  LinesSave *save;

  self->saved_at = g_get_monotonic_time ();
  self->save_source = 0;
  /* In the order they are shown: a new line is inserted at its position, which only exists
   * once the lines above it are stored (a hash table's order once put the third line second). */
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (pending, key);
  g_ptr_array_sort_with_data (pending, compare_positions, self);
  save = g_new0 (LinesSave, 1);
  g_weak_ref_init (&save->editor, self);
  save->lines = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < pending->len; i++)
    {
      CptDocumentLine *line = g_ptr_array_index (pending, i);
      guint position = position_of (self, line);
      const char *description = cpt_document_line_get_description (line);

      if (position == G_MAXUINT)
        {
          g_hash_table_remove (self->dirty, line);
          continue;
        }
      /* A new line being added waits for its id; one without a description waits for it. */
      if (cpt_document_line_get_id (line) == 0)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (description ? description : ""));

          if (g_hash_table_contains (self->adding, line) ||
              (g_strcmp0 (cpt_document_line_get_kind (line), "subtotal") != 0 && *stripped == '\0'))
            continue;
          g_object_set (line, "position", (gint64) position + 1, NULL);
          g_hash_table_add (self->adding, g_object_ref (line));
        }
      g_ptr_array_add (save->lines, g_object_ref (line));
      g_hash_table_remove (self->dirty, line);
    }
  if (save->lines->len == 0)
    {
      lines_save_free (save);
      return;
    }
  self->saves++;
  cpt_document_save_lines_async (self->worker, self->id, save->lines, NULL, on_lines_saved, save);
}

static void
mark_dirty (CptLinesEditor  *self,
            CptDocumentLine *line)
{
  if (self->loading || self->read_only)
    return;
  g_hash_table_add (self->dirty, g_object_ref (line));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add_once (600, (GSourceOnceFunc) save_dirty_lines, self);
}

gboolean
cpt_lines_editor_flush (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), FALSE);

  if (self->save_source == 0)
    return FALSE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  save_dirty_lines (self);
  return TRUE;
}

/* ---------------------------------------------------------------- the lines */

static CptDocumentLine *
line_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "cpt-line");
}

gboolean
cpt_lines_editor_line_is_item (CptDocumentLine *line)
{
  return g_strcmp0 (cpt_document_line_get_kind (line), "item") == 0;
}

static const char *field_label (GtkWidget *entry);

/* A field refused shows red, and why in words under the lines (a tooltip alone is read by
 * nobody), until it is corrected or the line is shown anew. */
static void
set_entry_error (CptLinesEditor *self,
                 GtkWidget      *entry,
                 const GError   *error)
{
  if (error != NULL)
    {
      g_autofree char *text = NULL;

      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, error->message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      /* The field, then why (the message quotes what was typed). */
      text = g_strdup_printf (_("%s: %s"), field_label (entry), error->message);
      gtk_label_set_text (self->line_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->line_error_label), TRUE);
      self->line_error_entry = entry;
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      if (self->line_error_entry == entry)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->line_error_label), FALSE);
          self->line_error_entry = NULL;
        }
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
on_description_changed (GtkTextBuffer  *buffer,
                        CptLinesEditor *self)
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

static const char *
field_label (GtkWidget *entry)
{
  return cpt_line_field_label (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "cpt-field")));
}

static void
on_field_changed (GtkEditable    *entry,
                  CptLinesEditor *self)
{
  CptDocumentLine *line = line_of (GTK_WIDGET (entry));
  CptLineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "cpt-field"));
  g_autoptr(GError) error = NULL;

  if (line == NULL || self->loading)
    return;
  cpt_line_field_apply (line, field, gtk_editable_get_text (entry),
                        cpt_document_get_currency (document_of (self)), &error);
  set_entry_error (self, GTK_WIDGET (entry), error);
  if (error == NULL)
    {
      emit_changed (self);
      mark_dirty (self, line);
    }
}

/* Leaving a field shows what was kept the way it is printed ("45" becomes "45.00"); a
 * field in error keeps what was typed, to be corrected. */
static void
on_field_left (GtkEventControllerFocus *focus,
               CptLinesEditor          *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  CptDocumentLine *line = line_of (entry);
  CptLineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "cpt-field"));
  g_autofree char *text = NULL;
  gboolean was_loading = self->loading;

  if (line == NULL || gtk_widget_has_css_class (entry, "error"))
    return;
  text = cpt_line_field_text (line, field);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (entry))) == 0)
    return;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  self->loading = was_loading;
}

static void
on_vat_selected (GtkDropDown    *dropdown,
                 GParamSpec     *pspec,
                 CptLinesEditor *self)
{
  CptDocumentLine *line = line_of (GTK_WIDGET (dropdown));
  gint64 rate = cpt_vat_rate_at (gtk_drop_down_get_selected (dropdown));

  if (line == NULL || self->loading || rate < 0)
    return;
  if (!cpt_line_set_vat_rate (line, rate, self->default_exemption))
    return;
  emit_changed (self);
  mark_dirty (self, line);
}

static void
setup_handle (GtkSignalListItemFactory *factory,
              GtkColumnViewCell        *cell,
              CptLinesEditor           *self);

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
  CptLineField field;
  int         width_chars;
  const char *label;          /* N_(): the entry's accessible label */
} LineColumnInfo;

static void
setup_description (GtkSignalListItemFactory *factory,
                   GtkColumnViewCell        *cell,
                   CptLinesEditor           *self)
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
new_field_entry (CptLinesEditor *self,
                 CptLineField    field,
                 int             width_chars,
                 gboolean        numeric)
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
             CptLinesEditor           *self)
{
  const LineColumnInfo *info = g_object_get_data (G_OBJECT (factory), "cpt-column");

  gtk_column_view_cell_set_child (cell, new_field_entry (self, info->field, info->width_chars, info->numeric));
}

static void
setup_vat (GtkSignalListItemFactory *factory,
           GtkColumnViewCell        *cell,
           CptLinesEditor           *self)
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
           CptLinesEditor           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_margin_end (label, 6);
  gtk_column_view_cell_set_child (cell, label);
}

/* The line's menu, for where the line is now: the first line cannot go up, nor the last
 * one down (their items are greyed out rather than doing nothing). */
static void
build_line_menu (GtkMenuButton *button,
                 gpointer       user_data)
{
  CptLinesEditor *self = user_data;
  CptDocumentLine *line = line_of (GTK_WIDGET (button));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
  g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);
  g_autoptr(GMenuItem) product = g_menu_item_new (_("_Create Product from Line…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove"), NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  guint position = 0;

  if (line == NULL || !g_list_store_find (self->lines, line, &position))
    {
      gtk_menu_button_set_menu_model (button, NULL);
      return;
    }
  if (position > 0)
    g_menu_item_set_action_and_target_value (up, "lines.move-up-at", g_variant_new_uint32 (position));
  else
    g_menu_item_set_action_and_target_value (up, "lines.cannot-move", NULL);
  if (position + 1 < n)
    g_menu_item_set_action_and_target_value (down, "lines.move-down-at", g_variant_new_uint32 (position));
  else
    g_menu_item_set_action_and_target_value (down, "lines.cannot-move", NULL);
  g_menu_item_set_action_and_target_value (product, "lines.create-product-at", g_variant_new_uint32 (position));
  g_menu_item_set_action_and_target_value (remove, "lines.remove-at", g_variant_new_uint32 (position));
  g_menu_append_item (menu, up);
  g_menu_append_item (menu, down);
  if (cpt_lines_editor_line_is_item (line))
    g_menu_append_item (section, product);
  g_menu_append_item (section, remove);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
setup_menu (GtkSignalListItemFactory *factory,
            GtkColumnViewCell        *cell,
            CptLinesEditor           *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), build_line_menu, self, NULL);
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
                             .numeric = TRUE, .field = CPT_LINE_FIELD_QUANTITY, .width_chars = 5,
                             .label = N_("Quantity") },
  [LINE_COLUMN_UNIT] = { .id = "unit", .title = N_("Unit"), .setup = G_CALLBACK (setup_entry),
                         .field = CPT_LINE_FIELD_UNIT, .width_chars = 7, .label = N_("Unit") },
  [LINE_COLUMN_PRICE] = { .id = "price", .title = N_("Unit Price"), .setup = G_CALLBACK (setup_entry),
                          .numeric = TRUE, .field = CPT_LINE_FIELD_PRICE, .width_chars = 8,
                          .label = N_("Unit price") },
  [LINE_COLUMN_DISCOUNT] = { .id = "discount", .title = N_("Disc. %"), .setup = G_CALLBACK (setup_entry),
                             .numeric = TRUE, .field = CPT_LINE_FIELD_DISCOUNT, .width_chars = 4,
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

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkColumnViewCell        *cell,
           CptLinesEditor           *self)
{
  CptDocumentLine *line = gtk_column_view_cell_get_item (cell);
  GtkWidget *child = gtk_column_view_cell_get_child (cell);
  const LineColumnInfo *info = g_object_get_data (G_OBJECT (factory), "cpt-column");
  const char *line_kind = cpt_document_line_get_kind (line);
  gboolean item = cpt_lines_editor_line_is_item (line);
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
        g_autofree char *text = cpt_line_field_text (line, info->field);

        gtk_editable_set_text (GTK_EDITABLE (child), text);
        gtk_editable_set_editable (GTK_EDITABLE (child), editable && item);
        gtk_widget_set_can_focus (child, editable && item);
        gtk_widget_set_visible (child, item);
        set_entry_error (self, child, NULL);
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
      /* The menu is made when it opens (build_line_menu): lines move meanwhile. */
      gtk_widget_set_visible (child, editable);
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
             CptLinesEditor           *self)
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

static void move_line_to (CptLinesEditor *self, CptDocumentLine *line, guint position);

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (user_data);
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
              CptLinesEditor           *self)
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
                 CptLinesEditor    *self)
{
  GtkWidget *child = gtk_column_view_cell_get_child (cell);
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (target));
}

static void
setup_cell_with_drop (GtkSignalListItemFactory *factory,
                      GtkColumnViewCell        *cell,
                      CptLinesEditor           *self)
{
  add_drop_target (cell, self);
}

static void
add_column (CptLinesEditor       *self,
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

/* ---------------------------------------------------------------- the discount column */

/* The discount column shows when a line has a discount, or when asked for; the drag handles
 * and the lines' menus only while the lines can change (no empty gutters otherwise). */
static void
update_optional_columns (CptLinesEditor *self)
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
      const char *id = gtk_column_view_column_get_id (column);

      if (g_strcmp0 (id, "discount") == 0)
        gtk_column_view_column_set_visible (column, any);
      else if (g_strcmp0 (id, "handle") == 0 || g_strcmp0 (id, "menu") == 0)
        gtk_column_view_column_set_visible (column, !self->read_only);
    }
}

static void
show_discounts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);

  self->show_discounts = TRUE;
  update_optional_columns (self);
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
focus_line (CptLinesEditor *self,
            guint           position)
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

static gboolean lines_are_compact (CptLinesEditor *self);
static void     open_line_dialog  (CptLinesEditor *self, guint position);

/* A new line is typed into at once: in its row of the table, or in its dialog when the
 * window is narrow. */
static void
append_line (CptLinesEditor  *self,
             CptDocumentLine *line)
{
  guint position = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  g_list_store_append (self->lines, line);
  gtk_stack_set_visible_child_name (self->lines_stack, "lines");
  emit_changed (self);
  mark_dirty (self, line);
  if (lines_are_compact (self))
    open_line_dialog (self, position);
  else
    focus_line (self, position);
}

static CptDocumentLine *
new_line (CptLinesEditor *self,
          const char     *line_kind)
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
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);
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
    cpt_lines_editor_flush (self);
}

static void
on_product_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(CptLinesEditor) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptProduct) product = cpt_product_load_finish (CPT_WORKER (source), result, &error);
  g_autoptr(CptDocumentLine) line = NULL;

  self->saves--;
  /* The page went meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (product == NULL)
    {
      cpt_toast (GTK_WIDGET (self), error->message);
      return;
    }
  line = new_line (self, "item");
  cpt_documents_fill_line_from_product (line, product);
  append_line (self, line);
  cpt_lines_editor_flush (self);
  /* The quantity is what changes most after choosing a product. */
  {
    GListModel *columns = gtk_column_view_get_columns (self->lines_view);
    g_autoptr(GtkColumnViewColumn) quantity = g_list_model_get_item (columns, 2);
    gtk_column_view_scroll_to (self->lines_view, g_list_model_get_n_items (G_LIST_MODEL (self->lines)) - 1,
                               quantity, GTK_LIST_SCROLL_FOCUS, NULL);
  }
}

/* The product is read in the worker; its line follows. Counted as a save under way, so
 * that the page is not taken as settled before the line is there. */
static void
on_product_chosen (CptProductChooser *chooser,
                   gint64             product_id,
                   CptLinesEditor    *self)
{
  self->saves++;
  cpt_product_load_async (self->worker, product_id, self->cancellable, on_product_read,
                          g_object_ref (self));
}

static void
add_product_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);
  CptProductChooser *chooser;

  if (self->read_only)
    return;
  chooser = cpt_product_chooser_new (self->context);
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_product_chosen), self, 0);
  adw_dialog_present (ADW_DIALOG (chooser), widget);
}

/* Shows `lines` (the editor takes them to edit) and selects `select_line_id` if not 0. */
static void
set_lines (CptLinesEditor *self,
           GPtrArray      *lines,
           gint64          select_line_id)
{
  guint selected = GTK_INVALID_LIST_POSITION;

  g_hash_table_remove_all (self->dirty);
  self->loading = TRUE;
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       lines->pdata, lines->len);
  self->loading = FALSE;
  for (guint i = 0; i < lines->len; i++)
    if (cpt_document_line_get_id (g_ptr_array_index (lines, i)) == select_line_id)
      selected = i;
  gtk_stack_set_visible_child_name (self->lines_stack, lines->len > 0 ? "lines" : "empty");
  emit_changed (self);
  update_optional_columns (self);
  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, selected);
}

/* What follows a structural change of the lines, once it is stored: the lines and the
 * document as read after it, then the focus where it belongs. */
typedef struct
{
  GWeakRef  editor;
  gint      focus;        /* the position to focus, -1 for none */
  gboolean  clamp_focus;  /* to the last line if there are fewer */
  char     *heading;      /* of the error */
  char     *toast;        /* with Undo of `removed`, or NULL */
  gpointer  removed;      /* RemovedLine, for Undo */
} LineChange;

static void removed_line_free (gpointer data);
static void undo_remove_line (gpointer data);

static void
line_change_free (LineChange *change)
{
  g_weak_ref_clear (&change->editor);
  g_free (change->heading);
  g_free (change->toast);
  if (change->removed != NULL)
    removed_line_free (change->removed);
  g_free (change);
}

static void
on_line_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  LineChange *change = data;
  g_autoptr(CptLinesEditor) self = g_weak_ref_get (&change->editor);
  g_autoptr(GError) error = NULL;
  g_autoptr(CptLinesWritten) written = cpt_document_line_write_finish (CPT_WORKER (source), result, &error);
  guint n;

  if (self == NULL)
    {
      line_change_free (change);
      return;
    }
  end_busy (self);
  if (written == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), change->heading, error);
      line_change_free (change);
      return;
    }
  set_lines (self, written->lines, written->line_id);
  g_signal_emit (self, signals[STORED], 0, written->document);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  if (change->focus >= 0 && n > 0)
    focus_line (self, change->clamp_focus ? MIN ((guint) change->focus, n - 1) : (guint) change->focus);
  if (change->toast != NULL)
    {
      cpt_toast_with_undo (GTK_WIDGET (self), change->toast, G_CALLBACK (undo_remove_line),
                           g_steal_pointer (&change->removed), removed_line_free);
    }
  line_change_free (change);
}

/* Runs a structural change of the lines in the worker; the page takes no input meanwhile. */
static void
write_line (CptLinesEditor  *self,
            CptLineWrite     what,
            gint64           line_id,
            gint64           position,
            CptDocumentLine *line,
            LineChange      *change)
{
  g_weak_ref_init (&change->editor, self);
  begin_busy (self);
  cpt_document_line_write_async (self->worker, what, self->id, line_id, position, line, NULL,
                                 on_line_written, change);
}

static void
move_line_to (CptLinesEditor  *self,
              CptDocumentLine *line,
              guint            position)
{
  gint64 id = cpt_document_line_get_id (line);
  LineChange *change;

  cpt_lines_editor_flush (self);
  if (id == 0 || self->read_only)
    return;
  change = g_new0 (LineChange, 1);
  change->focus = position;
  change->heading = g_strdup (_("Could not move the line"));
  write_line (self, CPT_LINE_WRITE_MOVE, id, (gint64) position + 1, NULL, change);
}

static CptDocumentLine *
line_at (CptLinesEditor *self,
         guint           position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->lines), position);
}

static guint
selected_or_parameter (CptLinesEditor *self,
                       GVariant       *parameter)
{
  if (parameter != NULL)
    return g_variant_get_uint32 (parameter);
  return gtk_single_selection_get_selected (self->selection);
}

static void
cannot_move_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);
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
  CptDocumentLine *line;
  GWeakRef         editor;
} RemovedLine;

static void
removed_line_free (gpointer data)
{
  RemovedLine *removed = data;

  g_object_unref (removed->line);
  g_weak_ref_clear (&removed->editor);
  g_free (removed);
}

static void
undo_remove_line (gpointer data)
{
  RemovedLine *removed = data;
  g_autoptr(CptLinesEditor) self = g_weak_ref_get (&removed->editor);
  LineChange *change;

  /* Undo is offered by the page's toast: with the page gone, so is the draft's editor. */
  if (self == NULL)
    return;
  change = g_new0 (LineChange, 1);
  change->focus = -1;
  change->heading = g_strdup (_("Could not put the line back"));
  write_line (self, CPT_LINE_WRITE_ADD, 0, 0, removed->line, change);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);
  guint position = selected_or_parameter (self, parameter);
  g_autoptr(CptDocumentLine) line = NULL;
  RemovedLine *removed;
  LineChange *change;

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
      emit_changed (self);
      return;
    }
  cpt_lines_editor_flush (self);

  removed = g_new0 (RemovedLine, 1);
  removed->line = cpt_document_line_duplicate (line);
  g_object_set (removed->line, "position", (gint64) position + 1, NULL);
  g_weak_ref_init (&removed->editor, self);
  change = g_new0 (LineChange, 1);
  change->focus = position;
  change->clamp_focus = TRUE;
  change->heading = g_strdup (_("Could not remove the line"));
  change->toast = g_strdup_printf (_("Line %u removed"), position + 1);
  change->removed = removed;
  write_line (self, CPT_LINE_WRITE_REMOVE, cpt_document_line_get_id (line), 0, NULL, change);
}

static void
create_product_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);
  guint position = selected_or_parameter (self, parameter);
  g_autoptr(CptDocumentLine) line = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->lines)))
    return;
  line = line_at (self, position);
  if (!cpt_lines_editor_line_is_item (line))
    return;
  adw_dialog_present (ADW_DIALOG (cpt_product_dialog_new_from_line (self->context, line)), widget);
}

/* ---------------------------------------------------------------- remaining quantities */

static void
on_remaining_added (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(CptLinesEditor) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptLinesWritten) written = cpt_document_save_lines_finish (CPT_WORKER (source), result, &error);

  self->saves--;
  if (written == NULL)
    {
      cpt_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < written->errors->len; i++)
    if (g_ptr_array_index (written->errors, i) != NULL)
      cpt_toast (GTK_WIDGET (self), g_ptr_array_index (written->errors, i));
  g_signal_emit (self, signals[OUTDATED], 0);
}

/* The quote's lines chosen, with the quantities to invoice: new lines of this invoice,
 * linked to the quote's, added in the worker after what was typed. */
static void
on_remaining_chosen (CptQuantitiesDialog *dialog,
                     GArray              *chosen,
                     CptLinesEditor      *self)
{
  GPtrArray *quote_lines = g_object_get_data (G_OBJECT (dialog), "cpt-quote-lines");
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < chosen->len; i++)
    {
      const CptLineQuantity *choice = &g_array_index (chosen, CptLineQuantity, i);

      for (guint j = 0; j < quote_lines->len; j++)
        {
          CptDocumentLine *quote_line = g_ptr_array_index (quote_lines, j);
          CptDocumentLine *line;

          if (cpt_document_line_get_id (quote_line) != choice->line_id)
            continue;
          line = cpt_document_line_duplicate (quote_line);
          g_object_set (line, "quantity", choice->quantity, "quote-line-id", choice->line_id,
                        "position", (gint64) 0, NULL);
          g_ptr_array_add (added, line);
        }
    }
  if (added->len == 0)
    return;
  cpt_lines_editor_flush (self);
  self->saves++;
  cpt_document_save_lines_async (self->worker, self->id, added, NULL, on_remaining_added,
                                 g_object_ref (self));
}

static void
on_remaining_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(CptLinesEditor) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptQuoteRemaining) remaining = cpt_lifecycle_quote_remaining_finish (CPT_WORKER (source), result, &error);
  CptQuantitiesDialog *dialog;

  end_busy (self);
  if (remaining == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not read the quote"), error);
      return;
    }
  dialog = cpt_quantities_dialog_new (_("Add What Is Left of the Quote"),
                                      _("The quantities ordered that no invoice took yet (the quantity to invoice)."),
                                      _("_Add Lines"));
  for (guint i = 0; i < remaining->remaining->len; i++)
    {
      CptRemainingLine *line = g_ptr_array_index (remaining->remaining, i);

      if (line->remaining > 0)
        cpt_quantities_dialog_add_line (dialog, line->line_id, line->description, line->remaining,
                                        line->remaining);
    }
  if (cpt_quantities_dialog_get_n_lines (dialog) == 0)
    {
      /* Nothing to choose from: said plainly, not as an empty list. */
      g_object_ref_sink (dialog);
      g_object_unref (dialog);
      cpt_toast (GTK_WIDGET (self), _("Everything on the quote has been invoiced."));
      return;
    }
  g_object_set_data_full (G_OBJECT (dialog), "cpt-quote-lines", g_steal_pointer (&remaining->lines),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_remaining_chosen), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
add_remaining_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (widget);
  gint64 quote_id = document_of (self) ? cpt_document_get_quote_id (document_of (self)) : 0;

  if (quote_id == 0 || self->read_only)
    return;
  /* What is left depends on every invoice of the quote: read now, in the worker. */
  begin_busy (self);
  cpt_lifecycle_quote_remaining_async (self->worker, quote_id, NULL, on_remaining_read, g_object_ref (self));
}

/* ---------------------------------------------------------------- the compact rows */

/* A narrow window shows each line as a row (cpt-line-row.c); activating it opens the line in
 * a dialog, which edits it through the same rules as the table. */

static gboolean
lines_are_compact (CptLinesEditor *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->lines_layout), "compact") == 0;
}

static void
on_line_dialog_changed (CptLineDialog  *dialog,
                        CptLinesEditor *self)
{
  CptDocumentLine *line = g_object_get_data (G_OBJECT (dialog), "cpt-line");

  emit_changed (self);
  mark_dirty (self, line);
}

static void
open_line_dialog (CptLinesEditor *self,
                  guint           position)
{
  g_autoptr(CptDocumentLine) line = line_at (self, position);
  const char *kind = cpt_document_line_get_kind (line);
  gboolean editable = !self->read_only && g_strcmp0 (kind, "deposit") != 0;
  CptLineDialog *dialog;

  if (g_strcmp0 (kind, "subtotal") == 0)
    return;
  dialog = cpt_line_dialog_new (line, position, cpt_document_get_currency (document_of (self)),
                                self->default_exemption, editable);
  g_object_set_data_full (G_OBJECT (dialog), "cpt-line", g_object_ref (line), g_object_unref);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_line_dialog_changed), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

static void
on_line_row_activated (GtkListBox     *list,
                       GtkListBoxRow  *row,
                       CptLinesEditor *self)
{
  open_line_dialog (self, (guint) gtk_list_box_row_get_index (row));
}

/* The table or the rows, after the allocation that crossed the breakpoint: swapping the
 * stack's child in the middle of it had libadwaita snapshot rows with no allocation yet. */
static void
switch_lines_layout (gpointer data)
{
  CptLinesEditor *self = data;

  self->layout_source = 0;
  gtk_stack_set_visible_child_name (self->lines_layout, self->narrow ? "compact" : "table");
}

void
cpt_lines_editor_set_narrow (CptLinesEditor *self,
                             gboolean        narrow)
{
  g_return_if_fail (CPT_IS_LINES_EDITOR (self));

  self->narrow = narrow;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->empty_buttons),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  if (self->layout_source == 0)
    self->layout_source = g_idle_add_once (switch_lines_layout, self);
}

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  CptLinesEditor *self = user_data;
  CptDocumentLine *line = item;
  GtkWidget *row = cpt_line_row_new (line);
  GtkMenuButton *menu = cpt_line_row_get_menu_button (CPT_LINE_ROW (row));
  gboolean editable = !self->read_only && g_strcmp0 (cpt_document_line_get_kind (line), "deposit") != 0;

  /* The menu is made when it opens, for where the line is then (build_line_menu). */
  g_object_set_data (G_OBJECT (menu), "cpt-line", line);
  gtk_menu_button_set_create_popup_func (menu, build_line_menu, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (menu), editable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row),
                                    g_strcmp0 (cpt_document_line_get_kind (line), "subtotal") != 0);
  return row;
}

/* ---------------------------------------------------------------- the document */

/* The state the lines are edited in, from `document`: whether they can change, the VAT of a
 * new line, whether what is left of the quote can be added. */
static void
take_document (CptLinesEditor      *self,
               CptDocumentSnapshot *document)
{
  CptDocument *header;
  gboolean changed = g_set_object (&self->document, document);

  header = document_of (self);
  self->id = document != NULL ? cpt_document_snapshot_get_id (document) : 0;
  self->read_only = document == NULL || !cpt_document_snapshot_allows (document, "edit");
  /* A business exempt from VAT (franchise en base) writes its lines at 0 %. */
  self->default_vat = document != NULL && cpt_document_snapshot_get_vat_exempt (document) ? 0 : 2000;
  g_clear_pointer (&self->default_exemption, g_free);
  if (self->default_vat == 0)
    self->default_exemption = g_strdup ("VATEX-FR-FRANCHISE");
  gtk_widget_set_visible (self->add_button, !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.add-remaining",
                                 !self->read_only && header != NULL &&
                                 cpt_document_get_document_kind (header) == CPT_DOCUMENT_KIND_INVOICE &&
                                 cpt_document_get_quote_id (header) != 0);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

CptDocumentSnapshot *
cpt_lines_editor_get_document (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), NULL);

  return self->document;
}

void
cpt_lines_editor_set_document (CptLinesEditor      *self,
                               CptDocumentSnapshot *document)
{
  g_autoptr(GPtrArray) none = NULL;

  g_return_if_fail (CPT_IS_LINES_EDITOR (self));
  g_return_if_fail (document == NULL || CPT_IS_DOCUMENT_SNAPSHOT (document));

  take_document (self, document);
  if (document == NULL)
    none = g_ptr_array_new ();
  set_lines (self, document != NULL ? cpt_document_snapshot_get_lines (document) : none, 0);
}

void
cpt_lines_editor_update_document (CptLinesEditor      *self,
                                  CptDocumentSnapshot *document)
{
  g_return_if_fail (CPT_IS_LINES_EDITOR (self));
  g_return_if_fail (document == NULL || CPT_IS_DOCUMENT_SNAPSHOT (document));

  take_document (self, document);
}

/* Whether `lines` are the lines shown, as to their ids. */
static gboolean
same_stored_lines (CptLinesEditor *self,
                   GPtrArray      *lines)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  if (n != lines->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (cpt_document_line_get_id (line) != cpt_document_line_get_id (g_ptr_array_index (lines, i)))
        return FALSE;
    }
  return TRUE;
}

gboolean
cpt_lines_editor_lines_changed_elsewhere (CptLinesEditor      *self,
                                          CptDocumentSnapshot *document)
{
  gboolean waiting;

  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), FALSE);
  g_return_val_if_fail (CPT_IS_DOCUMENT_SNAPSHOT (document), FALSE);

  waiting = g_hash_table_size (self->dirty) > 0 || self->save_source != 0 || self->saves > 0;
  if (waiting || same_stored_lines (self, cpt_document_snapshot_get_lines (document)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lines)); i++)
    {
      g_autoptr(CptDocumentLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (cpt_document_line_get_id (line) == 0)
        return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- the rest of the API */

CptContext *
cpt_lines_editor_get_context (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), NULL);

  return self->context;
}

GListModel *
cpt_lines_editor_get_lines (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), NULL);

  return G_LIST_MODEL (self->lines);
}

GtkColumnView *
cpt_lines_editor_get_view (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), NULL);

  return self->lines_view;
}

void
cpt_lines_editor_cancel_pause (CptLinesEditor *self)
{
  g_return_if_fail (CPT_IS_LINES_EDITOR (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
}

gboolean
cpt_lines_editor_is_saving (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), FALSE);

  return self->saves > 0;
}

gboolean
cpt_lines_editor_is_busy (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), FALSE);

  return self->busy > 0;
}

gint64
cpt_lines_editor_get_saved_at (CptLinesEditor *self)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), 0);

  return self->saved_at;
}

void
cpt_lines_editor_focus (CptLinesEditor *self)
{
  g_return_if_fail (CPT_IS_LINES_EDITOR (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->lines)) == 0)
    gtk_widget_grab_focus (self->add_button);
  else if (lines_are_compact (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->lines_list));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->lines_view));
}

gboolean
cpt_lines_editor_activate_action (CptLinesEditor *self,
                                  const char     *action_name,
                                  GVariant       *parameter)
{
  g_return_val_if_fail (CPT_IS_LINES_EDITOR (self), FALSE);

  return gtk_widget_activate_action_variant (GTK_WIDGET (self), action_name, parameter);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_lines_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_lines_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      cpt_lines_editor_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_lines_editor_constructed (GObject *object)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (object);

  G_OBJECT_CLASS (cpt_lines_editor_parent_class)->constructed (object);

  g_return_if_fail (CPT_IS_CONTEXT (self->context));
  self->db = g_object_ref (cpt_context_get_database (self->context));
  self->worker = g_object_ref (cpt_context_get_worker (self->context));
  self->cancellable = g_cancellable_new ();
}

static void
cpt_lines_editor_dispose (GObject *object)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (object);

  /* Nothing typed is lost. */
  if (self->db != NULL && self->document != NULL)
    cpt_lines_editor_flush (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->lines_view != NULL)
    gtk_column_view_set_model (self->lines_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_LINES_EDITOR);
  /* The children the template does not name are the widget's to let go of. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->lines);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->adding, g_hash_table_unref);
  g_clear_object (&self->document);
  g_clear_object (&self->db);
  g_clear_object (&self->worker);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_lines_editor_parent_class)->dispose (object);
}

static void
cpt_lines_editor_finalize (GObject *object)
{
  CptLinesEditor *self = CPT_LINES_EDITOR (object);

  g_free (self->default_exemption);

  G_OBJECT_CLASS (cpt_lines_editor_parent_class)->finalize (object);
}

static void
cpt_lines_editor_class_init (CptLinesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_lines_editor_get_property;
  object_class->set_property = cpt_lines_editor_set_property;
  object_class->constructed = cpt_lines_editor_constructed;
  object_class->dispose = cpt_lines_editor_dispose;
  object_class->finalize = cpt_lines_editor_finalize;

  /* The file the lines are in: its database, its worker. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT_SNAPSHOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STORED] = g_signal_new ("stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, CPT_TYPE_DOCUMENT);
  signals[OUTDATED] = g_signal_new ("outdated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-lines-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, lines_stack);
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, lines_layout);
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, lines_view);
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, lines_list);
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, empty_buttons);
  gtk_widget_class_bind_template_child (widget_class, CptLinesEditor, line_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_line_row_activated);

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
  /* Always disabled: what the first line's Move Up and the last line's Move Down do. */
  gtk_widget_class_install_action (widget_class, "lines.cannot-move", NULL, cannot_move_action);
  gtk_widget_class_install_action (widget_class, "lines.move-up-at", "u", move_action);
  gtk_widget_class_install_action (widget_class, "lines.move-down-at", "u", move_action);
  gtk_widget_class_install_action (widget_class, "lines.remove-at", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "lines.create-product-at", "u", create_product_action);
}

static void
cpt_lines_editor_init (CptLinesEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->lines = g_list_store_new (CPT_TYPE_DOCUMENT_LINE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->lines)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->adding = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->default_vat = 2000;

  for (guint i = 0; i < N_LINE_COLUMNS; i++)
    add_column (self, &line_columns[i]);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->selection));
  cpt_column_view_align_titles_end (self->lines_view);
  gtk_list_box_bind_model (self->lines_list, G_LIST_MODEL (self->lines), create_line_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lines.cannot-move", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.add-remaining", FALSE);
}

CptLinesEditor *
cpt_lines_editor_new (CptContext *context)
{
  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  return g_object_new (CPT_TYPE_LINES_EDITOR, "context", context, NULL);
}
