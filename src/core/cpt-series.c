#define G_LOG_DOMAIN "cpt-series"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "cpt-dates.h"
#include "cpt-error.h"
#include "cpt-series.h"
#include "cpt-store-series.h"

/* A series is named after the kind it numbers (the kind's database string). */
static const CptDocumentKind series_kinds[] = {
  CPT_DOCUMENT_KIND_INVOICE, CPT_DOCUMENT_KIND_DEPOSIT, CPT_DOCUMENT_KIND_CREDIT_NOTE,
  CPT_DOCUMENT_KIND_QUOTE, CPT_DOCUMENT_KIND_PROFORMA,
};

void
cpt_series_free (CptSeries *series)
{
  g_free (series->name);
  g_free (series->format);
  g_free (series);
}

const char *
cpt_series_reset_to_string (CptSeriesReset reset)
{
  switch (reset)
    {
    case CPT_SERIES_RESET_NEVER:
      return "never";
    case CPT_SERIES_RESET_MONTHLY:
      return "monthly";
    case CPT_SERIES_RESET_YEARLY:
    default:
      return "yearly";
    }
}

gboolean
cpt_series_reset_parse (const char *text, CptSeriesReset *out, GError **error)
{
  if (g_strcmp0 (text, "never") == 0)
    *out = CPT_SERIES_RESET_NEVER;
  else if (g_strcmp0 (text, "yearly") == 0)
    *out = CPT_SERIES_RESET_YEARLY;
  else if (g_strcmp0 (text, "monthly") == 0)
    *out = CPT_SERIES_RESET_MONTHLY;
  else
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A counter restarts never, yearly or monthly, not “%s”"), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* Walks a format, calling `token` for each {TOKEN} and `literal` for text between. */
typedef gboolean (*TokenFunc) (const char *token, gsize length, gpointer data);

static gboolean
walk_format (const char *format, TokenFunc token, GString *literal_out, gpointer data,
             GError **error)
{
  for (const char *p = format; *p;)
    {
      if (*p == '{')
        {
          const char *end = strchr (p, '}');
          if (end == NULL)
            {
              g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                           _("The number format “%s” has a “{” without its “}”"), format);
              return FALSE;
            }
          if (!token (p + 1, end - p - 1, data))
            {
              g_autofree char *name = g_strndup (p, end - p + 1);
              g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                           _("“%s” is not a token of number formats: use {YYYY}, {YY}, {MM}, "
                             "{DD} and {N} or {N:4}"), name);
              return FALSE;
            }
          p = end + 1;
          continue;
        }
      if (*p == '}')
        {
          g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                       _("The number format “%s” has a “}” without its “{”"), format);
          return FALSE;
        }
      if (literal_out)
        g_string_append_c (literal_out, *p);
      p++;
    }
  return TRUE;
}

typedef struct
{
  gboolean year, month, day;
  guint    counters;
  /* formatting */
  GString *out;
  gint64   counter;
  GDate    date;
} FormatState;

static gboolean
token_matches (const char *token, gsize length, const char *name)
{
  return strlen (name) == length && strncmp (token, name, length) == 0;
}

static gboolean
counter_width (const char *token, gsize length, guint *width)
{
  if (token_matches (token, length, "N"))
    {
      *width = 1;
      return TRUE;
    }
  if (length == 3 && token[0] == 'N' && token[1] == ':' && token[2] >= '1' && token[2] <= '9')
    {
      *width = token[2] - '0';
      return TRUE;
    }
  return FALSE;
}

static gboolean
check_token (const char *token, gsize length, gpointer data)
{
  FormatState *state = data;
  guint width;

  if (token_matches (token, length, "YYYY") || token_matches (token, length, "YY"))
    state->year = TRUE;
  else if (token_matches (token, length, "MM"))
    state->month = TRUE;
  else if (token_matches (token, length, "DD"))
    state->day = TRUE;
  else if (counter_width (token, length, &width))
    state->counters++;
  else
    return FALSE;
  return TRUE;
}

gboolean
cpt_series_check_format (const char *format, CptSeriesReset reset, GError **error)
{
  FormatState state = { 0 };
  g_autoptr(GString) literal = g_string_new (NULL);

  if (format == NULL || *format == '\0')
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A number format cannot be empty"));
      return FALSE;
    }
  if (strlen (format) > 64)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A number format has at most 64 characters"));
      return FALSE;
    }
  if (!walk_format (format, check_token, literal, &state, error))
    return FALSE;
  for (const char *p = literal->str; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-_/.#", *p) == NULL)
      {
        g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                     _("“%c” cannot be part of a document number: use letters, digits and "
                       "the separators - _ / . #"), *p);
        return FALSE;
      }
  if (state.counters != 1)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("The number format “%s” needs the counter {N} (or {N:4}) exactly once"),
                   format);
      return FALSE;
    }
  if (reset == CPT_SERIES_RESET_YEARLY && !state.year)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A counter that restarts every year needs the year ({YYYY} or {YY}) in "
                     "the format, or numbers would repeat"));
      return FALSE;
    }
  if (reset == CPT_SERIES_RESET_MONTHLY && !(state.year && state.month))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A counter that restarts every month needs the year and the month "
                     "({YYYY} or {YY}, and {MM}) in the format, or numbers would repeat"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
format_token (const char *token, gsize length, gpointer data)
{
  FormatState *state = data;
  guint width;

  if (token_matches (token, length, "YYYY"))
    g_string_append_printf (state->out, "%04u", g_date_get_year (&state->date));
  else if (token_matches (token, length, "YY"))
    g_string_append_printf (state->out, "%02u", g_date_get_year (&state->date) % 100);
  else if (token_matches (token, length, "MM"))
    g_string_append_printf (state->out, "%02u", g_date_get_month (&state->date));
  else if (token_matches (token, length, "DD"))
    g_string_append_printf (state->out, "%02u", g_date_get_day (&state->date));
  else if (counter_width (token, length, &width))
    g_string_append_printf (state->out, "%0*" PRId64, (int) width, state->counter);
  else
    return FALSE;
  return TRUE;
}

char *
cpt_series_format_number (const char *format, gint64 counter, const char *iso_date)
{
  FormatState state = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cpt_date_parse (iso_date, &state.date))
    return NULL;
  state.out = out;
  state.counter = counter;
  /* Literal text is copied as it comes, between the tokens. */
  for (const char *p = format; *p;)
    {
      if (*p == '{')
        {
          const char *end = strchr (p, '}');
          if (end == NULL || !format_token (p + 1, end - p - 1, &state))
            return NULL;
          p = end + 1;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cpt_series_period (CptSeriesReset reset, const char *iso_date)
{
  switch (reset)
    {
    case CPT_SERIES_RESET_YEARLY:
      return g_strndup (iso_date, 4);
    case CPT_SERIES_RESET_MONTHLY:
      return g_strndup (iso_date, 7);
    case CPT_SERIES_RESET_NEVER:
    default:
      return g_strdup ("");
    }
}

char *
cpt_series_for_document_kind (CptDatabase *db, CptDocumentKind kind, GError **error)
{
  if (kind == CPT_DOCUMENT_KIND_DEPOSIT)
    {
      gboolean separate;

      if (!cpt_store_series_separate_deposits (db, &separate, error))
        return NULL;
      kind = separate ? CPT_DOCUMENT_KIND_DEPOSIT : CPT_DOCUMENT_KIND_INVOICE;
    }
  return g_strdup (cpt_document_kind_to_string (kind));
}

char *
cpt_series_for_kind (CptDatabase *db, const char *kind, GError **error)
{
  CptDocumentKind parsed;

  if (!cpt_document_kind_from_string (kind, &parsed))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("“%s” has no number series"),
                   kind ? kind : "");
      return NULL;
    }
  return cpt_series_for_document_kind (db, parsed, error);
}

CptSeries *
cpt_series_load (CptDatabase *db, const char *name, GError **error)
{
  gboolean found;
  CptSeries *series = cpt_store_series_load (db, name, &found, error);

  if (series == NULL && !found && (error == NULL || *error == NULL))
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND,
                 _("“%s” is not a number series: use invoice, deposit, credit-note, quote or "
                   "proforma"), name);
  return series;
}

GPtrArray *
cpt_series_load_all (CptDatabase *db, GError **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_series_free);

  for (guint i = 0; i < G_N_ELEMENTS (series_kinds); i++)
    {
      CptSeries *series = cpt_series_load (db, cpt_document_kind_to_string (series_kinds[i]), error);
      if (series == NULL)
        return NULL;
      g_ptr_array_add (all, series);
    }
  return g_steal_pointer (&all);
}

gboolean
cpt_series_set (CptDatabase *db, const char *name, const char *format, int reset,
                gint64 first_number, GError **error)
{
  g_autoptr(CptSeries) series = cpt_series_load (db, name, error);
  CptSeriesReset new_reset;

  if (series == NULL)
    return FALSE;
  new_reset = reset < 0 ? series->reset : (CptSeriesReset) reset;
  if (format == NULL)
    format = series->format;
  if (!cpt_series_check_format (format, new_reset, error))
    return FALSE;
  if (series->used > 0 && new_reset != series->reset)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The %s series has already given %" PRId64 " number: when its "
                                "counter restarts can no longer change",
                                "The %s series has already given %" PRId64 " numbers: when its "
                                "counter restarts can no longer change",
                                (gulong) series->used),
                   name, series->used);
      return FALSE;
    }
  if (first_number > 0 && first_number != series->first_number && series->used > 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   _("The first number of the %s series can only be set before its first "
                     "document is validated"), name);
      return FALSE;
    }
  if (first_number > 999999999)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A first number is at most 999 999 999"));
      return FALSE;
    }
  return cpt_store_series_save (db, name, format, new_reset,
                                first_number > 0 ? first_number : series->first_number, error);
}

gint64
cpt_series_next_counter (CptSeries *series, gint64 first_number, gboolean period_used,
                         gint64 last)
{
  if (period_used)
    return last + 1;
  /* The chosen first number applies to the series' very first document only. */
  return series->used == 0 ? first_number : 1;
}

/* The counter the next number of (series, period) gets. */
static gboolean
next_counter (CptDatabase *db, CptSeries *series, const char *period, gint64 *out, GError **error)
{
  gint64 last;
  gboolean found;

  if (!cpt_store_series_last_counter (db, series->name, period, &last, &found, error))
    return FALSE;
  *out = cpt_series_next_counter (series, series->first_number, found, last);
  return TRUE;
}

gboolean
cpt_series_take_next (CptDatabase *db, const char *name, const char *iso_date, char **out_number,
                      char **out_period, gint64 *out_counter, GError **error)
{
  g_autoptr(CptSeries) series = cpt_series_load (db, name, error);
  g_autofree char *period = NULL;
  gint64 counter;

  if (series == NULL)
    return FALSE;
  period = cpt_series_period (series->reset, iso_date);
  if (!next_counter (db, series, period, &counter, error) ||
      !cpt_store_series_set_counter (db, name, period, counter, error))
    return FALSE;
  *out_number = cpt_series_format_number (series->format, counter, iso_date);
  *out_period = g_steal_pointer (&period);
  *out_counter = counter;
  return *out_number != NULL;
}

char *
cpt_series_preview (CptDatabase *db, const char *name, const char *iso_date, GError **error)
{
  g_autoptr(CptSeries) series = cpt_series_load (db, name, error);
  g_autofree char *period = NULL;
  gint64 counter;

  if (series == NULL)
    return NULL;
  period = cpt_series_period (series->reset, iso_date);
  if (!next_counter (db, series, period, &counter, error))
    return NULL;
  return cpt_series_format_number (series->format, counter, iso_date);
}
