/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Platform-shaped and hostile input through `mqlw` (tests/data/hostile): what
 * broke before and must not break again while the parse loop, the column store
 * and the project reader change.
 * - excel-sep.csv: a German-Excel style export (Dynamics 365 column names)
 *   with Excel's "sep=;" first line, CRLF, d.m.yyyy dates, "1.234,50"
 *   amounts, placeholders and a quoted two-line note. The "sep=" line used to
 *   become the header ("sep=", column_2) and every row an error.
 * - excel-sep-ragged.csv: the same with a row of 5 fields on file line 4 (the
 *   "sep=" line counts: the message names the line an editor shows).
 * - a value holding a line break used to break inspect's table (each reason
 *   then stood under the wrong column).
 * - a file name that is not UTF-8 (bytes a file system allows) used to make
 *   the JSON output invalid.
 * - score-extreme.csv: a score column holding ±1.7e308 (a column of ids or
 *   amounts picked as the score): the automatic buckets found no round width
 *   and aborted (assertion in append_auto_edges).
 * - member-types.agreed.json: an agreed-model export whose "signed_on" is a
 *   list and "dataset.leads" an object: json-glib's getters warned
 *   (CRITICAL, fatal under G_DEBUG=fatal-criticals and in the fuzz targets)
 *   instead of the export reading as changed. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static void
run_in (Run        *run,
        const char *cwd,
        ...)
{
  va_list args;

  va_start (args, cwd);
  run_mqlw_valist (run, cwd, NULL, args);
  va_end (args);
}

static char *
hostile_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "hostile", name, NULL);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Columns as "name:role" (outcomes "name:outcome:stage"), in order. */
static char *
column_roles (JsonObject *root)
{
  JsonArray *columns = json_object_get_array_member (root, "columns");
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      JsonObject *column = json_array_get_object_element (columns, c);
      const char *role = json_object_get_string_member (column, "role");

      g_string_append_printf (out, "%s%s:%s", c > 0 ? "|" : "", json_object_get_string_member (column, "name"),
                              role);
      if (g_str_equal (role, "outcome"))
        g_string_append_printf (out, ":%s", json_object_get_string_member (column, "stage"));
    }
  return g_string_free (out, FALSE);
}

static void
test_excel_sep_line (void)
{
  g_autofree char *path = hostile_path ("excel-sep.csv");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *roles = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) cal = { 0 };
  JsonObject *root;
  JsonArray *problems;

  run_in (&run, NULL, "inspect", path, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  g_assert_cmpstr (json_object_get_string_member (root, "delimiter"), ==, "semicolon");
  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 6);
  roles = column_roles (root);
  g_assert_cmpstr (roles, ==, "Lead ID:lead_id|Created On:created_at|Lead Score:score|Est. Revenue:deal_amount|"
                              "Converted:outcome:sql|Notes:fit");
  /* Only the placeholders ('-' in Est. Revenue, 'N/A' in Notes) and the
   * mostly empty Notes: no error, no ragged row. */
  problems = json_object_get_array_member (root, "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, i), "level"), ==,
                     "warning");

  /* By hand (and with pandas: pd.cut(score, [0, 30, 50, inf], right=False)
   * grouped, Converted summed):
   *   [0, 30):  L-01 12 → 0, L-06 20 → 0          2 leads, SQL 0 of 2
   *   [30, 50): L-03 34 → 0, L-05 48 → 1          2 leads, SQL 1 of 2
   *   [50, …):  L-02 55 → 1, L-04 71 → 1          2 leads, SQL 2 of 2 */
  run_in (&cal, NULL, "calibrate", path, "--score-column", "Lead Score", "--buckets", "edges:0,30,50",
          "--format", "csv", NULL);
  g_assert_cmpint (cal.status, ==, 0);
  g_assert_nonnull (strstr (cal.out, "\n0,30,2,0.333333,,,,,,2,0,0.000000,"));
  g_assert_nonnull (strstr (cal.out, "\n30,50,2,0.333333,,,,,,2,1,0.500000,"));
  g_assert_nonnull (strstr (cal.out, "\n50,,2,0.333333,,,,,,2,2,1.000000,"));
}

static void
test_excel_sep_line_numbers (void)
{
  g_autofree char *path = hostile_path ("excel-sep-ragged.csv");
  g_auto(Run) run = { 0 };

  run_in (&run, NULL, "calibrate", path, "--score-column", "Lead Score", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "excel-sep-ragged.csv: line 4: 5 fields, the header has 4"));
}

/* The note "Met at the fair\r\nasked for a call" stays on its column's line,
 * and the next line is that column's reason. */
static void
test_line_break_in_sample (void)
{
  g_autofree char *path = hostile_path ("excel-sep.csv");
  g_auto(Run) run = { 0 };

  run_in (&run, NULL, "inspect", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Met at the fair↵asked for a call, ∅, N/A\n"
                                     "    not named like any known role: a fit field\n"));
  g_assert_null (strstr (run.out, "Met at the fair\n"));
}

static void
test_file_name_not_utf8 (void)
{
  g_autofree char *path = hostile_path ("excel-sep.csv");
  g_autofree char *dir = g_dir_make_tmp ("mqlw-hostile-XXXXXX", NULL);
  g_autofree char *name = g_build_filename (dir, "leads-\xff.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) gone = { 0 };
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_true (g_file_set_contents (name, text, (gssize) len, NULL));

  run_in (&run, dir, "inspect", "leads-\xff.csv", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  /* json-glib refuses text that is not UTF-8; the byte shows as U+FFFD */
  g_assert_cmpstr (json_object_get_string_member (parse_object (run.out, parser), "file"), ==,
                   "leads-\xef\xbf\xbd.csv");

  run_in (&gone, dir, "inspect", "gone-\xfe.csv", NULL);
  g_assert_cmpint (gone.status, ==, 2);
  g_assert_true (g_utf8_validate (gone.err, -1, NULL));
  g_assert_nonnull (strstr (gone.err, "gone-\xef\xbf\xbd.csv: cannot open it"));

  g_assert_cmpint (g_unlink (name), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every lead lands in a bucket: 6 leads, all scored (1.7e308, −1.7e308, 5,
 * 0.000001, 1e-300, 9007199254740993). */
static void
test_score_extreme (void)
{
  g_autofree char *path = hostile_path ("score-extreme.csv");
  const char *commands[] = { "evaluate", "value", "suggest" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonArray *buckets;
  gint64 leads = 0;

  run_in (&run, NULL, "calibrate", path, "--score-column", "Score", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  buckets = json_object_get_array_member (parse_object (run.out, parser), "buckets");
  for (guint i = 0; i < json_array_get_length (buckets); i++)
    leads += json_object_get_int_member (json_array_get_object_element (buckets, i), "leads");
  g_assert_cmpint (leads, ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) other = { 0 };

      run_in (&other, NULL, commands[i], path, "--score-column", "Score", NULL);
      g_assert_cmpint (other.status, ==, 0);
    }
}

static void
test_export_member_types (void)
{
  g_autofree char *path = hostile_path ("member-types.agreed.json");
  g_auto(Run) run = { 0 };

  run_in (&run, NULL, "verify", path, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_null (strstr (run.err, "CRITICAL"));
  g_assert_nonnull (strstr (run.out, "was edited after sign-off"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/cli-hostile/excel-sep-line", test_excel_sep_line);
  g_test_add_func ("/mqlw/cli-hostile/excel-sep-line-numbers", test_excel_sep_line_numbers);
  g_test_add_func ("/mqlw/cli-hostile/line-break-in-sample", test_line_break_in_sample);
  g_test_add_func ("/mqlw/cli-hostile/file-name-not-utf8", test_file_name_not_utf8);
  g_test_add_func ("/mqlw/cli-hostile/score-extreme", test_score_extreme);
  g_test_add_func ("/mqlw/cli-hostile/export-member-types", test_export_member_types);
  return g_test_run ();
}
