/* cpt-cli.h: shared pieces of comptoir-cli: argument parsing, output, exit statuses. */
#pragma once

#include <json-glib/json-glib.h>

#include "cpt-database.h"

G_BEGIN_DECLS

/* Exit statuses, a contract with scripts. */
enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_REFUSED = 1,  /* bad input or a rule said no */
  CLI_EXIT_USAGE = 2,    /* the command line itself is wrong */
  CLI_EXIT_UNVERIFIED = 3, /* check: nothing wrong seen, but the seal cannot be verified here */
};

/* Makes stdout and stderr show control characters and bytes that are not UTF-8 as U+FFFD
 * (cpt-cli-output.c). Called first thing in main(). */
void cli_output_filter_install (void);

#define CLI_USAGE_ERROR (cli_usage_error_quark ())
GQuark cli_usage_error_quark (void);

typedef struct
{
  const char *name;        /* without the dashes: "client" for --client */
  gboolean    has_value;
  gboolean    repeatable;
} CliOption;

typedef struct
{
  GHashTable *options;     /* name -> GPtrArray of values ("" for flags) */
  GPtrArray  *positional;
} CliArgs;

/* Parses argv[0..argc) against `spec` (terminated by a NULL name). "--name=value" and
 * "--name value" both work; unknown options are usage errors. */
gboolean    cli_args_parse     (int argc, char **argv, const CliOption *spec, CliArgs *out,
                                GError **error);
void        cli_args_clear     (CliArgs *args);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliArgs, cli_args_clear)

gboolean    cli_args_has       (CliArgs *args, const char *name);
const char *cli_args_get       (CliArgs *args, const char *name);
GPtrArray  *cli_args_get_all   (CliArgs *args, const char *name);
/* Positional argument `index` parsed as an id (> 0), or a usage error naming `what`. */
gboolean    cli_args_id        (CliArgs *args, guint index, const char *what, gint64 *out,
                                GError **error);
gboolean    cli_parse_id       (const char *text, const char *what, gint64 *out, GError **error);
gboolean    cli_parse_count    (const char *text, const char *what, guint64 max, guint64 *out,
                                GError **error);
gboolean    cli_expect_positional (CliArgs *args, guint min, guint max, const char *usage,
                                   GError **error);

/* Prints a JSON node to stdout, pretty. */
void        cli_print_json     (JsonNode *node);
/* Decimal strings for JSON (amounts "1234.50", quantities "1.5", rates "20"). */
void        cli_json_money     (JsonBuilder *builder, const char *member, gint64 minor);

/* A column of a text table: `text` cut to `width` columns on the terminal (whole
 * characters, never in the middle of one) and padded with spaces to it. Terminal columns,
 * not bytes: "Éric" takes 4 like "Eric", a CJK character 2, a combining accent none. */
char       *cli_cell           (const char *text, guint width);

/* Commands: each returns an exit status and writes its own output. */
typedef int (*CliCommand) (CptDatabase *db, int argc, char **argv, GError **error);

int cli_company  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_client   (CptDatabase *db, int argc, char **argv, GError **error);
int cli_product  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document (CptDatabase *db, int argc, char **argv, GError **error);
int cli_search   (CptDatabase *db, int argc, char **argv, GError **error);
int cli_demo     (CptDatabase *db, int argc, char **argv, GError **error);
int cli_quote    (CptDatabase *db, int argc, char **argv, GError **error);
int cli_deposit  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_check    (CptDatabase *db, int argc, char **argv, GError **error);
int cli_series   (CptDatabase *db, int argc, char **argv, GError **error);
int cli_payment  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_dashboard (CptDatabase *db, int argc, char **argv, GError **error);
int cli_backup    (CptDatabase *db, int argc, char **argv, GError **error);
int cli_mail      (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_email  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_send_mail       (CptDatabase *db, int argc, char **argv, gboolean reminder, GError **error);
int cli_reminder        (CptDatabase *db, int argc, char **argv, GError **error);
int cli_mail_template   (CptDatabase *db, int argc, char **argv, GError **error);
int cli_outbox          (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_emails (CptDatabase *db, int argc, char **argv, GError **error);
/* Runs without opening the company file: it is the one being replaced. */
int cli_restore   (const char *db_path, int argc, char **argv, GError **error);
int cli_document_mark_paid   (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_mark_unpaid (CptDatabase *db, int argc, char **argv, GError **error);
int cli_client_balance  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_client_deposits (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_validate (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_send     (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_finalize (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_credit   (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_actions  (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_render     (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_export_xml (CptDatabase *db, int argc, char **argv, GError **error);
/* cpt-cli-rules.c: the EN 16931 / BR-FR rules a document breaks */
int cli_document_check      (CptDatabase *db, int argc, char **argv, GError **error);
int cli_document_render_all (CptDatabase *db, int argc, char **argv, GError **error);

/* Record helpers: "KEY=VALUE" edits and JSON / text dumps of every field. */
#include "cpt-record.h"
gboolean    cli_apply_assignments (const CptRecordClass *record, GObject *object,
                                   GPtrArray *assignments, GError **error);
void        cli_record_to_json     (const CptRecordClass *record, GObject *object,
                                    JsonBuilder *builder);
void        cli_record_print       (const CptRecordClass *record, GObject *object);

G_END_DECLS
