/* comptoir-cli mail template list | show | set | reset: the wording of the messages, per
 * purpose and language; what the user sets replaces Comptoir's own until reset. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-company.h"
#include "cpt-error.h"
#include "cpt-mail-templates.h"

static const CliOption template_options[] = {
  { "language", TRUE, FALSE }, { "subject", TRUE, FALSE }, { "body", TRUE, FALSE },
  { "body-file", TRUE, FALSE }, { "preview", FALSE, FALSE }, { NULL }
};

static const char usage[] =
  "mail template list | show PURPOSE [--language fr|en] [--preview] | "
  "set PURPOSE [--language fr|en] [--subject S] [--body TEXT | --body-file FILE] | "
  "reset PURPOSE [--language fr|en]";

/* --language, else the company's language. */
static char *
language_of (CptDatabase *db, CliArgs *args, GError **error)
{
  g_autoptr(CptCompany) company = NULL;
  char *language = NULL;

  if (cli_args_has (args, "language"))
    return g_strdup (cli_args_get (args, "language"));
  if ((company = cpt_company_load (db, error)) == NULL)
    return NULL;
  g_object_get (company, "language", &language, NULL);
  return language ? language : g_strdup ("fr");
}

static gboolean
purpose_of (CliArgs *args, CptMailPurpose *out, GError **error)
{
  const char *name = g_ptr_array_index (args->positional, 0);

  if (cpt_mail_purpose_from_string (name, out))
    return TRUE;
  g_set_error (error, CLI_USAGE_ERROR, 0,
               _("“%s” is not a purpose: quote, proforma, invoice, deposit, credit_note, "
                 "reminder-1, reminder-2 or reminder-3"), name);
  return FALSE;
}

int
cli_mail_template (CptDatabase *db, int argc, char **argv, GError **error)
{
  const char *sub = argc > 0 ? argv[0] : "";
  g_auto(CliArgs) args = { 0 };
  g_autofree char *language = NULL, *subject = NULL, *body = NULL;
  CptMailPurpose purpose;
  gboolean custom = FALSE;

  if (strcmp (sub, "list") == 0)
    {
      if (!cli_args_parse (argc - 1, argv + 1, template_options, &args, error) ||
          !cli_expect_positional (&args, 0, 0, "mail template list", error))
        return CLI_EXIT_USAGE;
      for (guint p = 0; p < CPT_MAIL_N_PURPOSES; p++)
        for (guint l = 0; l < 2; l++)
          {
            const char *lang = l == 0 ? "fr" : "en";
            g_autofree char *s = NULL, *b = NULL;

            if (!cpt_mail_templates_get (db, p, lang, &s, &b, &custom, error))
              return CLI_EXIT_REFUSED;
            printf ("%-12s %s  %-8s %s\n", cpt_mail_purpose_to_string (p), lang,
                    custom ? _("own") : _("built-in"), s);
          }
      return CLI_EXIT_OK;
    }
  if (strcmp (sub, "show") != 0 && strcmp (sub, "set") != 0 && strcmp (sub, "reset") != 0)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), usage);
      return CLI_EXIT_USAGE;
    }
  if (!cli_args_parse (argc - 1, argv + 1, template_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, usage, error) || !purpose_of (&args, &purpose, error))
    return CLI_EXIT_USAGE;
  if ((language = language_of (db, &args, error)) == NULL)
    return CLI_EXIT_REFUSED;
  if (strcmp (sub, "reset") == 0)
    return cpt_mail_templates_reset (db, purpose, language, error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
  if (strcmp (sub, "set") == 0)
    {
      g_autofree char *file_body = NULL;

      if (!cpt_mail_templates_get (db, purpose, language, &subject, &body, NULL, error))
        return CLI_EXIT_REFUSED;
      if (cli_args_has (&args, "body-file") &&
          !g_file_get_contents (cli_args_get (&args, "body-file"), &file_body, NULL, error))
        return CLI_EXIT_REFUSED;
      return cpt_mail_templates_set (db, purpose, language,
                                     cli_args_has (&args, "subject") ? cli_args_get (&args, "subject") : subject,
                                     file_body ? file_body
                                     : cli_args_has (&args, "body") ? cli_args_get (&args, "body") : body,
                                     error) ? CLI_EXIT_OK : CLI_EXIT_REFUSED;
    }
  if (!cpt_mail_templates_get (db, purpose, language, &subject, &body, &custom, error))
    return CLI_EXIT_REFUSED;
  if (cli_args_has (&args, "preview"))
    {
      g_autoptr(GHashTable) values = cpt_mail_template_sample_values (language);
      g_autofree char *s = cpt_mail_template_expand (subject, values);
      g_autofree char *b = cpt_mail_template_expand (body, values);

      printf ("%s\n\n%s", s, b);
      return CLI_EXIT_OK;
    }
  printf ("%s\n\n%s", subject, body);
  return CLI_EXIT_OK;
}
