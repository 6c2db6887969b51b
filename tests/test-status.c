/* Derived statuses: one rule, wherever it is read. A generated corpus of documents (every kind
 * and state, due dates around today, payments none/partial/full/over, credit notes partial and
 * full, deposits, zero totals) on a real SQLite file, seeded and reproducible; every list the
 * window and the CLI show must give each document the status its own page gives it. */
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cpt-client.h"
#include "cpt-document-query.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-lifecycle.h"
#include "cpt-payments.h"
#include "cpt-status.h"
#include "cpt-test-utils.h"

#define SEED 20261202
#define TODAY "2026-06-15"
#define N_DAYS 150

/* ---------------------------------------------------------------- the pure rule */

static void
test_derive (void)
{
  CptStatusFacts facts = { 0 };

  g_strlcpy (facts.today, TODAY, sizeof facts.today);
  g_strlcpy (facts.kind, "invoice", sizeof facts.kind);
  facts.draft = TRUE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "draft");
  facts.draft = FALSE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "validated");
  facts.receivable = TRUE;
  facts.amount_due = facts.balance = 1000;
  g_strlcpy (facts.due_date, TODAY, sizeof facts.due_date);
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "awaiting_payment");
  g_strlcpy (facts.due_date, "2026-06-14", sizeof facts.due_date);
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "overdue");
  facts.credited = 1000;
  facts.balance = 0;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "credited");
  /* A zero total with nothing credited is paid. */
  facts.credited = facts.amount_due = 0;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "paid");

  memset (&facts, 0, sizeof facts);
  g_strlcpy (facts.today, TODAY, sizeof facts.today);
  g_strlcpy (facts.kind, "proforma", sizeof facts.kind);
  facts.draft = TRUE;
  facts.sent = TRUE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "sent");
  facts.produced = TRUE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "invoiced");

  memset (&facts, 0, sizeof facts);
  g_strlcpy (facts.today, TODAY, sizeof facts.today);
  g_strlcpy (facts.kind, "quote", sizeof facts.kind);
  g_strlcpy (facts.valid_until, "2026-06-14", sizeof facts.valid_until);
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "expired");
  facts.accepted = TRUE;
  facts.deposit_invoiced = TRUE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "accepted_deposit_invoiced");
  facts.invoiced = TRUE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "accepted_invoiced");
  facts.refused = TRUE;
  g_assert_cmpstr (cpt_status_derive (&facts), ==, "refused");
}

/* ---------------------------------------------------------------- the corpus */

typedef struct
{
  CptTestDb  db;
  GRand     *rand;
  gint64     clients[3];
  GArray    *ids;          /* every document made */
} Corpus;

static char *
day (int offset)
{
  GDate date;

  g_assert_true (cpt_date_parse (TODAY, &date));
  if (offset < 0)
    g_date_subtract_days (&date, -offset);
  else
    g_date_add_days (&date, offset);
  return cpt_date_to_iso (&date);
}

static gint64
pick (Corpus *c, const char *kind, gboolean validated)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < c->ids->len; i++)
    {
      gint64 id = g_array_index (c->ids, gint64, i);
      g_autoptr(CptDocument) document = cpt_documents_load (c->db.db, id, NULL);

      if (document != NULL && g_strcmp0 (cpt_document_get_kind (document), kind) == 0 &&
          validated == !cpt_document_is_draft (document))
        g_array_append_val (found, id);
    }
  if (found->len == 0)
    return 0;
  return g_array_index (found, gint64, g_rand_int_range (c->rand, 0, found->len));
}

static void
remember (Corpus *c, gint64 id)
{
  if (id > 0)
    g_array_append_val (c->ids, id);
}

/* Rules refuse some of what chance asks (paying a credited invoice...): that is fine, the
 * corpus keeps what was allowed. */
static void
maybe (gboolean ok, GError **error)
{
  (void) ok;
  g_clear_error (error);
}

static void
new_document (Corpus *c, const char *date)
{
  static const char *const kinds[] = { "quote", "quote", "proforma", "invoice", "invoice", "invoice" };
  const char *kind = kinds[g_rand_int_range (c->rand, 0, G_N_ELEMENTS (kinds))];
  g_autofree char *due = day (g_rand_int_range (c->rand, -30, 60));
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = NULL;
  int n_lines = g_rand_int_range (c->rand, 0, 4);
  gint64 id;

  if (strcmp (due, date) < 0)
    g_clear_pointer (&due, g_free);
  document = cpt_documents_create (c->db.db, kind, c->clients[g_rand_int_range (c->rand, 0, 3)], date,
                                   due, NULL, &error);
  g_assert_no_error (error);
  id = cpt_document_get_id (document);
  remember (c, id);
  for (int i = 0; i < MAX (n_lines, 1); i++)
    {
      g_autoptr(CptDocumentLine) line = cpt_document_line_new ();
      /* Some lines cost nothing: zero totals. */
      gint64 price = n_lines == 0 ? 0 : g_rand_int_range (c->rand, 1, 5000) * 10000;

      g_object_set (line, "description", "Travaux", "unit-price", price,
                    "quantity", (gint64) g_rand_int_range (c->rand, 1, 4) * 1000,
                    "vat-rate", (gint64) (g_rand_boolean (c->rand) ? 2000 : 550), NULL);
      g_assert_true (cpt_documents_add_line (c->db.db, id, line, &error));
    }
  if (strcmp (kind, "proforma") == 0 || g_rand_int_range (c->rand, 0, 4) == 0)
    return;   /* stays a draft */
  if (strcmp (kind, "quote") == 0)
    maybe (cpt_lifecycle_quote_send (c->db.db, id, date, &error), &error);
  else
    maybe (cpt_lifecycle_validate (c->db.db, id, date, &error), &error);
}

static void
pay (Corpus *c, gint64 id, const char *date)
{
  g_autoptr(CptDocument) document = cpt_documents_load (c->db.db, id, NULL);
  g_autoptr(GError) error = NULL;
  CptDocumentBalance balance;
  CptAllocation allocation = { 0, id, 0 };
  int how = g_rand_int_range (c->rand, 0, 3);

  if (document == NULL || !cpt_payments_document_balance (c->db.db, id, &balance, NULL) ||
      balance.balance <= 0)
    return;
  /* Part of it, all of it, or more than it (the rest stays the client's credit). */
  allocation.amount = how == 0 ? MAX (balance.balance / 3, 1) : balance.balance;
  maybe (cpt_payments_add (c->db.db, cpt_document_get_client_id (document), date,
                           how == 2 ? balance.balance + 5000 : allocation.amount, "transfer", NULL, NULL,
                           &allocation, 1, &error) > 0, &error);
}

static void
credit (Corpus *c, gint64 id, const char *date)
{
  g_autoptr(GError) error = NULL;
  gint64 note;

  if (g_rand_boolean (c->rand))
    note = cpt_lifecycle_credit (c->db.db, id, NULL, 0, &error);
  else
    {
      g_autoptr(GPtrArray) lines = cpt_documents_load_lines (c->db.db, id, NULL);
      CptCreditPart part = { 0, 1000 };

      for (guint i = 0; lines && i < lines->len && part.line_id == 0; i++)
        if (cpt_document_line_is_item (g_ptr_array_index (lines, i)))
          part.line_id = cpt_document_line_get_id (g_ptr_array_index (lines, i));
      note = part.line_id ? cpt_lifecycle_credit (c->db.db, id, &part, 1, &error) : 0;
    }
  g_clear_error (&error);
  remember (c, note);
  if (note > 0 && g_rand_int_range (c->rand, 0, 5) > 0)
    maybe (cpt_lifecycle_validate (c->db.db, note, date, &error), &error);
}

static void
act (Corpus *c, const char *date)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  switch (g_rand_int_range (c->rand, 0, 9))
    {
    case 0:
      if ((id = pick (c, "quote", TRUE)) != 0)
        maybe (g_rand_int_range (c->rand, 0, 4) == 0 ? cpt_lifecycle_quote_refuse (c->db.db, id, date, &error)
                                                     : cpt_lifecycle_quote_accept (c->db.db, id, date, &error), &error);
      break;
    case 1:
      if ((id = pick (c, "quote", TRUE)) != 0)
        {
          static const CptQuoteInvoice hows[] = { CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, CPT_QUOTE_INVOICE_FULL,
                                                  CPT_QUOTE_INVOICE_BALANCE };
          CptQuoteInvoice how = hows[g_rand_int_range (c->rand, 0, 3)];
          gint64 made = cpt_lifecycle_quote_invoice (c->db.db, id, how, 3000, &error);

          g_clear_error (&error);
          remember (c, made);
          if (made > 0 && g_rand_int_range (c->rand, 0, 3) > 0)
            maybe (cpt_lifecycle_validate (c->db.db, made, date, &error), &error);
        }
      break;
    case 2:
      if ((id = pick (c, "proforma", FALSE)) != 0)
        maybe (cpt_lifecycle_mark_sent (c->db.db, id, date, &error), &error);
      break;
    case 3:
      if ((id = pick (c, "proforma", FALSE)) != 0)
        {
          gint64 made = cpt_lifecycle_finalize (c->db.db, id, &error);

          g_clear_error (&error);
          remember (c, made);
          if (made > 0 && g_rand_boolean (c->rand))
            maybe (cpt_lifecycle_validate (c->db.db, made, date, &error), &error);
        }
      break;
    case 4:
    case 5:
      if ((id = pick (c, g_rand_boolean (c->rand) ? "invoice" : "deposit", TRUE)) != 0)
        pay (c, id, date);
      break;
    case 6:
      if ((id = pick (c, g_rand_int_range (c->rand, 0, 3) ? "invoice" : "deposit", TRUE)) != 0)
        credit (c, id, date);
      break;
    case 7:
      {
        gint64 deposit = pick (c, "deposit", TRUE), invoice = pick (c, "invoice", FALSE);

        if (deposit != 0 && invoice != 0)
          maybe (cpt_lifecycle_attach_deposit (c->db.db, deposit, invoice, &error), &error);
      }
      break;
    default:
      if ((id = pick (c, "invoice", FALSE)) != 0)
        maybe (cpt_lifecycle_validate (c->db.db, id, date, &error), &error);
      break;
    }
}

static void
corpus_setup (Corpus *c, gconstpointer data)
{
  static const char *const names[] = { "Imprimerie Durand", "Atelier Bois", "Mairie de Lyon" };

  cpt_test_db_setup (&c->db, data);
  c->rand = g_rand_new_with_seed (SEED);
  c->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CptClient) client = cpt_client_new ();
      g_autoptr(GError) error = NULL;

      g_object_set (client, "name", names[i], "email", "compta@example.org", "kind", "company", NULL);
      g_assert_true (cpt_client_insert (client, c->db.db, &error));
      c->clients[i] = cpt_client_get_id (client);
    }
  /* Day by day, as the history was made: each document is numbered on its day. */
  for (int d = -N_DAYS; d <= 0; d++)
    {
      g_autofree char *date = day (d);
      int n_new = g_rand_int_range (c->rand, 1, 4);

      g_setenv ("COMPTOIR_TODAY", date, TRUE);
      for (int i = 0; i < n_new; i++)
        new_document (c, date);
      for (int i = 0; i < 3; i++)
        act (c, date);
    }
  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  g_test_message ("corpus of %u documents (seed %d)", c->ids->len, SEED);
}

static void
corpus_teardown (Corpus *c, gconstpointer data)
{
  g_array_unref (c->ids);
  g_rand_free (c->rand);
  cpt_test_db_teardown (&c->db, data);
}

/* ---------------------------------------------------------------- the comparisons */

/* id -> the status its page shows at `today` (cpt_payments_status, as `document show`). */
static GHashTable *
page_statuses (Corpus *c, const char *today)
{
  GHashTable *statuses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < c->ids->len; i++)
    {
      gint64 id = g_array_index (c->ids, gint64, i);
      g_autoptr(CptDocument) document = cpt_documents_load (c->db.db, id, NULL);

      if (document != NULL)   /* finalize can replace nothing, but stay safe with deletions */
        g_hash_table_insert (statuses, g_memdup2 (&id, sizeof id), cpt_test_status (c->db.db, document, today));
    }
  return statuses;
}

static guint
expected_count (GHashTable *statuses, const char *const *states, const char *kind, Corpus *c)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, statuses);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(CptDocument) document = NULL;

      if (!g_strv_contains (states, value))
        continue;
      if (kind != NULL)
        {
          document = cpt_documents_load (c->db.db, *(gint64 *) key, NULL);
          if (g_strcmp0 (cpt_document_get_kind (document), kind) != 0)
            continue;
        }
      n++;
    }
  return n;
}

/* Every row of the list shows its page's status; the list has exactly the documents whose
 * status is one of `states` (all when NULL). */
static void
check_list (Corpus *c, GHashTable *statuses, const char *today, const char *const *states, const char *kind)
{
  const char *kinds[2] = { kind, NULL };
  CptDocumentQuery query = { 0 };
  g_autoptr(CptPagedList) list = NULL;
  CptDocumentSums sums;
  g_autoptr(GError) error = NULL;
  guint n, expected;

  query.today = today;
  query.states = states;
  query.kinds = kind ? kinds : NULL;
  list = cpt_document_query_list (c->db.db, &query);
  g_assert_no_error (cpt_paged_list_get_error (list));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  expected = states ? expected_count (statuses, states, kind, c) : (kind ? n : g_hash_table_size (statuses));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CptDocumentRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = cpt_document_get_id (cpt_document_row_get_document (row));
      const char *page = g_hash_table_lookup (statuses, &id);

      if (g_strcmp0 (cpt_document_row_get_state (row), page) != 0)
        g_error ("at %s, document %" G_GINT64_FORMAT " is “%s” in the list and “%s” on its page",
                 today, id, cpt_document_row_get_state (row), page);
      if (states != NULL)
        g_assert_true (g_strv_contains (states, page));
    }
  if (n != expected)
    g_error ("at %s, the list of “%s” (%s) counts %u documents, their pages %u", today,
             states ? states[0] : "all", kind ? kind : "every kind", n, expected);
  g_assert_true (cpt_document_query_sums (c->db.db, &query, &sums, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sums.count, ==, expected);
}

static void
check_cli (Corpus *c, GHashTable *statuses, const char *today, const char *state)
{
  const char *cli = g_getenv ("COMPTOIR_CLI");
  g_autofree char *command = g_strdup_printf ("%s --db %s document list --json --limit 0%s%s", cli, c->db.path,
                                              state ? " --status " : "", state ? state : "");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *saved = g_strdup (g_getenv ("COMPTOIR_TODAY"));
  const char *const states[2] = { state, NULL };
  JsonArray *rows;
  int status = 0;

  g_setenv ("COMPTOIR_TODAY", today, TRUE);
  g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, &error));
  g_setenv ("COMPTOIR_TODAY", saved, TRUE);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  rows = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      gint64 id = json_object_get_int_member (row, "id");
      const char *page = g_hash_table_lookup (statuses, &id);

      if (g_strcmp0 (json_object_get_string_member (row, "status"), page) != 0)
        g_error ("at %s, document %" G_GINT64_FORMAT " is “%s” in `document list --json` and “%s” on its page",
                 today, id, json_object_get_string_member (row, "status"), page);
    }
  if (json_array_get_length (rows) != (state ? expected_count (statuses, states, NULL, c) : g_hash_table_size (statuses)))
    g_error ("at %s, `document list --status %s` lists %u documents, their pages %u", today, state,
             json_array_get_length (rows), state ? expected_count (statuses, states, NULL, c) : 0);
}

static void
test_agreement (Corpus *c, gconstpointer data)
{
  /* Today, and days that move due dates and validity around it. */
  static const char *const todays[] = { TODAY, "2026-05-20", "2026-07-10" };
  static const char *const kinds[] = { "quote", "proforma", "invoice", "deposit", "credit_note" };
  /* Several states at once share one look-up of the receivables. */
  static const char *const unpaid[] = { "awaiting_payment", "overdue", "partially_paid", "partly_credited", NULL };
  static const char *const mixed[] = { "paid", "sent", "draft", "credited", "expired", NULL };
  /* The window's "Accepted": its three states are asked as one term. */
  static const char *const accepted[] = { "accepted_not_invoiced", "accepted_deposit_invoiced",
                                          "accepted_invoiced", NULL };
  const char *const *states = cpt_document_states ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) histogram = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (todays); t++)
    {
      g_autoptr(GHashTable) statuses = page_statuses (c, todays[t]);
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, statuses);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_hash_table_replace (seen, (gpointer) g_intern_string (value),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, value)) + 1));
        }

      check_list (c, statuses, todays[t], NULL, NULL);
      check_list (c, statuses, todays[t], unpaid, NULL);
      check_list (c, statuses, todays[t], mixed, NULL);
      check_list (c, statuses, todays[t], accepted, NULL);
      check_list (c, statuses, todays[t], accepted, "quote");
      for (guint s = 0; states[s]; s++)
        {
          const char *one[2] = { states[s], NULL };

          check_list (c, statuses, todays[t], one, NULL);
          for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
            check_list (c, statuses, todays[t], one, kinds[k]);
        }
      if (g_getenv ("COMPTOIR_CLI") != NULL)
        {
          check_cli (c, statuses, todays[t], NULL);
          /* draft and validated filter on the stored state there, not the derived one. */
          for (guint s = 0; t == 0 && states[s]; s++)
            if (strcmp (states[s], "draft") != 0 && strcmp (states[s], "validated") != 0)
              check_cli (c, statuses, todays[t], states[s]);
        }
    }

  for (guint s = 0; states[s]; s++)
    g_string_append_printf (histogram, " %s %u", states[s], GPOINTER_TO_UINT (g_hash_table_lookup (seen, states[s])));
  g_test_message ("statuses over the days:%s", histogram->str);
  /* The corpus reaches every status, or it proves less than it says. */
  for (guint s = 0; states[s]; s++)
    if (!g_hash_table_contains (seen, states[s]))
      g_error ("no document of the corpus is “%s”: widen the corpus", states[s]);
  g_test_message ("%u documents agree in every list", c->ids->len);
}

/* ---------------------------------------------------------------- allowed actions */

/* The action `name` of document `id` as the model gives it to the window and the CLI. */
static gboolean
allowed (CptDatabase *db, gint64 id, const char *name, const char *reason_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = cpt_lifecycle_actions (db, id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < actions->len; i++)
    {
      const CptAction *action = g_ptr_array_index (actions, i);

      if (g_strcmp0 (action->name, name) != 0)
        continue;
      g_assert_true (action->allowed == (action->reason == NULL));
      if (reason_part != NULL)
        {
          g_assert_nonnull (action->reason);
          g_assert_nonnull (strstr (action->reason, reason_part));
        }
      return action->allowed;
    }
  g_error ("document %" G_GINT64_FORMAT " has no action “%s”", id, name);
}

static gint64
document_with_line (CptDatabase *db, gint64 client, const char *kind, gint64 price)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptDocument) document = cpt_documents_create (db, kind, client, TODAY, NULL, NULL, &error);
  g_autoptr(CptDocumentLine) line = cpt_document_line_new ();

  g_assert_no_error (error);
  g_object_set (line, "description", "Affiches", "unit-price", price, "vat-rate", (gint64) 2000, NULL);
  g_assert_true (cpt_documents_add_line (db, cpt_document_get_id (document), line, &error));
  return cpt_document_get_id (document);
}

/* Mark as paid/unpaid and invoicing a quote were decided by the window; the model decides
 * them now, for the window and the CLI alike. */
static void
test_allowed_actions (CptTestDb *f, gconstpointer data)
{
  g_autoptr(CptClient) client = cpt_client_new ();
  g_autoptr(GError) error = NULL;
  CptAllocation allocation = { 0, 0, 4000 };
  gint64 invoice, quote, made;

  g_setenv ("COMPTOIR_TODAY", TODAY, TRUE);
  g_object_set (client, "name", "Imprimerie Durand", "email", "compta@example.org", "kind", "company", NULL);
  g_assert_true (cpt_client_insert (client, f->db, &error));

  invoice = document_with_line (f->db, cpt_client_get_id (client), "invoice", 1000000);   /* 120.00 */
  g_assert_false (allowed (f->db, invoice, "mark_paid", "Only a validated invoice is paid"));
  g_assert_false (allowed (f->db, invoice, "mark_unpaid", "No payment is allocated to it"));
  g_assert_true (cpt_lifecycle_validate (f->db, invoice, NULL, &error));
  g_assert_true (allowed (f->db, invoice, "mark_paid", NULL));
  g_assert_false (allowed (f->db, invoice, "mark_unpaid", "No payment is allocated to it"));
  allocation.document_id = invoice;
  g_assert_cmpint (cpt_payments_add (f->db, cpt_client_get_id (client), TODAY, 4000, "cheque", NULL, NULL,
                                     &allocation, 1, &error), >, 0);
  g_assert_true (allowed (f->db, invoice, "mark_paid", NULL));
  g_assert_true (allowed (f->db, invoice, "mark_unpaid", NULL));
  g_assert_cmpint (cpt_payments_mark_paid (f->db, invoice, TODAY, "transfer", NULL, &error), >, 0);
  g_assert_false (allowed (f->db, invoice, "mark_paid", "Nothing is left to pay"));
  g_assert_true (allowed (f->db, invoice, "mark_unpaid", NULL));

  quote = document_with_line (f->db, cpt_client_get_id (client), "quote", 1000000);
  g_assert_false (allowed (f->db, quote, "invoice", "The quote is not accepted"));
  g_assert_true (cpt_lifecycle_quote_send (f->db, quote, NULL, &error));
  g_assert_true (cpt_lifecycle_quote_accept (f->db, quote, NULL, &error));
  g_assert_true (allowed (f->db, quote, "invoice", NULL));
  /* A deposit leaves the balance to invoice. */
  made = cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_DEPOSIT_PERCENT, 3000, &error);
  g_assert_no_error (error);
  g_assert_true (allowed (f->db, quote, "invoice", NULL));
  g_assert_false (allowed (f->db, quote, "invoice_full", NULL));
  g_assert_false (allowed (f->db, made, "mark_paid", "Only a validated invoice is paid"));
  g_assert_true (cpt_lifecycle_validate (f->db, made, NULL, &error));
  g_assert_true (allowed (f->db, made, "mark_paid", NULL));
  /* Everything on a draft balance invoice: the balance's reason says where. */
  g_assert_cmpint (cpt_lifecycle_quote_invoice (f->db, quote, CPT_QUOTE_INVOICE_BALANCE, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (allowed (f->db, quote, "invoice", "validate or delete that draft first"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/status/derive", test_derive);
  CPT_TEST_DB ("/status/allowed-actions", test_allowed_actions);
  g_test_add ("/status/agreement", Corpus, NULL, corpus_setup, test_agreement, corpus_teardown);
  return g_test_run ();
}
