#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-demo.h"
#include "cpt-document.h"
#include "cpt-search.h"

static const CliOption search_options[] = {
  { "json", FALSE, FALSE }, { "limit", TRUE, FALSE }, { NULL },
};
static const CliOption demo_options[] = {
  { "clients", TRUE, FALSE }, { "documents", TRUE, FALSE }, { "seed", TRUE, FALSE }, { NULL },
};

int
cli_search (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint64 limit = 20;

  if (!cli_args_parse (argc, argv, search_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "search TEXT [--json] [--limit N]", error) ||
      (cli_args_get (&args, "limit") &&
       !cli_parse_count (cli_args_get (&args, "limit"), "--limit", 10000, &limit, error)))
    return CLI_EXIT_USAGE;
  hits = cpt_search_run (db, g_ptr_array_index (args.positional, 0), limit, error);
  if (hits == NULL)
    return CLI_EXIT_REFUSED;
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      CptSearchHit *hit = g_ptr_array_index (hits, i);
      const char *type = hit->kind == CPT_SEARCH_HIT_CLIENT ? "client" : "document";

      if (!cli_args_has (&args, "json"))
        {
          printf ("%-8s %6" G_GINT64_FORMAT "  %-28s %s\n", type, hit->id, hit->title, hit->subtitle);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, hit->id);
      if (hit->kind == CPT_SEARCH_HIT_DOCUMENT)
        {
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, cpt_document_kind_to_cli (hit->doc_kind));
        }
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hit->title);
      json_builder_set_member_name (builder, "subtitle");
      json_builder_add_string_value (builder, hit->subtitle);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  else if (hits->len == 0)
    fprintf (stderr, "%s\n", _("Nothing found."));
  return CLI_EXIT_OK;
}

static void
demo_progress (guint64 done, guint64 total, gpointer user_data)
{
  GTimer *timer = user_data;

  if (done % 100000 == 0 || done == total)
    /* Translators: progress of “comptoir-cli demo”: documents done, documents in all, seconds */
    fprintf (stderr, _("  %" PRIu64 " / %" PRIu64 " documents (%.1f s)\n"),
             done, total, g_timer_elapsed (timer, NULL));
}

int
cli_demo (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  guint64 clients = 0, documents = 200, seed = 1;
  g_autoptr(GTimer) timer = g_timer_new ();

  if (!cli_args_parse (argc, argv, demo_options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, "demo [--clients N] [--documents N] [--seed S]", error) ||
      (cli_args_get (&args, "clients") &&
       !cli_parse_count (cli_args_get (&args, "clients"), "--clients", 10000000, &clients, error)) ||
      (cli_args_get (&args, "documents") &&
       !cli_parse_count (cli_args_get (&args, "documents"), "--documents", 100000000, &documents, error)) ||
      (cli_args_get (&args, "seed") &&
       !cli_parse_count (cli_args_get (&args, "seed"), "--seed", G_MAXUINT32, &seed, error)))
    return CLI_EXIT_USAGE;
  if (!cli_args_get (&args, "clients") && !cli_args_get (&args, "documents"))
    clients = 40;
  if (!cpt_demo_generate (db, (guint) clients, documents, (guint32) seed, demo_progress, timer, error))
    return CLI_EXIT_REFUSED;
  fprintf (stderr, _("Demo data added in %.1f s.\n"), g_timer_elapsed (timer, NULL));
  return CLI_EXIT_OK;
}
