/* cpt-document-page-private.h: what the files of CptDocumentPage share (its instance struct,
 * the functions one of them calls in another) and what the tests look at inside it. */
#pragma once

#include <adwaita.h>

#include "cpt-client-picker.h"
#include "cpt-document-deposits.h"
#include "cpt-document-related.h"
#include "cpt-document-page.h"
#include "cpt-document-snapshot.h"
#include "cpt-document-writes.h"
#include "cpt-documents.h"
#include "cpt-einvoice-checklist.h"
#include "cpt-lifecycle.h"
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
  gint64              select_line_id;  /* the line to select once the lines are read */
  GListStore         *lines;           /* CptDocumentLine; new lines have id 0 until saved */
  GtkSingleSelection *selection;
  GHashTable         *dirty;           /* CptDocumentLine -> itself, lines to save */
  GHashTable         *adding;          /* new lines being added: they wait for their id */
  guint               saves;           /* saves of lines or header under way */
  guint               busy;            /* writes the page takes no input during */
  gint64              default_vat;
  char               *default_exemption;
  gboolean            read_only;
  gboolean            loading;
  gboolean            hidden;         /* went out of sight (another page on top) */
  gboolean            show_discounts;
  guint               save_source;
  guint               header_source;
  gint64              saved_at;       /* monotonic time of the page's last save */
  CptPreviewPane     *preview;
  GtkLabel           *line_error_label;  /* under the lines: why a field is refused */
  GtkWidget          *line_error_entry;  /* the field it is about (not a reference) */

  /* template children */
  AdwWindowTitle     *window_title;
  AdwBanner          *banner;
  GtkWidget          *validate_button;
  GtkButton          *next_step_button;
  GtkWidget          *print_button;
  GtkMenuButton      *actions_button;
  GtkBox             *actions_box;
  AdwOverlaySplitView *split_view;
  AdwBin             *preview_bin;
  AdwPreferencesGroup *details_group;
  AdwActionRow       *client_row;
  CptClientPicker    *client_picker;
  AdwEntryRow        *title_row;
  AdwEntryRow        *date_row;
  AdwEntryRow        *due_row;
  CptEinvoiceChecklist *checklist;  /* "Before it can be validated" */
  AdwEntryRow        *terms_row;
  AdwEntryRow        *notes_row;
  GtkWidget          *add_button;
  GtkStack           *lines_stack;
  GtkStack           *lines_layout;    /* "table", or "compact" in a narrow window */
  GtkColumnView      *lines_view;
  GtkListBox         *lines_list;      /* the compact rows (CptLineRow) */
  gboolean            narrow;          /* the narrow breakpoint applies */
  guint               layout_source;
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
/* The totals and the VAT breakdown, from the lines as typed. */
void             cpt_document_page_update_totals            (CptDocumentPage *self);
/* `line` is to be saved after a pause in the typing. */
void             cpt_document_page_mark_dirty               (CptDocumentPage *self,
                                                             CptDocumentLine *line);
/* Save now what waits for the pause. */
/* Save what waits to be saved now; TRUE when something was. */
gboolean         cpt_document_page_flush_lines              (CptDocumentPage *self);
gboolean         cpt_document_page_flush_header             (CptDocumentPage *self);
/* After the lines or the header were stored: the document as stored (its totals, read in
 * the same job; NULL keeps the one shown) and a fresh preview. */
void             cpt_document_page_show_stored              (CptDocumentPage *self,
                                                             CptDocument     *document);
/* A write the page takes no input during, with no change to the eye. */
void             cpt_document_page_begin_busy               (CptDocumentPage *self);
void             cpt_document_page_end_busy                 (CptDocumentPage *self);

/* cpt-document-page-lines.c: the table of the lines */

/* The columns of the lines view, and its model. */
void             cpt_document_page_init_lines               (CptDocumentPage *self);
/* Installs the actions on the lines (document.add-*, document.show-discounts, lines.*). */
void             cpt_document_page_class_init_lines         (GtkWidgetClass  *widget_class);
/* The narrow breakpoint applies or no longer does: the lines become rows, or a table. */
void             cpt_document_page_narrow_lines             (CptDocumentPage *self);
void             cpt_document_page_wide_lines               (CptDocumentPage *self);
/* Shows `lines` (the page takes them to edit) and selects `select_line_id` if not 0. */
void             cpt_document_page_set_lines                (CptDocumentPage *self,
                                                             GPtrArray       *lines,
                                                             gint64           select_line_id);
gboolean         cpt_document_page_line_is_item             (CptDocumentLine *line);
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
