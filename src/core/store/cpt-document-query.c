/* cpt-document-query.c: document lists with derived statuses and balances, and their totals. */
#define G_LOG_DOMAIN "cpt-document-query"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cpt-document-query.h"
#include "cpt-paged-list-private.h"
#include "cpt-store-private.h"
#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-search.h"
#include "cpt-store-search.h"
#include "cpt-store-status.h"

/* ---------------------------------------------------------------- the row object */

struct _CptDocumentRow
{
  GObject      parent_instance;

  CptDocument *document;
  CptDocumentStatus status;
  gint64       balance;
  gboolean     has_balance;
  int          sign;         /* how its amounts count in a list's totals: 1, -1 or 0 */
  gboolean     receivable;   /* validated invoice or deposit: its balance is owed */
  guint        reminder_level; /* the last payment reminder sent or on its way, 0: none */
};

G_DEFINE_FINAL_TYPE (CptDocumentRow, cpt_document_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_STATE,
  PROP_BALANCE,
  PROP_HAS_BALANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cpt_document_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CptDocumentRow *self = CPT_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_STATE:
      g_value_set_string (value, cpt_document_status_to_string (self->status));
      break;

    case PROP_BALANCE:
      g_value_set_int64 (value, self->balance);
      break;

    case PROP_HAS_BALANCE:
      g_value_set_boolean (value, self->has_balance);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_row_dispose (GObject *object)
{
  CptDocumentRow *self = CPT_DOCUMENT_ROW (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (cpt_document_row_parent_class)->dispose (object);
}

static void
cpt_document_row_class_init (CptDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cpt_document_row_get_property;
  object_class->dispose = cpt_document_row_dispose;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_BALANCE] =
    g_param_spec_int64 ("balance", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_BALANCE] =
    g_param_spec_boolean ("has-balance", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cpt_document_row_init (CptDocumentRow *self)
{
}

CptDocument *
cpt_document_row_get_document (CptDocumentRow *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}

CptDocumentStatus
cpt_document_row_get_status (CptDocumentRow *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ROW (self), CPT_DOCUMENT_STATUS_DRAFT);

  return self->status;
}

const char *
cpt_document_row_get_state (CptDocumentRow *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ROW (self), NULL);

  return cpt_document_status_to_string (self->status);
}

gint64
cpt_document_row_get_balance (CptDocumentRow *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ROW (self), 0);

  return self->balance;
}

guint
cpt_document_row_get_reminder_level (CptDocumentRow *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ROW (self), 0);

  return self->reminder_level;
}

gboolean
cpt_document_row_get_has_balance (CptDocumentRow *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_ROW (self), FALSE);

  return self->has_balance;
}

void
cpt_document_sums_add_row (CptDocumentSums *sums,
                           CptDocumentRow  *row)
{
  CptDocument *document;
  gint64 deposits_net = 0;

  g_return_if_fail (sums != NULL);
  g_return_if_fail (CPT_IS_DOCUMENT_ROW (row));

  document = row->document;
  g_object_get (document, "deposits-net", &deposits_net, NULL);
  sums->count++;
  sums->net += row->sign * (cpt_document_get_total_net (document) - deposits_net);
  sums->gross += row->sign * cpt_document_get_amount_due (document);
  if (row->receivable && row->balance > 0)
    sums->balance += row->balance;
}

/* ---------------------------------------------------------------- states */

static const char *const all_states[] = {
  "draft", "awaiting_payment", "overdue", "partially_paid", "paid", "partly_credited",
  "credited", "validated", "in_preparation", "sent", "invoiced", "accepted_not_invoiced",
  "accepted_deposit_invoiced", "accepted_invoiced", "refused", "expired", NULL
};

const char *const *
cpt_document_states (void)
{
  return all_states;
}

const char *
cpt_document_status_label (CptDocumentStatus status)
{
  static const char *const labels[] = {
    [CPT_DOCUMENT_STATUS_DRAFT] = N_("Draft"),
    [CPT_DOCUMENT_STATUS_AWAITING_PAYMENT] = N_("Awaiting payment"),
    [CPT_DOCUMENT_STATUS_OVERDUE] = N_("Overdue"),
    [CPT_DOCUMENT_STATUS_PARTIALLY_PAID] = N_("Partially paid"),
    [CPT_DOCUMENT_STATUS_PAID] = N_("Paid"),
    [CPT_DOCUMENT_STATUS_PARTLY_CREDITED] = N_("Partly credited"),
    [CPT_DOCUMENT_STATUS_CREDITED] = N_("Credited"),
    [CPT_DOCUMENT_STATUS_VALIDATED] = N_("Validated"),
    [CPT_DOCUMENT_STATUS_IN_PREPARATION] = N_("In preparation"),
    [CPT_DOCUMENT_STATUS_SENT] = N_("Sent"),
    [CPT_DOCUMENT_STATUS_INVOICED] = N_("Invoiced"),
    [CPT_DOCUMENT_STATUS_ACCEPTED_NOT_INVOICED] = N_("Accepted, not invoiced"),
    [CPT_DOCUMENT_STATUS_ACCEPTED_DEPOSIT_INVOICED] = N_("Accepted, deposit invoiced"),
    [CPT_DOCUMENT_STATUS_ACCEPTED_INVOICED] = N_("Accepted, invoiced"),
    [CPT_DOCUMENT_STATUS_REFUSED] = N_("Refused"),
    [CPT_DOCUMENT_STATUS_EXPIRED] = N_("Expired"),
  };

  if ((guint) status < G_N_ELEMENTS (labels) && labels[status] != NULL)
    return labels[status];
  return cpt_document_status_to_string (status);
}

const char *
cpt_document_state_label (const char *state)
{
  CptDocumentStatus status;

  if (!cpt_document_status_from_string (state, &status))
    return state;
  return cpt_document_status_label (status);
}

/* ---------------------------------------------------------------- SQL */

#define JOINS \
  " LEFT JOIN receivables r ON r.document_id = d.id" \
  " LEFT JOIN document_marks m ON m.document_id = d.id"

/* Only what is owed has a balance: validated invoices and deposit invoices (the receivables).
 * A draft owes nothing yet, a pro forma or a credit note never does: no balance (NULL). */
#define BALANCE_SQL "r.balance"
/* The last reminder of a listed row: one probe of mail_messages_one_reminder_per_level per
 * row of a page, never a walk. */
#define REMINDER_SQL "(SELECT max (m.reminder_level) FROM mail_messages m WHERE m.document_id = d.id " \
                     "AND m.reminder_level IS NOT NULL AND m.state != 'failed')"

/* How a document's amounts count in the totals of a list (cpt_document_sums_add_row ()
 * counts a selection the same way): a credit note takes its amount off; a pro forma that was
 * made into an invoice is not counted beside that invoice; a quote is not billed, so it
 * counts only in a list of quotes (a client's documents would count it beside its
 * invoices). */
static const char *
sign_sql (const CptDocumentQuery *query)
{
  gboolean only_quotes = query->kinds != NULL && query->kinds[0] != NULL;

  for (guint i = 0; only_quotes && query->kinds[i]; i++)
    {
      CptDocumentKind kind;

      only_quotes = cpt_document_kind_from_string (query->kinds[i], &kind) &&
                    kind == CPT_DOCUMENT_KIND_QUOTE;
    }
  if (only_quotes)
    return "1";
  return "CASE WHEN d.kind = 'credit_note' THEN -1"
         " WHEN d.kind = 'quote' THEN 0"
         " WHEN d.kind = 'proforma' AND EXISTS (SELECT 1 FROM documents x WHERE x.proforma_id = d.id) THEN 0"
         " ELSE 1 END";
}

static gboolean
is_blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* A search listing at least this many documents reads its pages walking the sort index
 * (+d.id); fewer are sorted once found. */
#define DENSE_SEARCH 2000
/* The rows a dense search's first page is tried from (cpt_document_query_list ()): a page
 * when at least half of them are hits. */
#define DENSE_FIRST_WINDOW 128
/* A search finding at least this many documents, with a status filter on receivables, is
 * counted by testing each receivable of the status against its hits; fewer, by looking
 * each hit up among the receivables (about 0.7 µs a hit, 0.1 µs a receivable, at a million
 * documents). */
#define HITS_SCANNED_FROM 20000

typedef struct
{
  char      *today;
  char      *state;      /* the CASE expression */
  GString   *where;        /* conditions on d, for reading rows in the sort order */
  gboolean   search;       /* a full-text search is among them */
  GString   *count_where;  /* the same conditions, written for counting them */
  GString   *base;         /* count_where without the states */
  GString   *base_on_receivables; /* base written on r, but for the search (match_param),
                                   * which the receivables do not hold */
  GPtrArray *params;       /* GVariant; each written ?N, N its place here, so that a
                            * condition can appear more than once in a statement */
  guint      match_param;  /* the search's parameter, 0: no search */
  guint      hits_param;   /* the match the connection gathers and keeps the hits of
                            * (cpt-store-hits.h): match_param, or probe_param where every
                            * statement that tests them also names the list's kinds */
  char      *search_where; /* the search's condition in `where` (NULL: none) */
  guint      probe_param;  /* the words alone, to test one document against them when the
                            * index holds each word's documents in a list of its own
                            * (cpt_store_search_prefix_indexed ()), 0: not so */
  guint      outside_param; /* the search's hits as not of the other kinds
                             * (cpt_store_search_match_outside_kinds ()), 0: none */
  char      *sparse_where; /* `where` for few rows when a search and a status filter on
                            * receivables are asked together, NULL: `where` */
  char      *kind_list;    /* "?1, ?2": the kinds' parameters, NULL: any kind */
  char      *state_walk;   /* the states' condition in `where` (NULL: none) */
  gboolean   other_filters; /* status, client or dates: more than kinds and the search */
} Built;

static void
built_clear (Built *built)
{
  g_free (built->today);
  g_free (built->state);
  g_string_free (built->where, TRUE);
  g_string_free (built->count_where, TRUE);
  g_string_free (built->base, TRUE);
  g_free (built->kind_list);
  g_free (built->search_where);
  g_free (built->sparse_where);
  g_free (built->state_walk);
  g_string_free (built->base_on_receivables, TRUE);
  g_ptr_array_unref (built->params);
}

/* Whether `states` are all facts of receivables alone (paid, overdue, awaiting payment...):
 * whether the rows of a list of them are its receivables in those states. */
static gboolean
states_of_receivables_alone (const char *const *states,
                             const char *const *kinds,
                             const char        *today)
{
  g_autoptr(GPtrArray) terms = NULL;

  if (states == NULL || states[0] == NULL)
    return FALSE;
  terms = cpt_store_status_terms (states, kinds, today);
  if (terms->len == 0)
    return FALSE;
  for (guint i = 0; i < terms->len; i++)
    {
      const CptStatusTerm *term = g_ptr_array_index (terms, i);

      if (term->inside == NULL || strcmp (term->outside, "1") != 0)
        return FALSE;
    }
  return TRUE;
}

/* Adds a parameter; returns N of its ?N. */
static guint
add_param (Built *built, GVariant *value)
{
  g_ptr_array_add (built->params, g_variant_ref_sink (value));
  return built->params->len;
}

/* Appends `sql` to both conditions, with its parameter number `n` after it (0: none). */
static void
append_both (Built      *built,
             const char *sql,
             guint       n)
{
  g_string_append (built->where, sql);
  g_string_append (built->count_where, sql);
  if (n > 0)
    {
      g_string_append_printf (built->where, "%u", n);
      g_string_append_printf (built->count_where, "%u", n);
    }
}

/* A search with a status filter that only the receivables answer (paid, overdue,
 * partially paid...), for lists of few rows: their ids are the search's hits each looked up
 * among the receivables, in the order of both and from their indexes alone, as they are
 * counted (count_from ()). Written as the search and the status apart, SQLite read each hit's
 * document and receivable and sorted what was left: at a million documents, the first page
 * of the 130 partially paid invoices holding "r" took 2.7–3.7 s through the 586 000 hits,
 * about 200–300 ms this way. NULL when a state asks more of the document itself. */
static char *
sparse_search_where (const Built       *built,
                     const char *const *states,
                     const char *const *kinds)
{
  g_autoptr(GPtrArray) terms = cpt_store_status_terms (states, kinds, built->today);
  g_autoptr(GString) insides = g_string_new (NULL);
  g_autoptr(GString) where = NULL;

  if (terms->len == 0)
    return NULL;
  for (guint i = 0; i < terms->len; i++)
    {
      const CptStatusTerm *term = g_ptr_array_index (terms, i);

      if (term->inside == NULL || strcmp (term->outside, "1") != 0)
        return NULL;
      g_string_append_printf (insides, "%s(%s)", i ? " OR " : "", term->inside);
    }
  where = g_string_new (built->where->str);
  g_string_replace (where, built->search_where, "", 1);
  if (built->probe_param > 0)
    /* One to three letters: as the count does (HITS_SCANNED_FROM), each receivable of the
     * status tested against the hits when they are many, each hit looked up when they are
     * few; a LIMIT is computed once, before its select runs, and 0 runs nothing. The 130
     * partially paid invoices holding "r" took 300-400 ms through the 585 000 hits. */
    g_string_append_printf (where, " AND d.id IN ("
                            "SELECT * FROM (SELECT r.document_id FROM receivables r WHERE %s AND (%s) "
                            "AND cpt_search_hit (?%u, r.document_id) "
                            "LIMIT CASE WHEN cpt_search_hit_count (?%u) >= %u THEN -1 ELSE 0 END) "
                            "UNION ALL "
                            "SELECT * FROM (SELECT documents_fts.rowid FROM documents_fts "
                            "CROSS JOIN receivables r ON r.document_id = documents_fts.rowid "
                            "WHERE documents_fts MATCH ?%u AND (%s) "
                            "LIMIT CASE WHEN cpt_search_hit_count (?%u) >= %u THEN 0 ELSE -1 END))",
                            built->base_on_receivables->str, insides->str, built->hits_param,
                            built->hits_param, HITS_SCANNED_FROM,
                            built->match_param, insides->str, built->hits_param, HITS_SCANNED_FROM);
  else
    g_string_append_printf (where, " AND d.id IN (SELECT documents_fts.rowid FROM documents_fts "
                            "CROSS JOIN receivables r ON r.document_id = documents_fts.rowid "
                            "WHERE documents_fts MATCH ?%u AND (%s))",
                            built->match_param, insides->str);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Each state as a condition that indexes can answer, written from the rules of statuses
 * (cpt-store-status.c): reading rows walks the sort order and tests each ("+"); counting
 * starts from the matching rows. */
static void
append_states (Built             *built,
               const char *const *states,
               const char *const *kinds)
{
  g_autofree char *walk = cpt_store_status_condition (states, kinds, built->today, TRUE);
  g_autofree char *count = cpt_store_status_condition (states, kinds, built->today, FALSE);

  if (built->match_param > 0)
    built->sparse_where = sparse_search_where (built, states, kinds);
  built->state_walk = g_strdup_printf (" AND %s", walk);
  g_string_append (built->where, built->state_walk);
  g_string_append_printf (built->count_where, " AND %s", count);
}

static void
build (const CptDocumentQuery *query, Built *out)
{
  GDate check;

  out->today = NULL;
  if (query->today != NULL && cpt_date_parse (query->today, &check))
    out->today = cpt_date_to_iso (&check);
  if (out->today == NULL)
    out->today = cpt_date_today ();
  out->state = cpt_store_status_sql (out->today);
  out->where = g_string_new ("1");
  out->search = FALSE;
  out->match_param = 0;
  out->hits_param = 0;
  out->search_where = NULL;
  out->sparse_where = NULL;
  out->probe_param = 0;
  out->outside_param = 0;
  out->kind_list = NULL;
  out->state_walk = NULL;
  out->other_filters = FALSE;
  out->count_where = g_string_new ("1");
  out->base = g_string_new (NULL);
  out->base_on_receivables = g_string_new ("1");
  out->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (query->kinds != NULL && query->kinds[0] != NULL)
    {
      /* For one kind, an index on (kind, sort keys) gives its rows in every sort order
       * (schema-1 for the date, schema-4 and 5 for the others): quotes sorted by number no
       * longer walk every invoice numbered above them. For several kinds the index of the
       * sort order must drive, and "+" keeps SQLite from sorting every row of the kinds
       * (which computes each row's columns first: seconds on a million documents). Counting
       * uses the kind's index. */
      gboolean kind_index = query->kinds[1] == NULL && query->client_id == 0;
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; query->kinds[i]; i++)
        g_string_append_printf (list, "%s?%u", i ? ", " : "",
                                add_param (out, g_variant_new_string (query->kinds[i])));
      g_string_append_printf (out->where, " AND %sd.kind IN (%s)", kind_index ? "" : "+", list->str);
      g_string_append_printf (out->count_where, " AND d.kind IN (%s)", list->str);
      g_string_append_printf (out->base_on_receivables, " AND r.kind IN (%s)", list->str);
      out->kind_list = g_strdup (list->str);
    }
  if (query->status != NULL)
    {
      out->other_filters = TRUE;
      /* a draft has no receivable: only "validated" can be written on them */
      guint n = add_param (out, g_variant_new_string (query->status));

      append_both (out, " AND d.status = ?", n);
      if (strcmp (query->status, "validated") != 0)
        g_string_append (out->base_on_receivables, " AND 0");
    }
  if (query->client_id > 0)
    {
      out->other_filters = TRUE;
      guint n = add_param (out, g_variant_new_int64 (query->client_id));

      append_both (out, " AND d.client_id = ?", n);
      g_string_append_printf (out->base_on_receivables, " AND r.client_id = ?%u", n);
    }
  if (query->date_from != NULL)
    {
      out->other_filters = TRUE;
      guint n = add_param (out, g_variant_new_string (query->date_from));

      append_both (out, " AND d.date >= ?", n);
      g_string_append_printf (out->base_on_receivables, " AND r.date >= ?%u", n);
    }
  if (query->date_to != NULL)
    {
      out->other_filters = TRUE;
      guint n = add_param (out, g_variant_new_string (query->date_to));

      append_both (out, " AND d.date <= ?", n);
      g_string_append_printf (out->base_on_receivables, " AND r.date <= ?%u", n);
    }
  if (query->search != NULL)
    {
      g_autofree char *match = cpt_search_build_query (query->search);

      if (match != NULL)
        {
          /* The hits of the list's kinds, from the index alone (schema 14): fewer hits to
           * test each row against, and a count that needs no table. */
          g_autofree char *in_kinds = cpt_store_search_match_in_kinds (match, query->kinds);
          g_autofree char *outside = cpt_store_search_match_outside_kinds (match, query->kinds);
          guint n;

          /* Added before the search's own, which every statement of the list uses: an
           * unnumbered "?" (LIMIT ?, OFFSET ?) takes the number after the highest used. */
          if (cpt_store_search_prefix_indexed (query->search))
            out->probe_param = add_param (out, g_variant_new_string (match));
          if (outside != NULL)
            out->outside_param = add_param (out, g_variant_new_string (outside));
          n = add_param (out, g_variant_new_string (in_kinds));

          out->match_param = n;
          /* Every statement that tests a row against the kept hits also names the list's
           * kinds (and its status, client or dates): the hits of the words alone serve as
           * well as those of the words in the list's kinds, and the index gives them faster.
           * At a million documents, "r": 25 ms for its 739 000 hits, 40 ms for the 585 000
           * of the Invoices list. The lists of every kind and status searching the same
           * words then share one kept set: a status chosen after the search was typed
           * gathers only its own ids. */
          out->hits_param = out->probe_param > 0 ? out->probe_param : n;

          /* Few hits are read from the index and sorted; many are tested row by row while
           * walking the sort index, which fills the first page long before the end
           * (dense_search_where ()); the list's count chooses (see DENSE_SEARCH). */
          out->search_where = g_strdup_printf (" AND d.id IN (SELECT rowid FROM documents_fts "
                                               "WHERE documents_fts MATCH ?%u)", n);
          g_string_append (out->where, out->search_where);
          out->search = TRUE;
          /* One to three letters find most documents: counted with other filters, each
           * row they leave is tested against the hits, gathered once (cpt-store-hits.h),
           * instead of the hits each looked up among them. */
          if (out->probe_param > 0)
            g_string_append_printf (out->count_where, " AND cpt_search_hit (?%u, d.id)", out->hits_param);
          else
            g_string_append_printf (out->count_where, " AND d.id IN (SELECT rowid FROM documents_fts "
                                    "WHERE documents_fts MATCH ?%u)", n);
        }
      else if (!is_blank (query->search))
        {
          append_both (out, " AND 0", 0); /* only punctuation: nothing can match */
          g_string_append (out->base_on_receivables, " AND 0");
          out->other_filters = TRUE;
        }
    }
  g_string_append (out->base, out->count_where->str);
  if (query->states != NULL && query->states[0] != NULL)
    append_states (out, query->states, query->kinds);
}

/* The reading conditions of a search that lists many documents: each row walked in the
 * sort order is tested against the hits, gathered once by the connection that reads and
 * kept while the file is unchanged (cpt-store-hits.h). Written `+d.id IN (SELECT rowid FROM
 * documents_fts ...)`, SQLite gathered them again for each page: at a million documents,
 * 100 ms a page for the paid invoices holding "r", 970 ms for ten screens. */
static char *
dense_search_where (const Built *built)
{
  g_autoptr(GString) where = g_string_new (built->where->str);
  g_autofree char *hit = g_strdup_printf (" AND cpt_search_hit (?%u, d.id)", built->hits_param);

  g_string_replace (where, built->search_where, hit, 1);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Reads the document's columns, then the state and balance the query appends. */
static GObject *
row_from_statement (sqlite3_stmt *stmt)
{
  CptDocumentRow *row = g_object_new (CPT_TYPE_DOCUMENT_ROW, NULL);
  /* Rows are also read in the paged list's counting thread. */
  static gsize n_columns_plus_one = 0;
  int n_columns;

  if (g_once_init_enter (&n_columns_plus_one))
    {
      g_autofree char *columns = cpt_record_columns (cpt_document_record (), TRUE);
      g_auto(GStrv) names = g_strsplit (columns, ", ", -1);

      g_once_init_leave (&n_columns_plus_one, g_strv_length (names) + 1);
    }
  n_columns = (int) n_columns_plus_one - 1;
  row->document = cpt_document_new_from_row (stmt, 0);
  /* The status SQL writes the nicks of the table of rules (cpt_store_status_sql). */
  if (!cpt_document_status_from_string ((const char *) sqlite3_column_text (stmt, n_columns),
                                        &row->status))
    g_warning ("document %" G_GINT64_FORMAT ": no status", cpt_document_get_id (row->document));
  row->has_balance = sqlite3_column_type (stmt, n_columns + 1) != SQLITE_NULL;
  row->balance = row->has_balance ? sqlite3_column_int64 (stmt, n_columns + 1) : 0;
  row->sign = sqlite3_column_int (stmt, n_columns + 2);
  row->receivable = sqlite3_column_int (stmt, n_columns + 3) != 0;
  row->reminder_level = (guint) sqlite3_column_int (stmt, n_columns + 4);
  return G_OBJECT (row);
}

/* A row read after its placeholder was handed out to a view: the placeholder takes its
 * content and says so with notify::document (cells bound to it show it then). */
static void
fill_row (GObject *placeholder, GObject *read)
{
  CptDocumentRow *self = CPT_DOCUMENT_ROW (placeholder);
  CptDocumentRow *row = CPT_DOCUMENT_ROW (read);

  g_set_object (&self->document, row->document);
  self->status = row->status;
  self->balance = row->balance;
  self->has_balance = row->has_balance;
  self->sign = row->sign;
  self->receivable = row->receivable;
  self->reminder_level = row->reminder_level;
  g_object_notify_by_pspec (placeholder, properties[PROP_DOCUMENT]);
}

static char *
qualified_columns (void)
{
  g_autofree char *columns = cpt_record_columns (cpt_document_record (), TRUE);
  g_auto(GStrv) names = g_strsplit (columns, ", ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; names[i]; i++)
    g_string_append_printf (out, "%sd.%s", i ? ", " : "", names[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a list counts. Filtered by status, the sum of the counts of the status's terms (no
 * row meets two), each answered by its own index: the print-shop's "in preparation, sent,
 * draft" counts the pro forma by their kind and the drafts by their status instead of
 * reading every invoice; a receivable's term counts the receivables alone when the other
 * conditions can be written on them (kind, client, dates). */
static char *
count_from (const Built *built, const CptDocumentQuery *query, gboolean scan_hits)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) sql = NULL;

  /* A search, when the list asks nothing else of the rows, counts its hits in the index
   * alone: its match holds the list's kinds (schema 14), so no hit is looked up in the
   * table. At a million documents, the 586 000 hits of "r" in the Invoices list took about
   * 700 ms of CPU with each hit's kind looked up (schema 13), about 40 ms this way. */
  if (built->match_param > 0 && !built->other_filters &&
      (query->states == NULL || query->states[0] == NULL))
    {
      /* The index reads the documents of each kind word the match names: the list's kinds,
       * or the others when they have fewer documents (from the counts kept by kind and day,
       * schema 18: 0.5 ms at a million). There, "r" in the Invoices list (773 000 invoices
       * and pro forma, 226 000 others): 42 ms naming its kinds, 30 ms the others. */
      if (built->outside_param > 0 && built->kind_list != NULL)
        return g_strdup_printf ("FROM documents_fts WHERE documents_fts MATCH (SELECT CASE WHEN "
                                "(SELECT coalesce (sum (count), 0) FROM kind_day_counts WHERE kind IN (%s)) <= "
                                "(SELECT coalesce (sum (count), 0) FROM kind_day_counts WHERE kind NOT IN (%s)) "
                                "THEN ?%u ELSE ?%u END)",
                                built->kind_list, built->kind_list, built->match_param, built->outside_param);
      return g_strdup_printf ("FROM documents_fts WHERE documents_fts MATCH ?%u", built->match_param);
    }
  if (query->states == NULL || query->states[0] == NULL)
    return g_strdup_printf ("FROM documents d WHERE %s", built->count_where->str);
  terms = cpt_store_status_terms (query->states, query->kinds, built->today);
  if (terms->len == 0)
    return g_strdup ("FROM documents d WHERE 0");
  sql = g_string_new ("FROM (");
  for (guint i = 0; i < terms->len; i++)
    {
      const CptStatusTerm *term = g_ptr_array_index (terms, i);

      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      if (term->inside != NULL && strcmp (term->outside, "1") == 0 && scan_hits)
        /* With a search that finds many, the receivables of the term each tested against
         * its hits, gathered once: at a million documents, the paid invoices holding "r"
         * (520 000) took 365 ms looking each of the 585 000 hits up among the receivables
         * (below). */
        g_string_append_printf (sql, "SELECT 1 FROM receivables r WHERE %s AND (%s) "
                                "AND cpt_search_hit (?%u, r.document_id)",
                                built->base_on_receivables->str, term->inside, built->hits_param);
      else if (term->inside != NULL && strcmp (term->outside, "1") == 0 && built->match_param > 0)
        /* With a search, its hits each looked up among the receivables: one probe of the
         * primary key per hit, in the order of both. At a million documents, the Invoices
         * list's paid ones with "r" (586 000 hits, 700 000 paid) took 5.9 s walking every
         * invoice and testing it against both sets; about 150 ms this way, and a search
         * that finds few costs as few. */
        g_string_append_printf (sql, "SELECT 1 FROM documents_fts CROSS JOIN receivables r "
                                "ON r.document_id = documents_fts.rowid "
                                "WHERE documents_fts MATCH ?%u AND %s AND (%s)",
                                built->match_param, built->base_on_receivables->str, term->inside);
      else if (term->inside != NULL && strcmp (term->outside, "1") == 0)
        g_string_append_printf (sql, "SELECT 1 FROM receivables r WHERE %s AND (%s)",
                                built->base_on_receivables->str, term->inside);
      else if (term->inside != NULL)
        g_string_append_printf (sql, "SELECT 1 FROM documents d WHERE %s AND d.id IN "
                                "(SELECT r.document_id FROM receivables r WHERE %s) AND %s",
                                built->base->str, term->inside, term->outside);
      else
        g_string_append_printf (sql, "SELECT 1 FROM documents d WHERE %s AND %s",
                                built->base->str, term->outside);
    }
  g_string_append (sql, ")");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* `kinds` as SQL literals ("'invoice', 'proforma'"), for the constant statements that the
 * connections key their kept sets by. */
static char *
kind_literals (const char *const *kinds)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; kinds[i]; i++)
    {
      char *quoted = sqlite3_mprintf ("%Q", kinds[i]);

      g_string_append_printf (list, "%s%s", i ? ", " : "", quoted);
      sqlite3_free (quoted);
    }
  return g_string_free (list, FALSE);
}

/* Of the list's kinds (NULL or empty: any), those that have receivables, in `found` (room
 * for every kind and NULL, which ends them): how many. */
static guint
billed_kinds (const CptDocumentQuery *query, const char **found)
{
  guint n = 0;

  for (CptDocumentKind kind = CPT_DOCUMENT_KIND_QUOTE; kind <= CPT_DOCUMENT_KIND_CREDIT_NOTE; kind++)
    if (cpt_document_kind_is_billed (kind) &&
        (query->kinds == NULL || query->kinds[0] == NULL ||
         g_strv_contains ((const char *const *) query->kinds, cpt_document_kind_to_string (kind))))
      found[n++] = cpt_document_kind_to_string (kind);
  found[n] = NULL;
  return n;
}

/* Of the list's kinds, those that have receivables, as SQL literals, and how many in
 * `n_out`; NULL when none has. */
static char *
billed_kind_literals (const CptDocumentQuery *query, guint *n_out)
{
  const char *found[CPT_DOCUMENT_KIND_CREDIT_NOTE + 2];
  guint n = billed_kinds (query, found);

  *n_out = n;
  return n > 0 ? kind_literals (found) : NULL;
}

/* The statement giving the ids of the receivables of the list's kinds in the list's
 * states, with its values written in (cpt_search_hit_count_among () gathers them once and
 * keeps them, keyed by this text; for the paid ones, as words of 64 ids and their masks),
 * when those states are facts of receivables alone and the list asks nothing more; NULL
 * otherwise. */
static char *
receivable_ids_sql (const Built *built, const CptDocumentQuery *query)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT r.document_id FROM receivables r WHERE ");

  if (built->other_filters || !states_of_receivables_alone (query->states, query->kinds, built->today))
    return NULL;
  /* The paid ones alone, from their bits kept by kind and word of 64 ids (schema 24): at a
   * million documents, ~15 500 rows for the invoices instead of every receivable tested
   * (80 ms). */
  if (query->states[1] == NULL && strcmp (query->states[0], "paid") == 0)
    {
      g_autofree char *literals = query->kinds != NULL && query->kinds[0] != NULL
                                    ? kind_literals (query->kinds) : NULL;

      return g_strdup_printf ("SELECT word, mask FROM paid_id_masks%s%s%s",
                              literals ? " WHERE kind IN (" : "", literals ? literals : "",
                              literals ? ")" : "");
    }
  if (query->kinds != NULL && query->kinds[0] != NULL)
    {
      g_autofree char *literals = kind_literals (query->kinds);

      g_string_append_printf (sql, "r.kind IN (%s) AND ", literals);
    }
  terms = cpt_store_status_terms (query->states, query->kinds, built->today);
  g_string_append (sql, "(");
  for (guint i = 0; i < terms->len; i++)
    {
      const CptStatusTerm *term = g_ptr_array_index (terms, i);

      g_string_append_printf (sql, "%s(%s)", i ? " OR " : "", term->inside);
    }
  g_string_append (sql, ")");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The rows of a list of unpaid statuses (overdue, awaiting payment, partially paid...: states
 * whose every rule asks for an open receivable), read from the open receivables and their
 * documents' keys (schema 23) for finding the keys at a position: a walk of those few rows
 * in the list's order instead of every document. Only when those states are facts of
 * receivables alone and the list asks nothing more; NULL otherwise. */
static char *
open_keys_from_where (const Built *built, const CptDocumentQuery *query)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *literals = NULL;
  guint n_kinds;

  if (built->other_filters || built->search || built->match_param > 0 ||
      query->states == NULL || query->states[0] == NULL)
    return NULL;
  if ((literals = billed_kind_literals (query, &n_kinds)) == NULL)
    return NULL;
  terms = cpt_store_status_terms (query->states, query->kinds, built->today);
  if (terms->len == 0)
    return NULL;
  /* said outside the OR of the states, so that no row of the copy is missed where a term
   * would have been trusted to ask it */
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "FROM open_receivables r WHERE r.kind IN (%s) AND r.balance > 0 AND (",
                          literals);
  for (guint i = 0; i < terms->len; i++)
    {
      const CptStatusTerm *term = g_ptr_array_index (terms, i);

      if (term->inside == NULL || strcmp (term->outside, "1") != 0 || !term->open_only)
        return NULL;
      g_string_append_printf (sql, "%s(%s)", i ? " OR " : "", term->inside);
    }
  g_string_append (sql, ")");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* A list that asks only for some kinds is counted from the number of documents kept per
 * kind and day (schema 18), and a list of the paid ones from the number of paid receivables kept
 * per kind and day (schema 18 too): one row per kind instead of walking every document or testing each
 * receivable. NULL: count the rows. */
static char *
count_statement (const Built *built, const CptDocumentQuery *query)
{
  const char *summary;

  if (built->other_filters || built->search || built->match_param > 0)
    return NULL;
  if (query->states == NULL || query->states[0] == NULL)
    summary = "kind_day_counts";
  else if (query->states[1] == NULL && strcmp (query->states[0], "paid") == 0)
    summary = "paid_by_kind_day";
  else
    return NULL;
  return g_strdup_printf ("SELECT coalesce (sum (count), 0) FROM %s%s%s%s", summary,
                          built->kind_list ? " WHERE kind IN (" : "",
                          built->kind_list ? built->kind_list : "", built->kind_list ? ")" : "");
}

/* A summary kept by triggers that counts the rows of each kind by the first sort key of a
 * list (or a bucket of it that keeps its order), for position_statement (). */
typedef struct
{
  const char *table;      /* (kind, key[, part], count) */
  const char *key;        /* its key column, in the order of the list's first key */
  const char *part;       /* its column that orders the rows of one key, or "0" */
  const char *lo, *hi;    /* the bounds of a bucket, from `key` and `part`, for `rows` */
  const char *rows;       /* the documents d of a bucket, with (SELECT key|lo|hi FROM a) */
} PositionSummary;

/* By date (schema 18), of all documents or of the paid receivables. */
static const PositionSummary by_day = {
  "kind_day_counts", "day", "0", "0", "0", "d.date = (SELECT key FROM a)",
};
static const PositionSummary paid_by_day = {
  "paid_by_kind_day", "day", "0", "0", "0", "d.date = (SELECT key FROM a)",
};
/* By due date (schema 19): the documents without one are cut by their id, 1024 a part. */
static const PositionSummary by_due = {
  "kind_due_counts", "due", "part",
  "CASE WHEN key = '' THEN part << 10 ELSE 0 END",
  "CASE WHEN key = '' THEN (part << 10) + 1023 ELSE 9223372036854775807 END",
  /* `+`: the key without its column's affinity (TEXT), which would keep SQLite from
   * comparing it in the index on the expression (of no affinity) */
  "coalesce (d.due_date, '') = (SELECT +key FROM a) "
  "AND d.id BETWEEN (SELECT lo FROM a) AND (SELECT hi FROM a)",
};
/* The paid ones by due date (schema 19), with the same keys and parts. */
static const PositionSummary paid_by_due = {
  "paid_by_kind_due", "due", "part",
  "CASE WHEN key = '' THEN part << 10 ELSE 0 END",
  "CASE WHEN key = '' THEN (part << 10) + 1023 ELSE 9223372036854775807 END",
  "coalesce (d.due_date, '') = (SELECT +key FROM a) "
  "AND d.id BETWEEN (SELECT lo FROM a) AND (SELECT hi FROM a)",
};
/* By client (schema 19), the paid ones too (schema 22). */
static const PositionSummary by_client = {
  "kind_client_counts", "client", "0", "0", "0", "d.client_sort_name = (SELECT key FROM a)",
};
static const PositionSummary paid_by_client = {
  "paid_by_kind_client", "client", "0", "0", "0", "d.client_sort_name = (SELECT key FROM a)",
};
/* By amount (schema 19): the bucket of 612 holds 120000 to 129999 (six digits, starting
 * with 12), that of -612 the same below zero; one or two digits are a bucket each. The paid
 * ones (schema 22) by three digits: 6123 holds 123000 to 123999. The power of ten is written
 * out, as the SQLite of some distributions has no pow (). */
#define TOTAL_DIGITS(base) "(abs (key) / " base ")"
#define TOTAL_FIRST(base) "(abs (key) % " base ")"
#define TOTAL_STEP(base, width) \
  "(CAST ('1' || substr ('000000000000000000', 1, max (" TOTAL_DIGITS (base) " - " width ", 0)) AS INTEGER))"
#define TOTAL_LOW(base, width) "(" TOTAL_FIRST (base) " * " TOTAL_STEP (base, width) ")"
#define TOTAL_HIGH(base, width) "((" TOTAL_FIRST (base) " + 1) * " TOTAL_STEP (base, width) " - 1)"
#define TOTAL_BOUNDS(base, width) \
  "CASE WHEN key >= 0 THEN " TOTAL_LOW (base, width) " ELSE -" TOTAL_HIGH (base, width) " END", \
  "CASE WHEN key >= 0 THEN " TOTAL_HIGH (base, width) " ELSE -" TOTAL_LOW (base, width) " END"
static const PositionSummary by_total = {
  "kind_total_counts", "bucket", "0", TOTAL_BOUNDS ("100", "2"),
  "d.total_gross BETWEEN (SELECT lo FROM a) AND (SELECT hi FROM a)",
};
static const PositionSummary paid_by_total = {
  "paid_by_kind_total", "bucket", "0", TOTAL_BOUNDS ("1000", "3"),
  "d.total_gross BETWEEN (SELECT lo FROM a) AND (SELECT hi FROM a)",
};

/* By number (schema 20): the numbers are counted by their first characters (as many as the
 * file's number_bucket_length), the documents without one (key '') cut by their id as above.
 * A prefix as long as that length holds the numbers that start with it; a shorter one is a
 * whole number, alone in its bucket. The byte 0xFF, never in UTF-8, bounds the range. */
#define NUMBER_ROWS \
  "coalesce (d.number, '') BETWEEN (SELECT +key FROM a) AND (SELECT CASE " \
  "  WHEN key = '' OR length (key) < (SELECT length FROM number_bucket_length) THEN +key " \
  "  ELSE key || CAST (x'ff' AS TEXT) END FROM a) " \
  "AND d.id BETWEEN (SELECT lo FROM a) AND (SELECT hi FROM a)"
static const PositionSummary by_number = {
  "kind_number_counts", "prefix", "part",
  "CASE WHEN key = '' THEN part << 10 ELSE 0 END",
  "CASE WHEN key = '' THEN (part << 10) + 1023 ELSE 9223372036854775807 END",
  NUMBER_ROWS,
};
/* The paid ones by number (schema 22), with the same prefixes and parts. */
static const PositionSummary paid_by_number = {
  "paid_by_kind_number", "prefix", "part",
  "CASE WHEN key = '' THEN part << 10 ELSE 0 END",
  "CASE WHEN key = '' THEN (part << 10) + 1023 ELSE 9223372036854775807 END",
  NUMBER_ROWS,
};

/* The keys of the row at a position (the parameter after the list's own, `offset_param`) of
 * a list that asks only for some kinds, found from the number of its rows kept by the list's
 * first sort key (schema 18 to 20): the key (or bucket of keys) where the rows before it
 * reach the position, by a running sum over the keys, then the row among that key's few.
 * The paid ones too, from the paid receivables counted by the same keys (schema 18, 19 and
 * 22). NULL for any other list: it walks its rows to a position. */
static char *
position_statement (const Built        *built,
                    const CptDocumentQuery *query,
                    const char *const  *keys,
                    guint               offset_param)
{
  g_autofree char *kinds = NULL, *row_kinds = NULL, *counts = NULL;
  g_autofree char *paid = NULL;
  g_autoptr(GString) select = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  const char *direction = query->ascending ? "ASC" : "DESC";
  const PositionSummary *summary;
  guint n_kinds = 0;      /* 0: any */

  if (built->other_filters || built->search || built->match_param > 0)
    return NULL;
  if (query->states != NULL && query->states[0] != NULL)
    {
      g_autoptr(GPtrArray) terms = NULL;
      const CptStatusTerm *term;

      if (query->states[1] != NULL || strcmp (query->states[0], "paid") != 0)
        return NULL;
      /* the paid receivables' own condition, as the list has it */
      terms = cpt_store_status_terms (query->states, query->kinds, built->today);
      if (terms->len != 1)
        return NULL;
      term = g_ptr_array_index (terms, 0);
      if (term->inside == NULL || strcmp (term->outside, "1") != 0)
        return NULL;
      paid = g_strdup (term->inside);
    }
  switch (query->sort)
    {
    case CPT_DOCUMENT_SORT_DATE:
      summary = paid != NULL ? &paid_by_day : &by_day;
      break;
    case CPT_DOCUMENT_SORT_DUE_DATE:
      summary = paid != NULL ? &paid_by_due : &by_due;
      break;
    case CPT_DOCUMENT_SORT_CLIENT:
      summary = paid != NULL ? &paid_by_client : &by_client;
      break;
    case CPT_DOCUMENT_SORT_TOTAL:
      summary = paid != NULL ? &paid_by_total : &by_total;
      break;
    case CPT_DOCUMENT_SORT_NUMBER:
      summary = paid != NULL ? &paid_by_number : &by_number;
      break;
    default:
      return NULL;
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_string_append_printf (select, "%s%s", i ? ", " : "", keys[i]);
      g_string_append_printf (order, "%s%s %s", i ? ", " : "", keys[i], direction);
    }
  if (paid != NULL)
    {
      /* Only invoices and deposit invoices are paid: of the list's kinds, those written out,
       * so that the rows of one (the Invoices page lists the pro forma too) are read in the
       * order of its index, with no sort of the key's rows. */
      g_autofree char *literals = billed_kind_literals (query, &n_kinds);

      if (literals == NULL)
        return NULL;
      kinds = g_strdup_printf ("kind IN (%s)", literals);
      row_kinds = g_strdup_printf ("d.kind IN (%s)", literals);
    }
  else
    {
      kinds = built->kind_list ? g_strdup_printf ("kind IN (%s)", built->kind_list) : g_strdup ("1");
      row_kinds = built->kind_list ? g_strdup_printf ("d.kind IN (%s)", built->kind_list) : g_strdup ("1");
      if (query->kinds != NULL)
        n_kinds = g_strv_length ((char **) query->kinds);
    }
  /* One kind's counts are read in the order of the summary's key, as they are; several
   * kinds' are added up by key first (a sort of their rows). */
  if (n_kinds == 1)
    counts = g_strdup_printf ("SELECT %s AS key, %s AS part, count FROM %s WHERE %s AND count > 0",
                              summary->key, summary->part, summary->table, kinds);
  else
    counts = g_strdup_printf ("SELECT %s AS key, %s AS part, sum (count) AS count FROM %s WHERE %s "
                              "GROUP BY 1, 2 HAVING sum (count) > 0",
                              summary->key, summary->part, summary->table, kinds);
  return g_strdup_printf (
    "WITH c AS (SELECT key, part, count, "
    "      sum (count) OVER (ORDER BY key %1$s, part %1$s ROWS UNBOUNDED PRECEDING) AS upto "
    "    FROM (%2$s)), "
    /* the one key whose rows hold the position (no sort of the keys to find the first),
     * found once for the four values read from it: a jump anywhere costs the same */
    "  a AS MATERIALIZED (SELECT key, %4$s AS lo, %5$s AS hi, ?%3$u - (upto - count) AS within FROM c "
    "    WHERE upto > ?%3$u AND upto - count <= ?%3$u) "
    "SELECT %6$s FROM documents d%7$s WHERE %8$s AND %9$s%10$s%11$s "
    /* past the last row (rows gone since the count) `a` is empty: no row, rather than
     * OFFSET NULL ("datatype mismatch") */
    "ORDER BY %12$s LIMIT 1 OFFSET coalesce ((SELECT within FROM a), 0)",
    direction, counts, offset_param, summary->lo, summary->hi, select->str,
    paid ? " JOIN receivables r ON r.document_id = d.id" : "", row_kinds, summary->rows,
    paid ? " AND " : "", paid ? paid : "", order->str);
}

/* The keys of the row at a position (parameter `offset_param`) of a list of a search that
 * finds many, read from the ids of the list's kinds kept in its order, its hits and, for
 * states of receivables alone, their ids (`ids_sql`, quoted; NULL: any state): each kept by
 * the connection while the file is unchanged (cpt_search_ordered_id, cpt-store-hits.h).
 * NULL when the list asks anything else of its rows: it walks them. */
static char *
dense_position_statement (const Built            *built,
                          const CptDocumentQuery *query,
                          const char *const      *keys,
                          const char             *ids_sql,
                          guint                   offset_param)
{
  g_autoptr(GString) order = g_string_new ("SELECT d.id FROM documents d WHERE ");
  g_autoptr(GString) select = g_string_new (NULL);
  char *quoted;
  char *sql;

  if (built->other_filters || !built->search || built->match_param == 0 ||
      (query->states != NULL && query->states[0] != NULL && ids_sql == NULL))
    return NULL;
  if (query->kinds != NULL && query->kinds[0] != NULL)
    {
      g_autofree char *literals = kind_literals (query->kinds);

      /* as the list's own statements write them: one kind's index, or the sort's */
      g_string_append_printf (order, "%sd.kind IN (%s)", query->kinds[1] == NULL ? "" : "+", literals);
    }
  else
    g_string_append (order, "1");
  g_string_append (order, " ORDER BY ");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_string_append_printf (order, "%s%s", i ? ", " : "", keys[i]);
      g_string_append_printf (select, "%s%s", i ? ", " : "", keys[i]);
    }
  quoted = sqlite3_mprintf ("%Q", order->str);
  sql = g_strdup_printf ("SELECT %s FROM documents d WHERE d.id = "
                         "(SELECT cpt_search_ordered_id (%s, ?%u, %s, ?%u, %d))",
                         select->str, quoted, built->hits_param, ids_sql ? ids_sql : "NULL",
                         offset_param, !query->ascending);
  sqlite3_free (quoted);
  return sql;
}

/* A list whose every state is a fact of receivables (paid, overdue, awaiting payment...)
 * holds only rows of the kinds that have receivables: its kinds are narrowed to those, in
 * `narrowed` (with `kinds`, room for every kind and NULL), so that its statements read
 * their indexes. The Invoices page lists pro forma too, which are never paid: its paid
 * invoices by number walked the number order of both kinds and read every pro forma
 * numbered above them first (250 ms for the first page on a new connection at a million
 * documents; 0.3 ms by the invoices' own index). The rows are the same. */
static const CptDocumentQuery *
narrow_to_billed (const CptDocumentQuery *query, CptDocumentQuery *narrowed, const char **kinds)
{
  g_autoptr(GPtrArray) terms = NULL;
  g_autofree char *today = NULL;
  gboolean any_kind = query->kinds == NULL || query->kinds[0] == NULL;
  guint n;

  if (query->states == NULL || query->states[0] == NULL)
    return query;
  today = cpt_date_today ();
  terms = cpt_store_status_terms (query->states, query->kinds, today);
  if (terms->len == 0)
    return query;
  for (guint i = 0; i < terms->len; i++)
    if (((const CptStatusTerm *) g_ptr_array_index (terms, i))->inside == NULL)
      return query;
  n = billed_kinds (query, kinds);
  if (n == 0 || (!any_kind && g_strv_length ((char **) query->kinds) == n))
    return query;
  *narrowed = *query;
  narrowed->kinds = kinds;
  return narrowed;
}

/* Makes the list of `query`, or has `list` read it instead. */
static CptPagedList *
make_list (CptDatabase *db, CptPagedList *list, const CptDocumentQuery *query)
{
  static const CptDocumentQuery everything = { 0 };
  static const char *const date_keys[] = { "d.date", "d.id", NULL };
  static const char *const number_keys[] = { "coalesce (d.number, '')", "d.id", NULL };
  static const char *const client_keys[] = { "d.client_sort_name", "d.date", "d.id", NULL };
  static const char *const total_keys[] = { "d.total_gross", "d.id", NULL };
  static const char *const due_keys[] = { "coalesce (d.due_date, '')", "d.id", NULL };
  /* the same keys in the copy of the open receivables (schema 23) */
  static const char *const open_date_keys[] = { "r.date", "r.document_id", NULL };
  static const char *const open_number_keys[] = { "coalesce (r.number, '')", "r.document_id", NULL };
  static const char *const open_client_keys[] = { "r.client_sort_name", "r.date", "r.document_id", NULL };
  static const char *const open_total_keys[] = { "r.total_gross", "r.document_id", NULL };
  static const char *const open_due_keys[] = { "coalesce (r.document_due_date, '')", "r.document_id", NULL };
  const char *const *open_keys = NULL;
  g_autofree char *document_columns = qualified_columns ();
  g_autofree char *columns = NULL;
  g_autofree char *from_where = NULL;
  g_autofree char *count_from_where = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *keys_from_where = NULL;
  g_autofree char *where = NULL, *dense_where = NULL;
  g_autofree char *dense_from_where = NULL, *dense_keys_from_where = NULL;
  g_autofree char *dense_first_from_where = NULL;
  g_autofree char *position_sql = NULL, *dense_position_sql = NULL;
  g_autofree char *ids_sql = NULL, *plain_ids_sql = NULL, *warm_sql = NULL;
  g_autofree char *open_from_where = NULL;
  CptPagedQuery paged = { 0 };
  CptDocumentQuery narrowed;
  const char *billed[CPT_DOCUMENT_KIND_CREDIT_NOTE + 2];
  Built built;

  if (query == NULL)
    query = &everything;
  query = narrow_to_billed (query, &narrowed, billed);
  build (query, &built);
  /* as a quoted SQL literal, the text the connections key their kept set by */
  plain_ids_sql = receivable_ids_sql (&built, query);
  if (plain_ids_sql != NULL)
    {
      char *quoted = sqlite3_mprintf ("%Q", plain_ids_sql);

      ids_sql = g_strdup (quoted);
      sqlite3_free (quoted);
    }

  columns = g_strdup_printf ("%s, %s, %s, %s, r.document_id IS NOT NULL, " REMINDER_SQL,
                             document_columns, built.state, BALANCE_SQL, sign_sql (query));
  where = built.sparse_where ? g_strdup (built.sparse_where) : g_strdup (built.where->str);
  from_where = g_strdup_printf ("FROM documents d" JOINS " WHERE %s", where);
  /* Counting and finding keys need no join: the conditions are on d alone. */
  count_from_where = count_from (&built, query, FALSE);
  count_sql = count_statement (&built, query);
  if (count_sql == NULL && built.probe_param > 0 && query->states != NULL && query->states[0] != NULL)
    {
      /* One to three letters may find most documents ("r": 585 000 at a million) or a
       * few ("lec"): the count looks each hit up among the receivables when they are few,
       * and tests each receivable against the hits when they are many (the status's
       * receivables are then fewer than the hits, or not many more). The hits are gathered
       * once, and serve the pages after. */
      g_autofree char *scanning = count_from (&built, query, TRUE);
      g_autofree char *many = NULL;

      /* Many hits, states of receivables alone: both sets kept by the connection, what they
       * share counted in C (cpt-store-hits.h); else each receivable tested in SQL. */
      if (ids_sql != NULL)
        many = g_strdup_printf ("cpt_search_hit_count_among (?%u, %s)", built.hits_param, ids_sql);
      else
        many = g_strdup_printf ("(SELECT count(*) %s)", scanning);
      count_sql = g_strdup_printf ("SELECT CASE WHEN cpt_search_hit_count (?%u) >= %u "
                                   "THEN %s ELSE (SELECT count(*) %s) END",
                                   built.hits_param, HITS_SCANNED_FROM, many, count_from_where);
    }
  /* A search of four letters or more in a list of kinds alone: its count is how many hits
   * the connection gathers for its pages (of its kinds: no prefix of the words alone to
   * share), rather than the index read once to count them and again for the pages. At a
   * million documents, "reno" (153 000 hits): 52 ms for the first count and page, 32 ms
   * this way. */
  if (count_sql == NULL && built.search && built.probe_param == 0 && !built.other_filters &&
      (query->states == NULL || query->states[0] == NULL))
    count_sql = g_strdup_printf ("SELECT cpt_search_hit_count (?%u)", built.hits_param);
  open_from_where = open_keys_from_where (&built, query);
  if (open_from_where != NULL)
    {
      /* The keys at a position of a list of unpaid states, from the open receivables alone
       * (schema 23): at a million documents, a jump to the middle of the overdue invoices
       * by client walked half the invoices (90 ms). */
      keys_from_where = g_steal_pointer (&open_from_where);
      switch (query->sort)
        {
        case CPT_DOCUMENT_SORT_NUMBER:
          open_keys = open_number_keys;
          break;
        case CPT_DOCUMENT_SORT_CLIENT:
          open_keys = open_client_keys;
          break;
        case CPT_DOCUMENT_SORT_TOTAL:
          open_keys = open_total_keys;
          break;
        case CPT_DOCUMENT_SORT_DUE_DATE:
          open_keys = open_due_keys;
          break;
        case CPT_DOCUMENT_SORT_DATE:
        default:
          open_keys = open_date_keys;
          break;
        }
    }
  else if (!built.search && ids_sql != NULL && built.state_walk != NULL)
    {
      /* Finding the keys at a position (a jump, the positions of a list) walks the sort
       * order over every document: each tested against the status's receivables kept as a
       * set (cpt_search_id_among, gathered once by the connection) rather than its
       * receivable looked up. At a million documents, the positions of the paid invoices
       * by client took 990 ms. Pages, which walk a few rows, look them up as before: the
       * first screen of a list does not wait for the set. */
      g_autofree char *among = g_strdup_printf (" AND cpt_search_id_among (%s, d.id)", ids_sql);
      g_autoptr(GString) replaced = g_string_new (where);

      g_string_replace (replaced, built.state_walk, among, 1);
      keys_from_where = g_strdup_printf ("FROM documents d WHERE %s", replaced->str);
    }
  else
    keys_from_where = g_strdup_printf ("FROM documents d WHERE %s", where);
  if (built.search)
    {
      dense_where = dense_search_where (&built);
      if (ids_sql != NULL && built.state_walk != NULL)
        {
          /* Each row walked tested against the status's receivables kept as a set, as the
           * count does, rather than its receivable looked up: at a million documents, the
           * positions of the paid invoices holding "r" went from 290 to 240 ms. */
          g_autofree char *among = g_strdup_printf (" AND cpt_search_id_among (%s, d.id)", ids_sql);
          g_autoptr(GString) replaced = g_string_new (dense_where);

          g_string_replace (replaced, built.state_walk, among, 1);
          g_free (dense_where);
          dense_where = g_strdup (replaced->str);
        }
      dense_from_where = g_strdup_printf ("FROM documents d" JOINS " WHERE %s", dense_where);
      dense_keys_from_where = g_strdup_printf ("FROM documents d WHERE %s", dense_where);
      paged.dense_from_where = dense_from_where;
      paged.dense_keys_from_where = dense_keys_from_where;
      paged.dense_from = DENSE_SEARCH;
    }

  switch (query->sort)
    {
    case CPT_DOCUMENT_SORT_NUMBER:
      paged.keys = number_keys;
      break;
    case CPT_DOCUMENT_SORT_CLIENT:
      paged.keys = client_keys;
      break;
    case CPT_DOCUMENT_SORT_TOTAL:
      paged.keys = total_keys;
      break;
    case CPT_DOCUMENT_SORT_DUE_DATE:
      paged.keys = due_keys;
      break;
    case CPT_DOCUMENT_SORT_DATE:
    default:
      paged.keys = date_keys;
      break;
    }
  /* A search of one to three letters may find most documents: its dense plan tests every
   * row against all its hits, gathered first (at a million documents, 25 ms for the 739
   * 000 hits of "r"). Its first page is tried from the list's first rows, each looked up in
   * the index on its own (7 ms for "r" in the Invoices list). Only where they are likely to
   * fill it: in a list of kinds alone, when the search holds at least two thirds of them
   * (its count, `:cpt_count`, against the documents kept counted by kind, schema 18): "ren"
   * (20 % of the invoices) spent 13 ms trying, where gathering its hits takes 5.
   * Not in a list of states of receivables alone: its count gathers the hits (and, when
   * they are many, its status's ids, if its reader's warm-up has not), so the dense plan
   * tests two kept bits a row. At a million documents, the overdue invoices holding "r":
   * 2.7 ms for the first page, 11 ms tried from the first rows. */
  if (built.search && built.probe_param > 0 && ids_sql == NULL)
    {
      g_autoptr(GString) unsearched = g_string_new (built.where->str);
      g_autoptr(GString) order = g_string_new (NULL);
      g_autofree char *likely = NULL;

      g_string_replace (unsearched, built.search_where, "", 1);
      for (guint i = 0; paged.keys[i] != NULL; i++)
        g_string_append_printf (order, "%s%s%s", i ? ", " : "", paged.keys[i],
                                query->ascending ? " ASC" : " DESC");
      if (!built.other_filters && (query->states == NULL || query->states[0] == NULL))
        /* after every numbered parameter: a named one takes the number after the highest
         * seen so far */
        likely = g_strdup_printf (" AND (SELECT 3 * :cpt_count >= 2 * coalesce (sum (count), 0) "
                                  "FROM kind_day_counts%s%s%s)",
                                  built.kind_list ? " WHERE kind IN (" : "",
                                  built.kind_list ? built.kind_list : "", built.kind_list ? ")" : "");
      dense_first_from_where =
        g_strdup_printf ("FROM documents d" JOINS " WHERE d.id IN (SELECT d.id FROM documents d WHERE %s "
                         "ORDER BY %s LIMIT %u) AND EXISTS (SELECT 1 FROM documents_fts "
                         "WHERE documents_fts MATCH ?%u AND rowid = d.id)%s",
                         unsearched->str, order->str, DENSE_FIRST_WINDOW, built.probe_param,
                         likely ? likely : "");
      paged.dense_first_from_where = dense_first_from_where;
    }
  position_sql = position_statement (&built, query, paged.keys, built.params->len + 1);
  paged.position_sql = position_sql;
  if (built.search)
    {
      dense_position_sql = dense_position_statement (&built, query, paged.keys, ids_sql,
                                                      built.params->len + 1);
      paged.dense_position_sql = dense_position_sql;
    }
  paged.columns = columns;
  paged.from_where = from_where;
  paged.count_from_where = count_from_where;
  paged.count_sql = count_sql;
  paged.keys_from_where = keys_from_where;
  paged.keys_walked = open_keys;
  paged.descending = !query->ascending;
  paged.count_in_thread = query->count_in_thread;
  paged.fill = fill_row;
  /* A list of some status of receivables, without a search: its reader gathers the
   * status's ids once the list is counted, while the user has yet to type, so that the
   * first keystroke's count gathers only its own hits. At a million documents, the paid
   * invoices' ids take 75-107 ms to gather: the first count of the paid invoices holding
   * "r" went from 160 ms to 64 ms. */
  if (ids_sql != NULL && !built.search)
    {
      warm_sql = g_strdup_printf ("SELECT cpt_search_id_among (%s, 0)", ids_sql);
      paged.warm_sql = warm_sql;
    }

  if (list == NULL)
    list = cpt_paged_list_new (db, CPT_TYPE_DOCUMENT_ROW, &paged, built.params, row_from_statement);
  else
    cpt_paged_list_set_query (list, &paged, built.params, row_from_statement);
  built_clear (&built);
  return list;
}

CptPagedList *
cpt_document_query_list (CptDatabase *db, const CptDocumentQuery *query)
{
  g_return_val_if_fail (CPT_IS_DATABASE (db), NULL);

  return make_list (db, NULL, query);
}

void
cpt_document_query_relist (CptPagedList *list, const CptDocumentQuery *query)
{
  g_return_if_fail (CPT_IS_PAGED_LIST (list));
  g_return_if_fail (g_list_model_get_item_type (G_LIST_MODEL (list)) == CPT_TYPE_DOCUMENT_ROW);

  make_list (NULL, list, query);
}

static int
on_progress (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

gboolean
cpt_document_query_sums (CptDatabase            *db,
                         const CptDocumentQuery *query,
                         CptDocumentSums        *out,
                         GCancellable           *cancellable,
                         GError                **error)
{
  static const CptDocumentQuery everything = { 0 };
  sqlite3 *handle = cpt_database_get_handle (db);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  CptDocumentQuery narrowed;
  const char *billed[CPT_DOCUMENT_KIND_CREDIT_NOTE + 2];
  Built built;
  int rc;

  g_return_val_if_fail (CPT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (query == NULL)
    query = &everything;
  query = narrow_to_billed (query, &narrowed, billed);
  build (query, &built);
  /* What each document invoices itself: a balance invoice without the deposits it deducts,
   * a credit note less, a pro forma made into an invoice not twice (sign_sql ()). Only what is
   * owed is to collect: validated invoices and deposit invoices, not drafts. An invoice paid
   * and then credited owes the client: it has nothing to collect (not a negative amount
   * taken off the others). */
  sql = g_strdup_printf ("SELECT count(*), coalesce (sum ((%s) * (d.total_net - d.deposits_net)), 0), "
                         "coalesce (sum ((%s) * d.amount_due), 0), coalesce (sum (max (r.balance, 0)), 0) "
                         "FROM documents d" JOINS " WHERE %s", sign_sql (query), sign_sql (query),
                         built.count_where->str);

  /* Not cached: the statement differs with every filter. */
  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cpt_database_set_error (db, error, _("Could not add up the documents"));
      built_clear (&built);
      return FALSE;
    }
  for (guint i = 0; i < built.params->len; i++)
    {
      GVariant *value = g_ptr_array_index (built.params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 10000, on_progress, cancellable);
  rc = sqlite3_step (stmt);
  if (cancellable != NULL)
    sqlite3_progress_handler (handle, 0, NULL, NULL);

  if (rc == SQLITE_ROW)
    {
      out->count = sqlite3_column_int64 (stmt, 0);
      out->net = sqlite3_column_int64 (stmt, 1);
      out->gross = sqlite3_column_int64 (stmt, 2);
      out->balance = sqlite3_column_int64 (stmt, 3);
    }
  else if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      sqlite3_finalize (stmt);
      built_clear (&built);
      return FALSE;
    }
  else
    {
      cpt_database_set_error (db, error, _("Could not add up the documents"));
      sqlite3_finalize (stmt);
      built_clear (&built);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  built_clear (&built);
  return TRUE;
}
