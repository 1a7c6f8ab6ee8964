/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-missing"

/* Placeholders read as missing (mqlw-missing.h), and where a map's and the
 * command line's files are read from (mqlw_mapping_load). */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mqlw-core.h"
#include "mqlw-csv-private.h"

#define Y MQLW_OUTCOME_YES
#define N MQLW_OUTCOME_NO
#define U MQLW_OUTCOME_UNKNOWN

static MqlwDataset *
import_string (const char         *csv,
               const MqlwMapping  *mapping,
               GError            **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  return mqlw_import_bytes (bytes, "leads.csv", NULL, mapping, NULL, NULL, NULL, error);
}

static MqlwCsvPreview *
preview_string (const char        *csv,
                const MqlwMapping *mapping)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  MqlwCsvPreview *preview = mqlw_csv_preview_bytes (bytes, "leads.csv", mapping, 5, NULL, &error);

  g_assert_no_error (error);
  return preview;
}

/* L2 "N/A" and L4 "-" in a number column; "Select" (L2) and "select" (L5) in
 * a text column; "n/a" (L3) in the outcome. */
static const char placeholders_csv[] =
  "lead_id,employees,industry,sql\n"
  "L1,50,Retail,yes\n"
  "L2,N/A,Select,no\n"
  "L3,120,Energy,n/a\n"
  "L4,-,Retail,yes\n"
  "L5,80,select,no\n";

/* MySQL's zero date, as Mautic, SugarCRM and other MySQL-backed exports write
 * a date nobody entered: eight zeros or more with date marks between them. */
static void
test_zero_date (void)
{
  static const char * const zero[] = { "0000-00-00", "0000-00-00 00:00:00", "00/00/0000", "00.00.0000",
                                       "0000-00-00T00:00:00", "00/00/0000 00:00", NULL };
  static const char * const not_zero[] = { "0", "00", "00000000", "000-00-00", "0000-00-01", "0000-00-00 x",
                                           "2025-01-02", "00:00", NULL };

  for (guint i = 0; zero[i] != NULL; i++)
    g_assert_true (mqlw_missing_is_placeholder (zero[i], strlen (zero[i])));
  for (guint i = 0; not_zero[i] != NULL; i++)
    g_assert_false (mqlw_missing_is_placeholder (not_zero[i], strlen (not_zero[i])));
}

static void
test_detected (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_string (placeholders_csv, NULL, &error);
  MqlwColumn *employees, *industry;

  g_assert_no_error (error);
  employees = mqlw_dataset_get_column (dataset, "employees");
  industry = mqlw_dataset_get_column (dataset, "industry");
  /* A number column, not text: the placeholders do not count as values. */
  g_assert_cmpint (employees->type, ==, MQLW_COLUMN_TYPE_INTEGER);
  g_assert_cmpfloat (mqlw_column_num_at (employees, 0), ==, 50.0);
  g_assert_true (isnan (mqlw_column_num_at (employees, 1)));
  g_assert_true (isnan (mqlw_column_num_at (employees, 3)));
  /* "Select" left the dictionary: Retail and Energy, in order of appearance. */
  g_assert_cmpuint (industry->dict->len, ==, 2);
  g_assert_cmpstr (mqlw_column_string (industry, 0), ==, "Retail");
  g_assert_null (mqlw_column_string (industry, 1));
  g_assert_cmpstr (mqlw_column_string (industry, 2), ==, "Energy");
  g_assert_cmpstr (mqlw_column_string (industry, 3), ==, "Retail");
  g_assert_null (mqlw_column_string (industry, 4));
  /* A missing outcome is unknown, not a "not a yes/no value" warning. */
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_SQL][2], ==, U);

  /* one finding per column, most rows first */
  g_assert_cmpuint (dataset->problems->len, ==, 3);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 0))->message, ==,
                   "column employees: 'N/A' (1 row), '-' (1 row) read as missing");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 1))->message, ==,
                   "column industry: 'Select' (2 rows) read as missing");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 2))->message, ==,
                   "column sql: 'n/a' (1 row) read as missing");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 2))->kind, ==, "placeholder");
}

/* The resolved mapping lists what was found per column and stops detecting:
 * written and read back (inspect --write-map, --map), it reads the same. */
static void
test_resolved_mapping (void)
{
  g_autoptr(MqlwCsvPreview) preview = preview_string (placeholders_csv, NULL);
  g_autoptr(MqlwMapping) again = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  MqlwColumnSpec *spec;

  g_assert_false (preview->mapping->detect_placeholders);
  spec = mqlw_mapping_get_column (preview->mapping, "employees");
  g_assert_cmpuint (g_strv_length (spec->missing_values), ==, 2);
  g_assert_cmpstr (spec->missing_values[0], ==, "N/A");
  g_assert_cmpstr (spec->missing_values[1], ==, "-");
  spec = mqlw_mapping_get_column (preview->mapping, "industry");
  g_assert_cmpuint (g_strv_length (spec->missing_values), ==, 1);
  g_assert_cmpstr (spec->missing_values[0], ==, "Select");
  g_assert_null (mqlw_mapping_get_column (preview->mapping, "lead_id")->missing_values);

  json = mqlw_mapping_to_json (preview->mapping);
  again = mqlw_mapping_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_false (again->detect_placeholders);
  dataset = import_string (placeholders_csv, again, &error);
  g_assert_no_error (error);
  g_assert_null (mqlw_column_string (mqlw_dataset_get_column (dataset, "industry"), 4));
  g_assert_cmpuint (dataset->problems->len, ==, 3);
}

/* A map that lists no missing values reads every value as written: "N/A" in a
 * number column is then an error, as any text would be. */
static void
test_none (void)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  MqlwColumnSpec *spec;

  mapping->detect_placeholders = FALSE;
  spec = mqlw_mapping_set_column (mapping, "employees");
  spec->type = MQLW_COLUMN_TYPE_INTEGER;
  spec->role_set = FALSE;
  dataset = import_string (placeholders_csv, mapping, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "line 3, column employees: 'N/A' is not a number"));
}

/* --missing-value (the mapping's missing_values) adds to the placeholders,
 * even a value that would read as a number; per column too. */
static void
test_given_values (void)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  MqlwColumn *score, *industry;

  mqlw_mapping_add_missing_value (mapping, NULL, "-1");
  mqlw_mapping_add_missing_value (mapping, "industry", "Other");
  dataset = import_string ("lead_id,score,industry,sql\n"
                           "L1,10,Retail,yes\n"
                           "L2,-1,Other,no\n"
                           "L3,N/A,Select,yes\n"
                           "L4,-1,Retail,no\n", mapping, &error);
  g_assert_no_error (error);
  score = mqlw_dataset_get_column (dataset, "score");
  industry = mqlw_dataset_get_column (dataset, "industry");
  g_assert_cmpint (score->type, ==, MQLW_COLUMN_TYPE_INTEGER);
  g_assert_true (isnan (mqlw_column_num_at (score, 1)) && isnan (mqlw_column_num_at (score, 2)) && isnan (mqlw_column_num_at (score, 3)));
  g_assert_cmpfloat (mqlw_column_num_at (score, 0), ==, 10.0);
  g_assert_cmpuint (industry->dict->len, ==, 1);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 0))->message, ==,
                   "column score: '-1' (2 rows), 'N/A' (1 row) read as missing");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 1))->message, ==,
                   "column industry: 'Other' (1 row), 'Select' (1 row) read as missing");
}

/* Read by two parsers, the counts of both halves add up. */
static void
test_two_parsers (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,employees,industry,sql\n");
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint before = mqlw_import_get_split_count ();

  /* 400 leads: every 4th has "N/A" employees (100), every 5th "Select" (80). */
  for (guint i = 0; i < 400; i++)
    g_string_append_printf (csv, "L%u,%s,%s,%s\n", i, i % 4 == 0 ? "N/A" : "12", i % 5 == 0 ? "Select" : "Retail",
                            i % 2 ? "yes" : "no");
  mqlw_import_set_split_min (0);
  dataset = import_string (csv->str, NULL, &error);
  mqlw_import_set_split_min (G_MAXSIZE);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_import_get_split_count (), ==, before + 1);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 0))->message, ==,
                   "column employees: 'N/A' (100 rows) read as missing");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 1))->message, ==,
                   "column industry: 'Select' (80 rows) read as missing");
  g_assert_cmpuint (mqlw_dataset_get_column (dataset, "industry")->dict->len, ==, 1);
}

static void
tally_describes (void)
{
  g_autoptr(MqlwMissingTally) tally = mqlw_missing_tally_new ();
  g_autoptr(MqlwMissingTally) other = mqlw_missing_tally_new ();
  g_autofree char *text = NULL;

  mqlw_missing_tally_add (tally, "N/A", 3, 1);
  mqlw_missing_tally_add (tally, "Select", 6, 2);
  mqlw_missing_tally_add (other, "n/a", 3, 4);
  mqlw_missing_tally_merge (tally, other);
  g_assert_cmpuint (mqlw_missing_tally_rows (tally), ==, 7);
  text = mqlw_missing_tally_describe (tally);
  g_assert_cmpstr (text, ==, "'N/A' (5 rows), 'Select' (2 rows)");
}

/* ---- paths ---------------------------------------------------------------- */

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A map's join is read from the map's folder (not the data's, not the
 * current one); the same join given again is one join. */
static void
test_map_folder (void)
{
  g_autofree char *root = g_dir_make_tmp ("mqlw-map-XXXXXX", NULL);
  g_autofree char *maps = g_build_filename (root, "maps", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *deals = NULL, *map = NULL, *leads = NULL, *expected = NULL;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  MqlwJoinSpec *join, *again;

  g_mkdir (maps, 0700);
  g_mkdir (data, 0700);
  deals = write_file (maps, "deals.csv", "email,amount\nann@x.example,900\nnobody@q.example,10\n");
  map = write_file (maps, "m.json", "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"joins\": ["
                                     "{\"file\": \"deals.csv\", \"use\": \"outcome\", \"key\": \"email\", "
                                     "\"stage\": \"won\", \"amount\": \"amount\"}]}");
  leads = write_file (data, "leads.csv", "lead_id,email,sql\nL1,ann@x.example,yes\nL2,bob@y.example,no\n");

  mapping = mqlw_mapping_load (map, &error);
  g_assert_no_error (error);
  join = g_ptr_array_index (mapping->joins, 0);
  g_assert_cmpstr (join->path, ==, deals);

  /* the same join once more, as --outcome-file gives it (without the amount) */
  again = mqlw_mapping_add_join (mapping, MQLW_JOIN_OUTCOME, deals, "email", NULL);
  again->stage = MQLW_STAGE_WON;
  preview = mqlw_csv_preview_file (leads, mapping, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->mapping->joins->len, ==, 1);
  /* one finding for the deal nobody matched, not two (and the health finding: no created date) */
  g_assert_cmpuint (preview->problems->len, ==, 2);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (preview->problems, 1))->kind, ==, "no-created-date");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (preview->problems, 0))->message, ==,
                   "deals.csv: 1 of 2 rows found no lead by email (the first is 'nobody@q.example')");

  dataset = mqlw_import_file (leads, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_WON][0], ==, Y);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_WON][1], ==, N);
  g_assert_cmpfloat (dataset->outcomes.amount[0], ==, 900.0);

  g_unlink (deals);
  g_unlink (map);
  g_unlink (leads);
  g_rmdir (maps);
  g_rmdir (data);
  g_rmdir (root);
}

/* A link inside the map's folder that leads out of it is refused too. */
static void
test_map_link (void)
{
  g_autofree char *root = g_dir_make_tmp ("mqlw-map-XXXXXX", NULL);
  g_autofree char *maps = g_build_filename (root, "maps", NULL);
  g_autofree char *private = NULL, *map = NULL, *link = NULL;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir (maps, 0700);
  private = write_file (root, "private.csv", "email\nceo@x.example\n");
  link = g_build_filename (maps, "deals.csv", NULL);
  g_assert_cmpint (symlink (private, link), ==, 0);
  map = write_file (maps, "m.json", "{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"joins\": ["
                                     "{\"file\": \"deals.csv\", \"use\": \"enrich\", \"key\": \"email\"}]}");
  mapping = mqlw_mapping_load (map, &error);
  g_assert_null (mapping);
  g_assert_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "m.json: $.joins[0].file: 'deals.csv' is outside the map's folder; a map "
                                       "may only name files in its own folder (give others with --join or "
                                       "--outcome-file)");
  g_unlink (link);
  g_unlink (map);
  g_unlink (private);
  g_rmdir (maps);
  g_rmdir (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mqlw_import_set_split_min (G_MAXSIZE);

  g_test_add_func ("/mqlw/missing/zero-date", test_zero_date);
  g_test_add_func ("/mqlw/missing/detected", test_detected);
  g_test_add_func ("/mqlw/missing/resolved-mapping", test_resolved_mapping);
  g_test_add_func ("/mqlw/missing/none", test_none);
  g_test_add_func ("/mqlw/missing/given-values", test_given_values);
  g_test_add_func ("/mqlw/missing/two-parsers", test_two_parsers);
  g_test_add_func ("/mqlw/missing/tally", tally_describes);
  g_test_add_func ("/mqlw/missing/map-folder", test_map_folder);
  g_test_add_func ("/mqlw/missing/map-link", test_map_link);
  return g_test_run ();
}
