/* cpt-store-status.c: each fact of cpt-status.h read in SQL, and the table of rules written
 * as the SQL of lists. */
#define G_LOG_DOMAIN "cpt-store-status"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cpt-store-database.h"
#include "cpt-store-status.h"
#include "cpt-dates.h"
#include "cpt-error.h"

#define F(name) CPT_STATUS_FACT_##name

typedef enum
{
  ON_DOCUMENT,    /* d, or subqueries on it */
  ON_MARKS,       /* m: document_marks, one row per document at most */
  ON_RECEIVABLE,  /* r: receivables, one row per validated invoice or deposit invoice */
} Table;

/* Each fact as SQL that is never NULL when its table's row exists (a NULL would make NOT (...)
 * drop rows). @TODAY@ stands for today. */
static const struct { Table table; const char *sql; } fact_sql[CPT_STATUS_N_FACTS] = {
  [F (NONE)] = { ON_DOCUMENT, "1" },
  [F (PROFORMA)] = { ON_DOCUMENT, "d.kind = 'proforma'" },
  [F (QUOTE)] = { ON_DOCUMENT, "d.kind = 'quote'" },
  [F (BILLED)] = { ON_DOCUMENT, "d.kind IN ('invoice', 'deposit')" },
  [F (DRAFT)] = { ON_DOCUMENT, "d.status = 'draft'" },
  [F (PRODUCED)] = { ON_DOCUMENT, "EXISTS (SELECT 1 FROM documents x WHERE x.proforma_id = d.id AND x.kind = 'invoice')" },
  [F (SENT)] = { ON_MARKS, "m.sent_on IS NOT NULL" },
  [F (REFUSED)] = { ON_MARKS, "m.refused_on IS NOT NULL" },
  [F (ACCEPTED)] = { ON_MARKS, "m.accepted_on IS NOT NULL" },
  [F (INVOICED)] = { ON_DOCUMENT,
                     "EXISTS (SELECT 1 FROM documents x LEFT JOIN receivables rx ON rx.document_id = x.id"
                     " WHERE x.quote_id = d.id AND x.kind = 'invoice'"
                     " AND NOT (x.status = 'validated' AND coalesce (rx.credited, 0) >= x.amount_due))" },
  [F (DEPOSIT_INVOICED)] = { ON_DOCUMENT, "EXISTS (SELECT 1 FROM documents x WHERE x.quote_id = d.id AND x.kind = 'deposit')" },
  [F (EXPIRED)] = { ON_DOCUMENT, "(coalesce (d.valid_until, '') > '' AND coalesce (d.valid_until, '') < '@TODAY@')" },
  [F (RECEIVABLE)] = { ON_RECEIVABLE, "r.document_id IS NOT NULL" },
  [F (FULLY_CREDITED)] = { ON_RECEIVABLE, "(r.credited > 0 AND r.credited >= r.amount_due)" },
  [F (SETTLED)] = { ON_RECEIVABLE, "r.balance <= 0" },
  [F (PAST_DUE)] = { ON_RECEIVABLE, "r.due_date < '@TODAY@'" },
  [F (PAID_SOME)] = { ON_RECEIVABLE, "r.paid > 0" },
  [F (CREDITED_SOME)] = { ON_RECEIVABLE, "r.credited > 0" },
};

static void
append_fact (GString *sql, CptStatusFact fact, const char *today)
{
  g_autoptr(GString) text = g_string_new (fact_sql[fact].sql);

  g_string_replace (text, "@TODAY@", today, 0);
  g_string_append (sql, text->str);
}

/* ---------------------------------------------------------------- one document */

gboolean
cpt_store_status_facts (CptDatabase    *db,
                        gint64          id,
                        const char     *today,
                        gboolean        with_payments,
                        CptStatusFacts *out,
                        GError        **error)
{
  static char *sql = NULL;
  g_autofree char *now = today ? g_strdup (today) : cpt_date_today ();
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof *out);
  if (g_once_init_enter_pointer (&sql))
    {
      GString *text = g_string_new ("SELECT d.kind, d.status = 'draft', ");
      static const CptStatusFact flags[] = { F (SENT), F (ACCEPTED), F (REFUSED), F (PRODUCED),
                                             F (INVOICED), F (DEPOSIT_INVOICED), F (RECEIVABLE) };

      /* The same SQL as the lists' (facts without today). */
      for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
        {
          append_fact (text, flags[i], "");
          g_string_append (text, ", ");
        }
      g_string_append (text,
        "coalesce (d.valid_until, ''), coalesce (r.due_date, d.due_date, d.date), "
        "coalesce (r.amount_due, d.amount_due), coalesce (r.credited, 0), coalesce (r.paid, 0), "
        "coalesce (r.balance, 0), "
        "(SELECT coalesce (sum (c.amount_due), 0) FROM documents c WHERE c.kind = 'credit_note' "
        " AND c.status = 'validated' AND c.credited_id = d.id) "
        "FROM documents d LEFT JOIN receivables r ON r.document_id = d.id "
        "LEFT JOIN document_marks m ON m.document_id = d.id WHERE d.id = ?");
      g_once_init_leave_pointer (&sql, g_string_free (text, FALSE));
    }

  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_strlcpy (out->kind, (const char *) sqlite3_column_text (stmt, 0), sizeof out->kind);
      out->draft = sqlite3_column_int (stmt, 1);
      out->sent = sqlite3_column_int (stmt, 2);
      out->accepted = sqlite3_column_int (stmt, 3);
      out->refused = sqlite3_column_int (stmt, 4);
      out->produced = sqlite3_column_int (stmt, 5);
      out->invoiced = sqlite3_column_int (stmt, 6);
      out->deposit_invoiced = sqlite3_column_int (stmt, 7);
      out->receivable = with_payments && sqlite3_column_int (stmt, 8);
      g_strlcpy (out->valid_until, (const char *) sqlite3_column_text (stmt, 9), sizeof out->valid_until);
      g_strlcpy (out->due_date, (const char *) sqlite3_column_text (stmt, 10), sizeof out->due_date);
      out->amount_due = sqlite3_column_int64 (stmt, 11);
      out->credited = with_payments ? sqlite3_column_int64 (stmt, 12) : sqlite3_column_int64 (stmt, 15);
      out->paid = with_payments ? sqlite3_column_int64 (stmt, 13) : 0;
      out->balance = with_payments ? sqlite3_column_int64 (stmt, 14) : 0;
      g_strlcpy (out->today, now, sizeof out->today);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no document %" PRId64), id);
  else
    cpt_database_set_error (db, error, _("Could not read the document"));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* ---------------------------------------------------------------- rows of a list */

static void
append_rule_facts (GString *sql, const CptStatusRule *rule, const char *today)
{
  for (guint f = 0; f < CPT_STATUS_MAX_FACTS && rule->facts[f] != F (NONE); f++)
    {
      if (f > 0)
        g_string_append (sql, " AND ");
      append_fact (sql, rule->facts[f], today);
    }
}

static void
append_group_case (GString *sql, const CptStatusGroup *group, const char *today)
{
  /* A group of one rule without facts: CASE needs a WHEN. */
  if (group->rules[0].facts[0] == F (NONE))
    {
      g_string_append_printf (sql, "'%s'", cpt_document_status_to_string (group->rules[0].status));
      return;
    }
  g_string_append (sql, "CASE");
  for (guint r = 0; r < group->n_rules; r++)
    {
      const CptStatusRule *rule = &group->rules[r];

      if (rule->facts[0] == F (NONE))
        {
          g_string_append_printf (sql, " ELSE '%s'", cpt_document_status_to_string (rule->status));
          break;
        }
      g_string_append (sql, " WHEN ");
      append_rule_facts (sql, rule, today);
      g_string_append_printf (sql, " THEN '%s'", cpt_document_status_to_string (rule->status));
    }
  g_string_append (sql, " END");
}

char *
cpt_store_status_sql (const char *today)
{
  guint n_groups;
  const CptStatusGroup *groups = cpt_status_groups (&n_groups);
  GString *sql = g_string_new ("CASE");

  for (guint g = 0; g < n_groups; g++)
    {
      if (groups[g].guard == F (NONE))
        g_string_append (sql, " ELSE ");
      else
        {
          g_string_append (sql, " WHEN ");
          append_fact (sql, groups[g].guard, today);
          g_string_append (sql, " THEN ");
        }
      append_group_case (sql, &groups[g], today);
      if (groups[g].guard == F (NONE))
        break;
    }
  g_string_append (sql, " END");
  return g_string_free (sql, FALSE);
}

/* ---------------------------------------------------------------- conditions of a filter */

/* A rule reached in its order: the facts that hold, those that do not, and the conjunctions
 * that do not (earlier rules of its group). */
typedef struct
{
  gboolean  holds[CPT_STATUS_N_FACTS];
  gboolean  fails[CPT_STATUS_N_FACTS];
  guint     n_not;
  guint     not_all[8][CPT_STATUS_MAX_FACTS + 1];   /* each ends with NONE */
} Term;

static gboolean
is_kind_fact (CptStatusFact fact)
{
  return fact == F (PROFORMA) || fact == F (QUOTE) || fact == F (BILLED);
}

static gboolean
on_receivable (CptStatusFact fact)
{
  return fact_sql[fact].table == ON_RECEIVABLE;
}

/* What the schema guarantees: a receivable is made when an invoice or a deposit invoice is
 * validated (trigger receivables_on_validation), so facts on it imply that it exists, and
 * that the document is billed and not a draft; a document is of one kind. These only spare
 * conditions that cannot change the result. */
static void
close_term (Term *term)
{
  for (guint f = 1; f < CPT_STATUS_N_FACTS; f++)
    if (term->holds[f] && on_receivable (f))
      term->holds[F (RECEIVABLE)] = TRUE;
  if (term->holds[F (RECEIVABLE)])
    {
      term->holds[F (BILLED)] = TRUE;
      term->fails[F (DRAFT)] = TRUE;
    }
  for (guint f = 1; f < CPT_STATUS_N_FACTS; f++)
    for (guint k = 1; k < CPT_STATUS_N_FACTS; k++)
      if (term->holds[f] && is_kind_fact (f) && is_kind_fact (k) && k != f)
        term->fails[k] = TRUE;
  if (term->fails[F (RECEIVABLE)])
    for (guint f = 1; f < CPT_STATUS_N_FACTS; f++)
      if (on_receivable (f))
        term->fails[f] = TRUE;
}

/* FALSE when the term can never hold. Conjunctions already false are dropped, facts known to
 * hold are taken out of them. */
static gboolean
simplify_term (Term *term)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      close_term (term);
      for (guint f = 1; f < CPT_STATUS_N_FACTS; f++)
        if (term->holds[f] && term->fails[f])
          return FALSE;
      for (guint i = 0; i < term->n_not; i++)
        {
          guint *facts = term->not_all[i];
          guint n = 0;
          gboolean already_false = FALSE;

          if (facts[0] == F (NONE))
            continue;   /* settled earlier */
          for (guint f = 0; facts[f] != F (NONE); f++)
            if (term->fails[facts[f]])
              already_false = TRUE;
            else if (!term->holds[facts[f]])
              facts[n++] = facts[f];
          facts[n] = F (NONE);
          if (!already_false && n == 0)
            return FALSE;   /* all its facts hold */
          if (already_false || n == 1)
            {
              if (!already_false)
                term->fails[facts[0]] = TRUE;
              facts[0] = F (NONE);
              changed = TRUE;
            }
        }
    }
  /* Settled conjunctions are taken out, so that two terms that differ by one fact compare
   * equal in the rest (merge_adjacent_terms ()) however many earlier rules each one had to
   * rule out: the accepted quotes' "not invoiced, no deposit" settled two, "deposit
   * invoiced" one, and the three accepted states stayed three terms with an invoice look-up
   * each (4–7 s to count them at a million documents). */
  for (guint i = 0; i < term->n_not;)
    if (term->not_all[i][0] == F (NONE))
      {
        memmove (term->not_all[i], term->not_all[i + 1],
                 (term->n_not - i - 1) * sizeof term->not_all[0]);
        term->n_not--;
      }
    else
      i++;
  return TRUE;
}

/* A fact on d written so that no index of d answers it ("+d.kind"): a walk must follow the
 * sort order's index and test each row, or SQLite may gather the rows of several indexes
 * (one per fact of an OR) and sort them all for every page. */
static void
append_fact_for_walk (GString *sql, CptStatusFact fact, const char *today)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_fact (text, fact, today);
  if (fact_sql[fact].table == ON_DOCUMENT)
    {
      g_string_replace (text, "d.kind", "+d.kind", 0);
      g_string_replace (text, "d.status", "+d.status", 0);
    }
  g_string_append (sql, text->str);
}

/* An open receivable, written as the partial indexes of schema 3 and 13 are. */
#define OPEN_RECEIVABLE "(r.balance > 0)"

static void
append_literal (GString *sql, CptStatusFact fact, gboolean negated, gboolean inside_receivable,
                const char *today, gboolean for_walk)
{
  /* "Not settled" on the receivable itself is written as the partial indexes of the open
   * receivables are (balance > 0), so that counting the overdue or the open invoices reads
   * those indexes instead of every receivable; NOT (balance <= 0) means the same. */
  if (negated && fact == F (SETTLED) && inside_receivable)
    {
      g_string_append (sql, OPEN_RECEIVABLE);
      return;
    }
  g_string_append (sql, negated ? "NOT (" : "(");
  if (fact_sql[fact].table == ON_MARKS)
    g_string_append (sql, "EXISTS (SELECT 1 FROM document_marks m WHERE m.document_id = d.id AND ");
  else if (fact_sql[fact].table == ON_RECEIVABLE && !inside_receivable)
    g_string_append (sql, "EXISTS (SELECT 1 FROM receivables r WHERE r.document_id = d.id AND ");
  if (for_walk)
    append_fact_for_walk (sql, fact, today);
  else
    append_fact (sql, fact, today);
  if (fact_sql[fact].table == ON_MARKS || (fact_sql[fact].table == ON_RECEIVABLE && !inside_receivable))
    g_string_append (sql, ")");
  g_string_append (sql, ")");
}

static void
append_and (GString *sql)
{
  if (sql->len > 0)
    g_string_append (sql, " AND ");
}

/* Whether the schema alone says that `fact` fails, given the rest of the term (close_term ()):
 * such a fact is not written. */
static gboolean
fails_anyway (const Term *term, CptStatusFact fact)
{
  if (is_kind_fact (fact))
    for (guint k = 1; k < CPT_STATUS_N_FACTS; k++)
      if (k != fact && is_kind_fact (k) && term->holds[k])
        return TRUE;
  if (fact == F (DRAFT) && term->holds[F (RECEIVABLE)])
    return TRUE;
  return fact != F (RECEIVABLE) && on_receivable (fact) && term->fails[F (RECEIVABLE)];
}

/* Writes the term as conditions on d (`outside`) and, when it needs a receivable, conditions
 * on r (`inside`, NULL otherwise). */
static void
render_term (const Term *term, const char *today, gboolean for_walk, GString *outside,
             GString **inside)
{
  gboolean receivable = term->holds[F (RECEIVABLE)];
  g_autoptr(GString) marks_held = g_string_new (NULL);
  g_autoptr(GString) marks_failed = g_string_new (NULL);

  *inside = receivable ? g_string_new (NULL) : NULL;
  for (guint f = 1; f < CPT_STATUS_N_FACTS; f++)
    {
      GString *into = receivable && on_receivable (f) ? *inside : outside;

      /* The marks' facts are gathered into one look-up (below). */
      if (fact_sql[f].table == ON_MARKS)
        {
          if (term->holds[f] || (term->fails[f] && !fails_anyway (term, f)))
            {
              GString *marks = term->holds[f] ? marks_held : marks_failed;

              g_string_append (marks, marks->len > 0 ? (term->holds[f] ? " AND " : " OR ") : "");
              append_fact (marks, f, today);
            }
          continue;
        }
      /* The receivable is the look-up itself; a billed document is what has one. */
      if (term->holds[f] && !(receivable && (f == F (RECEIVABLE) || f == F (BILLED))))
        {
          append_and (into);
          append_literal (into, f, FALSE, into == *inside, today, for_walk);
        }
      else if (term->fails[f] && !fails_anyway (term, f))
        {
          append_and (into);
          append_literal (into, f, TRUE, into == *inside, today, for_walk);
        }
    }
  /* A document has one row of marks at most: "accepted and not refused" is one look-up of
   * that row, not one per fact (the accepted quotes counted in 48 ms instead of 88 at a
   * million documents). With no fact that must hold, the row may be missing: no row holds
   * any of the facts that must fail. */
  if (marks_held->len > 0)
    {
      append_and (outside);
      g_string_append_printf (outside, "(EXISTS (SELECT 1 FROM document_marks m WHERE m.document_id = d.id "
                              "AND %s%s%s%s))", marks_held->str,
                              marks_failed->len > 0 ? " AND NOT (" : "", marks_failed->str,
                              marks_failed->len > 0 ? ")" : "");
    }
  else if (marks_failed->len > 0)
    {
      append_and (outside);
      g_string_append_printf (outside, "NOT (EXISTS (SELECT 1 FROM document_marks m WHERE "
                              "m.document_id = d.id AND (%s)))", marks_failed->str);
    }
  for (guint i = 0; i < term->n_not; i++)
    {
      const guint *facts = term->not_all[i];
      gboolean all_on_receivable = receivable;
      GString *into;

      if (facts[0] == F (NONE))
        continue;
      for (guint f = 0; facts[f] != F (NONE); f++)
        all_on_receivable = all_on_receivable && on_receivable (facts[f]);
      into = all_on_receivable ? *inside : outside;
      append_and (into);
      g_string_append (into, "NOT (");
      for (guint f = 0; facts[f] != F (NONE); f++)
        {
          if (f > 0)
            g_string_append (into, " AND ");
          append_literal (into, facts[f], FALSE, all_on_receivable, today, for_walk);
        }
      g_string_append (into, ")");
    }
}

static void
add_not_rule (Term *term, const CptStatusRule *rule)
{
  guint n = 0;

  g_assert (term->n_not < G_N_ELEMENTS (term->not_all));
  for (guint f = 0; f < CPT_STATUS_MAX_FACTS && rule->facts[f] != F (NONE); f++)
    term->not_all[term->n_not][n++] = rule->facts[f];
  term->not_all[term->n_not][n] = F (NONE);
  if (n == 1)
    term->fails[rule->facts[0]] = TRUE;
  else
    term->n_not++;
}

/* Whether a document of one of `kinds` (NULL: any) can be of the kind `fact` says. */
static gboolean
kind_possible (CptStatusFact fact, const char *const *kinds)
{
  if (kinds == NULL || kinds[0] == NULL)
    return TRUE;
  for (guint k = 0; kinds[k] != NULL; k++)
    {
      CptDocumentKind kind;

      if (!cpt_document_kind_from_string (kinds[k], &kind))
        continue;
      if ((fact == F (PROFORMA) && kind == CPT_DOCUMENT_KIND_PROFORMA) ||
          (fact == F (QUOTE) && kind == CPT_DOCUMENT_KIND_QUOTE) ||
          (fact == F (BILLED) && cpt_document_kind_is_billed (kind)))
        return TRUE;
    }
  return FALSE;
}

/* Whether `a` and `b` ask the same but for one fact that one holds and the other fails
 * (*out_fact): together they ask the rest alone. */
static gboolean
adjacent_terms (const Term *a, const Term *b, guint *out_fact)
{
  guint differing = 0, fact = 0;

  if (a->n_not != b->n_not)
    return FALSE;
  for (guint i = 0; i < a->n_not; i++)
    for (guint f = 0; f <= CPT_STATUS_MAX_FACTS; f++)
      {
        if (a->not_all[i][f] != b->not_all[i][f])
          return FALSE;
        if (a->not_all[i][f] == F (NONE))
          break;
      }
  for (guint f = 1; f < CPT_STATUS_N_FACTS; f++)
    {
      if (a->holds[f] == b->holds[f] && a->fails[f] == b->fails[f])
        continue;
      if (!((a->holds[f] && !a->fails[f] && b->fails[f] && !b->holds[f]) ||
            (a->fails[f] && !a->holds[f] && b->holds[f] && !b->fails[f])))
        return FALSE;
      differing++;
      fact = f;
    }
  *out_fact = fact;
  return differing == 1;
}

/* Merges the terms that differ by one fact only, until none do: the print-shop filter's
 * pro forma "in preparation" and "sent" (not sent / sent) become one term, "not turned
 * into an invoice", which walks the pro forma once instead of twice. The terms stay such
 * that no row meets two. */
static void
merge_adjacent_terms (GArray *terms)
{
  gboolean merged = TRUE;

  while (merged)
    {
      merged = FALSE;
      for (guint i = 0; i < terms->len && !merged; i++)
        for (guint j = i + 1; j < terms->len && !merged; j++)
          {
            Term *a = &g_array_index (terms, Term, i);
            guint fact;

            if (!adjacent_terms (a, &g_array_index (terms, Term, j), &fact))
              continue;
            a->holds[fact] = a->fails[fact] = FALSE;
            g_array_remove_index (terms, j);
            merged = TRUE;
          }
    }
}

static void
collect_terms (const char *const *states,
               const char *const *kinds,
               const char        *today,
               gboolean           for_walk,
               GPtrArray         *outsides,
               GPtrArray         *insides,
               GArray            *open_only)
{
  guint n_groups;
  const CptStatusGroup *groups = cpt_status_groups (&n_groups);
  /* Terms with the same conditions on d share one look-up of the receivables. */

  g_autoptr(GArray) terms = g_array_new (FALSE, TRUE, sizeof (Term));

  for (guint s = 0; states && states[s]; s++)
    for (guint g = 0; g < n_groups; g++)
      for (guint r = 0; r < groups[g].n_rules; r++)
        {
          const CptStatusRule *rule = &groups[g].rules[r];
          Term term = { 0 };

          if (strcmp (cpt_document_status_to_string (rule->status), states[s]) != 0)
            continue;
          /* Reached when no earlier group's guard holds, this one's does, no earlier rule of
           * the group holds and this one's facts do. */
          for (guint e = 0; e < g; e++)
            term.fails[groups[e].guard] = TRUE;
          term.holds[groups[g].guard] = TRUE;
          for (guint e = 0; e < r; e++)
            add_not_rule (&term, &groups[g].rules[e]);
          for (guint f = 0; f < CPT_STATUS_MAX_FACTS && rule->facts[f] != F (NONE); f++)
            term.holds[rule->facts[f]] = TRUE;
          term.holds[F (NONE)] = FALSE;
          if (!simplify_term (&term))
            continue;
          /* A rule of a kind the list does not hold (a quote's "sent" in the Invoices list)
           * would only make SQLite walk that kind's documents to find none. */
          if ((term.holds[F (PROFORMA)] && !kind_possible (F (PROFORMA), kinds)) ||
              (term.holds[F (QUOTE)] && !kind_possible (F (QUOTE), kinds)) ||
              (term.holds[F (BILLED)] && !kind_possible (F (BILLED), kinds)))
            continue;
          g_array_append_val (terms, term);
        }
  merge_adjacent_terms (terms);
  for (guint t = 0; t < terms->len; t++)
    {
      Term term = g_array_index (terms, Term, t);
      g_autoptr(GString) outside = g_string_new (NULL);
      g_autoptr(GString) inside = NULL;
      guint found;

      render_term (&term, today, for_walk, outside, &inside);
      if (outside->len == 0)
        g_string_append (outside, "1");
      if (inside != NULL && inside->len == 0)
        g_string_append (inside, "1");
      if (inside != NULL && g_ptr_array_find_with_equal_func (outsides, outside->str, g_str_equal, &found) &&
          g_ptr_array_index (insides, found) != NULL)
        {
          char *merged = g_strdup_printf ("%s OR (%s)", (char *) g_ptr_array_index (insides, found), inside->str);
          g_free (g_ptr_array_index (insides, found));
          insides->pdata[found] = merged;
          g_array_index (open_only, gboolean, found) &= strstr (inside->str, OPEN_RECEIVABLE) != NULL;
          continue;
        }
      g_ptr_array_add (outsides, g_string_free (g_steal_pointer (&outside), FALSE));
      g_ptr_array_add (insides, inside ? g_strdup_printf ("(%s)", inside->str) : NULL);
      g_array_append_val (open_only, ((gboolean) { inside != NULL && strstr (inside->str, OPEN_RECEIVABLE) != NULL }));
    }
  /* Terms merged with OR (open: awaiting payment, overdue or partially paid) that each ask
   * for an open receivable say so once more outside the OR, where SQLite sees that the
   * open receivables' partial index holds every row they can match. */
  for (guint i = 0; i < insides->len; i++)
    if (g_array_index (open_only, gboolean, i) && strstr (g_ptr_array_index (insides, i), " OR ") != NULL)
      {
        /* Due dates are never NULL (schema 3): the range on them only lets SQLite start
         * from that index, which holds every column asked, rather than scan the smaller
         * one by client and read each receivable. */
        char *factored = g_strdup_printf (OPEN_RECEIVABLE " AND r.due_date >= '' AND (%s)",
                                          (char *) g_ptr_array_index (insides, i));

        g_free (g_ptr_array_index (insides, i));
        insides->pdata[i] = factored;
      }
}

char *
cpt_store_status_condition (const char *const *states,
                            const char *const *kinds,
                            const char        *today,
                            gboolean           for_walk)
{
  g_autoptr(GPtrArray) outsides = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) insides = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) open_only = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GString) sql = g_string_new (NULL);

  collect_terms (states, kinds, today, for_walk, outsides, insides, open_only);
  for (guint i = 0; i < outsides->len; i++)
    {
      const char *outside = g_ptr_array_index (outsides, i);
      const char *inside = g_ptr_array_index (insides, i);

      g_string_append (sql, i ? " OR (" : "(");
      /* A walk looks each row's receivable up by its key; "d.id IN (SELECT ...)" would gather
       * every matching receivable (686 000 paid invoices at 1M) again for each page. A count
       * starts from the receivables that match. */
      if (inside != NULL && for_walk)
        g_string_append_printf (sql, "EXISTS (SELECT 1 FROM receivables r WHERE r.document_id = d.id "
                                "AND (%s))%s", inside, strcmp (outside, "1") == 0 ? "" : " AND ");
      else if (inside != NULL)
        g_string_append_printf (sql, "d.id IN (SELECT r.document_id FROM receivables r WHERE %s)%s",
                                inside, strcmp (outside, "1") == 0 ? "" : " AND ");
      if (inside == NULL || strcmp (outside, "1") != 0)
        g_string_append (sql, outside);
      g_string_append (sql, ")");
    }
  if (sql->len == 0)
    g_string_append (sql, "0");
  return g_strdup_printf ("(%s)", sql->str);
}

void
cpt_status_term_free (CptStatusTerm *term)
{
  g_free (term->outside);
  g_free (term->inside);
  g_free (term);
}

GPtrArray *
cpt_store_status_terms (const char *const *states,
                        const char *const *kinds,
                        const char        *today)
{
  g_autoptr(GPtrArray) outsides = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) insides = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) open_only = g_array_new (FALSE, FALSE, sizeof (gboolean));
  GPtrArray *terms = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_status_term_free);

  collect_terms (states, kinds, today, FALSE, outsides, insides, open_only);
  for (guint i = 0; i < outsides->len; i++)
    {
      CptStatusTerm *term = g_new0 (CptStatusTerm, 1);

      term->outside = g_strdup (g_ptr_array_index (outsides, i));
      term->inside = g_strdup (g_ptr_array_index (insides, i));
      term->open_only = g_array_index (open_only, gboolean, i);
      g_ptr_array_add (terms, term);
    }
  return terms;
}
