/* cpt-document-page-private.h: what the files of CptDocumentPage share (its instance struct,
 * the functions one of them calls in another) and what the tests look at inside it. */
#pragma once

#include <adwaita.h>

#include "cpt-document-actions.h"
#include "cpt-document-header.h"
#include "cpt-document-deposits.h"
#include "cpt-document-related.h"
#include "cpt-document-page.h"
#include "cpt-document-snapshot.h"
#include "cpt-document-writes.h"
#include "cpt-documents.h"
#include "cpt-einvoice-checklist.h"
#include "cpt-lifecycle.h"
#include "cpt-lines-editor.h"
#include "cpt-preview-pane.h"
#include "cpt-totals-view.h"

G_BEGIN_DECLS

struct _CptDocumentPage
{
  AdwNavigationPage   parent_instance;

  CptContext         *context;
  CptDatabase        *db;              /* the context's */
  CptWorker          *worker;          /* the context's */
  gint64              id;
  CptDocument        *document;
  CptDocumentSnapshot *snapshot;       /* what the page shows, as last read (NULL until then) */
  GCancellable       *load_cancellable;
  guint               loads;           /* reads of the snapshot under way */
  guint               load_generation; /* of the latest read: older ones are not shown */
  guint               saves;           /* saves of the header under way */
  gboolean            read_only;
  gboolean            hidden;         /* went out of sight (another page on top) */
  guint               header_source;  /* the pause after typing in the header */
  gint64              saved_at;       /* monotonic time of the header's last save */
  CptPreviewPane     *preview;
  CptLinesEditor     *lines_editor;  /* made with the context (cpt_document_page_constructed ()) */

  /* template children */
  AdwWindowTitle     *window_title;
  AdwBanner          *banner;
  CptDocumentActions *actions;
  AdwOverlaySplitView *split_view;
  AdwBin             *preview_bin;
  CptEinvoiceChecklist *checklist;  /* "Before it can be validated" */
  CptDocumentHeader  *header;        /* client, title, dates, terms, notes: saved by the page */
  GtkBox             *lines_box;
  CptDocumentDeposits *deposits;
  CptTotalsView      *totals_view;
  CptDocumentRelated *related;
};

/* cpt-document-page.c: the document, its loading and saving */

/* The document's kind (an invoice's while none is loaded). */
CptDocumentKind  cpt_document_page_kind                     (CptDocumentPage *self);
gboolean         cpt_document_page_is_kind                  (CptDocumentPage *self,
                                                             CptDocumentKind  kind);
/* Its number, or its kind and "(draft)". */
char            *cpt_document_page_document_name            (CptDocument     *document);
/* A CptAction of the model layer, or NULL. */
const CptAction *cpt_document_page_find_action              (CptDocumentPage *self,
                                                             const char      *name);
gboolean         cpt_document_page_allowed                  (CptDocumentPage *self,
                                                             const char      *name);
void             cpt_document_page_show_error               (CptDocumentPage *self,
                                                             const char      *heading,
                                                             const GError    *error);
/* Reads everything again from the database, in the worker; the page shows it when it is
 * back. */
void             cpt_document_page_reload                   (CptDocumentPage *self);
/* The same, then calls `callback` on the main loop once it is shown (not if the page is
 * gone or a later reload replaced it). */
void             cpt_document_page_reload_then              (CptDocumentPage *self,
                                                             void           (*callback) (CptDocumentPage *self,
                                                                                         gpointer         data),
                                                             gpointer         data,
                                                             GDestroyNotify   data_free);
/* Save what waits to be saved now; TRUE when something was. */
gboolean         cpt_document_page_flush_lines              (CptDocumentPage *self);
gboolean         cpt_document_page_flush_header             (CptDocumentPage *self);
/* Monotonic time of the page's last save (of the header or of lines). */
gint64           cpt_document_page_saved_at                 (CptDocumentPage *self);
/* After the lines or the header were stored: the document as stored (its totals, read in
 * the same job; NULL keeps the one shown) and a fresh preview. */
void             cpt_document_page_show_stored              (CptDocumentPage *self,
                                                             CptDocument     *document);

/* cpt-document-page-actions.c: the actions of the document (validate, credit, print...) */

/* What follows a write of cpt_document_page_write (): `made` is its result. */
typedef void (*CptDocumentPageWritten) (CptDocumentPage *self,
                                        gint64           made,
                                        gpointer         data);
/* Stores what was typed, then runs `what` in the worker; the page takes no input until it is
 * back. Then: `then` if given, else a reload and a toast saying `message` (if not NULL); an
 * error is shown under `heading`. `data` is freed with `data_free` in any case. */
void             cpt_document_page_write                    (CptDocumentPage        *self,
                                                             CptDocumentWrite        what,
                                                             gint64                  id,
                                                             gint64                  other_id,
                                                             const char             *heading,
                                                             const char             *message,
                                                             CptDocumentPageWritten  then,
                                                             gpointer                data,
                                                             GDestroyNotify          data_free);
/* Installs the actions of the document (document.validate, .credit, .print...). */
void             cpt_document_page_class_init_actions       (GtkWidgetClass  *widget_class);
/* The Actions popover and the buttons of the header bar, for the document as it is now. */
void             cpt_document_page_rebuild_actions          (CptDocumentPage *self);

/* cpt-document-page-related.c: attaching and detaching deposits */

/* Installs document.attach-deposit and document.detach-deposit (the deposit's id). */
void             cpt_document_page_class_init_related       (GtkWidgetClass  *widget_class);

/* ---------------------------------------------------------------- for the tests */

gint64                   cpt_document_page_get_id          (CptDocumentPage *self);
/* CptDocumentLine, as shown (new lines have id 0 until saved). */
GListModel              *cpt_document_page_get_lines       (CptDocumentPage *self);
GtkColumnView           *cpt_document_page_get_lines_view  (CptDocumentPage *self);
gboolean                 cpt_document_page_get_read_only   (CptDocumentPage *self);
/* The page is reading the document (at its opening, or after a write). */
gboolean                 cpt_document_page_is_loading      (CptDocumentPage *self);
/* The totals as shown, computed from the lines as typed. */
const CptDocumentTotals *cpt_document_page_get_totals      (CptDocumentPage *self);
GtkGrid                 *cpt_document_page_get_totals_grid (CptDocumentPage *self);
/* The buttons of the Actions popover. */
GtkWidget               *cpt_document_page_get_actions_box (CptDocumentPage *self);
/* Writes what was typed without waiting for the pause, and waits (running the main loop)
 * until it is stored. */
void                     cpt_document_page_save_now        (CptDocumentPage *self);
/* The PDF that "document.print" prints, rendered from what is typed now, and the name of
 * its print job (see cpt_preview_pane_render_pdf). */
void                     cpt_document_page_render_pdf        (CptDocumentPage      *self,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GBytes                  *cpt_document_page_render_pdf_finish (CptDocumentPage      *self,
                                                              GAsyncResult         *result,
                                                              char                **out_job_name,
                                                              GError              **error);
/* What "document.save-pdf" does with the file chosen in its dialog (toast or error shown). */
void                     cpt_document_page_save_pdf_to_file        (CptDocumentPage      *self,
                                                                    GFile                *file,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
gboolean                 cpt_document_page_save_pdf_to_file_finish (CptDocumentPage      *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

G_END_DECLS
