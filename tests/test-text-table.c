/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-text-table"

#include "config.h"

#include <math.h>

#include "mqlw-core.h"

/* A bucket table with 8-digit counts, built by hand: the columns stay aligned.
 * The expected lines were laid out with Python's str.rjust / str.ljust (each
 * column as wide as its widest cell, two spaces between columns). */
static void
test_buckets_eight_digits (void)
{
  MqlwBucket buckets[2] = { { 0 } };
  MqlwBucketTable table = { 0 };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  buckets[0].lo = 0;
  buckets[0].hi = 50;
  buckets[0].leads = 12345678;
  buckets[0].share = 0.5;
  buckets[0].stage[MQLW_STAGE_SQL] = (MqlwRate) { .present = TRUE, .known = 12345678, .reached = 1234567,
                                                  .rate = 0.1 };
  buckets[0].verdict = MQLW_VERDICT_TOO_EARLY;
  buckets[1].lo = 50;
  buckets[1].hi = INFINITY;
  buckets[1].leads = 12345679;
  buckets[1].share = 0.5;
  buckets[1].stage[MQLW_STAGE_SQL] = (MqlwRate) { .present = TRUE, .known = 12345679, .reached = 7407407,
                                                  .rate = 0.6 };
  buckets[1].verdict = MQLW_VERDICT_HOT;
  table.n_buckets = 2;
  table.buckets = buckets;
  table.total_leads = 24691357;

  text = mqlw_text_buckets (&table);
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Score     Leads   Share                        SQL  Verdict");
  g_assert_cmpstr (lines[1], ==, "0–49   12345678  50.0 %  10.0 % (1234567/12345678)  Too early");
  g_assert_cmpstr (lines[2], ==, "50+    12345679  50.0 %  60.0 % (7407407/12345679)  Hot");
}

/* Widths count characters: "—" (3 bytes) pads like one. */
static void
test_characters (void)
{
  g_autoptr(MqlwTextTable) table = mqlw_text_table_new ("lr");
  g_autofree char *text = NULL;
  const char *a[] = { "x", "—" };
  const char *b[] = { "yy", "10" };

  mqlw_text_table_add_row (table, a);
  mqlw_text_table_add_row (table, b);
  text = mqlw_text_table_to_string (table, "  ");
  g_assert_cmpstr (text, ==, "  x    —\n  yy  10\n");
}

/* What a terminal is shown of hostile text: ESC as ␛ (U+241B), CR as ␍
 * (U+240D), DEL as ␡ (U+2421), NEL (U+0085, C1) as �; the right-to-left
 * override U+202E, the isolate U+2066, RLM U+200F and the line separator
 * U+2028 each as � (U+FFFD), never acting; a line break and a tab as they are;
 * the byte 0xFF (not UTF-8) as �. */
static void
test_visible (void)
{
  g_autofree char *text = mqlw_text_visible ("a\x1b" "b\rc\x7f" "d\xc2\x85" "e\xe2\x80\xae" "f\xe2\x81\xa6"
                                             "g\xe2\x80\x8f" "h\xe2\x80\xa8" "i\nj\tk\xffl");

  g_assert_cmpstr (text, ==, "a\xe2\x90\x9b" "b\xe2\x90\x8d" "c\xe2\x90\xa1" "d\xef\xbf\xbd" "e\xef\xbf\xbd"
                             "f\xef\xbf\xbd" "g\xef\xbf\xbd" "h\xef\xbf\xbd" "i\nj\tk\xef\xbf\xbd" "l");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/text-table/buckets-eight-digits", test_buckets_eight_digits);
  g_test_add_func ("/mqlw/text-table/characters", test_characters);
  g_test_add_func ("/mqlw/text-table/visible", test_visible);
  return g_test_run ();
}
