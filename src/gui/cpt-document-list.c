/* cpt-document-list.c: a column view of documents over a paged query. */
#define G_LOG_DOMAIN "cpt-document-list"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-document-list.h"
#include "cpt-badge.h"
#include "cpt-text-cell.h"
#include "cpt-row-pacer.h"
#include "cpt-paged-list.h"
#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"
#include "cpt-money.h"
#include "cpt-worker.h"

/* Adding up a selection reads its rows; beyond this many, only the count is shown (a
 * selection of everything uses the totals of the list). */
#define MAX_SELECTION_TO_ADD_UP 20000

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_KIND,
  COLUMN_CLIENT,
  COLUMN_TITLE,
  COLUMN_DATE,
  COLUMN_DUE,
  COLUMN_NET,
  COLUMN_GROSS,
  COLUMN_BALANCE,
  COLUMN_STATUS,
  N_COLUMNS
} Column;

typedef struct
{
  const char *id;
  const char *title;
  gboolean    expand;
  gboolean    numeric;
  int         fixed_width;      /* -1: natural */
  int         sort;             /* CptDocumentSort, or -1: not sortable */
} ColumnInfo;

/* Widths fit the longest text of each column, in English and French ("FA-2026-123456" for
 * a series past 100 000 a year, "Facture d'acompte", "30 Sep 2026", the badge "Accepted,
 * deposit invoiced"), so that what is left goes to the client. */
static const ColumnInfo column_info[N_COLUMNS] = {
  { "number", N_("Number"), FALSE, FALSE, 140, CPT_DOCUMENT_SORT_NUMBER },
  { "kind", N_("Kind"), FALSE, FALSE, 150, -1 },
  { "client", N_("Client"), TRUE, FALSE, -1, CPT_DOCUMENT_SORT_CLIENT },
  { "title", N_("Title"), TRUE, FALSE, -1, -1 },
  { "date", N_("Date"), FALSE, FALSE, 106, CPT_DOCUMENT_SORT_DATE },
  { "due", N_("Due"), FALSE, FALSE, 106, CPT_DOCUMENT_SORT_DUE_DATE },
  { "net", N_("Net"), FALSE, TRUE, 110, -1 },
  { "gross", N_("Gross"), FALSE, TRUE, 110, CPT_DOCUMENT_SORT_TOTAL },
  { "balance", N_("Balance"), FALSE, TRUE, 110, -1 },
  { "status", N_("Status"), FALSE, FALSE, 200, -1 },
};

/* A query that owns its strings, for the list and for the thread adding it up. */
typedef struct
{
  GStrv            kinds;
  GStrv            states;
  gint64           client_id;
  char            *date_from;
  char            *date_to;
  char            *search;
  CptDocumentSort  sort;
  gboolean         ascending;
} OwnedQuery;

static OwnedQuery *
owned_query_new (const CptDocumentQuery *query)
{
  OwnedQuery *owned = g_new0 (OwnedQuery, 1);

  owned->kinds = g_strdupv ((char **) query->kinds);
  owned->states = g_strdupv ((char **) query->states);
  owned->client_id = query->client_id;
  owned->date_from = g_strdup (query->date_from);
  owned->date_to = g_strdup (query->date_to);
  owned->search = g_strdup (query->search);
  owned->sort = query->sort;
  owned->ascending = query->ascending;
  return owned;
}

static OwnedQuery *
owned_query_copy (const OwnedQuery *query)
{
  OwnedQuery *owned = g_new0 (OwnedQuery, 1);

  *owned = *query;
  owned->kinds = g_strdupv (query->kinds);
  owned->states = g_strdupv (query->states);
  owned->date_from = g_strdup (query->date_from);
  owned->date_to = g_strdup (query->date_to);
  owned->search = g_strdup (query->search);
  return owned;
}

static void
owned_query_free (OwnedQuery *owned)
{
  if (owned == NULL)
    return;
  g_strfreev (owned->kinds);
  g_strfreev (owned->states);
  g_free (owned->date_from);
  g_free (owned->date_to);
  g_free (owned->search);
  g_free (owned);
}

static gboolean
strv_equal (const char *const *a, const char *const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal (a, b);
}

/* Whether `owned` lists what `query` does, in whatever order. */
static gboolean
owned_query_lists (const OwnedQuery *owned, const CptDocumentQuery *query)
{
  return strv_equal ((const char *const *) owned->kinds, query->kinds) &&
         strv_equal ((const char *const *) owned->states, query->states) &&
         owned->client_id == query->client_id &&
         g_strcmp0 (owned->date_from, query->date_from) == 0 &&
         g_strcmp0 (owned->date_to, query->date_to) == 0 &&
         g_strcmp0 (owned->search, query->search) == 0;
}

static void
owned_query_view (const OwnedQuery *owned,
                  CptDocumentQuery *out)
{
  memset (out, 0, sizeof *out);
  out->kinds = (const char *const *) owned->kinds;
  out->states = (const char *const *) owned->states;
  out->client_id = owned->client_id;
  out->date_from = owned->date_from;
  out->date_to = owned->date_to;
  out->search = owned->search;
  out->sort = owned->sort;
  out->ascending = owned->ascending;
}

struct _CptDocumentList
{
  AdwBin              parent_instance;

  CptContext         *context;
  CptDatabase        *db;              /* the context's */
  OwnedQuery         *query;
  CptPagedList       *model;
  CptRowPacer        *pacer;           /* hands the view the model's rows */
  GtkMultiSelection  *selection;
  GtkColumnViewColumn *columns[N_COLUMNS];
  GCancellable       *sums_cancellable;
  CptDocumentSums     sums;
  gboolean            sums_known;
  char               *sums_failure;   /* why the totals could not be added up */
  gboolean            updating_sort;
  gboolean            disposed;
  gboolean            hidden[N_COLUMNS];   /* by the page (cpt_document_list_set_column_visible) */
  gboolean            two_lines;           /* narrow: the client under the number */
  guint               rebind_source;
  AdwBreakpoint      *narrow_breakpoint;
  guint               sums_source;

  /* template children */
  AdwBreakpointBin   *breakpoint_bin;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkLabel           *selection_label;
  GtkLabel           *total_label;
};

G_DEFINE_FINAL_TYPE (CptDocumentList, cpt_document_list, ADW_TYPE_BIN)

/* The row's document, or NULL while it is still being read. */
static CptDocumentRow *
row_of (GtkListItem *item)
{
  gpointer row = gtk_list_item_get_item (item);

  return cpt_paged_list_is_placeholder (row) ? NULL : CPT_DOCUMENT_ROW (row);
}

/* ---------------------------------------------------------------- cells */

/* The list fills its items in place (notify::document) rather than replacing them, which
 * would make GTK build the rows' widgets again: when a row still being read arrives, and
 * when the rows shown are read again (another filter, a reload). Every bound cell listens,
 * and is bound again then. */
typedef void (*BindFunc) (GtkSignalListItemFactory *factory, GObject *list_item, gpointer info);

typedef struct
{
  GtkSignalListItemFactory *factory;
  GObject                  *list_item;
  BindFunc                  bind;
  gpointer                  info;
} Rebind;

static void
on_row_filled (GObject *row, GParamSpec *pspec, Rebind *rebind)
{
  rebind->bind (rebind->factory, rebind->list_item, rebind->info);
}

static void
bind_again_when_filled (GtkSignalListItemFactory *factory,
                  GObject                  *list_item,
                  gpointer                  row,
                  BindFunc                  bind,
                  gpointer                  info)
{
  Rebind *rebind = g_new (Rebind, 1);
  gulong id;

  *rebind = (Rebind) { factory, list_item, bind, info };
  id = g_signal_connect_data (row, "notify::document", G_CALLBACK (on_row_filled), rebind,
                              (GClosureNotify) g_free, 0);
  g_object_set_data (list_item, "cpt-row-filled", GSIZE_TO_POINTER ((gsize) id));
}

static void
stop_waiting_for_row (GObject *list_item, gpointer row)
{
  gulong id = (gulong) GPOINTER_TO_SIZE (g_object_get_data (list_item, "cpt-row-filled"));

  if (id != 0 && row != NULL)
    g_signal_handler_disconnect (row, id);
  g_object_set_data (list_item, "cpt-row-filled", NULL);
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  const ColumnInfo *info = user_data;
  GtkWidget *cell = cpt_text_cell_new ();

  cpt_text_cell_set_chars (CPT_TEXT_CELL (cell), info->expand ? 8 : 4, info->expand ? 24 : 10);
  if (info->numeric)
    {
      cpt_text_cell_set_xalign (CPT_TEXT_CELL (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

/* The status badge, and an envelope when the invoice has been reminded: which reminder
 * shows on hover and is read by screen readers. The envelope is made for the first
 * reminded invoice the cell shows: most never are. */
static void
setup_badge_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = cpt_badge_new ();

  /* A long status ("En attente de paiement", "Accepted, deposit invoiced") goes on two
   * lines where the column is narrow (a phone: update_narrow ()), as high as the rows' two
   * lines of number and client, rather than losing its end. */
  cpt_badge_set_lines (CPT_BADGE (badge), 2);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (item, box);
}

static void
set_badge_cell (GtkListItem *item, const char *state, guint reminder_level)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *badge = gtk_widget_get_first_child (box);
  GtkWidget *reminded = gtk_widget_get_next_sibling (badge);
  g_autofree char *said = NULL;

  cpt_badge_set_state (CPT_BADGE (badge), state);
  if (reminded != NULL)
    gtk_widget_set_visible (reminded, reminder_level > 0);
  if (reminder_level == 0)
    return;
  if (reminded == NULL)
    {
      reminded = gtk_image_new_from_icon_name ("mail-send-symbolic");
      gtk_widget_add_css_class (reminded, "dim-label");
      gtk_box_append (GTK_BOX (box), reminded);
    }
  said = reminder_level >= 3 ? g_strdup (_("Formal notice sent"))
         /* Translators: the icon beside an invoice's status in lists; %u is 1 or 2 */
         : g_strdup_printf (_("Reminder %u sent"), reminder_level);
  gtk_widget_set_tooltip_text (reminded, said);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reminded), GTK_ACCESSIBLE_PROPERTY_LABEL, said, -1);
}

static void
set_cell (GtkListItem *item,
          const char  *text,
          gboolean     dim)
{
  GtkWidget *cell = gtk_list_item_get_child (item);

  cpt_text_cell_set_text (CPT_TEXT_CELL (cell), text);
  if (dim)
    gtk_widget_add_css_class (cell, "dim-label");
  else
    gtk_widget_remove_css_class (cell, "dim-label");
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const ColumnInfo *info = user_data;
  CptDocumentRow *row = row_of (item);
  CptDocument *document;
  g_autofree char *text = NULL;
  gboolean dim = FALSE;
  Column column = (Column) (info - column_info);

  stop_waiting_for_row (G_OBJECT (item), gtk_list_item_get_item (item));
  if (gtk_list_item_get_item (item) != NULL)
    bind_again_when_filled (factory, G_OBJECT (item), gtk_list_item_get_item (item),
                      (BindFunc) bind_cell, user_data);
  if (row == NULL)
    {
      set_cell (item, NULL, FALSE);
      return;
    }
  document = cpt_document_row_get_document (row);

  switch (column)
    {
    case COLUMN_NUMBER:
      if (cpt_document_get_number (document) != NULL)
        text = g_strdup (cpt_document_get_number (document));
      else if (cpt_document_get_document_kind (document) == CPT_DOCUMENT_KIND_PROFORMA)
        {
          /* Translators: a pro forma not yet numbered, in place of its number */
          text = g_strdup (_("Pro forma"));
          dim = TRUE;
        }
      else
        {
          /* Translators: a document not yet validated, in place of its number */
          text = g_strdup (_("Draft"));
          dim = TRUE;
        }
      break;

    case COLUMN_KIND:
      text = g_strdup (cpt_kind_label (cpt_document_get_document_kind (document)));
      break;

    case COLUMN_CLIENT:
      text = g_strdup (cpt_document_get_client_name (document));
      break;

    case COLUMN_TITLE:
      text = g_strdup (cpt_document_get_title (document));
      break;

    case COLUMN_DATE:
      text = cpt_format_date (cpt_document_get_date (document));
      break;

    case COLUMN_DUE:
      text = cpt_format_date (cpt_document_get_due_date (document));
      break;

    case COLUMN_NET:
      /* What the document itself invoices: a balance invoice without its deposits. */
      {
        gint64 deposits_net = 0;

        g_object_get (document, "deposits-net", &deposits_net, NULL);
        text = cpt_format_money (cpt_document_get_total_net (document) - deposits_net,
                                 cpt_document_get_currency (document));
      }
      break;

    case COLUMN_GROSS:
      text = cpt_format_money (cpt_document_get_amount_due (document),
                               cpt_document_get_currency (document));
      break;

    case COLUMN_BALANCE:
      if (cpt_document_row_get_has_balance (row))
        {
          text = cpt_format_money (cpt_document_row_get_balance (row),
                                   cpt_document_get_currency (document));
          dim = cpt_document_row_get_balance (row) == 0;
        }
      break;

    case COLUMN_STATUS:
    case N_COLUMNS:
    default:
      break;
    }
  /* Narrow, the number's cell carries the client's name under it (its column is gone). */
  if (column == COLUMN_NUMBER)
    {
      CptDocumentList *self = g_object_get_data (G_OBJECT (factory), "cpt-list");
      CptTextCell *cell = CPT_TEXT_CELL (gtk_list_item_get_child (item));

      if (self != NULL && self->two_lines)
        {
          g_autofree char *markup = g_markup_printf_escaped ("%s\n<span size=\"small\">%s</span>", text ? text : "",
                                                             cpt_document_get_client_name (document) ?: "");

          cpt_text_cell_set_lines (cell, 2);
          cpt_text_cell_set_markup (cell, markup);
          if (dim)
            gtk_widget_add_css_class (GTK_WIDGET (cell), "dim-label");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (cell), "dim-label");
          return;
        }
      cpt_text_cell_set_lines (cell, 1);
    }
  set_cell (item, text, dim);
}

static void
bind_badge_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  CptDocumentRow *row = row_of (item);

  stop_waiting_for_row (G_OBJECT (item), gtk_list_item_get_item (item));
  if (gtk_list_item_get_item (item) != NULL)
    bind_again_when_filled (factory, G_OBJECT (item), gtk_list_item_get_item (item),
                      (BindFunc) bind_badge_cell, user_data);
  set_badge_cell (item, row != NULL ? cpt_document_row_get_state (row) : NULL,
                  row != NULL ? cpt_document_row_get_reminder_level (row) : 0);
}

/* A row whose document is still being read in a thread has no item: GTK binds nothing
 * then, so what a recycled cell showed is cleared when it lets go of its last document. */
static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  stop_waiting_for_row (G_OBJECT (item), gtk_list_item_get_item (item));
  set_cell (item, NULL, FALSE);
}

static void
unbind_badge_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  stop_waiting_for_row (G_OBJECT (item), gtk_list_item_get_item (item));
  set_badge_cell (item, NULL, 0);
}

/* The row as one sentence for screen readers. */
static void
setup_row (GtkSignalListItemFactory *factory,
           GtkColumnViewRow         *row,
           gpointer                  user_data)
{
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkColumnViewRow         *row,
          gpointer                  user_data)
{
  CptDocumentRow *item = gtk_column_view_row_get_item (row);
  CptDocument *document;
  g_autofree char *amount = NULL;
  g_autofree char *label = NULL;

  stop_waiting_for_row (G_OBJECT (row), item);
  if (item != NULL)
    bind_again_when_filled (factory, G_OBJECT (row), item, (BindFunc) bind_row, user_data);
  if (item == NULL || cpt_paged_list_is_placeholder (item))
    {
      gtk_column_view_row_set_accessible_label (row, "");
      return;
    }
  document = cpt_document_row_get_document (item);
  amount = cpt_format_money (cpt_document_get_amount_due (document), cpt_document_get_currency (document));
  /* Translators: a row of a document list read by a screen reader: kind, number, client, amount, status */
  label = g_strdup_printf (_("%s %s, %s, %s, %s"),
                           cpt_kind_label (cpt_document_get_document_kind (document)),
                           cpt_document_get_number (document) ? cpt_document_get_number (document) : _("Draft"),
                           cpt_document_get_client_name (document),
                           amount,
                           cpt_status_label (cpt_document_row_get_status (item)));
  gtk_column_view_row_set_accessible_label (row, label);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkColumnViewRow         *row,
            gpointer                  user_data)
{
  stop_waiting_for_row (G_OBJECT (row), gtk_column_view_row_get_item (row));
}

/* ---------------------------------------------------------------- footer */

/* "1 234 invoices": the count, grouped as the language groups digits, and the right noun. */
static char *
count_text (CptDocumentList *self,
            gint64           count)
{
  CptDocumentKind kind;
  g_autofree char *number = cpt_format_count (count);

  /* The query names its kinds by their stored strings. */
  if (self->query != NULL && self->query->kinds != NULL && g_strv_length (self->query->kinds) >= 1 &&
      cpt_document_kind_from_string (self->query->kinds[0], &kind))
    switch (kind)
      {
      case CPT_DOCUMENT_KIND_QUOTE:
        return g_strdup_printf (g_dngettext (NULL, "%s quote", "%s quotes", count), number);
      case CPT_DOCUMENT_KIND_INVOICE:
        return g_strdup_printf (g_dngettext (NULL, "%s invoice", "%s invoices", count), number);
      case CPT_DOCUMENT_KIND_DEPOSIT:
        return g_strdup_printf (g_dngettext (NULL, "%s deposit invoice", "%s deposit invoices", count), number);
      case CPT_DOCUMENT_KIND_CREDIT_NOTE:
        return g_strdup_printf (g_dngettext (NULL, "%s credit note", "%s credit notes", count), number);
      case CPT_DOCUMENT_KIND_PROFORMA:
      default:
        break;
      }
  return g_strdup_printf (g_dngettext (NULL, "%s document", "%s documents", count), number);
}

static gboolean
shows_balance (CptDocumentList *self)
{
  return gtk_column_view_column_get_visible (self->columns[COLUMN_BALANCE]);
}

static char *
describe_sums (CptDocumentList       *self,
               const CptDocumentSums *sums,
               gboolean               with_amounts)
{
  g_autofree char *net = NULL, *gross = NULL, *balance = NULL;
  g_autofree char *count = count_text (self, sums->count);

  if (!with_amounts)
    return g_steal_pointer (&count);
  net = cpt_format_money (sums->net, NULL);
  gross = cpt_format_money (sums->gross, NULL);
  if (!shows_balance (self))
    /* Translators: the footer of a list: count, total without VAT, total with VAT */
    return g_strdup_printf (_("%s · Net %s · Gross %s"), count, net, gross);
  balance = cpt_format_money (sums->balance, NULL);
  /* Translators: the footer of a list: count, totals, and what is left to collect */
  return g_strdup_printf (_("%s · Net %s · Gross %s · To collect %s"), count, net, gross, balance);
}

static void
update_total_label (CptDocumentList *self)
{
  g_autofree char *text = NULL;
  CptDocumentSums sums = { 0 };

  /* A list that could not be read has no count to give (its page says why). */
  if (self->model == NULL || cpt_paged_list_get_error (self->model) != NULL)
    {
      gtk_label_set_text (self->total_label, "");
      return;
    }
  if (self->sums_known)
    sums = self->sums;
  else
    sums.count = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  text = describe_sums (self, &sums, self->sums_known);
  /* Where the totals would be: that they are missing, why in the tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->total_label), self->sums_failure);
  if (self->sums_failure != NULL && !self->sums_known)
    {
      /* Translators: the footer of a list whose totals could not be computed: its count */
      g_autofree char *failed = g_strdup_printf (_("%s · Could not add up the totals"), text);

      g_free (text);
      text = g_steal_pointer (&failed);
      gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_label), "error");
  /* Translators: the footer of a list, before its totals */
  if (gtk_widget_get_visible (GTK_WIDGET (self->selection_label)))
    {
      g_autofree char *prefixed = g_strdup_printf (_("Total: %s"), text);
      gtk_label_set_text (self->total_label, prefixed);
    }
  else
    gtk_label_set_text (self->total_label, text);
}

static void
update_selection_label (CptDocumentList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  guint64 size;
  CptDocumentSums sums = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *prefixed = NULL;
  gboolean with_amounts = TRUE;

  if (self->selection == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->selection_label), FALSE);
      return;
    }
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  size = gtk_bitset_get_size (selected);

  /* One row is simply the row one is on; totals mean something from two rows. */
  if (size < 2)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->selection_label), FALSE);
      update_total_label (self);
      return;
    }

  if (size == g_list_model_get_n_items (G_LIST_MODEL (self->model)) && self->sums_known)
    sums = self->sums;
  else if (size <= MAX_SELECTION_TO_ADD_UP)
    {
      GtkBitsetIter iter;
      guint position;

      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
           ok; ok = gtk_bitset_iter_next (&iter, &position))
        {
          g_autoptr(CptDocumentRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

          /* Counted as the list's totals count them. */
          if (row != NULL && !cpt_paged_list_is_placeholder (row))
            cpt_document_sums_add_row (&sums, row);
        }
    }
  else
    {
      sums.count = (gint64) size;
      with_amounts = FALSE;
    }

  text = describe_sums (self, &sums, with_amounts);
  /* Translators: the footer of a list, before the totals of the selected rows */
  prefixed = g_strdup_printf (_("Selection: %s"), text);
  gtk_label_set_text (self->selection_label, prefixed);
  gtk_widget_set_visible (GTK_WIDGET (self->selection_label), TRUE);
  update_total_label (self);
}

static void
on_selection_changed (CptDocumentList   *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *model)
{
  update_selection_label (self);
}

typedef struct
{
  CptDocumentSums sums;
} SumsResult;

static gpointer
compute_sums (CptDatabase  *db,
              gpointer      data,
              GCancellable *cancellable,
              GError      **error)
{
  OwnedQuery *owned = data;
  CptDocumentQuery query;
  SumsResult *result = g_new0 (SumsResult, 1);

  owned_query_view (owned, &query);
  if (!cpt_document_query_sums (db, &query, &result->sums, cancellable, error))
    {
      g_free (result);
      return NULL;
    }
  return result;
}

static void
on_sums_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CptDocumentList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree SumsResult *sums = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (sums == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->sums_failure);
      self->sums_failure = g_strdup (error != NULL ? error->message : _("Could not read the list"));
      update_total_label (self);
      return;
    }
  g_clear_pointer (&self->sums_failure, g_free);
  self->sums = sums->sums;
  self->sums_known = TRUE;
  update_total_label (self);
  update_selection_label (self);
}

static void
run_sums (CptDocumentList *self)
{
  CptWorker *worker = self->context != NULL ? cpt_context_get_worker (self->context) : NULL;

  self->sums_source = 0;
  if (worker == NULL || self->query == NULL || self->disposed)
    return;
  self->sums_cancellable = g_cancellable_new ();
  cpt_worker_run_async (worker, compute_sums, owned_query_copy (self->query),
                        (GDestroyNotify) owned_query_free, g_free, self->sums_cancellable,
                        on_sums_ready, g_object_ref (self));
}

/* Adding up a large list takes the worker a while: not while the list is first drawn, nor
 * at every key typed in the search. */
static void
start_sums (CptDocumentList *self)
{
  g_cancellable_cancel (self->sums_cancellable);
  g_clear_object (&self->sums_cancellable);
  self->sums_known = FALSE;
  g_clear_handle_id (&self->sums_source, g_source_remove);
  self->sums_source = g_timeout_add_once (300, (GSourceOnceFunc) run_sums, self);
}

/* ---------------------------------------------------------------- the model */

static void
update_empty (CptDocumentList *self)
{
  /* While the rows are still being counted the list is not known to be empty. */
  gboolean empty = self->model == NULL ||
                   (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
                    !cpt_paged_list_is_counting (self->model));

  if (cpt_list_page_show_error (self->stack, self->model))
    {
      update_total_label (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
on_items_changed (CptDocumentList *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  update_empty (self);
  update_total_label (self);
}

static void
rebuild (CptDocumentList *self)
{
  CptDocumentQuery query;

  if (self->db == NULL || self->query == NULL || self->disposed)
    return;

  owned_query_view (self->query, &query);
  /* Counting a million rows (with a status filter) takes longer than a frame: in a thread. */
  query.count_in_thread = TRUE;
  if (self->model != NULL)
    {
      /* Another filter, search or order: the same model reads the new rows into the items
       * shown, so that the view keeps the rows' widgets (making them anew takes more than a
       * frame). The selection was of positions that now hold other documents. */
      cpt_document_query_relist (self->model, &query);
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      update_empty (self);
      update_selection_label (self);
      start_sums (self);
      update_total_label (self);
      return;
    }
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->model, update_empty, self);
    }
  g_clear_object (&self->model);
  self->model = cpt_document_query_list (self->db, &query);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
  /* A list found empty changes no item: the end of the count says it. */
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_empty), self,
                           G_CONNECT_SWAPPED);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->pacer);
  self->pacer = cpt_row_pacer_new (G_LIST_MODEL (self->model), GTK_WIDGET (self->column_view));
  self->selection = gtk_multi_selection_new (g_object_ref (cpt_row_pacer_get_model (self->pacer)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  update_empty (self);
  update_selection_label (self);
  start_sums (self);
  update_total_label (self);
}

/* ---------------------------------------------------------------- sorting */

static void
on_sorter_changed (CptDocumentList *self,
                   GtkSorterChange  change,
                   GtkSorter       *sorter)
{
  GtkColumnViewColumn *column;
  const ColumnInfo *info = NULL;

  /* A column view being destroyed changes its sorter too. */
  if (self->updating_sort || self->query == NULL || self->disposed)
    return;
  column = gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));
  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->columns[i] == column)
      info = &column_info[i];
  if (info == NULL || info->sort < 0)
    {
      self->query->sort = CPT_DOCUMENT_SORT_DATE;
      self->query->ascending = FALSE;
    }
  else
    {
      self->query->sort = info->sort;
      self->query->ascending =
        gtk_column_view_sorter_get_primary_sort_order (GTK_COLUMN_VIEW_SORTER (sorter)) == GTK_SORT_ASCENDING;
    }
  rebuild (self);
}

/* The sorters are never applied (the rows come sorted from SQLite); they only make the
 * headers clickable and show the order. */
static int
never_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return 0;
}

/* ---------------------------------------------------------------- activation */

static void
on_activate (CptDocumentList *self,
             guint            position,
             GtkColumnView   *view)
{
  g_autoptr(CptDocumentRow) row = NULL;

  if (self->model == NULL)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  /* A row still being read has nothing to open yet. */
  if (row == NULL || cpt_paged_list_is_placeholder (row))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "x",
                              cpt_document_get_id (cpt_document_row_get_document (row)));
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_document_list_dispose (GObject *object)
{
  CptDocumentList *self = CPT_DOCUMENT_LIST (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->sums_source, g_source_remove);
  g_clear_handle_id (&self->rebind_source, g_source_remove);
  g_cancellable_cancel (self->sums_cancellable);
  g_clear_object (&self->sums_cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  /* The bin's child may be a template child: let go of it once, before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->pacer);
  g_clear_object (&self->model);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_document_list_parent_class)->dispose (object);
}

static void
cpt_document_list_finalize (GObject *object)
{
  CptDocumentList *self = CPT_DOCUMENT_LIST (object);

  owned_query_free (self->query);
  g_free (self->sums_failure);

  G_OBJECT_CLASS (cpt_document_list_parent_class)->finalize (object);
}

static void
cpt_document_list_class_init (CptDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_document_list_dispose;
  object_class->finalize = cpt_document_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentList, breakpoint_bin);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentList, column_view);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentList, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentList, total_label);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static gboolean
rebind_rows (gpointer data)
{
  CptDocumentList *self = data;
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

  self->rebind_source = 0;
  if (model != NULL && self->column_view != NULL)
    {
      g_object_ref (model);
      gtk_column_view_set_model (self->column_view, NULL);
      gtk_column_view_set_model (self->column_view, model);
      g_object_unref (model);
    }
  return G_SOURCE_REMOVE;
}

/* On a phone-wide list (520 px) what matters stays whole: the number with the client's name
 * under it, the balance (or the amount where there is none) and the status. */
static void
update_narrow (CptDocumentList *self)
{
  gboolean narrow = self->narrow_breakpoint != NULL &&
                    adw_breakpoint_bin_get_current_breakpoint (self->breakpoint_bin) == self->narrow_breakpoint;
  gboolean two_lines = narrow && !self->hidden[COLUMN_CLIENT];

  gtk_column_view_column_set_visible (self->columns[COLUMN_CLIENT], !narrow && !self->hidden[COLUMN_CLIENT]);
  gtk_column_view_column_set_visible (self->columns[COLUMN_GROSS],
                                      !self->hidden[COLUMN_GROSS] && !(narrow && !self->hidden[COLUMN_BALANCE]));
  gtk_column_view_column_set_expand (self->columns[COLUMN_NUMBER], narrow);
  gtk_column_view_column_set_fixed_width (self->columns[COLUMN_NUMBER],
                                          narrow ? -1 : column_info[COLUMN_NUMBER].fixed_width);
  /* What the number and the client's name need beside them: "FA-2026-0047" must not wrap. */
  gtk_column_view_column_set_fixed_width (self->columns[COLUMN_BALANCE],
                                          narrow ? 100 : column_info[COLUMN_BALANCE].fixed_width);
  gtk_column_view_column_set_fixed_width (self->columns[COLUMN_GROSS],
                                          narrow ? 100 : column_info[COLUMN_GROSS].fixed_width);
  /* Narrow, a long status takes two lines (setup_badge_cell ()), as the rows do. */
  gtk_column_view_column_set_fixed_width (self->columns[COLUMN_STATUS],
                                          narrow ? 160 : column_info[COLUMN_STATUS].fixed_width);
  if (two_lines != self->two_lines)
    {
      /* The number's cells are bound again to show (or drop) the client's name: after the
       * allocation that crossed the breakpoint, not in the middle of it. */
      self->two_lines = two_lines;
      if (self->rebind_source == 0)
        self->rebind_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebind_rows, self, NULL);
    }
}

static void
cpt_document_list_init (CptDocumentList *self)
{
  GtkListItemFactory *row_factory;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const ColumnInfo *info = &column_info[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      if (i == COLUMN_STATUS)
        {
          g_signal_connect (factory, "setup", G_CALLBACK (setup_badge_cell), (gpointer) info);
          g_signal_connect (factory, "bind", G_CALLBACK (bind_badge_cell), (gpointer) info);
          g_signal_connect (factory, "unbind", G_CALLBACK (unbind_badge_cell), (gpointer) info);
        }
      else
        {
          g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), (gpointer) info);
          g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) info);
          g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), (gpointer) info);
        }
      if (i == COLUMN_NUMBER)
        g_object_set_data (G_OBJECT (factory), "cpt-list", self);
      column = gtk_column_view_column_new (_(info->title), factory);
      gtk_column_view_column_set_id (column, info->id);
      gtk_column_view_column_set_expand (column, info->expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (info->fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, info->fixed_width);
      if (info->sort >= 0)
        {
          g_autoptr(GtkSorter) column_sorter =
            GTK_SORTER (gtk_custom_sorter_new (never_compare, NULL, NULL));
          gtk_column_view_column_set_sorter (column, column_sorter);
        }
      if (info->numeric)
        g_object_set_data (G_OBJECT (column), "cpt-numeric", GINT_TO_POINTER (1));
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
      g_object_unref (column);
    }
  gtk_column_view_column_set_visible (self->columns[COLUMN_KIND], FALSE);
  cpt_column_view_align_titles_end (self->column_view);

  /* Narrower, the least needed columns go first: title and net, then the due date, then
   * the date and the kind; number, client, amount and status always stay. */
  {
    static const struct { const char *condition; Column columns[3]; } steps[] = {
      { "max-width: 1100px", { COLUMN_TITLE, COLUMN_NET, N_COLUMNS } },
      { "max-width: 860px", { COLUMN_TITLE, COLUMN_NET, COLUMN_DUE } },
      { "max-width: 640px", { COLUMN_TITLE, COLUMN_NET, COLUMN_DUE } },
      /* A phone: see update_narrow (). */
      { "max-width: 520px", { COLUMN_TITLE, COLUMN_NET, COLUMN_DUE } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        AdwBreakpoint *breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (steps[i].condition));
        g_auto(GValue) hidden = G_VALUE_INIT;

        g_value_init (&hidden, G_TYPE_BOOLEAN);
        g_value_set_boolean (&hidden, FALSE);
        for (guint j = 0; j < G_N_ELEMENTS (steps[i].columns) && steps[i].columns[j] != N_COLUMNS; j++)
          adw_breakpoint_add_setter (breakpoint, G_OBJECT (self->columns[steps[i].columns[j]]),
                                     "visible", &hidden);
        if (i >= 2)
          {
            adw_breakpoint_add_setter (breakpoint, G_OBJECT (self->columns[COLUMN_DATE]), "visible", &hidden);
            adw_breakpoint_add_setter (breakpoint, G_OBJECT (self->columns[COLUMN_KIND]), "visible", &hidden);
          }
        if (i == 3)
          self->narrow_breakpoint = breakpoint;
        adw_breakpoint_bin_add_breakpoint (self->breakpoint_bin, breakpoint);
      }
    g_signal_connect_object (self->breakpoint_bin, "notify::current-breakpoint",
                             G_CALLBACK (update_narrow), self, G_CONNECT_SWAPPED);
  }

  row_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (row_factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (row_factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (row_factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_column_view_set_row_factory (self->column_view, row_factory);
  g_object_unref (row_factory);

  self->updating_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_DATE], GTK_SORT_DESCENDING);
  self->updating_sort = FALSE;
  sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (sorter, "changed", G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
}

CptDocumentList *
cpt_document_list_new (void)
{
  return g_object_new (CPT_TYPE_DOCUMENT_LIST, NULL);
}

void
cpt_document_list_set_context (CptDocumentList *self,
                               CptContext      *context)
{
  g_return_if_fail (CPT_IS_DOCUMENT_LIST (self));
  g_return_if_fail (CPT_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_set_object (&self->db, cpt_context_get_database (context));
  /* Another file: a model of its own. */
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
      g_signal_handlers_disconnect_by_func (self->model, update_empty, self);
      g_clear_object (&self->model);
    }
  rebuild (self);
}

void
cpt_document_list_set_query (CptDocumentList        *self,
                             const CptDocumentQuery *query)
{
  CptDocumentSort sort = CPT_DOCUMENT_SORT_DATE;
  gboolean ascending = FALSE;

  g_return_if_fail (CPT_IS_DOCUMENT_LIST (self));
  g_return_if_fail (query != NULL);

  /* The same rows again (a search entry saying its text changed when it did not): reading
   * and binding them again would only cost frames. */
  if (self->query != NULL && owned_query_lists (self->query, query))
    return;
  /* The column the person sorted by stays. */
  if (self->query != NULL)
    {
      sort = self->query->sort;
      ascending = self->query->ascending;
    }
  owned_query_free (self->query);
  self->query = owned_query_new (query);
  self->query->sort = sort;
  self->query->ascending = ascending;
  rebuild (self);
}

void
cpt_document_list_reload (CptDocumentList *self)
{
  g_return_if_fail (CPT_IS_DOCUMENT_LIST (self));

  if (self->model == NULL)
    return;
  /* The rows are read again into the items shown (see rebuild ()): a selection, made of
   * positions, may not hold the same documents after. */
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  cpt_paged_list_reload (self->model);
  update_empty (self);
  start_sums (self);
  update_total_label (self);
  update_selection_label (self);
}

void
cpt_document_list_set_column_visible (CptDocumentList *self,
                                      const char      *column,
                                      gboolean         visible)
{
  g_return_if_fail (CPT_IS_DOCUMENT_LIST (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (column_info[i].id, column) == 0)
      {
        self->hidden[i] = !visible;
        gtk_column_view_column_set_visible (self->columns[i], visible);
      }
  update_narrow (self);
  update_total_label (self);
}

void
cpt_document_list_set_empty_state (CptDocumentList *self,
                                   const char      *icon_name,
                                   const char      *title,
                                   const char      *description)
{
  g_return_if_fail (CPT_IS_DOCUMENT_LIST (self));

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

GtkSelectionModel *
cpt_document_list_get_selection (CptDocumentList *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_LIST (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

CptPagedList *
cpt_document_list_get_rows (CptDocumentList *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_LIST (self), NULL);

  return self->model;
}

GtkColumnView *
cpt_document_list_get_column_view (CptDocumentList *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_LIST (self), NULL);

  return self->column_view;
}

const char *
cpt_document_list_get_total_text (CptDocumentList *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_LIST (self), NULL);

  return gtk_label_get_text (self->total_label);
}

const char *
cpt_document_list_get_selection_text (CptDocumentList *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_LIST (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->selection_label))
           ? gtk_label_get_text (self->selection_label) : "";
}
