/* cpt-store-watch.h: finds the SQL run on the main thread (DESIGN.md: the window never
 * touches the store on the main loop; issue 12 moves what still does into threads).
 *
 * With COMPTOIR_MAIN_THREAD_SQL set in the environment, every statement that a thread
 * owning the default main context (the window's main loop) runs is counted; those that last
 * at least that many milliseconds (0: all) are logged with their SQL, and a summary is
 * printed when the process ends. Two values do more:
 *   COMPTOIR_MAIN_THREAD_SQL=critical   each statement is a g_critical with its SQL (but see
 *                                       cpt_store_watch_allow ()), so that
 *                                       under G_DEBUG=fatal-criticals (the UI tests) the first
 *                                       one fails the run where it is made;
 *   COMPTOIR_MAIN_THREAD_SQL=backtrace  each statement is logged with the stack that ran it.
 * Statements run while allowed (cpt_store_watch_allow ()) are logged as "allowed SQL", so
 * that a UI test's log tells the app's statements from the test's own.
 * Without the variable nothing is installed. */
#pragma once

#include <sqlite3.h>

#include <glib.h>

void     cpt_store_watch_connection       (sqlite3 *db);
/* While allowed, the statements this thread runs are counted and logged but are not
 * criticals: the one the design lets the main loop run (PRAGMA data_version, which reads no
 * page: cpt-context.c), and what a UI test's own code reads and writes to set up and check
 * (tests/cpt-ui-test-utils.h). Returns what it was, to be put back. */
gboolean cpt_store_watch_allow            (gboolean allow);
/* Statements run on the main thread so far (0 when not watching); for tests: a page that
 * must not read on the main loop. */
guint64  cpt_store_watch_get_n_statements (void);
/* The text of the statements run on the main thread since the count was `n` (the last 256). */
GStrv    cpt_store_watch_dup_since        (guint64 n);
