/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real exports and what the options say about them, through `mqlw`:
 * - --blank-means-no / --blank-unknown naming a column that is no yes/no
 *   outcome column used to be ignored without a word: now an error naming it;
 * - inspect --write-map decided "a blank means not reached" from the sample
 *   rows only, while the import looks at the whole column: a marks column
 *   with a "No" after the sample was written to the map as blank_means_no,
 *   and the import with that map read its blanks as "no" where the import
 *   without it read them as unknown;
 * - with G_MESSAGES_DEBUG=all, GLib's debug lines went to standard output,
 *   into the JSON;
 * - a header line of delimiters alone (",,,,") was passed over and the first
 *   lead became the header ("1,2,3,4,5"): that lead was lost without a word;
 * - UTF-16 without a byte order mark (either byte order) reads as UTF-16. */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static char *work_dir;

static void
run_mqlw (Run *run,
          ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_valist (run, work_dir, NULL, args);
  va_end (args);
}

/* mqlw with G_MESSAGES_DEBUG=all. */
static void
run_mqlw_debug (Run *run,
                ...)
{
  va_list args;

  va_start (args, run);
  run_mqlw_env_valist (run, work_dir, NULL, "G_MESSAGES_DEBUG", "all", args);
  va_end (args);
}

static char *
write_file (const char *name,
            const char *text)
{
  char *path = g_build_filename (work_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A small SAP-like export: Won is marks (X) with blanks; Industry is text. */
static const char marks_csv[] =
  "Lead ID,Industry,Created Date,Won\n"
  "L1,Retail,2025-01-02,X\n"
  "L2,Retail,2025-01-03,\n"
  "L3,Banking,2025-02-04,X\n"
  "L4,Banking,2025-02-05,\n";

static void
test_blank_option_text_column (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = write_file ("marks.csv", marks_csv);

  run_mqlw (&run, "inspect", path, "--blank-means-no", "Industry", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "column 'Industry' is not a yes/no outcome column"));
  g_assert_nonnull (strstr (run.err, "--blank-means-no"));
  run_clear (&run);

  run_mqlw (&run, "inspect", path, "--blank-unknown", "Industry", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "column 'Industry' is not a yes/no outcome column"));
  g_assert_nonnull (strstr (run.err, "--blank-unknown"));
  run_clear (&run);

  /* On the outcome column itself both are taken. */
  run_mqlw (&run, "inspect", path, "--blank-unknown", "Won", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_mqlw (&run, "inspect", path, "--blank-means-no", "Won", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* The won outcome as calibrate --format json counts it (every lead scores
 * 0 with a model of no rules: all in the first bucket): known leads. */
static gint64
won_known (const char *json_text)
{
  g_autoptr(JsonNode) root = parse_json (json_text);
  JsonArray *buckets = json_object_get_array_member (json_node_get_object (root), "buckets");
  JsonObject *won = json_object_get_object_member (json_array_get_object_element (buckets, 0), "won");

  return json_object_get_int_member (won, "known");
}

static void
test_write_map_whole_column (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GString) csv = g_string_new ("Lead ID,Created Date,Won\n");
  g_autofree char *path = NULL, *map_path = g_build_filename (work_dir, "marks.map.json", NULL);
  g_autofree char *map_text = NULL, *model = NULL;
  gint64 without_map, with_map;

  /* 2 100 leads, beyond the 2 000 rows the types and roles are read from:
   * X on the odd leads, blank on the even ones, but "No" on lead 2 050. The
   * whole column has a "no": its blanks stay unknown. Known: the 1 050 odd
   * leads (1, 3, …, 2 099) and lead 2 050 = 1 051 of 2 100. */
  for (guint i = 1; i <= 2100; i++)
    g_string_append_printf (csv, "L%u,2025-01-%02u,%s\n", i, 1 + i % 28,
                            i == 2050 ? "No" : i % 2 == 1 ? "X" : "");
  path = write_file ("marks-late-no.csv", csv->str);
  model = write_file ("no-rules.json",
                      "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"none\", \"fit\": [], "
                      "\"behaviour\": [], \"decay\": {\"kind\": \"none\"}, \"grades\": {\"enabled\": false}, "
                      "\"paths\": {\"score\": true}, \"threshold\": 10}");

  run_mqlw (&run, "inspect", path, "--rows", "5", "--write-map", map_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  g_assert_true (g_file_get_contents (map_path, &map_text, NULL, NULL));
  g_assert_null (strstr (map_text, "blank_means_no"));

  run_mqlw (&run, "calibrate", path, "--model", model, "--format", "json", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  without_map = won_known (run.out);
  run_clear (&run);
  run_mqlw (&run, "calibrate", path, "--map", map_path, "--model", model, "--format", "json", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  with_map = won_known (run.out);
  g_assert_cmpint (without_map, ==, 1051);
  g_assert_cmpint (with_map, ==, 1051);
}

/* GLib's debug output on standard error: standard output stays JSON. A model
 * with an e-mail domain rule makes the import say (g_debug) that it keeps
 * the e-mail column as domains. */
static void
test_debug_messages_stderr (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *leads = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "real-exports",
                                             "zoho-leads.csv", NULL);
  g_autofree char *model = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", "real-exports",
                                             "zoho-model.json", NULL);
  g_autoptr(JsonNode) root = NULL;

  run_mqlw_debug (&run, "calibrate", leads, "--model", model, "--format", "json", "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "DEBUG"));
  g_assert_nonnull (strstr (run.err, "kept as e-mail domains"));
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
}

static void
test_header_of_numbers (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *delimiters = write_file ("delimiters.csv", ",,,,\n1,2,3,4,5\n6,7,8,9,10\n");
  g_autofree char *named = write_file ("named.csv", ",,,\nLead ID,Created Date,Won,2025\nL1,2025-01-02,yes,1\n");

  run_mqlw (&run, "inspect", delimiters, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "delimiters.csv: line 2: the header holds only numbers (1, 2, …)"));
  run_clear (&run);
  /* A line of delimiters above a real header (a spreadsheet's empty first row) still reads;
   * one name that is a number ("2025") among others is a name. */
  run_mqlw (&run, "inspect", named, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"rows\" : 1"));
}

static void
test_utf16_without_bom (void)
{
  const char *text = "Email,Created Date,Won\na@x.com,2025-01-02,yes\nb@y.com,2025-02-03,no\n";

  for (guint order = 0; order < 2; order++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GString) bytes = g_string_new (NULL);
      g_autofree char *path = g_build_filename (work_dir, order == 0 ? "utf16le.csv" : "utf16be.csv", NULL);

      for (const char *p = text; *p != '\0'; p++)
        {
          g_string_append_c (bytes, order == 0 ? *p : '\0');
          g_string_append_c (bytes, order == 0 ? '\0' : *p);
        }
      g_assert_true (g_file_set_contents (path, bytes->str, (gssize) bytes->len, NULL));
      run_mqlw (&run, "inspect", path, "--format", "json", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "\"rows\" : 2"));
      g_assert_nonnull (strstr (run.out, "\"name\" : \"Created Date\""));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("mqlw-cli-exports-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/mqlw/cli-exports/blank-option-text-column", test_blank_option_text_column);
  g_test_add_func ("/mqlw/cli-exports/write-map-whole-column", test_write_map_whole_column);
  g_test_add_func ("/mqlw/cli-exports/debug-messages-stderr", test_debug_messages_stderr);
  g_test_add_func ("/mqlw/cli-exports/header-of-numbers", test_header_of_numbers);
  g_test_add_func ("/mqlw/cli-exports/utf16-without-bom", test_utf16_without_bom);
  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (work_dir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
      {
        g_autofree char *child = g_build_filename (work_dir, g_file_info_get_name (info), NULL);
        g_remove (child);
        g_object_unref (info);
      }
    g_rmdir (work_dir);
  }
  g_free (work_dir);
  return status;
}
