/* cpt-pdf-pages.c: see cpt-pdf-pages.h. */
#define G_LOG_DOMAIN "cpt-pdf-pages"

#include "cpt-pdf-pages.h"
#include "pdf-module/cpt-pdf-module.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <gmodule.h>

struct _CptPdfPages
{
  GObject             parent_instance;
  const CptPdfModule *module;
  GObject            *document;   /* the module's */
};

G_DEFINE_FINAL_TYPE (CptPdfPages, cpt_pdf_pages, G_TYPE_OBJECT)

/* The folder of comptoir-pdf.so: COMPTOIR_MODULEDIR when run from a build tree (./dev and
 * the tests set it), else where it is installed. */
static char *
module_path (void)
{
  const char *dir = g_getenv ("COMPTOIR_MODULEDIR");

  if (dir == NULL || *dir == '\0')
    dir = MODULEDIR;
  return g_build_filename (dir, "comptoir-pdf." G_MODULE_SUFFIX, NULL);
}

/* Opens the module once per process and keeps it (its Poppler cannot be unloaded while
 * documents may still be around). A failure is kept too: the file does not come back by
 * itself, and each preview says why at once. */
static const CptPdfModule *
load_module (GError **error)
{
  static GMutex lock;
  static const CptPdfModule *loaded;
  static char *failure;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (loaded == NULL && failure == NULL)
    {
      g_autofree char *path = module_path ();
      g_autoptr(GError) local_error = NULL;
      GModule *module = g_module_open_full (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL, &local_error);
      CptPdfModuleGetFunc get = NULL;

      if (module == NULL)
        /* Translators: %s is a file's path, then the system's reason */
        failure = g_strdup_printf (_("Comptoir’s PDF reader could not be loaded from %s: %s"),
                                   path, local_error->message);
      else if (!g_module_symbol (module, CPT_PDF_MODULE_ENTRY, (gpointer *) &get) || get == NULL ||
               get () == NULL || get ()->version != CPT_PDF_MODULE_VERSION)
        {
          /* Translators: %s is a file's path */
          failure = g_strdup_printf (_("Comptoir’s PDF reader at %s belongs to another version of Comptoir"), path);
          g_module_close (module);
        }
      else
        {
          g_module_make_resident (module);
          loaded = get ();
        }
    }
  if (loaded == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, failure);
  return loaded;
}

static void
cpt_pdf_pages_finalize (GObject *object)
{
  CptPdfPages *self = CPT_PDF_PAGES (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (cpt_pdf_pages_parent_class)->finalize (object);
}

static void
cpt_pdf_pages_class_init (CptPdfPagesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cpt_pdf_pages_finalize;
}

static void
cpt_pdf_pages_init (CptPdfPages *self)
{
}

CptPdfPages *
cpt_pdf_pages_new_from_bytes (GBytes *pdf, GError **error)
{
  const CptPdfModule *module;
  GObject *document;
  CptPdfPages *self;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  module = load_module (error);
  if (module == NULL)
    return NULL;
  document = module->open (pdf, error);
  if (document == NULL)
    return NULL;
  self = g_object_new (CPT_TYPE_PDF_PAGES, NULL);
  self->module = module;
  self->document = document;
  return self;
}

int
cpt_pdf_pages_get_n_pages (CptPdfPages *self)
{
  g_return_val_if_fail (CPT_IS_PDF_PAGES (self), 0);

  return self->module->get_n_pages (self->document);
}

gboolean
cpt_pdf_pages_get_page_size (CptPdfPages *self, int index, double *width, double *height)
{
  g_return_val_if_fail (CPT_IS_PDF_PAGES (self), FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (index < 0 || index >= cpt_pdf_pages_get_n_pages (self))
    return FALSE;
  return self->module->get_page_size (self->document, index, width, height);
}

gboolean
cpt_pdf_pages_render_page (CptPdfPages *self, int index, cairo_t *cr, gboolean for_printing)
{
  g_return_val_if_fail (CPT_IS_PDF_PAGES (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (index < 0 || index >= cpt_pdf_pages_get_n_pages (self))
    return FALSE;
  return self->module->render_page (self->document, index, cr, for_printing);
}
