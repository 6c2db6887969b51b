/* cpt-pdfa.h: turns the PDF that cairo wrote into a PDF/A-3 (level B) Factur-X file, with
 * qpdf's C API: the XML embedded as an associated file (/AF and /EmbeddedFiles, with its
 * AFRelationship), XMP metadata with the pdfaid and Factur-X schemas (and the PDF/A
 * extension schema that describes the latter), an sRGB OutputIntent, an Info dictionary that
 * agrees with the XMP, and a document ID. Cairo cannot write these parts. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  const char *title;           /* "Facture FA-2026-0001" */
  const char *author;          /* the seller */
  const char *subject;         /* "Atelier Lumière — Garage Dupont SA" */
  const char *language;        /* "fr" or "en" */
  GDateTime  *date;            /* creation and modification date */
  const char *attachment_name; /* "factur-x.xml" */
  const char *attachment_description;
  const char *relationship;    /* "Alternative", "Data", "Source" */
  const char *conformance;     /* Factur-X level: "EN 16931" */
  const char *document_type;   /* Factur-X document type: "INVOICE" */
} CptPdfaInfo;

GBytes *cpt_pdfa_make_facturx (GBytes *pdf, GBytes *xml, const CptPdfaInfo *info, GError **error);

G_END_DECLS
