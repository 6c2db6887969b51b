/* cpt-kinds.h: the kinds and states of documents as types. Rules, the window and the CLI's
 * internals work on these enums; the strings (their nicks, as in the database's columns and
 * CHECK constraints, the CLI's JSON and the status table) appear only where data crosses a
 * border: the store's SQL, the CLI's arguments and output, JSON and XML. The enums are
 * registered as GTypes by gnome.mkenums_simple (cpt-enum-types.h), so the conversion is
 * g_enum_get_value_by_nick: a nick is the string the database keeps. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* documents.kind; schema-1.sql's CHECK lists the same nicks. */
typedef enum
{
  CPT_DOCUMENT_KIND_QUOTE,        /*< nick=quote >*/
  CPT_DOCUMENT_KIND_PROFORMA,     /*< nick=proforma >*/
  CPT_DOCUMENT_KIND_INVOICE,      /*< nick=invoice >*/
  CPT_DOCUMENT_KIND_DEPOSIT,      /*< nick=deposit >*/
  CPT_DOCUMENT_KIND_CREDIT_NOTE,  /*< nick=credit_note >*/
} CptDocumentKind;

/* documents.status: what is stored. A draft is editable; a validated document is locked. */
typedef enum
{
  CPT_DOCUMENT_STATE_DRAFT,      /*< nick=draft >*/
  CPT_DOCUMENT_STATE_VALIDATED,  /*< nick=validated >*/
} CptDocumentState;

/* The status shown to people, derived by the table of cpt-status.c (never stored). */
typedef enum
{
  CPT_DOCUMENT_STATUS_DRAFT,                      /*< nick=draft >*/
  CPT_DOCUMENT_STATUS_VALIDATED,                  /*< nick=validated >*/
  /* Pro forma */
  CPT_DOCUMENT_STATUS_IN_PREPARATION,             /*< nick=in_preparation >*/
  CPT_DOCUMENT_STATUS_INVOICED,                   /*< nick=invoiced >*/
  CPT_DOCUMENT_STATUS_SENT,                       /*< nick=sent >*/
  /* Quotes */
  CPT_DOCUMENT_STATUS_REFUSED,                    /*< nick=refused >*/
  CPT_DOCUMENT_STATUS_ACCEPTED_INVOICED,          /*< nick=accepted_invoiced >*/
  CPT_DOCUMENT_STATUS_ACCEPTED_DEPOSIT_INVOICED,  /*< nick=accepted_deposit_invoiced >*/
  CPT_DOCUMENT_STATUS_ACCEPTED_NOT_INVOICED,      /*< nick=accepted_not_invoiced >*/
  CPT_DOCUMENT_STATUS_EXPIRED,                    /*< nick=expired >*/
  /* Invoices and deposit invoices */
  CPT_DOCUMENT_STATUS_CREDITED,                   /*< nick=credited >*/
  CPT_DOCUMENT_STATUS_PARTLY_CREDITED,            /*< nick=partly_credited >*/
  CPT_DOCUMENT_STATUS_PAID,                       /*< nick=paid >*/
  CPT_DOCUMENT_STATUS_OVERDUE,                    /*< nick=overdue >*/
  CPT_DOCUMENT_STATUS_PARTIALLY_PAID,             /*< nick=partially_paid >*/
  CPT_DOCUMENT_STATUS_AWAITING_PAYMENT,           /*< nick=awaiting_payment >*/
} CptDocumentStatus;

/* The nick (a static string) of a value; NULL for a value that is none. */
const char *cpt_document_kind_to_string   (CptDocumentKind kind);
const char *cpt_document_state_to_string  (CptDocumentState state);
const char *cpt_document_status_to_string (CptDocumentStatus status);

/* The value whose nick is exactly `text` (the database's spelling: no alias, no case
 * folding; people's spellings go through cpt_document_kind_parse). FALSE, `out` untouched,
 * for any other text or NULL. */
gboolean    cpt_document_kind_from_string   (const char *text, CptDocumentKind *out);
gboolean    cpt_document_state_from_string  (const char *text, CptDocumentState *out);
gboolean    cpt_document_status_from_string (const char *text, CptDocumentStatus *out);

/* Kinds whose payments are followed: invoices and deposit invoices. */
static inline gboolean
cpt_document_kind_is_billed (CptDocumentKind kind)
{
  return kind == CPT_DOCUMENT_KIND_INVOICE || kind == CPT_DOCUMENT_KIND_DEPOSIT;
}

/* Kinds that are legal invoices (numbered in a legal series, sealed, e-invoiced). */
static inline gboolean
cpt_document_kind_is_legal (CptDocumentKind kind)
{
  return cpt_document_kind_is_billed (kind) || kind == CPT_DOCUMENT_KIND_CREDIT_NOTE;
}

G_END_DECLS
