/* comptoir-cli: backup and restore of the company file. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "cpt-backup.h"
#include "cpt-cli.h"

static const CliOption backup_options[] = { { "output", TRUE, FALSE }, { NULL } };
static const CliOption restore_options[] = { { "db", TRUE, FALSE }, { NULL } };

int
cli_backup (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *written = NULL;
  const char *output;

  if (!cli_args_parse (argc, argv, backup_options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, "backup [--output FILE]", error))
    return CLI_EXIT_USAGE;
  output = cli_args_get (&args, "output");
  if (output != NULL && *output == '\0')
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "backup [--output FILE]");
      return CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      g_autofree char *folder = cpt_backup_get_folder ();

      written = cpt_backup_to_folder (db, folder, now, NULL, error);
    }
  else
    {
      g_autofree char *absolute = g_canonicalize_filename (output, NULL);

      /* A folder given as the output receives the backup under its dated name. */
      if (g_file_test (absolute, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *name = cpt_backup_file_name (cpt_database_get_path (db), now);

          written = g_build_filename (absolute, name, NULL);
        }
      else
        written = g_steal_pointer (&absolute);
      if (!cpt_backup_write (db, written, NULL, error))
        g_clear_pointer (&written, g_free);
    }
  if (written == NULL)
    return CLI_EXIT_REFUSED;
  /* Translators: %s is the path of the backup file that was written */
  printf (_("Backed up to %s\n"), written);
  return CLI_EXIT_OK;
}

int
cli_restore (const char *db_path, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *backup = NULL;
  g_autofree char *target = NULL;
  g_autofree char *aside = NULL;

  if (!cli_args_parse (argc, argv, restore_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "restore FILE [--db TARGET]", error))
    return CLI_EXIT_USAGE;
  backup = g_canonicalize_filename (g_ptr_array_index (args.positional, 0), NULL);
  if (cli_args_get (&args, "db") != NULL)
    db_path = cli_args_get (&args, "db");
  if (db_path == NULL || *db_path == '\0')
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), "restore FILE [--db TARGET]");
      return CLI_EXIT_USAGE;
    }
  target = g_canonicalize_filename (db_path, NULL);
  aside = cpt_backup_restore (backup, target, now, error);
  if (aside == NULL)
    return CLI_EXIT_REFUSED;
  /* Translators: the first %s is the backup, the second the company file */
  printf (_("Restored %s as %s\n"), backup, target);
  if (*aside != '\0')
    /* Translators: %s is where the company file was kept before the restore */
    printf (_("The former file is kept as %s\n"), aside);
  return CLI_EXIT_OK;
}
