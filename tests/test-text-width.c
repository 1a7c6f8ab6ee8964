/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-text-width"

/* The columns a terminal gives text (mqlw_text_width) and a text table sized
 * by them: German umlauts and ß take one column, CJK characters and emoji
 * two, a combining accent none. Expected widths and lines by hand, from the
 * East Asian Width of each character (Unicode's EastAsianWidth.txt: 商, 机,
 * U+1F525 FIRE are W; ä, ö, ß, – are N or A, one column on a Western
 * terminal; U+0301 is a combining mark, Mn). */
#include "config.h"

#include "mqlw-text-table.h"

static void
test_width (void)
{
  static const struct { const char *text; glong width; } cases[] = {
    { "", 0 },
    { "Lead", 4 },
    { "Größe", 5 },                       /* G r ö ß e */
    { "Interessent – Größe", 19 },        /* 11 + space + dash + space + 5 */
    { "商机阶段", 8 },                    /* four wide characters */
    { "\U0001F525 Heiß", 7 },             /* fire 2, space 1, Heiß 4 */
    { "Cafe\u0301", 4 },                  /* e + combining acute: one column */
    { "\u2014", 1 },                      /* em dash */
    { "ＡＢ", 4 },                        /* full-width Latin */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (mqlw_text_width (cases[i].text), ==, cases[i].width);
    }
}

/* Two columns, left then right aligned: the first is as wide as its widest
 * cell in terminal columns (商机阶段: 8, Größe: 5, 🔥: 2 → 8), two spaces
 * apart, the second right-aligned to "Leads" (5). */
static void
test_table (void)
{
  g_autoptr(MqlwTextTable) table = mqlw_text_table_new ("lr");
  g_autofree char *text = NULL;
  const char *rows[][2] = {
    { "Value", "Leads" },
    { "商机阶段", "1" },
    { "Größe", "12" },
    { "\U0001F525", "345" },
  };
  const char *expected =
    "Value     Leads\n"          /* 5 + 3 pad + 2 gap */
    "商机阶段      1\n"         /* 8 + 0 pad + 2 gap + 4 spaces before "1" */
    "Größe        12\n"         /* 5 + 3 pad + 2 gap + 3 spaces */
    "\U0001F525          345\n"; /* 2 + 6 pad + 2 gap + 2 spaces */

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    mqlw_text_table_add_row (table, rows[i]);
  text = mqlw_text_table_to_string (table, NULL);
  g_assert_cmpstr (text, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/text-width/width", test_width);
  g_test_add_func ("/mqlw/text-width/table", test_table);
  return g_test_run ();
}
