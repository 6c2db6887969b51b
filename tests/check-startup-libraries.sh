#!/bin/sh
# The application starts without Poppler and the libraries it brings: they load with the PDF
# reader module when a PDF is first shown or printed (src/gui/pdf-module/cpt-pdf-module.h),
# not before the first frame. Fails when the application needs one of them at start, or
# when the module cannot find its own.
# Usage: check-startup-libraries.sh APPLICATION MODULE
app=$1
module=$2
status=0
at_start=$(ldd "$app") || { echo "ldd could not read $app"; exit 1; }
case "$at_start" in
  *libpoppler*) echo "$app loads Poppler at start: link it into src/gui/pdf-module only"; status=1 ;;
esac
echo "$at_start" | grep -q 'libgtk-4' || { echo "ldd listed no GTK for $app: the check reads nothing"; status=1; }
for_module=$(ldd "$module") || { echo "ldd could not read $module"; exit 1; }
case "$for_module" in
  *"not found"*) echo "$module misses libraries:"; echo "$for_module" | grep "not found"; status=1 ;;
esac
echo "$for_module" | grep -q 'libpoppler-glib' || { echo "$module does not link Poppler"; status=1; }
exit $status
