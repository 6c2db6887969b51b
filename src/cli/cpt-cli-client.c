#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-client.h"
#include "cpt-lists.h"

/* Options of "client add" and their record keys. */
static const CliOption add_options[] = {
  { "name", TRUE, FALSE }, { "kind", TRUE, FALSE }, { "email", TRUE, FALSE },
  { "siren", TRUE, FALSE }, { "siret", TRUE, FALSE }, { "vat-number", TRUE, FALSE },
  { "address", TRUE, FALSE }, { "postcode", TRUE, FALSE }, { "city", TRUE, FALSE },
  { "country", TRUE, FALSE }, { "phone", TRUE, FALSE }, { "payment-days", TRUE, FALSE },
  { "end-of-month", FALSE, FALSE }, { "currency", TRUE, FALSE }, { "language", TRUE, FALSE },
  { "delivery-address", TRUE, FALSE }, { "delivery-postcode", TRUE, FALSE },
  { "delivery-city", TRUE, FALSE }, { "delivery-country", TRUE, FALSE },
  { "json", FALSE, FALSE }, { NULL },
};
static const CliOption list_options[] = {
  { "search", TRUE, FALSE }, { "archived", FALSE, FALSE }, { "json", FALSE, FALSE },
  { "limit", TRUE, FALSE }, { "offset", TRUE, FALSE }, { NULL },
};
static const CliOption json_options[] = { { "json", FALSE, FALSE }, { NULL } };
static const CliOption memo_options[] = { { "author", TRUE, FALSE }, { "json", FALSE, FALSE }, { NULL } };

static gboolean
apply_options (CptClient *client, CliArgs *args, GError **error)
{
  for (guint i = 0; add_options[i].name; i++)
    {
      const char *name = add_options[i].name;
      const char *value = cli_args_get (args, name);

      if (value == NULL || strcmp (name, "json") == 0)
        continue;
      if (strcmp (name, "end-of-month") == 0)
        value = "yes";
      if (!cpt_record_set_from_text (cpt_client_record (), G_OBJECT (client), name, value, error))
        return FALSE;
    }
  return TRUE;
}

static void
print_client_json (CptClient *client)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  cli_record_to_json (cpt_client_record (), G_OBJECT (client), builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  cli_print_json (root);
}

static int
client_list (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(CptPagedList) list = cpt_lists_clients (db, cli_args_get (args, "search"),
                                                    cli_args_has (args, "archived"));
  guint64 limit = G_MAXUINT, offset = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json = cli_args_has (args, "json");

  if ((cli_args_get (args, "limit") &&
       !cli_parse_count (cli_args_get (args, "limit"), "--limit", G_MAXUINT, &limit, error)) ||
      (cli_args_get (args, "offset") &&
       !cli_parse_count (cli_args_get (args, "offset"), "--offset", G_MAXUINT, &offset, error)))
    return CLI_EXIT_USAGE;
  if (cpt_paged_list_get_error (list))
    {
      g_propagate_error (error, g_error_copy (cpt_paged_list_get_error (list)));
      return CLI_EXIT_REFUSED;
    }
  json_builder_begin_array (builder);
  for (guint i = offset; i < n && i - offset < limit; i++)
    {
      g_autoptr(CptClient) client = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (json)
        {
          json_builder_begin_object (builder);
          cli_record_to_json (cpt_client_record (), G_OBJECT (client), builder);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *city = NULL, *email = NULL;
          g_object_get (client, "city", &city, "email", &email, NULL);
          gboolean archived = cpt_client_get_archived (client);
          g_autofree char *name = cli_cell (cpt_client_get_name (client), 40);
          g_autofree char *city_cell = cli_cell (city, 18);

          printf ("%6" G_GINT64_FORMAT "  %s %s %s%s%s\n", cpt_client_get_id (client),
                  name, city_cell, email ? email : "",
                  archived ? "  " : "", archived ? _("(archived)") : "");
        }
    }
  json_builder_end_array (builder);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      cli_print_json (root);
    }
  return CLI_EXIT_OK;
}

static int
client_memo (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 client_id;

  if (!cli_args_parse (argc - 1, argv + 1, memo_options, &args, error))
    return CLI_EXIT_USAGE;
  if (strcmp (sub, "add") == 0)
    {
      gint64 id;
      if (!cli_expect_positional (&args, 2, 2, "client memo add CLIENT_ID TEXT [--author A]", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &client_id, error))
        return CLI_EXIT_USAGE;
      id = cpt_client_add_memo (db, client_id, cli_args_get (&args, "author"),
                                g_ptr_array_index (args.positional, 1), error);
      if (id == 0)
        return CLI_EXIT_REFUSED;
      printf ("%" G_GINT64_FORMAT "\n", id);
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "list") == 0)
    {
      g_autoptr(GPtrArray) memos = NULL;
      g_autoptr(CptClient) client = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (!cli_expect_positional (&args, 1, 1, "client memo list CLIENT_ID [--json]", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &client_id, error))
        return CLI_EXIT_USAGE;
      /* An unknown client is refused, as by "memo add", not listed as having no memos. */
      client = cpt_client_load (db, client_id, error);
      if (client == NULL)
        return CLI_EXIT_REFUSED;
      memos = cpt_client_list_memos (db, client_id, error);
      if (memos == NULL)
        return CLI_EXIT_REFUSED;
      json_builder_begin_array (builder);
      for (guint i = 0; i < memos->len; i++)
        {
          CptMemo *memo = g_ptr_array_index (memos, i);
          if (!cli_args_has (&args, "json"))
            {
              printf ("%s  %s\n    %s\n", memo->created_at, memo->author ? memo->author : "",
                      memo->text);
              continue;
            }
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, memo->id);
          json_builder_set_member_name (builder, "created_at");
          json_builder_add_string_value (builder, memo->created_at);
          json_builder_set_member_name (builder, "author");
          json_builder_add_string_value (builder, memo->author);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, memo->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (cli_args_has (&args, "json"))
        {
          g_autoptr(JsonNode) root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      return CLI_EXIT_OK;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "client memo add|list ...");
  return CLI_EXIT_USAGE;
}

static int
client_file (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 id;

  if (!cli_args_parse (argc - 1, argv + 1, json_options, &args, error))
    return CLI_EXIT_USAGE;
  if (strcmp (sub, "add") == 0)
    {
      gint64 file_id;
      if (!cli_expect_positional (&args, 2, 2, "client file add CLIENT_ID PATH", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
        return CLI_EXIT_USAGE;
      file_id = cpt_client_add_file (db, id, g_ptr_array_index (args.positional, 1), error);
      if (file_id == 0)
        return CLI_EXIT_REFUSED;
      printf ("%" G_GINT64_FORMAT "\n", file_id);
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "list") == 0)
    {
      g_autoptr(GPtrArray) files = NULL;
      g_autoptr(CptClient) client = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (!cli_expect_positional (&args, 1, 1, "client file list CLIENT_ID [--json]", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
        return CLI_EXIT_USAGE;
      client = cpt_client_load (db, id, error);
      if (client == NULL)
        return CLI_EXIT_REFUSED;
      files = cpt_client_list_files (db, id, error);
      if (files == NULL)
        return CLI_EXIT_REFUSED;
      json_builder_begin_array (builder);
      for (guint i = 0; i < files->len; i++)
        {
          CptClientFile *file = g_ptr_array_index (files, i);
          if (!cli_args_has (&args, "json"))
            {
              printf ("%6" G_GINT64_FORMAT "  %-40s %10" G_GINT64_FORMAT " %s  %s  %s\n",
                      file->id, file->name, file->size,
                      g_dngettext (GETTEXT_PACKAGE, "byte", "bytes", file->size),
                      file->mime, file->added_at);
              continue;
            }
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, file->id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, file->name);
          json_builder_set_member_name (builder, "mime");
          json_builder_add_string_value (builder, file->mime);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, file->size);
          json_builder_set_member_name (builder, "added_at");
          json_builder_add_string_value (builder, file->added_at);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (cli_args_has (&args, "json"))
        {
          g_autoptr(JsonNode) root = json_builder_get_root (builder);
          cli_print_json (root);
        }
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "get") == 0)
    {
      g_autoptr(GBytes) data = NULL;
      if (!cli_expect_positional (&args, 2, 2, "client file get FILE_ID OUTPUT", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "file"), &id, error))
        return CLI_EXIT_USAGE;
      data = cpt_client_get_file_data (db, id, error);
      if (data == NULL ||
          !g_file_set_contents (g_ptr_array_index (args.positional, 1),
                                g_bytes_get_data (data, NULL), g_bytes_get_size (data), error))
        return CLI_EXIT_REFUSED;
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "remove") == 0)
    {
      if (!cli_expect_positional (&args, 1, 1, "client file remove FILE_ID", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "file"), &id, error))
        return CLI_EXIT_USAGE;
      return cpt_client_remove_file (db, id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "client file add|list|get|remove ...");
  return CLI_EXIT_USAGE;
}

int
cli_client (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  const char *sub = argc > 0 ? argv[0] : "";
  gint64 id;

  if (strcmp (sub, "memo") == 0)
    return client_memo (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "balance") == 0)
    return cli_client_balance (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "deposits") == 0)
    return cli_client_deposits (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "file") == 0)
    return client_file (db, argc - 1, argv + 1, error);

  if (strcmp (sub, "add") == 0)
    {
      g_autoptr(CptClient) client = cpt_client_new ();

      if (!cli_args_parse (argc - 1, argv + 1, add_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "client add --name N [OPTIONS]", error))
        return CLI_EXIT_USAGE;
      if (!cli_args_has (&args, "name"))
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("client add needs --name"));
          return CLI_EXIT_USAGE;
        }
      if (!apply_options (client, &args, error) || !cpt_client_insert (client, db, error))
        return CLI_EXIT_REFUSED;
      if (cli_args_has (&args, "json"))
        print_client_json (client);
      else
        printf ("%" G_GINT64_FORMAT "\n", cpt_client_get_id (client));
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "list") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, list_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "client list [--search TEXT] [--archived] [--json]", error))
        return CLI_EXIT_USAGE;
      return client_list (db, &args, error);
    }
  if (strcmp (sub, "show") == 0)
    {
      g_autoptr(CptClient) client = NULL;

      if (!cli_args_parse (argc - 1, argv + 1, json_options, &args, error) ||
          !cli_expect_positional (&args, 1, 1, "client show ID [--json]", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
        return CLI_EXIT_USAGE;
      client = cpt_client_load (db, id, error);
      if (client == NULL)
        return CLI_EXIT_REFUSED;
      if (cli_args_has (&args, "json"))
        print_client_json (client);
      else
        {
          gint64 documents;

          if (!cpt_client_count_documents (db, id, &documents, error))
            return CLI_EXIT_REFUSED;
          cli_record_print (cpt_client_record (), G_OBJECT (client));
          printf ("%-18s %" G_GINT64_FORMAT "\n", "documents", documents);
        }
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "edit") == 0)
    {
      g_autoptr(CptClient) client = NULL;
      g_autoptr(GPtrArray) assignments = g_ptr_array_new ();

      /* Both "KEY=VALUE" pairs and the options of "client add" are accepted. */
      if (!cli_args_parse (argc - 1, argv + 1, add_options, &args, error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
        return CLI_EXIT_USAGE;
      for (guint i = 1; i < args.positional->len; i++)
        g_ptr_array_add (assignments, g_ptr_array_index (args.positional, i));
      if (assignments->len == 0 && g_hash_table_size (args.options) == 0)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "client edit ID KEY=VALUE...");
          return CLI_EXIT_USAGE;
        }
      client = cpt_client_load (db, id, error);
      if (client == NULL || !apply_options (client, &args, error) ||
          !cli_apply_assignments (cpt_client_record (), G_OBJECT (client), assignments, error) ||
          !cpt_client_update (client, db, error))
        return CLI_EXIT_REFUSED;
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "archive") == 0 || strcmp (sub, "unarchive") == 0 || strcmp (sub, "delete") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, NULL, &args, error) ||
          !cli_expect_positional (&args, 1, 1, "client archive|unarchive|delete ID", error) ||
          !cli_args_id (&args, 0, C_("kind of id", "client"), &id, error))
        return CLI_EXIT_USAGE;
      if (strcmp (sub, "delete") == 0)
        return cpt_client_delete (db, id, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
      return cpt_client_set_archived (db, id, strcmp (sub, "archive") == 0, error)
               ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  g_set_error (error, CLI_USAGE_ERROR, 0,
               _("Usage: comptoir-cli %s"), "client add|list|show|edit|archive|unarchive|delete|memo|file ...");
  return CLI_EXIT_USAGE;
}
