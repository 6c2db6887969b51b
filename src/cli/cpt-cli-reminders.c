/* comptoir-cli reminder list | show | send: payment reminders from the state of the books.
 * "Today" is --today, COMPTOIR_TODAY or the day: the same books give the same reminders
 * whenever they are asked, whatever happened in between. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpt-cli.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-document-mail.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-reminders.h"

/* More than anyone reads at once; the list says when there are others. */
#define LIST_LIMIT 500

static const CliOption list_options[] = {
  { "json", FALSE, FALSE }, { "today", TRUE, FALSE }, { NULL }
};

static char *
today_of (CliArgs *args, GError **error)
{
  const char *text = cli_args_get (args, "today");

  return text ? cpt_date_normalize (text, error) : cpt_date_today ();
}

static void
state_to_json (JsonBuilder *builder, const CptReminderState *s, const char *today)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document_id");
  json_builder_add_int_value (builder, s->document_id);
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, s->number ? s->number : "");
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_int_value (builder, s->client_id);
  json_builder_set_member_name (builder, "client");
  json_builder_add_string_value (builder, s->client_name ? s->client_name : "");
  json_builder_set_member_name (builder, "due_date");
  json_builder_add_string_value (builder, s->due_date);
  cli_json_money (builder, "balance", s->balance);
  json_builder_set_member_name (builder, "days_late");
  json_builder_add_int_value (builder, MAX (cpt_date_days_between (s->due_date, today), 0));
  json_builder_set_member_name (builder, "level_sent");
  json_builder_add_int_value (builder, s->level_sent);
  json_builder_set_member_name (builder, "last_sent_on");
  if (s->last_sent_on[0] != '\0')
    json_builder_add_string_value (builder, s->last_sent_on);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "next_level");
  json_builder_add_int_value (builder, s->next_level);
  json_builder_set_member_name (builder, "next_on");
  if (s->next_on[0] != '\0')
    json_builder_add_string_value (builder, s->next_on);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "due");
  json_builder_add_boolean_value (builder, cpt_reminder_is_due (s, today));
}

static int
reminder_list (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *today = NULL;
  gboolean more = FALSE;

  if (!cli_args_parse (argc, argv, list_options, &args, error) ||
      !cli_expect_positional (&args, 0, 0, "reminder list [--today D] [--json]", error))
    return CLI_EXIT_USAGE;
  if ((today = today_of (&args, error)) == NULL)
    return CLI_EXIT_USAGE;
  if ((due = cpt_reminders_due (db, today, LIST_LIMIT, &more, error)) == NULL)
    return CLI_EXIT_REFUSED;
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < due->len; i++)
        {
          state_to_json (builder, g_ptr_array_index (due, i), today);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < due->len; i++)
    {
      const CptReminderState *s = g_ptr_array_index (due, i);
      g_autofree char *balance = cpt_money_format_for_user (s->balance, NULL);
      g_autofree char *client = cli_cell (s->client_name ? s->client_name : "", 28);

      /* Translators: one reminder due: document id, number, client, amount still owed,
       * days late, the level to send */
      printf (_("%-6" PRId64 " %-14s %s %14s  %3d days late  level %u\n"), s->document_id,
              s->number ? s->number : "", client, balance,
              MAX (cpt_date_days_between (s->due_date, today), 0), s->next_level);
    }
  if (more)
    printf (_("(the first %d; send them to see the others)\n"), LIST_LIMIT);
  return CLI_EXIT_OK;
}

static int
reminder_show (CptDatabase *db, int argc, char **argv, GError **error)
{
  g_auto(CliArgs) args = { 0 };
  g_autoptr(CptReminderState) state = NULL;
  g_autofree char *today = NULL;
  CptLatePenalties penalties = { 0 };
  gint64 id;

  if (!cli_args_parse (argc, argv, list_options, &args, error) ||
      !cli_expect_positional (&args, 1, 1, "reminder show ID [--today D] [--json]", error) ||
      !cli_args_id (&args, 0, C_("kind of id", "document"), &id, error))
    return CLI_EXIT_USAGE;
  if ((today = today_of (&args, error)) == NULL)
    return CLI_EXIT_USAGE;
  if ((state = cpt_reminders_of_document (db, id, error)) == NULL ||
      !cpt_reminders_penalties (db, id, today, &penalties, error))
    return CLI_EXIT_REFUSED;
  if (cli_args_has (&args, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *rate = cpt_percent_to_string (penalties.rate);

      state_to_json (builder, state, today);
      json_builder_set_member_name (builder, "penalties");
      json_builder_begin_object (builder);
      cli_json_money (builder, "interest", penalties.interest);
      json_builder_set_member_name (builder, "rate");
      json_builder_add_string_value (builder, rate);
      json_builder_set_member_name (builder, "agreed_rate");
      json_builder_add_boolean_value (builder, penalties.agreed);
      json_builder_set_member_name (builder, "days_late");
      json_builder_add_int_value (builder, penalties.days_late);
      cli_json_money (builder, "recovery_indemnity", penalties.recovery_indemnity);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      cli_print_json (root);
      return CLI_EXIT_OK;
    }
  {
    g_autofree char *balance = cpt_money_format_for_user (state->balance, NULL);
    g_autofree char *due = cpt_date_format_here (state->due_date);
    g_autofree char *interest = cpt_money_format_for_user (penalties.interest, NULL);
    g_autofree char *indemnity = cpt_money_format_for_user (penalties.recovery_indemnity, NULL);
    g_autofree char *rate = cpt_decimal_format (penalties.rate, 2, 0, cpt_user_language ());

    printf (_("%s, due on %s: %s owed\n"), state->number ? state->number : "", due, balance);
    if (state->level_sent > 0)
      {
        g_autofree char *on = cpt_date_format_here (state->last_sent_on);

        printf (_("Last reminder: level %u, on %s\n"), state->level_sent, on);
      }
    if (state->next_level > 0)
      {
        g_autofree char *on = cpt_date_format_here (state->next_on);

        printf (_("Next reminder: level %u, on %s\n"), state->next_level, on);
      }
    else
      printf (_("No reminder left to send\n"));
    if (penalties.recovery_indemnity > 0)
      printf (_("Penalties to date: %s of interest (%s %% a year, %" PRId64 " days) and a %s "
                "recovery indemnity\n"), interest, rate, penalties.days_late, indemnity);
  }
  return CLI_EXIT_OK;
}

int
cli_reminder (CptDatabase *db, int argc, char **argv, GError **error)
{
  const char *sub = argc > 0 ? argv[0] : "";

  if (strcmp (sub, "list") == 0)
    return reminder_list (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "show") == 0)
    return reminder_show (db, argc - 1, argv + 1, error);
  if (strcmp (sub, "send") == 0)
    return cli_send_mail (db, argc - 1, argv + 1, TRUE, error);
  g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"),
               "reminder list | show ID | send ID");
  return CLI_EXIT_USAGE;
}
