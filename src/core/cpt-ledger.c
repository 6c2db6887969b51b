#define G_LOG_DOMAIN "cpt-ledger"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <openssl/evp.h>
#include <string.h>

#include "cpt-company.h"
#include "cpt-document.h"
#include "cpt-error.h"
#include "cpt-ledger.h"
#include "cpt-seal.h"
#include "cpt-store-check.h"
#include "cpt-store-ledger.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

char *
cpt_ledger_canonical (CptDatabase *db, gint64 document_id, GError **error)
{
  return cpt_store_ledger_canonical (db, document_id, error);
}

/* OpenSSL's SHA-256, looked up once: EVP_sha256() makes OpenSSL 3 look it up again at each
 * use, a million times in a check. */
static const EVP_MD *
sha256 (void)
{
  static EVP_MD *md = NULL;

  if (g_once_init_enter_pointer (&md))
    {
      EVP_MD *fetched = EVP_MD_fetch (NULL, "SHA256", NULL);

      if (fetched == NULL)
        g_error ("OpenSSL has no SHA-256");
      g_once_init_leave_pointer (&md, fetched);
    }
  return md;
}

/* SHA-256 (previous "\n" canonical) in lowercase hex, as GChecksum wrote it: OpenSSL's, which
 * uses the CPU's SHA instructions, is several times faster over a million documents. */
static char *
chain_hash (const char *previous, const char *canonical)
{
  static const char hex[] = "0123456789abcdef";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  char *text;

  if (ctx == NULL ||
      !EVP_DigestInit_ex (ctx, sha256 (), NULL) ||
      !EVP_DigestUpdate (ctx, previous, strlen (previous)) ||
      !EVP_DigestUpdate (ctx, "\n", 1) ||
      !EVP_DigestUpdate (ctx, canonical, strlen (canonical)) ||
      !EVP_DigestFinal_ex (ctx, digest, &length))
    g_error ("OpenSSL could not compute a SHA-256");
  EVP_MD_CTX_free (ctx);
  text = g_malloc (2 * length + 1);
  for (unsigned int i = 0; i < length; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[2 * length] = '\0';
  return text;
}

/* The company's identity in the keyring; NULL when the file has none (never after
 * schema 7), with no error. */
static char *
company_uuid (CptDatabase *db, GError **error)
{
  char *uuid = NULL;

  cpt_store_ledger_company_uuid (db, &uuid, error);
  return uuid;
}

static gboolean
insert_seal (CptDatabase *db, const CptSealKey *key, gint64 seq, gint64 document_id,
             const char *hash, GError **error)
{
  g_autofree char *mac = cpt_seal_compute (key, seq, document_id, hash);

  return cpt_store_ledger_insert_seal (db, seq, key->id, mac, error);
}

typedef struct
{
  CptDatabase      *db;
  const CptSealKey *key;
} Sealing;

static gboolean
seal_one (gint64 seq, gint64 document_id, const char *hash, gpointer data, GError **error)
{
  Sealing *sealing = data;

  return insert_seal (sealing->db, sealing->key, seq, document_id, hash, error);
}

/* The first key made for a company seals the entries already in its file, once (they were
 * validated before the seal existed, or while no keyring could be reached): that is the
 * file as it stands when sealing starts. Never afterwards: a seal added later to an entry
 * would vouch for whatever the file held by then, a rewrite made meanwhile included. A
 * later entry's seal covers the earlier ones anyway, through the chain hash, from then on. */
static gboolean
seal_existing (CptDatabase *db, const CptSealKey *key, gint64 before_seq, GError **error)
{
  Sealing sealing = { db, key };
  g_autofree char *details = NULL;
  guint sealed = 0;

  if (!cpt_store_ledger_foreach_unsealed (db, before_seq, seal_one, &sealing, &sealed, error))
    return FALSE;
  if (sealed == 0)
    return TRUE;
  details = g_strdup_printf ("{\"entries\": %u, \"key\": \"%s\"}", sealed, key->id);
  return cpt_audit_add (db, "seal_existing", 0, details, error);
}

/* Seals the new entry. The keyring being out of reach (no session, no Secret Service, a
 * locked keyring left locked) never stops a validation: the entry stays unsealed and the
 * check says so. Only a failure to write the file fails. */
static gboolean
seal_entry (CptDatabase *db, gint64 seq, gint64 document_id, const char *hash, GError **error)
{
  g_autofree char *company = NULL;
  g_autoptr(CptSealKey) key = NULL;
  g_autoptr(GError) local = NULL;
  gboolean created = FALSE;

  company = company_uuid (db, error);
  if (company == NULL)
    return error == NULL || *error == NULL;
  key = cpt_seal_key_for_sealing (company, TRUE, &created, &local);
  if (key == NULL)
    {
      g_debug ("The entry %" PRId64 " of the ledger is left unsealed: %s", seq,
                 local ? local->message : "no key");
      return TRUE;
    }
  if (created && !seal_existing (db, key, seq, error))
    return FALSE;
  return insert_seal (db, key, seq, document_id, hash, error);
}

gboolean
cpt_ledger_append (CptDatabase *db, gint64 document_id, GError **error)
{
  g_autofree char *canonical = cpt_ledger_canonical (db, document_id, error);
  g_autofree char *previous = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 0;

  if (canonical == NULL || !cpt_store_ledger_last_hash (db, &previous, error))
    return FALSE;
  if (previous == NULL)
    previous = g_strdup (GENESIS_HASH);
  hash = chain_hash (previous, canonical);
  return cpt_store_ledger_insert (db, document_id, previous, hash, &seq, error) &&
         seal_entry (db, seq, document_id, hash, error);
}

gboolean
cpt_audit_add (CptDatabase *db, const char *action, gint64 document_id, const char *details,
               GError **error)
{
  return cpt_store_audit_insert (db, action, document_id, details, error);
}

/* ------------------------------------------------------------------------------ the check */

/* Messages of one kind stop after this many: a file rewritten wholesale would otherwise
 * print a line per document. */
#define MAX_REPORTED 20

/* How many of the last ledger entries the quick check recomputes (the full check: all). */
#define QUICK_ENTRIES 500

typedef struct
{
  CptDatabase         *db;
  CptLedgerCheckFlags  flags;
  GCancellable        *cancellable;
  GPtrArray           *problems;
  GPtrArray           *unverified;
  GHashTable          *unusable;     /* tables missing or altered: checks that read them are skipped */
  GHashTable          *reported;     /* documents already named as deleted or back to draft */
  GError              *error;        /* the first query that failed: the check fails */
} Check;

static void
add (GPtrArray *to, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add (GPtrArray *to, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (to, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Whether the next query of the check may run: not after one failed, nor once cancelled.
 * Any error of a query (cpt-store-check.h) stops the whole check with its reason, in
 * c->error: a check that could not look must never say all is well. */
static gboolean
may_query (Check *c)
{
  return c->error == NULL && !g_cancellable_set_error_if_cancelled (c->cancellable, &c->error);
}

static gboolean
usable (Check *c, const char *first_table, ...) G_GNUC_NULL_TERMINATED;

/* Whether every table named is as the schema has it. */
static gboolean
usable (Check *c, const char *first_table, ...)
{
  va_list args;
  gboolean ok = TRUE;

  va_start (args, first_table);
  for (const char *table = first_table; table != NULL; table = va_arg (args, const char *))
    if (g_hash_table_contains (c->unusable, table))
      ok = FALSE;
  va_end (args);
  return ok;
}

/* ---- the schema: tables, indexes and the triggers that protect validated documents */

static void
check_schema (Check *c)
{
  g_autoptr(GHashTable) expected = cpt_database_expected_schema (&c->error);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) names = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (expected == NULL || !may_query (c) || !cpt_store_check_schema (c->db, found, &c->error))
    return;

  /* In name order, so that the report reads the same every time. */
  names = g_list_sort (g_hash_table_get_keys (expected), (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const char *want = g_hash_table_lookup (expected, name);
      const char *have = g_hash_table_lookup (found, name);
      gboolean is_table = g_str_has_prefix (want, "table\n");
      gboolean is_trigger = g_str_has_prefix (want, "trigger\n");

      if (g_strcmp0 (want, have) == 0)
        continue;
      /* The full-text indexes' own tables are written by SQLite's FTS5, whose text may
       * differ from one SQLite to the next: only their presence matters. */
      if (is_table && have != NULL && strstr (name, "_fts_") != NULL)
        continue;
      if (is_table)
        g_hash_table_add (c->unusable, g_strdup (name));
      if (have == NULL && is_table)
        add (c->problems, _("The table “%s” is missing from the database"), name);
      else if (is_table)
        add (c->problems, _("The table “%s” was altered: it is not as Comptoir made it"), name);
      else if (have == NULL && is_trigger)
        add (c->problems, _("The safeguard “%s” was removed from the database: validated "
                            "documents or their records could be changed without trace"), name);
      else if (is_trigger)
        add (c->problems, _("The safeguard “%s” was replaced by a different one: validated "
                            "documents or their records could be changed without trace"), name);
      else if (have == NULL)
        add (c->problems, _("The index “%s” is missing from the database"), name);
      else
        add (c->problems, _("The index “%s” was altered: it is not as Comptoir made it"), name);
    }

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (value, "trigger\n") && !g_hash_table_contains (expected, key))
      add (c->problems, _("An unknown trigger “%s” was added to the database: it could change "
                          "documents behind Comptoir's back"), (const char *) key);
}

/* ---- the ledger: every validated document still there, still validated, unchanged */

/* The document's number (the store gives the one the audit trail recorded when it was
 * validated, the row may have been emptied or deleted since), or its id. */
static char *
name_of (const char *number, gint64 id)
{
  if (number != NULL && *number != '\0')
    return g_strdup (number);
  /* Translators: names a document that has no number any more, by its id */
  return g_strdup_printf (_("the document with id %" PRId64), id);
}

static gboolean
ledger_document_row (const CptStoreCheckDocument *row, gpointer data)
{
  Check *c = data;
  gint64 id = row->id;
  g_autofree char *name = name_of (row->number, id);

  if (c->problems->len > 200)
    return FALSE;
  g_hash_table_add (c->reported, g_memdup2 (&id, sizeof id));
  if (!row->exists)
    add (c->problems, _("%s was validated (the ledger records it) but has been deleted: its "
                        "number would be given again"), name);
  else
    add (c->problems, _("%s was validated (the ledger records it) but is marked as a draft "
                        "again: it could be changed or deleted"), name);
  return TRUE;
}

static gboolean
audit_document_row (const CptStoreCheckDocument *row, gpointer data)
{
  Check *c = data;
  gint64 id = row->id;
  g_autofree char *name = name_of (row->number, id);

  if (c->problems->len > 200)
    return FALSE;
  if (g_hash_table_contains (c->reported, &id))
    return TRUE;
  g_hash_table_add (c->reported, g_memdup2 (&id, sizeof id));
  if (!row->exists)
    add (c->problems, _("%s was validated (the audit trail records it) but has been deleted: "
                        "its number would be given again"), name);
  else
    add (c->problems, _("%s was validated (the audit trail records it) but is marked as a "
                        "draft again: it could be changed or deleted"), name);
  return TRUE;
}

static gboolean
unchained_row (const char *number, gpointer data)
{
  Check *c = data;

  add (c->problems, _("%s is validated but missing from the chain of validated documents"),
       number);
  return TRUE;
}

/* The chain is walked in ranges of its sequence numbers, one thread and one read-only
 * connection each, on every core. Each range checks its links from its first entry's
 * previous hash; where two ranges meet, the link is checked when they are joined. What a
 * range finds is kept in order and joined as one walk from the first entry would have said
 * it. */

typedef enum
{
  FOUND_BROKEN,
  FOUND_CHANGED,
  FOUND_BAD_SEAL,
  N_FOUND
} Found;

typedef struct
{
  Found  what;
  char  *name;
} Finding;

typedef struct
{
  /* In: read-only once the threads run. */
  CptDatabase  *db;
  const char   *path;           /* NULL: the range is read on `db`'s connection */
  gint64        first, last;
  const char   *start_previous; /* the first entry's expected previous hash; NULL: joined later */
  GHashTable   *keys;           /* key id -> CptSealKey, or NULL when not in the keyring */
  GCancellable *cancellable;
  GThread      *thread;
  /* Out. */
  GArray       *findings;       /* of Finding, the first MAX_REPORTED of each kind, in order */
  guint         found[N_FOUND];
  guint         entries, unsealed, unknown_key;
  guint         not_validated;  /* entries whose document is gone or not validated */
  char         *first_previous, *first_name, *last_hash;
  char         *first_unsealed, *last_unsealed;
  char         *first_unknown, *last_unknown;
  GError       *error;
} Range;

typedef struct
{
  Range      *ranges;
  guint       n_ranges;
  gboolean    partial;         /* the last entries only */
  guint       at;              /* where the chain's problems go in the report */
  GHashTable *keys;
  char       *keyring_error;   /* the keyring could not be reached */
} ChainWalk;

static void
finding_clear (Finding *finding)
{
  g_free (finding->name);
}

static void
remember (char **first, char **last, const char *name)
{
  if (*first == NULL)
    *first = g_strdup (name);
  g_free (*last);
  *last = g_strdup (name);
}

static char *
entry_name (const CptStoreLedgerEntry *entry)
{
  return name_of (entry->number, entry->document_id);
}

static void
range_find (Range *range, Found what, const char *name)
{
  Finding finding = { what, g_strdup (name) };

  if (range->found[what]++ < MAX_REPORTED)
    g_array_append_val (range->findings, finding);
  else
    g_free (finding.name);
}

static gpointer
range_walk (gpointer data)
{
  Range *range = data;
  g_autoptr(CptStoreLedgerReader) reader = NULL;
  g_autofree char *expected = g_strdup (range->start_previous);
  CptStoreLedgerEntry entry;
  gboolean has_row = FALSE;

  reader = cpt_store_ledger_reader_new (range->db, range->path, range->first, range->last,
                                        &range->error);
  if (reader == NULL)
    return NULL;
  while (cpt_store_ledger_reader_next (reader, &entry, &has_row, &range->error) && has_row)
    {
      g_autofree char *name = entry_name (&entry);

      if (g_cancellable_set_error_if_cancelled (range->cancellable, &range->error))
        break;
      if (range->entries++ == 0)
        {
          range->first_previous = g_strdup (entry.previous_hash);
          range->first_name = g_strdup (name);
          /* The quick check starts inside the chain: its first link is taken as it is. */
          if (expected == NULL)
            expected = g_strdup (entry.previous_hash);
        }
      if (range->entries > 1 || range->start_previous != NULL)
        if (g_strcmp0 (entry.previous_hash, expected) != 0)
          range_find (range, FOUND_BROKEN, name);
      if (!entry.validated)
        range->not_validated++;

      /* A document deleted since is named by the caller; it has no content to hash. */
      if (entry.canonical != NULL)
        {
          g_autofree char *computed = chain_hash (entry.previous_hash ? entry.previous_hash : "",
                                                  entry.canonical);
          /* The text was written in C: SQLite's own has the last word, so that no odd
           * value written otherwise ever calls a sound document changed. */
          if (g_strcmp0 (computed, entry.hash) != 0)
            {
              g_autofree char *canonical = cpt_store_ledger_reader_canonical (reader, entry.document_id,
                                                                              &range->error);
              if (canonical == NULL)
                break;
              g_debug ("%s: its canonical text asked of SQLite", name);
              g_free (computed);
              computed = chain_hash (entry.previous_hash ? entry.previous_hash : "", canonical);
              if (g_strcmp0 (computed, entry.hash) != 0)
                range_find (range, FOUND_CHANGED, name);
            }
        }

      if (entry.key_id == NULL)
        {
          range->unsealed++;
          remember (&range->first_unsealed, &range->last_unsealed, name);
        }
      else
        {
          const CptSealKey *key = g_hash_table_lookup (range->keys, entry.key_id);

          if (key == NULL)
            {
              range->unknown_key++;
              remember (&range->first_unknown, &range->last_unknown, name);
            }
          else
            {
              g_autofree char *computed = cpt_seal_compute (key, entry.seq, entry.document_id, entry.hash);
              if (g_strcmp0 (computed, entry.mac) != 0)
                range_find (range, FOUND_BAD_SEAL, name);
            }
        }

      g_free (expected);
      expected = g_strdup (entry.hash ? entry.hash : "");
    }
  range->last_hash = g_steal_pointer (&expected);
  return NULL;
}

static void
chain_walk_free (ChainWalk *walk)
{
  for (guint i = 0; i < walk->n_ranges; i++)
    {
      Range *range = &walk->ranges[i];

      if (range->thread != NULL)
        g_thread_join (range->thread);
      g_array_unref (range->findings);
      g_free (range->first_previous);
      g_free (range->first_name);
      g_free (range->last_hash);
      g_free (range->first_unsealed);
      g_free (range->last_unsealed);
      g_free (range->first_unknown);
      g_free (range->last_unknown);
      g_clear_error (&range->error);
    }
  g_free (walk->ranges);
  g_clear_pointer (&walk->keys, g_hash_table_unref);
  g_free (walk->keyring_error);
  g_free (walk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChainWalk, chain_walk_free)

/* The keys that sealed the entries to walk, asked of the keyring once before the walk. */
static GHashTable *
seal_keys (Check *c, ChainWalk *walk, const char *company, gint64 first, gint64 last)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) cpt_seal_key_free);
  g_autoptr(GPtrArray) ids = cpt_store_ledger_seal_keys (c->db, first, last, &c->error);

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len && company != NULL && walk->keyring_error == NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      CptSealKey *key = cpt_seal_key_lookup (company, g_ptr_array_index (ids, i), &error);

      if (error != NULL)
        walk->keyring_error = g_strdup (error->message);
      else
        g_hash_table_insert (keys, g_strdup (g_ptr_array_index (ids, i)), key);
    }
  return g_steal_pointer (&keys);
}

static gboolean
is_in_memory (CptDatabase *db)
{
  const char *path = cpt_database_get_path (db);

  return path == NULL || *path == '\0' || strcmp (path, ":memory:") == 0;
}

/* One range of the chain per core; COMPTOIR_CHECK_THREADS sets another number (tests make
 * several ranges on a one-core machine, benches compare). */
static guint
check_threads (void)
{
  const char *set = g_getenv ("COMPTOIR_CHECK_THREADS");
  gint64 n = set != NULL ? g_ascii_strtoll (set, NULL, 10) : g_get_num_processors ();

  return (guint) CLAMP (n, 1, 64);
}

/* Starts the walk of the chain; check_ledger_finish() waits for it and names what the
 * ledger and the audit trail say was validated and no longer is. NULL when there is nothing
 * to walk or the check failed. */
static ChainWalk *
check_ledger_start (Check *c)
{
  g_autoptr(ChainWalk) walk = NULL;
  g_autofree char *company = NULL;
  gint64 first = 0, last = 0, span;
  gboolean partial;
  guint n;

  if (!usable (c, "ledger", "ledger_seals", "documents", "document_lines", "party_snapshots",
               "audit_events", "company", NULL))
    return NULL;
  if (!may_query (c) || !cpt_store_check_company_uuid (c->db, &company, &c->error))
    return NULL;
  /* Every file has its one company row from its first version on: gone, the documents lose
   * their seller and the seals the name of their keys (the window opened such a file as a
   * new one, once). */
  if (company == NULL)
    add (c->problems, _("The company is missing from the file: its row was deleted, so the "
                        "seller of the documents and the name of their seal keys are gone"));
  /* The window's quick check recomputes the last entries only, unless the chain is about to
   * be sealed (CPT_LEDGER_CHECK_WHOLE_CHAIN). */
  partial = (c->flags & CPT_LEDGER_CHECK_QUICK) && !(c->flags & CPT_LEDGER_CHECK_WHOLE_CHAIN);
  if (!cpt_store_ledger_bounds (c->db, partial ? QUICK_ENTRIES : 0, &first, &last, &c->error))
    return NULL;

  walk = g_new0 (ChainWalk, 1);
  walk->partial = partial;
  walk->at = c->problems->len;
  walk->keys = seal_keys (c, walk, company, first, last);
  if (walk->keys == NULL)
    return NULL;

  /* A file only SQLite's memory holds cannot be opened twice: walked here, in one range. The
   * window's quick check walks here too: a few hundred entries need no threads, and the
   * window then opens no connection of the check's own (mapped in memory) that could outlive
   * it. */
  span = last >= first && last > 0 ? last - first + 1 : 0;
  n = !is_in_memory (c->db) && !(c->flags & CPT_LEDGER_CHECK_QUICK)
        ? (guint) MIN ((gint64) check_threads (), MAX (span, 1)) : 1;
  walk->n_ranges = n;
  walk->ranges = g_new0 (Range, n);
  for (guint i = 0; i < n; i++)
    {
      Range *range = &walk->ranges[i];

      range->db = c->db;
      range->path = n > 1 ? cpt_database_get_path (c->db) : NULL;
      range->first = first + span * i / n;
      range->last = i + 1 < n ? first + span * (i + 1) / n - 1 : last;
      range->start_previous = i > 0 || partial ? NULL : GENESIS_HASH;
      range->keys = walk->keys;
      range->cancellable = c->cancellable;
      range->findings = g_array_new (FALSE, TRUE, sizeof (Finding));
      g_array_set_clear_func (range->findings, (GDestroyNotify) finding_clear);
    }
  if (n == 1)
    range_walk (&walk->ranges[0]);
  else
    for (guint i = 0; i < n; i++)
      walk->ranges[i].thread = g_thread_new ("cpt-check-chain", range_walk, &walk->ranges[i]);
  return g_steal_pointer (&walk);
}

static void
report_finding (GPtrArray *to, Found what, const char *name)
{
  switch (what)
    {
    case FOUND_BROKEN:
      add (to, _("The chain of validated documents is broken before %s: an entry was "
                 "removed or replaced"), name);
      break;
    case FOUND_CHANGED:
      add (to, _("%s was changed after its validation: its content no longer matches "
                 "its fingerprint"), name);
      break;
    case FOUND_BAD_SEAL:
      add (to, _("The seal of %s does not match: the chain of validated "
                 "documents was computed again after it was sealed"), name);
      break;
    case N_FOUND:
    default:
      g_assert_not_reached ();
    }
}

/* Validated once, so validated for good: names what the ledger and the audit trail say was
 * validated and no longer is, and what is validated but not in the ledger, where the report
 * always said it (before the chain's problems), as if nothing had been said since. The walk
 * read every entry's document: when it covered the whole ledger and found each of them
 * there and validated, the ledger's query would find nothing and is not run (it read every
 * document again, a second at a million). */
static void
check_ledger_documents (Check *c, ChainWalk *walk)
{
  g_autoptr(GPtrArray) after = c->problems;
  guint not_validated = 0;

  for (guint i = 0; i < walk->n_ranges; i++)
    not_validated += walk->ranges[i].not_validated;
  c->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < walk->at; i++)
    g_ptr_array_add (c->problems, g_strdup (g_ptr_array_index (after, i)));
  if (walk->partial || not_validated > 0)
    (void) (may_query (c) && cpt_store_check_ledger_documents (c->db, ledger_document_row, c, &c->error));
  (void) (may_query (c) && cpt_store_check_audit_documents (c->db, audit_document_row, c, &c->error) &&
          may_query (c) && cpt_store_check_unchained (c->db, MAX_REPORTED, unchained_row, c, &c->error));
  for (guint i = walk->at; i < c->problems->len; i++)
    g_ptr_array_insert (after, i, g_strdup (g_ptr_array_index (c->problems, i)));
  walk->at = c->problems->len;
  g_ptr_array_unref (c->problems);
  c->problems = g_steal_pointer (&after);
}

/* Waits for the ranges and joins what they found, in the order of the chain. */
static void
check_ledger_finish (Check *c, ChainWalk *walk)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  guint counts[N_FOUND] = { 0 };
  guint unsealed = 0, unknown_key = 0;
  const char *first_unsealed = NULL, *last_unsealed = NULL;
  const char *first_unknown = NULL, *last_unknown = NULL;
  const char *previous_last = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < walk->n_ranges; i++)
    if (walk->ranges[i].thread != NULL)
      g_thread_join (g_steal_pointer (&walk->ranges[i].thread));
  for (guint i = 0; i < walk->n_ranges; i++)
    if (walk->ranges[i].error != NULL && c->error == NULL)
      c->error = g_steal_pointer (&walk->ranges[i].error);
  if (c->error != NULL)
    return;

  check_ledger_documents (c, walk);

  for (guint i = 0; i < walk->n_ranges; i++)
    {
      Range *range = &walk->ranges[i];

      if (range->entries == 0)
        continue;
      /* Where this range meets the one before it. */
      if (any && g_strcmp0 (range->first_previous, previous_last) != 0 &&
          counts[FOUND_BROKEN]++ < MAX_REPORTED)
        report_finding (found, FOUND_BROKEN, range->first_name);
      for (guint j = 0; j < range->findings->len; j++)
        {
          Finding *finding = &g_array_index (range->findings, Finding, j);
          if (counts[finding->what]++ < MAX_REPORTED)
            report_finding (found, finding->what, finding->name);
        }
      unsealed += range->unsealed;
      unknown_key += range->unknown_key;
      if (range->first_unsealed != NULL)
        {
          first_unsealed = first_unsealed ? first_unsealed : range->first_unsealed;
          last_unsealed = range->last_unsealed;
        }
      if (range->first_unknown != NULL)
        {
          first_unknown = first_unknown ? first_unknown : range->first_unknown;
          last_unknown = range->last_unknown;
        }
      previous_last = range->last_hash;
      any = TRUE;
    }
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_insert (c->problems, walk->at + i, g_strdup (g_ptr_array_index (found, i)));

  if (walk->keyring_error != NULL)
    add (c->unverified, _("The seal of the validated documents cannot be verified on this "
                          "computer: the keyring cannot be used (%s)"), walk->keyring_error);
  else if (unknown_key > 0)
    add (c->unverified,
         g_dngettext (GETTEXT_PACKAGE,
                      "The seal of %u validated document (%s) cannot be verified on this "
                      "computer: the key that sealed it is not in this keyring (the file comes "
                      "from another computer, or the key was removed)",
                      "The seal of %u validated documents (%s to %s) cannot be verified on this "
                      "computer: the key that sealed them is not in this keyring (the file comes "
                      "from another computer, or the key was removed)", unknown_key),
         unknown_key, first_unknown, last_unknown);
  if (unsealed > 0)
    add (c->unverified,
         g_dngettext (GETTEXT_PACKAGE,
                      "%u validated document (%s) has no seal: it was validated while the "
                      "keyring could not be used, so a rewrite of it could not be detected",
                      "%u validated documents (%s to %s) have no seal: they were validated while "
                      "the keyring could not be used, so a rewrite of them could not be detected",
                      unsealed),
         unsealed, first_unsealed, last_unsealed);
}

/* ---- numbering: no gap, chronological, and the counters where the numbers stop */

typedef struct
{
  Check *c;
  char  *series, *period, *last_date, *last_number;
  gint64 expected;
  guint  reported;
} Numbering;

static gboolean
numbering_row (const CptStoreCheckNumbered *row, gpointer data)
{
  Numbering *n = data;
  Check *c = n->c;
  const char *row_series = row->series;
  const char *row_period = row->period;
  gint64 sequence = row->sequence;
  const char *number = row->number;
  const char *date = row->date;

  if (n->reported >= 50)
    return FALSE;
  if (g_strcmp0 (row_series, n->series) != 0 || g_strcmp0 (row_period, n->period) != 0)
    {
      if (g_strcmp0 (row_series, n->series) != 0)
        g_clear_pointer (&n->last_date, g_free);
      g_free (n->series);
      g_free (n->period);
      n->series = g_strdup (row_series);
      n->period = g_strdup (row_period);
      n->expected = row->first_period ? row->first_number : 1;
    }
  if (sequence != n->expected)
    {
      if (sequence > n->expected)
        add (c->problems,
             g_dngettext (GETTEXT_PACKAGE,
                          "Numbering gap in the %s series: %" PRId64 " number missing before %s",
                          "Numbering gap in the %s series: %" PRId64 " numbers missing before %s",
                          (gulong) (sequence - n->expected)),
             n->series, sequence - n->expected, number);
      else
        add (c->problems, _("Numbering error in the %s series: %s repeats an earlier number"),
             n->series, number);
      n->reported++;
    }
  if (n->last_date != NULL && g_strcmp0 (date, n->last_date) < 0)
    {
      add (c->problems, _("%s is dated %s, before %s of %s: the numbering is not chronological"),
           number, date, n->last_number, n->last_date);
      n->reported++;
    }
  n->expected = sequence + 1;
  g_free (n->last_date);
  g_free (n->last_number);
  n->last_date = g_strdup (date);
  n->last_number = g_strdup (number);
  return TRUE;
}

static gboolean
counter_row (const CptStoreCheckCounter *row, gpointer data)
{
  Check *c = data;
  const char *series = row->series;
  const char *period = row->period;
  gint64 last = row->last;
  gboolean any = row->any;
  gint64 highest = row->highest;
  const char *highest_number = row->highest_number;
  g_autofree char *where = period && *period
    /* Translators: the period of a numbering counter, e.g. " (2026)" */
    ? g_strdup_printf (_(" (%s)"), period) : g_strdup ("");

  if (!any || highest < last)
    {
      if (any)
        add (c->problems, _("The %s series%s has given numbers up to %" PRId64 ", but the last "
                            "of them in the file is %s: a validated document was deleted, and "
                            "its number would be given again"),
             series, where, last, highest_number);
      else
        add (c->problems, _("The %s series%s has given numbers up to %" PRId64 ", but none of "
                            "its documents is in the file: validated documents were deleted, "
                            "and their numbers would be given again"),
             series, where, last);
    }
  else if (highest > last)
    add (c->problems, _("The counter of the %s series%s was set back to %" PRId64 " while %s "
                        "exists: the next validation would fail"),
         series, where, last, highest_number);
  return TRUE;
}

static void
check_numbering (Check *c)
{
  Numbering n = { c };

  if (!usable (c, "documents", "series", "series_counters", NULL))
    return;
  if (may_query (c))
    cpt_store_check_numbering (c->db, numbering_row, &n, &c->error);
  g_free (n.series);
  g_free (n.period);
  g_free (n.last_date);
  g_free (n.last_number);

  /* A pro forma is no legal document and may be deleted: its series may end in a gap. */
  if (may_query (c))
    cpt_store_check_counters (c->db, counter_row, c, &c->error);
}

/* ---- summaries kept by triggers: computed again from what they summarise */

typedef struct
{
  Check      *c;
  const char *sentence;  /* its one %s is the name */
} Named;

static gboolean
named_row (const CptStoreCheckNamed *row, gpointer data)
{
  Named *named = data;
  /* The sentence's one %s is the name: put in by hand, as the sentence is not a literal. */
  GString *sentence = g_string_new (named->sentence);
  g_autofree char *name = name_of (row->name, row->id);

  g_string_replace (sentence, "%s", name, 1);
  g_ptr_array_add (named->c->problems, g_string_free (sentence, FALSE));
  return TRUE;
}

/* Compares a summary with what it summarises, naming where it differs in `sentence`. */
static void
check_summary (Check *c, CptStoreCheckSummary summary, const char *sentence)
{
  Named named = { c, sentence };

  if (may_query (c))
    cpt_store_check_summary (c->db, summary, MAX_REPORTED, named_row, &named, &c->error);
}

/* A summary by kind: its name is the kind as the database stores it, said as people call it. */
static gboolean
kind_row (const CptStoreCheckNamed *row, gpointer data)
{
  Named *named = data;
  CptDocumentKind kind;
  const char *label = cpt_document_kind_from_string (row->name, &kind)
                        ? _(cpt_document_kind_label (kind)) : row->name;
  GString *sentence = g_string_new (named->sentence);

  g_string_replace (sentence, "%s", label, 1);
  g_ptr_array_add (named->c->problems, g_string_free (sentence, FALSE));
  return TRUE;
}

static void
check_kind_summary (Check *c, CptStoreCheckSummary summary, const char *sentence)
{
  Named named = { c, sentence };

  if (may_query (c))
    cpt_store_check_summary (c->db, summary, MAX_REPORTED, kind_row, &named, &c->error);
}

static void
check_summaries (Check *c)
{
  if (!usable (c, "documents", "payments", "allocations", "clients", NULL))
    return;
  /* What is owed on each invoice, computed once for the three summaries that use it. */
  if (!may_query (c) || !cpt_store_check_summaries_begin (c->db, &c->error))
    return;

  if (usable (c, "receivables", NULL))
    {
      check_summary (c, CPT_STORE_CHECK_RECEIVABLES,
                     _("The summary of what is owed on %s does not match the "
                       "invoice, its payments and its credit notes"));
      check_summary (c, CPT_STORE_CHECK_RECEIVABLES_STRAY,
                     _("The summary of what is owed lists %s, which is not a "
                       "validated invoice"));
    }
  if (usable (c, "open_by_due", NULL))
    check_summary (c, CPT_STORE_CHECK_OPEN_BY_DUE,
                   _("The summary of the invoices due on %s does not match what "
                     "is left to pay on them"));
  if (usable (c, "open_by_client", NULL))
    check_summary (c, CPT_STORE_CHECK_OPEN_BY_CLIENT,
                   _("The summary of what %s owes does not match their invoices "
                     "and payments"));
  if (usable (c, "daily_totals", NULL))
    check_summary (c, CPT_STORE_CHECK_DAILY_TOTALS,
                   _("The totals of %s (invoiced and collected that day) do not "
                     "match the documents and payments"));
  if (usable (c, "paid_by_kind_day", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_PAID_BY_KIND,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The number of paid documents the lists count as “%s” does not "
                          "match the invoices and their payments"));
  if (usable (c, "kind_day_counts", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_KIND_COUNTS,
                        /* Translators: %s is a kind of document (Invoice, Quote) */
                        _("The number of documents the lists count as “%s” does not match "
                          "the documents"));
  if (usable (c, "paid_by_kind_due", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_PAID_BY_DUE,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The number of paid documents the lists sorted by due date count as "
                          "“%s” does not match the invoices and their payments"));
  if (usable (c, "kind_due_counts", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_DUE_COUNTS,
                        /* Translators: %s is a kind of document (Invoice, Quote) */
                        _("The number of documents the lists sorted by due date count as "
                          "“%s” does not match the documents"));
  if (usable (c, "kind_client_counts", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_CLIENT_COUNTS,
                        /* Translators: %s is a kind of document (Invoice, Quote) */
                        _("The number of documents the lists sorted by client count as "
                          "“%s” does not match the documents"));
  if (usable (c, "kind_total_counts", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_TOTAL_COUNTS,
                        /* Translators: %s is a kind of document (Invoice, Quote) */
                        _("The number of documents the lists sorted by amount count as "
                          "“%s” does not match the documents"));
  if (usable (c, "kind_number_counts", "number_bucket_length", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_NUMBER_COUNTS,
                        /* Translators: %s is a kind of document (Invoice, Quote) */
                        _("The number of documents the lists sorted by number count as "
                          "“%s” does not match the documents"));
  if (usable (c, "paid_by_kind_client", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_PAID_BY_CLIENT,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The number of paid documents the lists sorted by client count as "
                          "“%s” does not match the invoices and their payments"));
  if (usable (c, "paid_by_kind_total", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_PAID_BY_TOTAL,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The number of paid documents the lists sorted by amount count as "
                          "“%s” does not match the invoices and their payments"));
  if (usable (c, "open_receivables", "receivables", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_OPEN_RECEIVABLES,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The unpaid documents the lists sort as “%s” do not match the "
                          "invoices and their payments"));
  if (usable (c, "paid_id_masks", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_PAID_MASKS,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The paid documents the lists find as “%s” do not match the "
                          "invoices and their payments"));
  if (usable (c, "paid_by_kind_number", "number_bucket_length", NULL))
    check_kind_summary (c, CPT_STORE_CHECK_PAID_BY_NUMBER,
                        /* Translators: %s is a kind of document (Invoice, Deposit invoice) */
                        _("The number of paid documents the lists sorted by number count as "
                          "“%s” does not match the invoices and their payments"));
  if (may_query (c))
    cpt_store_check_summaries_end (c->db, &c->error);
}

/* ---- payments allocated to what no longer exists */

static gboolean
allocation_row (const CptStoreCheckAllocation *row, gpointer data)
{
  Check *c = data;
  gint64 payment = row->payment;
  gboolean has_payment = row->has_payment;
  gboolean has_document = row->has_document;
  g_autofree char *name = name_of (row->number, row->document);

  if (!has_payment)
    add (c->problems, _("An allocation to %s belongs to payment %" PRId64 ", which no longer "
                        "exists"), name, payment);
  else if (!has_document)
    add (c->problems, _("Payment %" PRId64 " is allocated to %s, which no longer exists"),
         payment, name);
  else
    add (c->problems, _("Payment %" PRId64 " is allocated to %s, which is not a validated "
                        "invoice"), payment, name);
  return TRUE;
}

static void
check_allocations (Check *c)
{
  if (!usable (c, "allocations", "payments", "documents", "audit_events", NULL))
    return;
  if (may_query (c))
    cpt_store_check_allocations (c->db, MAX_REPORTED, allocation_row, c, &c->error);
}

/* A logo stored before its image was read when chosen (or by another program) that cannot be
 * drawn: each document is printed without it, which only the log said. */
static void
check_logo (Check *c)
{
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GError) unreadable = NULL;

  if (!usable (c, "company", NULL) || !may_query (c))
    return;
  logo = cpt_company_get_logo (c->db, NULL, &c->error);
  if (logo != NULL && !cpt_company_logo_check (logo, &unreadable))
    add (c->problems, _("The company’s logo cannot be read (%s): the documents are printed "
                        "without it until it is chosen again in Preferences"),
         unreadable->message);
}

void
cpt_ledger_report_free (CptLedgerReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->unverified, g_ptr_array_unref);
  g_free (report);
}

typedef struct
{
  CptDatabase  *db;
  gboolean      own_connection;
  gboolean      every_entry;
  GCancellable *cancellable;
  GPtrArray    *problems;
  GError       *error;
} FileCheck;

static gpointer
file_check_run (gpointer data)
{
  FileCheck *file = data;

  cpt_store_check_file (file->db, file->own_connection, file->every_entry, file->cancellable,
                        file->problems, &file->error);
  return NULL;
}

/* With COMPTOIR_CHECK_TIMES set, how long each part of the check took so far: where a check
 * at a million documents spends its seconds (bench/bench-check.sh). */
static void
check_time (gint64 start, const char *what)
{
  if (g_getenv ("COMPTOIR_CHECK_TIMES") != NULL)
    g_printerr ("check: %s after %.0f ms\n", what, (g_get_monotonic_time () - start) / 1e3);
}

CptLedgerReport *
cpt_ledger_check_report (CptDatabase *db, CptLedgerCheckFlags flags, GCancellable *cancellable,
                         GError **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unverified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) unusable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) file_problems = g_ptr_array_new_with_free_func (g_free);
  FileCheck file = { db, !is_in_memory (db), (flags & CPT_LEDGER_CHECK_EVERY_ENTRY) != 0,
                     cancellable, file_problems, NULL };
  GThread *file_thread = NULL;
  Check c = { db, flags, cancellable, problems, unverified, unusable, reported, NULL };
  ChainWalk *walk = NULL;
  CptLedgerReport *report;
  gint64 started = g_get_monotonic_time ();

  /* The file's structure is checked on a connection and a thread of its own while the rest
   * runs (a file held only in memory: here, first). */
  if (!(flags & CPT_LEDGER_CHECK_QUICK))
    {
      if (file.own_connection)
        file_thread = g_thread_new ("cpt-check-file", file_check_run, &file);
      else
        file_check_run (&file);
    }
  /* The rest reads one snapshot of the file, even while another process writes; the ledger's
   * ranges, read on connections of their own, are bounded by its last entry at the start
   * and entries never change. Read mapped by the full check (the window's quick check reads
   * a few rows). */
  if (cpt_store_check_begin (db, !is_in_memory (db) && !(flags & CPT_LEDGER_CHECK_QUICK), &c.error))
    {
      check_schema (&c);
      walk = check_ledger_start (&c);
      check_time (started, "the schema, the chain started");
      check_numbering (&c);
      check_time (started, "the numbering");
      check_summaries (&c);
      check_time (started, "the summaries");
      check_allocations (&c);
      check_time (started, "the allocations");
      check_logo (&c);
      if (walk != NULL)
        {
          check_ledger_finish (&c, walk);
          chain_walk_free (walk);
        }
      check_time (started, "the chain");
      cpt_store_check_end (db);
    }
  if (file_thread != NULL)
    g_thread_join (file_thread);
  check_time (started, "the file's structure");
  if (file.error != NULL && c.error == NULL)
    c.error = g_steal_pointer (&file.error);
  g_clear_error (&file.error);

  if (c.error != NULL)
    {
      g_propagate_error (error, c.error);
      return NULL;
    }
  /* SQLite's findings come first, as they always did. */
  for (guint i = 0; i < file_problems->len; i++)
    g_ptr_array_insert (problems, i, g_strdup (g_ptr_array_index (file_problems, i)));
  report = g_new0 (CptLedgerReport, 1);
  report->problems = g_steal_pointer (&problems);
  report->unverified = g_steal_pointer (&unverified);
  return report;
}

GPtrArray *
cpt_ledger_check (CptDatabase *db, GError **error)
{
  g_autoptr(CptLedgerReport) report = cpt_ledger_check_report (db, CPT_LEDGER_CHECK_EVERY_ENTRY,
                                                               NULL, error);

  if (report == NULL)
    return NULL;
  return g_steal_pointer (&report->problems);
}

/* Seals a file whose ledger was never sealed, once, when this computer has no key for its
 * company yet: a file from before the seal existed, or validated where no keyring could be
 * reached. Its whole chain is checked first, in the same write transaction, so the seal
 * vouches only for a file found sound. Never when the file holds a seal or a key exists
 * here: seals that are missing then were removed, and sealing again would hide that. */
gboolean
cpt_ledger_seal_unsealed_file (CptDatabase  *db,
                               GCancellable *cancellable,
                               gint64       *out_sealed,
                               GError      **error)
{
  g_autofree char *company = NULL;
  g_autoptr(CptSealKey) key = NULL;
  g_autoptr(CptLedgerReport) report = NULL;
  g_autoptr(GError) local = NULL;
  gint64 entries = 0, seals = 0, last_seq = 0;
  gboolean created = FALSE, never_sealed = FALSE;

  g_return_val_if_fail (CPT_IS_DATABASE (db), FALSE);

  if (out_sealed != NULL)
    *out_sealed = 0;
  if (cpt_database_is_read_only (db))
    return TRUE;
  /* Most files are sealed already: they are told apart without taking the write lock,
   * which another program may hold for a while. */
  if (!cpt_store_ledger_never_sealed (db, &never_sealed, error))
    return FALSE;
  if (!never_sealed)
    return TRUE;

  if (!cpt_database_begin (db, error))
    return FALSE;
  company = company_uuid (db, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (company == NULL)
    goto done;
  if (!cpt_store_ledger_counts (db, &entries, &seals, &last_seq, error))
    goto fail;
  if (entries == 0 || seals > 0)
    goto done;

  /* A key here for this company means this computer sealed it before. The keyring out of
   * reach: nothing to seal with, and nothing is wrong with the file. */
  key = cpt_seal_key_for_sealing (company, FALSE, NULL, &local);
  if (key != NULL || local != NULL)
    goto done;

  report = cpt_ledger_check_report (db, CPT_LEDGER_CHECK_QUICK | CPT_LEDGER_CHECK_WHOLE_CHAIN,
                                    cancellable, error);
  if (report == NULL)
    goto fail;
  if (report->problems->len > 0)
    goto done;

  key = cpt_seal_key_for_sealing (company, TRUE, &created, &local);
  if (key == NULL || !created)
    goto done;
  if (!seal_existing (db, key, last_seq + 1, error))
    goto fail;
  if (out_sealed != NULL)
    *out_sealed = entries;

done:
  if (local != NULL)
    g_debug ("The ledger is left unsealed: %s", local->message);
  return cpt_database_commit (db, error);

fail:
  cpt_database_rollback (db);
  return FALSE;
}

gboolean
cpt_audit_add_fields (CptDatabase *db, const char *action, gint64 document_id, GError **error,
                      const char *first_key, ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *details = NULL;
  va_list args;
  const char *key = first_key;

  /* JSON written by json-glib: names with accents or quotes stay valid JSON (g_strescape
   * wrote octal escapes, which JSON does not have). */
  json_builder_begin_object (builder);
  va_start (args, first_key);
  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value ? value : "");
      key = va_arg (args, const char *);
    }
  va_end (args);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  details = json_generator_to_data (generator, NULL);
  return cpt_audit_add (db, action, document_id, details, error);
}
