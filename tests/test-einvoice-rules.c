/* The EN 16931 / BR-FR rule engine (issue 13). Unit cases on the model, then a differential
 * test: COMPTOIR_EINVOICE_COUNT (default 100) seeded documents (COMPTOIR_EINVOICE_SEED,
 * default 13) from cpt-einvoice-generator.c; those the engine accepts must pass
 * check-facturx with no failed rule, those it refuses must be refused by the validators for
 * each rule the engine names. One check-facturx call for the whole batch (it is Java). */
#include <glib/gstdio.h>
#include <string.h>

#include "cpt-einvoice-from-render.h"
#include "cpt-einvoice-generator.h"
#include "cpt-einvoice-rules.h"
#include "cpt-error.h"
#include "cpt-facturx.h"

static gboolean
has_rule (GPtrArray *violations, const char *rule)
{
  for (guint i = 0; i < violations->len; i++)
    if (g_str_equal (((CptEinvoiceViolation *) g_ptr_array_index (violations, i))->rule, rule))
      return TRUE;
  return FALSE;
}

static char *
rules_text (GPtrArray *violations)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < violations->len; i++)
    {
      CptEinvoiceViolation *v = g_ptr_array_index (violations, i);
      g_string_append_printf (out, "%s%s (%s: %s)", i ? ", " : "", v->rule, v->field, v->message);
    }
  return g_string_free (out, FALSE);
}

/* Each deliberate fault of the generator is found, named by its rule, and sound documents
 * have nothing to say. */
static void
test_faults (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint sound = 0, faulty = 0;

  for (guint i = 0; i < 300; i++)
    {
      const char *broken;
      g_autoptr(CptRenderDocument) doc = cpt_einvoice_generate (rand, i, &broken);
      g_autoptr(CptEinvoice) model = cpt_einvoice_from_render (doc);
      g_autoptr(GPtrArray) violations = cpt_einvoice_check (model);
      g_autofree char *found = rules_text (violations);

      if (broken == NULL && violations->len != 0)
        g_error ("document %u has no fault but the engine says: %s", i, found);
      if (broken != NULL && !has_rule (violations, broken))
        g_error ("document %u breaks %s but the engine says: %s", i, broken, found[0] ? found : "nothing");
      broken ? faulty++ : sound++;
    }
  g_assert_cmpuint (sound, >, 150);
  g_assert_cmpuint (faulty, >, 40);
}

/* The first generated document (seed 7) whose lines carry `code` for a buyer in `country`. */
static CptRenderDocument *
find_document (const char *code, const char *country)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 2000; i++)
    {
      const char *broken;
      g_autoptr(CptRenderDocument) doc = cpt_einvoice_generate (rand, i, &broken);

      if (broken != NULL || g_strcmp0 (doc->buyer.country, country) != 0)
        continue;
      for (guint j = 0; j < doc->lines->len; j++)
        if (g_strcmp0 (cpt_document_line_get_exemption_code (g_ptr_array_index (doc->lines, j)), code) == 0)
          return g_steal_pointer (&doc);
    }
  g_assert_not_reached ();
}

static GPtrArray *
check_render (const CptRenderDocument *doc)
{
  g_autoptr(CptEinvoice) model = cpt_einvoice_from_render (doc);

  return cpt_einvoice_check (model);
}

/* Comptoir's own coherence rules: a VAT treatment that does not fit where the client is, and
 * every refusal says what to change and where. */
static void
test_coherence (void)
{
  g_autoptr(CptRenderDocument) supply = find_document ("VATEX-EU-IC", "DE");
  g_autoptr(CptRenderDocument) export = find_document ("VATEX-EU-G", "CA");
  g_autoptr(CptRenderDocument) reverse = find_document ("VATEX-EU-AE", "FR");
  g_autoptr(GPtrArray) before = NULL, after = NULL;

  /* An intra-community supply to a buyer in France, then in Canada. */
  before = check_render (supply);
  g_assert_false (has_rule (before, "CPT-K-01"));
  g_free (supply->buyer.country);
  supply->buyer.country = g_strdup ("FR");
  after = check_render (supply);
  g_assert_true (has_rule (after, "CPT-K-01"));
  g_clear_pointer (&after, g_ptr_array_unref);
  g_free (supply->buyer.country);
  supply->buyer.country = g_strdup ("CA");
  after = check_render (supply);
  g_assert_true (has_rule (after, "CPT-K-01"));
  g_clear_pointer (&before, g_ptr_array_unref);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* An export whose goods stay in the EU. */
  before = check_render (export);
  g_assert_false (has_rule (before, "CPT-G-01"));
  g_free (export->buyer.country);
  export->buyer.country = g_strdup ("BE");
  after = check_render (export);
  g_assert_true (has_rule (after, "CPT-G-01"));
  g_clear_pointer (&before, g_ptr_array_unref);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* Domestic reverse charge for a buyer known by its SIREN only. */
  before = check_render (reverse);
  g_assert_false (has_rule (before, "CPT-AE-01"));
  g_clear_pointer (&reverse->buyer.vat_number, g_free);
  after = check_render (reverse);
  g_assert_true (has_rule (after, "CPT-AE-01"));
  g_assert_false (has_rule (after, "BR-AE-02"));

  /* Where each is fixed. */
  for (guint i = 0; i < after->len; i++)
    {
      CptEinvoiceViolation *v = g_ptr_array_index (after, i);
      g_assert_nonnull (v->remedy);
      if (g_str_equal (v->rule, "CPT-AE-01"))
        {
          g_assert_cmpint (v->fix, ==, CPT_EINVOICE_FIX_CLIENT);
          g_assert_cmpstr (cpt_einvoice_fix_to_string (v->fix), ==, "client");
          g_assert_nonnull (strstr (v->remedy, "client’s VAT number"));
        }
    }
}

/* BR-O-11, BR-O-12: an operation outside the scope of VAT is alone on its invoice. */
static void
test_not_subject_alone (void)
{
  g_autoptr(CptRenderDocument) doc = find_document ("VATEX-EU-AE", "FR");
  g_autoptr(CptEinvoice) model = cpt_einvoice_from_render (doc);
  g_autoptr(GPtrArray) before = cpt_einvoice_check (model);
  g_autoptr(GPtrArray) after = NULL;
  CptEinvoiceLine *line;
  CptEinvoiceVat *vat;

  g_assert_false (has_rule (before, "BR-O-11"));
  /* One more line, outside the scope of VAT, with its breakdown and totals. */
  line = cpt_einvoice_add_line (model);
  line->id = g_strdup ("99");
  line->name = g_strdup ("Débours");
  line->quantity = 1000;
  line->price = 100000;
  line->net = 1000;
  line->category = g_strdup ("O");
  vat = cpt_einvoice_add_vat (model);
  vat->category = g_strdup ("O");
  vat->base = 1000;
  vat->reason_code = g_strdup ("VATEX-EU-O");
  model->line_total += 1000;
  model->tax_exclusive += 1000;
  model->grand_total += 1000;
  model->due += 1000;
  after = cpt_einvoice_check (model);
  g_assert_true (has_rule (after, "BR-O-11"));
  g_assert_true (has_rule (after, "BR-O-12"));
  g_assert_false (has_rule (after, "BR-CO-10"));
  for (guint i = 0; i < after->len; i++)
    {
      CptEinvoiceViolation *v = g_ptr_array_index (after, i);
      if (g_str_equal (v->rule, "BR-O-11"))
        g_assert_cmpint (v->fix, ==, CPT_EINVOICE_FIX_LINES);
    }
}

/* The refusal names every broken rule with its remedy, and nothing when all is well. */
static void
test_refusal_text (void)
{
  g_autoptr(CptRenderDocument) doc = find_document ("VATEX-EU-AE", "FR");
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GError) error = NULL;

  violations = check_render (doc);
  g_assert_true (cpt_einvoice_refuse (violations, "FA-1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&violations, g_ptr_array_unref);
  g_clear_pointer (&doc->seller.siren, g_free);
  g_clear_pointer (&doc->buyer.email, g_free);
  g_clear_pointer (&doc->buyer.siren, g_free);
  violations = check_render (doc);
  g_assert_false (cpt_einvoice_refuse (violations, "draft #4", &error));
  g_assert_error (error, CPT_ERROR, CPT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "would refuse draft #4"));
  g_assert_nonnull (strstr (error->message, "Enter the business’s SIREN in Preferences, Business. (BR-FR-10)"));
  g_assert_nonnull (strstr (error->message, "Enter the client’s email or SIREN on its record. (BR-FR-12)"));
}

/* Sums are checked to the cent: one cent off any total is named, with the term to fix. */
static void
test_sums (void)
{
  static const struct { gsize offset; const char *rule; const char *field; } cases[] = {
    { G_STRUCT_OFFSET (CptEinvoice, line_total), "BR-CO-10", "BT-106" },
    { G_STRUCT_OFFSET (CptEinvoice, tax_exclusive), "BR-CO-13", "BT-109" },
    { G_STRUCT_OFFSET (CptEinvoice, tax_total), "BR-CO-14", "BT-110" },
    { G_STRUCT_OFFSET (CptEinvoice, grand_total), "BR-CO-15", "BT-112" },
    { G_STRUCT_OFFSET (CptEinvoice, due), "BR-CO-16", "BT-115" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const char *broken = "x";
  g_autoptr(CptRenderDocument) doc = NULL;

  while (broken != NULL)
    {
      g_clear_pointer (&doc, cpt_render_document_free);
      doc = cpt_einvoice_generate (rand, 0, &broken);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CptEinvoice) model = cpt_einvoice_from_render (doc);
      g_autoptr(GPtrArray) violations = NULL;
      gboolean seen = FALSE;

      G_STRUCT_MEMBER (gint64, model, cases[i].offset) += 1;
      violations = cpt_einvoice_check (model);
      for (guint j = 0; j < violations->len; j++)
        {
          CptEinvoiceViolation *v = g_ptr_array_index (violations, j);
          if (g_str_equal (v->rule, cases[i].rule))
            {
              g_assert_cmpstr (v->field, ==, cases[i].field);
              g_assert_true (v->message != NULL && *v->message);
              seen = TRUE;
            }
        }
      g_assert_true (seen);
    }
}

/* check-facturx's report: FILE, indented failed rules ("    ID location: text"), PASS|FAIL. */
static GHashTable *
parse_report (const char *report)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  g_auto(GStrv) lines = g_strsplit (report, "\n", -1);
  GHashTable *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "PASS ") || g_str_has_prefix (line, "FAIL "))
        current = NULL;
      else if (line[0] == '/' )
        {
          current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (files, g_path_get_basename (line), current);
        }
      else if (current != NULL && g_str_has_prefix (line, "    "))
        {
          g_auto(GStrv) words = g_strsplit (line + 4, " ", 2);
          /* the BR-FR rules name the term after their id: "BR-FR-16_BT-152" */
          if (words[0] != NULL)
            g_hash_table_add (current, g_strndup (words[0], strcspn (words[0], "_")));
        }
      else if (current != NULL && g_str_has_prefix (line, "  ") && strstr (line, "invalid") != NULL)
        g_hash_table_add (current, g_strdup ("XSD"));
    }
  return files;
}

/* check-facturx itself, on the first document the engine accepts and the first it refuses,
 * finds the same failed rules as the batch did: the batch runner is faithful. */
static void
assert_batch_agrees (const char *checker,
                     GHashTable *batch_report,
                     GPtrArray  *engine,
                     GPtrArray  *argv)
{
  int picked[2] = { -1, -1 };

  for (guint i = 0; i < engine->len; i++)
    {
      gboolean refused = ((GPtrArray *) g_ptr_array_index (engine, i))->len > 0;

      if (picked[refused] < 0)
        picked[refused] = (int) i;
    }
  for (guint k = 0; k < 2; k++)
    {
      /* argv: nice, the checker, then the files in order, then NULL */
      const char *path = g_ptr_array_index (argv, 2 + picked[k]);
      const char *one[] = { checker, path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr(GHashTable) single = NULL;
      g_autoptr(GError) error = NULL;
      GHashTable *from_batch = g_hash_table_lookup (batch_report, name);
      GHashTable *from_single;
      GHashTableIter iter;
      gpointer rule;

      g_assert_cmpint (picked[k], >=, 0);
      g_spawn_sync (NULL, (char **) one, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, NULL, &error);
      g_assert_no_error (error);
      single = parse_report (out);
      from_single = g_hash_table_lookup (single, name);
      g_assert_nonnull (from_single);
      g_assert_cmpuint (g_hash_table_size (from_single), ==, g_hash_table_size (from_batch));
      g_hash_table_iter_init (&iter, from_single);
      while (g_hash_table_iter_next (&iter, &rule, NULL))
        if (!g_hash_table_contains (from_batch, rule))
          g_error ("%s: check-facturx finds %s, the batch does not", name, (const char *) rule);
    }
}

static void
test_differential (void)
{
  const char *checker = g_getenv ("COMPTOIR_CHECK_FACTURX");
  const char *batch = g_getenv ("COMPTOIR_CHECK_FACTURX_BATCH");
  const char *seed_text = g_getenv ("COMPTOIR_EINVOICE_SEED");
  const char *count_text = g_getenv ("COMPTOIR_EINVOICE_COUNT");
  guint32 seed = seed_text ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : 13;
  guint count = count_text ? (guint) g_ascii_strtoull (count_text, NULL, 10) : 100;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) engine = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) report = NULL;
  g_autoptr(GString) disagreements = g_string_new (NULL);
  guint accepted = 0, refused = 0;
  int status = 0;

  if (checker == NULL || !g_file_test (checker, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip_printf ("check-facturx is not there (%s)", checker ? checker : "unset");
      return;
    }
  dir = g_dir_make_tmp ("einvoice-XXXXXX", &error);
  g_assert_no_error (error);
  g_ptr_array_add (argv, g_strdup ("nice"));
  /* The same checks run over the whole batch at once (tests/check-facturx-batch.sh), when
   * given; it is compared with check-facturx itself on two of the documents below. */
  g_ptr_array_add (argv, g_strdup (batch != NULL ? batch : checker));
  for (guint i = 0; i < count; i++)
    {
      const char *broken;
      g_autoptr(CptRenderDocument) doc = cpt_einvoice_generate (rand, i, &broken);
      g_autoptr(CptEinvoice) model = cpt_einvoice_from_render (doc);
      g_autoptr(GBytes) xml = cpt_facturx_build (doc, &error);
      g_autofree char *name = g_strdup_printf ("%03u.xml", i);
      char *path = g_build_filename (dir, name, NULL);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), &error));
      g_ptr_array_add (argv, path);
      g_ptr_array_add (engine, cpt_einvoice_check (model));
      ((GPtrArray *) g_ptr_array_index (engine, i))->len ? refused++ : accepted++;
    }
  g_ptr_array_add (argv, NULL);
  /* COMPTOIR_EINVOICE_REPORT=FILE replays a check-facturx report of the same seed and count
   * (saved from an earlier run) instead of running Java again, to work on the engine. */
  if (g_getenv ("COMPTOIR_EINVOICE_REPORT") != NULL)
    {
      g_file_get_contents (g_getenv ("COMPTOIR_EINVOICE_REPORT"), &out, NULL, &error);
      err = g_strdup ("");
    }
  else
    g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (strstr (out, "is missing") != NULL || strstr (err, "is missing") != NULL)
    {
      g_test_skip_printf ("check-facturx cannot run here: %s", err);
      return;
    }
  report = parse_report (out);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%03u.xml", i);
      GHashTable *failed = g_hash_table_lookup (report, name);
      GPtrArray *violations = g_ptr_array_index (engine, i);

      g_assert_nonnull (failed);
      if (violations->len == 0 && g_hash_table_size (failed) != 0)
        {
          g_autofree char **ids = (char **) g_hash_table_get_keys_as_array (failed, NULL);
          g_autofree char *list = g_strjoinv (" ", ids);
          g_string_append_printf (disagreements, "%s: accepted by the engine, refused by the validators: %s\n", name, list);
        }
      for (guint j = 0; j < violations->len; j++)
        {
          CptEinvoiceViolation *v = g_ptr_array_index (violations, j);
          /* Comptoir's own rules (CPT-*) are not the validators' to check. */
          if (!g_str_has_prefix (v->rule, "CPT-") && !g_hash_table_contains (failed, v->rule))
            g_string_append_printf (disagreements, "%s: the engine says %s, the validators do not\n", name, v->rule);
        }
    }
  g_test_message ("%u documents: %u accepted, %u refused by the engine; disagreements:\n%s",
                  count, accepted, refused, disagreements->len ? disagreements->str : "none");
  if (disagreements->len)
    g_error ("the engine and check-facturx disagree:\n%s\n--- check-facturx:\n%s", disagreements->str, out);
  g_assert_cmpuint (count, >=, 100);
  g_assert_cmpuint (accepted, >, count / 2);
  g_assert_cmpuint (refused, >, 10);
  if (batch != NULL && g_getenv ("COMPTOIR_EINVOICE_REPORT") == NULL)
    assert_batch_agrees (checker, report, engine, argv);
  /* keep the files only when asked, to look at them */
  if (g_getenv ("COMPTOIR_EINVOICE_KEEP") == NULL)
    {
      for (guint i = 2; i + 1 < argv->len; i++)
        g_unlink (g_ptr_array_index (argv, i));
      g_rmdir (dir);
    }
  else
    g_test_message ("files kept in %s", dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/einvoice/rules/faults", test_faults);
  g_test_add_func ("/einvoice/rules/sums", test_sums);
  g_test_add_func ("/einvoice/rules/coherence", test_coherence);
  g_test_add_func ("/einvoice/rules/refusal-text", test_refusal_text);
  g_test_add_func ("/einvoice/rules/not-subject-alone", test_not_subject_alone);
  g_test_add_func ("/einvoice/rules/differential", test_differential);
  return g_test_run ();
}
