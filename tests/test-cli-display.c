/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What `mqlw` prints for people, in columns a terminal keeps aligned.
 * - inspect's stage table (tests/data/cli/stage-wide.csv): values with German
 *   umlauts, CJK characters and an emoji used to be padded by bytes (printf's
 *   %-28s), so every column after a long or non-ASCII value moved. The
 *   expected lines are worked by hand: the Value column is as wide as
 *   "Interessent – Größe" (19 columns: ö, ß and – take one), 商机阶段 takes 8
 *   (four wide characters), "🔥 Heiß" 7 (the emoji is wide); columns are two
 *   spaces apart and Leads is right-aligned to its heading (5). */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "test-util.h"

static void
run_c_utf8 (Run *run,
            ...)
{
  va_list args;

  va_start (args, run);
  /* English messages and ungrouped counts whatever the tester's locale. */
  run_mqlw_env_valist (run, NULL, NULL, "LC_ALL", "C.UTF-8", args);
  va_end (args);
}

static void
test_stage_table_wide (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "cli", "stage-wide.csv", NULL);
  g_auto(Run) run = { 0 };
  const char *unknown = "unknown: not in the table, so its leads stay unknown";
  g_autofree char *expected = NULL;
  const char *start;
  const char *end;

  run_c_utf8 (&run, "inspect", path, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Stage column: 15 ("Lifecycle Stage"); Value: 19; Leads: 5. */
  expected = g_strdup_printf (
    "Stage column%3s  Value%14s  Leads  Reads as\n"
    "Lifecycle Stage  Lead%15s      2  no stage, open\n"
    "Lifecycle Stage  Interessent – Größe      1  %s\n"
    "Lifecycle Stage  商机阶段%11s      1  %s\n"
    "Lifecycle Stage  \U0001F525 Heiß%12s      1  %s\n"
    "Lifecycle Stage  Customer%11s      1  won, closed\n"
    "Lead Status%4s  Neu%16s      6  no stage, open\n",
    "", "", "", unknown, "", unknown, "", unknown, "", "", "");
  start = strstr (run.out, "Stage column");
  g_assert_nonnull (start);
  end = strstr (start, "\n\n");
  g_assert_nonnull (end);
  {
    g_autofree char *table = g_strndup (start, (gsize) (end - start) + 1);

    g_assert_cmpstr (table, ==, expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/cli-display/stage-table-wide", test_stage_table_wide);
  return g_test_run ();
}
