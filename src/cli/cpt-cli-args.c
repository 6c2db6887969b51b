#define G_LOG_DOMAIN "comptoir-cli"

#include "cpt-cli.h"
#include "cpt-money.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (cli-usage-error-quark, cli_usage_error)

static const CliOption *
find_option (const CliOption *spec, const char *name)
{
  for (guint i = 0; spec && spec[i].name; i++)
    if (strcmp (spec[i].name, name) == 0)
      return &spec[i];
  return NULL;
}

gboolean
cli_args_parse (int argc, char **argv, const CliOption *spec, CliArgs *out, GError **error)
{
  gboolean only_positional = FALSE;

  out->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  out->positional = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      const CliOption *option;
      GPtrArray *values;

      if (only_positional || !g_str_has_prefix (arg, "--") || strcmp (arg, "--") == 0)
        {
          if (strcmp (arg, "--") == 0 && !only_positional)
            only_positional = TRUE;
          else
            g_ptr_array_add (out->positional, g_strdup (arg));
          continue;
        }
      name = g_strdup (arg + 2);
      if (strchr (name, '=') != NULL)
        {
          char *eq = strchr (name, '=');
          *eq = '\0';
          value = arg + 2 + (eq - name) + 1;
        }
      option = find_option (spec, name);
      if (option == NULL)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("Unknown option --%s"), name);
          return FALSE;
        }
      if (option->has_value && value == NULL)
        {
          if (i + 1 >= argc)
            {
              g_set_error (error, CLI_USAGE_ERROR, 0, _("--%s needs a value"), name);
              return FALSE;
            }
          value = argv[++i];
        }
      else if (!option->has_value && value != NULL)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("--%s takes no value"), name);
          return FALSE;
        }
      values = g_hash_table_lookup (out->options, name);
      if (values != NULL && !option->repeatable)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("--%s is given twice"), name);
          return FALSE;
        }
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (out->options, g_strdup (name), values);
        }
      g_ptr_array_add (values, g_strdup (value ? value : ""));
    }
  return TRUE;
}

void
cli_args_clear (CliArgs *args)
{
  g_clear_pointer (&args->options, g_hash_table_unref);
  g_clear_pointer (&args->positional, g_ptr_array_unref);
}

gboolean
cli_args_has (CliArgs *args, const char *name)
{
  return g_hash_table_contains (args->options, name);
}

const char *
cli_args_get (CliArgs *args, const char *name)
{
  GPtrArray *values = g_hash_table_lookup (args->options, name);

  return values ? g_ptr_array_index (values, 0) : NULL;
}

GPtrArray *
cli_args_get_all (CliArgs *args, const char *name)
{
  return g_hash_table_lookup (args->options, name);
}

gboolean
cli_parse_id (const char *text, const char *what, gint64 *out, GError **error)
{
  char *end = NULL;
  gint64 value;

  errno = 0;
  value = text ? g_ascii_strtoll (text, &end, 10) : 0;
  if (text == NULL || *text == '\0' || end == NULL || *end != '\0' || errno != 0 || value <= 0)
    {
      /* Translators: what was typed, then a kind of record (“client”, “document”,
       * “product”, “file”, “line”: see the “kind of id” strings) */
      g_set_error (error, CLI_USAGE_ERROR, 0, _("“%s” is not a %s id (a number such as 12)"),
                   text ? text : "", what);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
cli_parse_count (const char *text, const char *what, guint64 max, guint64 *out, GError **error)
{
  char *end = NULL;
  guint64 value;
  g_autofree char *compact = NULL;

  /* Allow "1000000", "1 000 000", "1_000_000" */
  compact = g_strdup (text ? text : "");
  {
    char *w = compact;
    for (const char *r = compact; *r; r++)
      if (*r != ' ' && *r != '_')
        *w++ = *r;
    *w = '\0';
  }
  errno = 0;
  value = g_ascii_strtoull (compact, &end, 10);
  if (*compact == '\0' || *end != '\0' || errno != 0 || compact[0] == '-' || value > max)
    {
      g_set_error (error, CLI_USAGE_ERROR, 0,
                   /* Translators: an option (--limit), its largest value, what was typed */
                   _("%s must be a whole number from 0 to %" PRIu64 ", not “%s”"), what,
                   max, text ? text : "");
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
cli_args_id (CliArgs *args, guint index, const char *what, gint64 *out, GError **error)
{
  if (index >= args->positional->len)
    {
      /* Translators: %s is a kind of record (see the “kind of id” strings) */
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Missing the %s id"), what);
      return FALSE;
    }
  return cli_parse_id (g_ptr_array_index (args->positional, index), what, out, error);
}

gboolean
cli_expect_positional (CliArgs *args, guint min, guint max, const char *usage, GError **error)
{
  if (args->positional->len < min || args->positional->len > max)
    {
      /* Translators: %s is the command's syntax, such as “client show ID [--json]” */
      g_set_error (error, CLI_USAGE_ERROR, 0, _("Usage: comptoir-cli %s"), usage);
      return FALSE;
    }
  return TRUE;
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static guint
char_columns (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

char *
cli_cell (const char *text, guint width)
{
  GString *out = g_string_new (NULL);
  guint used = 0;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint columns = char_columns (c);

      if (used + columns > width)
        break;
      g_string_append_unichar (out, c);
      used += columns;
    }
  for (; used < width; used++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

void
cli_json_money (JsonBuilder *builder, const char *member, gint64 minor)
{
  g_autofree char *text = cpt_money_to_string (minor);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

gboolean
cli_apply_assignments (const CptRecordClass *record, GObject *object, GPtrArray *assignments,
                       GError **error)
{
  for (guint i = 0; assignments && i < assignments->len; i++)
    {
      const char *assignment = g_ptr_array_index (assignments, i);
      const char *eq = strchr (assignment, '=');
      g_autofree char *key = NULL;

      if (eq == NULL || eq == assignment)
        {
          g_set_error (error, CLI_USAGE_ERROR, 0, _("Expected KEY=VALUE, got “%s”"), assignment);
          return FALSE;
        }
      key = g_strndup (assignment, eq - assignment);
      if (!cpt_record_set_from_text (record, object, key, eq + 1, error))
        return FALSE;
    }
  return TRUE;
}

void
cli_record_to_json (const CptRecordClass *record, GObject *object, JsonBuilder *builder)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];
      g_autofree char *text = NULL;

      json_builder_set_member_name (builder, field->key);
      if (field->type == CPT_FIELD_BOOLEAN)
        {
          gboolean value;
          g_autofree char *name = g_strdelimit (g_strdup (field->key), "_", '-');
          g_object_get (object, name, &value, NULL);
          json_builder_add_boolean_value (builder, value);
          continue;
        }
      if (field->type == CPT_FIELD_INT64 &&
          !(field->flags & (CPT_FIELD_MONEY | CPT_FIELD_PERCENT | CPT_FIELD_QUANTITY |
                            CPT_FIELD_UNIT_PRICE)))
        {
          gint64 value;
          g_autofree char *name = g_strdelimit (g_strdup (field->key), "_", '-');
          g_object_get (object, name, &value, NULL);
          if ((field->flags & CPT_FIELD_REFERENCE) && value == 0)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, value);
          continue;
        }
      text = cpt_record_get_as_text (record, object, field);
      if (text == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, text);
    }
}

void
cli_record_print (const CptRecordClass *record, GObject *object)
{
  for (guint i = 0; i < record->n_fields; i++)
    {
      g_autofree char *text = cpt_record_get_as_text (record, object, &record->fields[i]);
      printf ("%-18s %s\n", record->fields[i].key, text ? text : "");
    }
}
