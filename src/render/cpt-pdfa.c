#define G_LOG_DOMAIN "cpt-pdfa"

#include "cpt-pdfa.h"
#include "cpt-error.h"
#include "cpt-render-resources.h"

#include <glib/gi18n-lib.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#define ICC_RESOURCE "/io/github/comptoir/Comptoir/render/data/sRGB.icc"
#define PRODUCER "Comptoir " PACKAGE_VERSION " (cairo, qpdf)"

/* The PDF/A extension schema that declares the Factur-X XMP properties; PDF/A validators
 * refuse properties of an undeclared schema. From the Factur-X specification. */
static const char facturx_extension_schema[] =
  "  <rdf:Description rdf:about=\"\"\n"
  "      xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
  "      xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
  "      xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
  "   <pdfaExtension:schemas>\n"
  "    <rdf:Bag>\n"
  "     <rdf:li rdf:parseType=\"Resource\">\n"
  "      <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n"
  "      <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>\n"
  "      <pdfaSchema:prefix>fx</pdfaSchema:prefix>\n"
  "      <pdfaSchema:property>\n"
  "       <rdf:Seq>\n"
  "        <rdf:li rdf:parseType=\"Resource\">\n"
  "         <pdfaProperty:name>DocumentFileName</pdfaProperty:name>\n"
  "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
  "         <pdfaProperty:category>external</pdfaProperty:category>\n"
  "         <pdfaProperty:description>name of the embedded XML invoice file</pdfaProperty:description>\n"
  "        </rdf:li>\n"
  "        <rdf:li rdf:parseType=\"Resource\">\n"
  "         <pdfaProperty:name>DocumentType</pdfaProperty:name>\n"
  "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
  "         <pdfaProperty:category>external</pdfaProperty:category>\n"
  "         <pdfaProperty:description>INVOICE</pdfaProperty:description>\n"
  "        </rdf:li>\n"
  "        <rdf:li rdf:parseType=\"Resource\">\n"
  "         <pdfaProperty:name>Version</pdfaProperty:name>\n"
  "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
  "         <pdfaProperty:category>external</pdfaProperty:category>\n"
  "         <pdfaProperty:description>The actual version of the Factur-X XML schema</pdfaProperty:description>\n"
  "        </rdf:li>\n"
  "        <rdf:li rdf:parseType=\"Resource\">\n"
  "         <pdfaProperty:name>ConformanceLevel</pdfaProperty:name>\n"
  "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
  "         <pdfaProperty:category>external</pdfaProperty:category>\n"
  "         <pdfaProperty:description>The conformance level of the embedded Factur-X data</pdfaProperty:description>\n"
  "        </rdf:li>\n"
  "       </rdf:Seq>\n"
  "      </pdfaSchema:property>\n"
  "     </rdf:li>\n"
  "    </rdf:Bag>\n"
  "   </pdfaExtension:schemas>\n"
  "  </rdf:Description>\n";

static char *
xmp_packet (const CptPdfaInfo *info, const char *xmp_date)
{
  g_autofree char *title = g_markup_escape_text (info->title ? info->title : "", -1);
  g_autofree char *author = g_markup_escape_text (info->author ? info->author : "", -1);
  g_autofree char *subject = g_markup_escape_text (info->subject ? info->subject : "", -1);
  g_autofree char *name = g_markup_escape_text (info->attachment_name, -1);
  g_autofree char *level = g_markup_escape_text (info->conformance, -1);
  g_autofree char *type = g_markup_escape_text (info->document_type, -1);
  GString *out = g_string_new (NULL);

  g_string_append (out, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
  g_string_append (out, "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                        "   <pdfaid:part>3</pdfaid:part>\n"
                        "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                        "  </rdf:Description>\n");
  g_string_append_printf (out,
                          "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                          "   <dc:format>application/pdf</dc:format>\n"
                          "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n"
                          "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n"
                          "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n"
                          "  </rdf:Description>\n", title, author, subject);
  g_string_append_printf (out,
                          "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                          "   <pdf:Producer>%s</pdf:Producer>\n"
                          "  </rdf:Description>\n", PRODUCER);
  g_string_append_printf (out,
                          "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                          "   <xmp:CreatorTool>Comptoir %s</xmp:CreatorTool>\n"
                          "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                          "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                          "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                          "  </rdf:Description>\n", PACKAGE_VERSION, xmp_date, xmp_date, xmp_date);
  g_string_append_printf (out,
                          "  <rdf:Description rdf:about=\"\" xmlns:fx=\"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#\">\n"
                          "   <fx:DocumentType>%s</fx:DocumentType>\n"
                          "   <fx:DocumentFileName>%s</fx:DocumentFileName>\n"
                          "   <fx:Version>1.0</fx:Version>\n"
                          "   <fx:ConformanceLevel>%s</fx:ConformanceLevel>\n"
                          "  </rdf:Description>\n", type, name, level);
  g_string_append (out, facturx_extension_schema);
  g_string_append (out, " </rdf:RDF>\n</x:xmpmeta>\n");
  /* room for in-place edits, as XMP writers leave */
  for (int i = 0; i < 10; i++)
    g_string_append (out, "                                                                                \n");
  g_string_append (out, "<?xpacket end=\"w\"?>");
  return g_string_free (out, FALSE);
}

/* A PDF string of any text: qpdf writes UTF-16 when it is not plain ASCII. */
static qpdf_oh
text (qpdf_data q, const char *utf8)
{
  return qpdf_oh_new_unicode_string (q, utf8 ? utf8 : "");
}

static qpdf_oh
new_stream (qpdf_data q, const void *data, gsize size, const char *dictionary)
{
  qpdf_oh stream = qpdf_oh_new_stream (q);
  qpdf_oh dict = qpdf_oh_get_dict (q, stream);
  qpdf_oh entries = qpdf_oh_parse (q, dictionary);
  qpdf_oh null = qpdf_oh_new_null (q);

  qpdf_oh_replace_stream_data (q, stream, data, size, null, null);
  /* copy the entries into the stream's dictionary */
  qpdf_oh_begin_dict_key_iter (q, entries);
  while (qpdf_oh_dict_more_keys (q))
    {
      const char *key = qpdf_oh_dict_next_key (q);
      qpdf_oh_replace_key (q, dict, key, qpdf_oh_get_key (q, entries, key));
    }
  return qpdf_make_indirect_object (q, stream);
}

static gboolean
check (qpdf_data q, GError **error)
{
  if (!qpdf_has_error (q))
    return TRUE;
  g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The PDF/A file could not be made: %s"),
               qpdf_get_error_full_text (q, qpdf_get_error (q)));
  return FALSE;
}

GBytes *
cpt_pdfa_make_facturx (GBytes *pdf, GBytes *xml, const CptPdfaInfo *info, GError **error)
{
  qpdf_data q = qpdf_init ();
  g_autoptr(GBytes) icc = NULL;
  g_autofree char *pdf_date = NULL, *xmp_date = NULL, *xmp = NULL, *params = NULL;
  g_autoptr(GDateTime) utc = NULL;
  qpdf_oh root, trailer, info_dict, intent, intents, file, spec, ef, af, names, embedded, list;
  gsize pdf_size, xml_size, icc_size;
  const char *pdf_data = g_bytes_get_data (pdf, &pdf_size);
  const guchar *xml_data = g_bytes_get_data (xml, &xml_size);
  const guchar *icc_data;
  GBytes *result = NULL;

  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  icc = g_resource_lookup_data (cpt_render_get_resource (), ICC_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (icc == NULL)
    goto out;
  icc_data = g_bytes_get_data (icc, &icc_size);
  if (qpdf_read_memory (q, "invoice.pdf", pdf_data, pdf_size, NULL) & QPDF_ERRORS)
    {
      check (q, error);
      goto out;
    }

  /* Dates: PDF "D:20261122093000Z", XMP "2026-11-22T09:30:00Z". Both in UTC. */
  utc = g_date_time_to_utc (info->date);
  pdf_date = g_date_time_format (utc, "D:%Y%m%d%H%M%SZ");
  xmp_date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  root = qpdf_get_root (q);
  trailer = qpdf_get_trailer (q);

  /* Info, the same as the XMP. */
  info_dict = qpdf_oh_get_key (q, trailer, "/Info");
  if (!qpdf_oh_is_dictionary (q, info_dict))
    {
      info_dict = qpdf_make_indirect_object (q, qpdf_oh_new_dictionary (q));
      qpdf_oh_replace_key (q, trailer, "/Info", info_dict);
    }
  qpdf_oh_replace_key (q, info_dict, "/Title", text (q, info->title));
  qpdf_oh_replace_key (q, info_dict, "/Author", text (q, info->author));
  qpdf_oh_replace_key (q, info_dict, "/Subject", text (q, info->subject));
  qpdf_oh_replace_key (q, info_dict, "/Creator", text (q, "Comptoir " PACKAGE_VERSION));
  qpdf_oh_replace_key (q, info_dict, "/Producer", text (q, PRODUCER));
  qpdf_oh_replace_key (q, info_dict, "/CreationDate", text (q, pdf_date));
  qpdf_oh_replace_key (q, info_dict, "/ModDate", text (q, pdf_date));
  qpdf_oh_remove_key (q, info_dict, "/Keywords");

  /* XMP metadata, never compressed. */
  xmp = xmp_packet (info, xmp_date);
  qpdf_oh_replace_key (q, root, "/Metadata",
                       new_stream (q, xmp, strlen (xmp), "<< /Type /Metadata /Subtype /XML >>"));

  /* sRGB output intent: what the device colours of the page mean. */
  intent = qpdf_oh_parse (q, "<< /Type /OutputIntent /S /GTS_PDFA1 "
                             "/OutputConditionIdentifier (sRGB IEC61966-2.1) "
                             "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>");
  qpdf_oh_replace_key (q, intent, "/DestOutputProfile", new_stream (q, icc_data, icc_size, "<< /N 3 >>"));
  intents = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, intents, intent);
  qpdf_oh_replace_key (q, root, "/OutputIntents", intents);

  /* The XML as an associated file of the document. */
  params = g_strdup_printf ("<< /Type /EmbeddedFile /Subtype /text#2Fxml /Params << /Size %zu >> >>", xml_size);
  file = new_stream (q, xml_data, xml_size, params);
  qpdf_oh_replace_key (q, qpdf_oh_get_key (q, qpdf_oh_get_dict (q, file), "/Params"), "/ModDate",
                       text (q, pdf_date));
  spec = qpdf_oh_parse (q, "<< /Type /Filespec >>");
  qpdf_oh_replace_key (q, spec, "/F", text (q, info->attachment_name));
  qpdf_oh_replace_key (q, spec, "/UF", text (q, info->attachment_name));
  qpdf_oh_replace_key (q, spec, "/Desc", text (q, info->attachment_description));
  {
    g_autofree char *relationship = g_strdup_printf ("/%s", info->relationship);
    qpdf_oh_replace_key (q, spec, "/AFRelationship", qpdf_oh_new_name (q, relationship));
  }
  ef = qpdf_oh_new_dictionary (q);
  qpdf_oh_replace_key (q, ef, "/F", file);
  qpdf_oh_replace_key (q, ef, "/UF", file);
  qpdf_oh_replace_key (q, spec, "/EF", ef);
  spec = qpdf_make_indirect_object (q, spec);
  af = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, af, spec);
  qpdf_oh_replace_key (q, root, "/AF", af);

  names = qpdf_oh_get_key (q, root, "/Names");
  if (!qpdf_oh_is_dictionary (q, names))
    {
      names = qpdf_oh_new_dictionary (q);
      qpdf_oh_replace_key (q, root, "/Names", names);
    }
  embedded = qpdf_oh_new_dictionary (q);
  list = qpdf_oh_new_array (q);
  qpdf_oh_append_item (q, list, text (q, info->attachment_name));
  qpdf_oh_append_item (q, list, spec);
  qpdf_oh_replace_key (q, embedded, "/Names", list);
  qpdf_oh_replace_key (q, names, "/EmbeddedFiles", embedded);
  {
    g_autofree char *lang = g_strdup_printf ("%s", g_strcmp0 (info->language, "en") == 0 ? "en" : "fr-FR");
    qpdf_oh_replace_key (q, root, "/Lang", text (q, lang));
  }
  if (!check (q, error))
    goto out;

  /* PDF 1.7 (PDF/A-3 is based on it); the ID is a hash of the content, so the same
   * document always gives the same file. */
  if (qpdf_init_write_memory (q) & QPDF_ERRORS)
    {
      check (q, error);
      goto out;
    }
  qpdf_set_minimum_pdf_version (q, "1.7");
  qpdf_set_deterministic_ID (q, QPDF_TRUE);
  qpdf_set_compress_streams (q, QPDF_TRUE);
  qpdf_set_object_stream_mode (q, qpdf_o_preserve);
  if (qpdf_write (q) & QPDF_ERRORS)
    {
      check (q, error);
      goto out;
    }
  result = g_bytes_new (qpdf_get_buffer (q), qpdf_get_buffer_length (q));

out:
  qpdf_cleanup (&q);
  return result;
}
