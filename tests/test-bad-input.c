/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-bad-input"

#include "config.h"

#include "mqlw-core.h"

/* The bad-input corpus in tests/data/bad: one row per file, the error code it
 * must give and a piece of the message (with the file name and, where there is
 * one, the line number counted by hand in the fixture). */
typedef struct {
  const char *csv;        /* NULL: only the mapping is loaded */
  const char *map;        /* nullable */
  const char *domain;     /* "import" or "mapping" */
  int         code;
  const char *message;
} BadCase;

static const BadCase cases[] = {
  /* line 4 holds "L3,yes,FR,extra": 4 fields against 3 */
  { "ragged.csv", NULL, "import", MQLW_IMPORT_ERROR_RAGGED, "ragged.csv: line 4: 4 fields, the header has 3" },
  /* the quote opens on line 3 and the file ends inside it */
  { "unterminated-quote.csv", NULL, "import", MQLW_IMPORT_ERROR_QUOTE, "unterminated-quote.csv: line 3: a quoted field starts here" },
  /* the NUL byte is on line 2 */
  { "binary.csv", NULL, "import", MQLW_IMPORT_ERROR_BINARY, "binary.csv: this is not a CSV text file (binary data at line 2)" },
  { "control-chars.csv", NULL, "import", MQLW_IMPORT_ERROR_BINARY, "control-chars.csv: this is not a CSV text file" },
  /* 0x81 0x8D 0x8F are undefined in Windows-1252 too; line 3 */
  { "not-text.csv", NULL, "import", MQLW_IMPORT_ERROR_BINARY, "not-text.csv: line 3: the text is neither UTF-8 nor Windows-1252" },
  { "empty.csv", NULL, "import", MQLW_IMPORT_ERROR_EMPTY, "empty.csv: the file is empty" },
  { "header-only.csv", NULL, "import", MQLW_IMPORT_ERROR_NO_ROWS, "header-only.csv: the file has a header line but no leads" },
  { "duplicate-header.csv", NULL, "import", MQLW_IMPORT_ERROR_DUPLICATE_HEADER,
    "duplicate-header.csv: line 1: the column name 'email' appears twice in the header (columns 2 and 4)" },
  /* 'lots' is on line 4 */
  { "text-in-number.csv", "text-in-number.map.json", "import", MQLW_IMPORT_ERROR_BAD_VALUE,
    "text-in-number.csv: line 4, column company_size: 'lots' is not a number (set the column's type to text" },
  { "bad-date.csv", "bad-date.map.json", "import", MQLW_IMPORT_ERROR_BAD_VALUE,
    "bad-date.csv: line 3, column created_at: 'yesterday' is not a date" },
  { "bad-boolean.csv", "bad-boolean.map.json", "import", MQLW_IMPORT_ERROR_BAD_VALUE,
    "bad-boolean.csv: line 4, column sql: 'maybe' is not a yes/no value" },
  /* 13/4 can only be day-first (line 2), 4/13 only month-first (line 3) */
  { "mixed-date-order.csv", NULL, "import", MQLW_IMPORT_ERROR_BAD_VALUE,
    "mixed-date-order.csv: column created_at mixes day-first dates (line 2: '13/4/2025') and month-first dates (line 3: '4/13/2025')" },
  /* row L1 spans lines 2-3, L2 is line 4, the short row L3 is line 5 */
  { "quoted-ragged.csv", NULL, "import", MQLW_IMPORT_ERROR_RAGGED, "quoted-ragged.csv: line 5: 2 fields, the header has 3" },
  { "no-outcome.csv", NULL, "import", MQLW_IMPORT_ERROR_NO_OUTCOME,
    "no-outcome.csv: no outcome columns found: name the SQL or won column with --outcome, or map a stage column" },
  { "missing-outcome.csv", "missing-outcome.map.json", "mapping", MQLW_MAPPING_ERROR_MISSING_OUTCOME,
    "missing-outcome.csv has no column 'sql_date' (named as the SQL outcome)" },
  { "missing-outcome.csv", "unknown-column.map.json", "mapping", MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
    "missing-outcome.csv has no column 'industry'" },
  { "join-missing-key.csv", "join-missing-key.map.json", "import", MQLW_IMPORT_ERROR_JOIN,
    "accounts-nokey.csv has no column 'account_name' (the key to join on)" },
  { "join-missing-key.csv", "join-missing-file.map.json", "import", MQLW_IMPORT_ERROR_JOIN,
    "no-such-deals.csv: cannot read the file to join" },
  { NULL, "bad-role.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-role.map.json: $.columns[1].role: unknown role 'fitt'" },
  { NULL, "bad-type.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-type.map.json: $.columns[0].type: unknown type 'number'" },
  { NULL, "not-json.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "not-json.map.json: $: this is not valid JSON" },
  { NULL, "bad-version.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-version.map.json: $.version: version 7 is not supported" },
  { NULL, "bad-join-stage.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-join-stage.map.json: $.joins[0].stage: unknown stage 'signed'" },
  { NULL, "bad-stage-value.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-stage-value.map.json: $.stage_values[0].closed: must be true or false" },
  /* a map's files stay in the map's folder (issue 11) */
  { NULL, "join-outside.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID,
    "join-outside.map.json: $.joins[0].file: '../deals.csv' is outside the map's folder; a map may only name files "
    "in its own folder (give others with --join or --outcome-file)" },
  { NULL, "join-absolute.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID,
    "join-absolute.map.json: $.joins[0].file: '/etc/hostname' is an absolute path" },
  { NULL, "bad-missing-values.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID,
    "bad-missing-values.map.json: $.missing_values: must be a list of text values" },
};

/* Files that import, with a finding the preview (inspect, the mapping page)
 * must tell: its kind and its message. */
typedef struct {
  const char *csv;
  const char *kind;
  const char *message;
} Finding;

static const Finding findings[] = {
  /* "Select" on P2 and "select" on P5, "-- None --" on P3; "N/A" on P2, "#N/A" on P4 */
  { "placeholders.csv", "placeholder", "column industry: 'Select' (2 rows), '-- None --' (1 row) read as missing" },
  { "placeholders.csv", "placeholder", "column employees: 'N/A' (1 row), '#N/A' (1 row) read as missing" },
  /* K01–K06 "Signed contract" all won (100 %), K07–K13 "No answer" none (0 %),
   * K14–K24 "Left voicemail" 3 of 11; won 9 of 24 (37.5 %, printed 38);
   * the two extreme values: 7 + 6 = 13 of 24 leads (54 %) */
  { "leaky.csv", "leaky",
    "column call_outcome looks filled in after the outcome: at the Win stage, 'No answer' (7 leads) converted 0 %, "
    "'Signed contract' (6 leads) converted 100 %, against 38 % overall; such values cover 13 of the 24 leads with "
    "a known outcome there (54 %). A rule on it would score what sales already did, not the lead" },
};

static void
test_finding (gconstpointer data)
{
  const Finding *finding = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", finding->csv, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 5, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < preview->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (preview->problems, i);
      if (g_strcmp0 (problem->kind, finding->kind) == 0 && g_strcmp0 (problem->message, finding->message) == 0)
        return;
    }
  g_error ("%s: no %s finding '%s'", finding->csv, finding->kind, finding->message);
}

static void
test_bad_case (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  GQuark domain = g_str_equal (bad->domain, "import") ? MQLW_IMPORT_ERROR : MQLW_MAPPING_ERROR;

  if (bad->map != NULL)
    {
      g_autofree char *map_path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->map, NULL);
      mapping = mqlw_mapping_load (map_path, &error);
      if (bad->csv == NULL)
        {
          g_assert_null (mapping);
          g_assert_error (error, domain, bad->code);
          g_assert_nonnull (strstr (error->message, bad->message));
          return;
        }
      g_assert_no_error (error);
    }

  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->csv, NULL);
    dataset = mqlw_import_file (path, mapping, NULL, NULL, NULL, &error);
  }
  g_assert_null (dataset);
  g_assert_error (error, domain, bad->code);
  if (strstr (error->message, bad->message) == NULL)
    g_error ("message '%s' lacks '%s'", error->message, bad->message);
}

/* A preview never fails on values: it lists them as problems. */
static void
test_preview_collects (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", "quoted-ragged.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 10, NULL, &error);
  const MqlwProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_rows, ==, 3);
  g_assert_cmpuint (preview->problems->len, ==, 2);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_nonnull (strstr (problem->message, "2 fields, the header has 3"));
  /* the short row L3 has no sql value: 2 of 3 known */
  problem = g_ptr_array_index (preview->problems, 1);
  g_assert_cmpstr (problem->kind, ==, "outcome-coverage");
  g_assert_cmpstr (problem->message, ==, "SQL outcome known for 2 of 3 leads (67 %); the rest are unknown, not failures");
}

/* Data that loads but leaves figures out: each gives its note (mqlw-notes.h)
 * or, for a model that cannot apply, its scorer error. */
typedef struct {
  const char *csv;
  const char *score_column;   /* or */
  const char *model;
  const char *message;        /* a note, or the error when @error_code */
  int         error_code;
} GapCase;

static const GapCase gap_cases[] = {
  /* L2, L3 and L5 have an empty hubspot_score: 3 of 5 */
  { "unscored.csv", "hubspot_score", NULL,
    "3 of 5 leads have no score (column 'hubspot_score' is empty): they are left out of every figure", 0 },
  /* empty for both leads (so read as text): no lead has a score */
  { "all-unscored.csv", "hubspot_score", NULL,
    "no lead has a score (column 'hubspot_score' is empty for all 2 leads): there is nothing to calibrate", 0 },
  /* no created_at column */
  { "no-date.csv", "score", NULL,
    "the data has no created date, so the period it covers is unknown: no MQLs per month and no capacity check", 0 },
  /* the model names a column the data lacks */
  { "no-date.csv", NULL, "unscored-when-missing.json",
    "the model leaves leads unscored when column 'employees' is missing, but the data has no such column",
    MQLW_SCORER_ERROR_NO_COLUMN },
};

static void
test_gap_case (gconstpointer data)
{
  const GapCase *gap = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", gap->csv, NULL);
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwCalibration) calibration = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (gap->model != NULL)
    {
      /* A valid model (tests/data/models): it fails on this data only. */
      g_autofree char *model_path = g_test_build_filename (G_TEST_DIST, "data", "models", gap->model, NULL);
      model = mqlw_model_load (model_path, &error);
      g_assert_no_error (error);
    }
  else
    {
      model = mqlw_model_new ();
      model->score_column = g_strdup (gap->score_column);
    }
  scorer = mqlw_scorer_new (dataset, model, &error);
  if (gap->error_code != 0)
    {
      g_assert_null (scorer);
      g_assert_error (error, MQLW_SCORER_ERROR, gap->error_code);
      if (strstr (error->message, gap->message) == NULL)
        g_error ("message '%s' lacks '%s'", error->message, gap->message);
      return;
    }
  g_assert_no_error (error);
  calibration = mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &dataset->outcomes, TRUE);
  notes = mqlw_calibration_notes (calibration, model);
  for (guint i = 0; i < notes->len; i++)
    {
      const MqlwProblem *note = g_ptr_array_index (notes, i);

      g_test_message ("note: %s", note->message);
      found |= strstr (note->message, gap->message) != NULL;
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/mqlw/bad-input/%s%s%s", cases[i].csv ? cases[i].csv : "",
                                               cases[i].csv && cases[i].map ? "+" : "",
                                               cases[i].map ? cases[i].map : "");
      g_test_add_data_func (name, &cases[i], test_bad_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (findings); i++)
    {
      g_autofree char *name = g_strdup_printf ("/mqlw/bad-input/finding/%s/%u", findings[i].csv, i);
      g_test_add_data_func (name, &findings[i], test_finding);
    }
  g_test_add_func ("/mqlw/bad-input/preview-collects", test_preview_collects);
  for (guint i = 0; i < G_N_ELEMENTS (gap_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/mqlw/bad-input/gaps/%s%s%s", gap_cases[i].csv,
                                               gap_cases[i].model != NULL ? "+" : "",
                                               gap_cases[i].model != NULL ? gap_cases[i].model : "");
      g_test_add_data_func (name, &gap_cases[i], test_gap_case);
    }
  return g_test_run ();
}
