/* cpt-document-header.h: the part of a document's page that shows and edits its header: the
 * client (a CptClientPicker), the title, the date, the due date (the validity of a quote;
 * none for a credit note), the payment terms (invoices) and the notes, each date with its
 * calendar. It stores nothing itself: it says when something was typed (::changed) or
 * another client chosen (::client-changed), and writes what is typed into a document for its
 * page to save (cpt_document_header_apply ()). */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"
#include "cpt-documents.h"

G_BEGIN_DECLS

#define CPT_TYPE_DOCUMENT_HEADER (cpt_document_header_get_type ())
G_DECLARE_FINAL_TYPE (CptDocumentHeader, cpt_document_header, CPT, DOCUMENT_HEADER, AdwPreferencesGroup)

/* Signals (neither while the fields are filled, nor when read-only):
 *   ::changed ()                  the text of a field changed as typed (once per key, per
 *                                 text pasted or taken out): its page saves after a pause.
 *   ::client-changed (gint64)     a client was chosen in the picker (its id). */

CptDocumentHeader *cpt_document_header_new           (void);

/* The file the client picker lists the clients of (and adds one to). */
CptContext        *cpt_document_header_get_context   (CptDocumentHeader *self);
void               cpt_document_header_set_context   (CptDocumentHeader *self,
                                                      CptContext        *context);
/* The document whose header the fields show: setting it fills them again, replacing what
 * was typed. */
CptDocument       *cpt_document_header_get_document  (CptDocumentHeader *self);
void               cpt_document_header_set_document  (CptDocumentHeader *self,
                                                      CptDocument       *document);
/* Read-only (a validated document): the fields can be read, selected and copied, not
 * changed. */
gboolean           cpt_document_header_get_read_only (CptDocumentHeader *self);
void               cpt_document_header_set_read_only (CptDocumentHeader *self,
                                                      gboolean           read_only);
/* Writes the fields as typed into `document` (those its kind has: a quote's validity, an
 * invoice's due date and payment terms). FALSE, writing nothing, when the date is empty or
 * a date does not read: its row shows why. */
gboolean           cpt_document_header_apply         (CptDocumentHeader *self,
                                                      CptDocument       *document);
/* Shows `client_id` (named `name`) in the picker, as not chosen: a client the change to
 * which failed is replaced by the one the document still has. */
void               cpt_document_header_show_client   (CptDocumentHeader *self,
                                                      gint64             client_id,
                                                      const char        *name);
/* Gives the focus to the field of EN 16931 business term `field` ("BT-2": the date,
 * "BT-9": the due date), the title for any other. */
void               cpt_document_header_focus_field   (CptDocumentHeader *self,
                                                      const char        *field);

G_END_DECLS
