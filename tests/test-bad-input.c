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
  { NULL, "not-json.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "not-json.map.json: line 2, column 1: this is not valid JSON" },
  { NULL, "bad-version.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-version.map.json: $.version: version 7 is not supported" },
  { NULL, "bad-join-stage.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-join-stage.map.json: $.joins[0].stage: unknown stage 'signed'" },
  { NULL, "bad-stage-value.map.json", "mapping", MQLW_MAPPING_ERROR_INVALID, "bad-stage-value.map.json: $.stage_values[0].closed: must be true or false" },
};

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
  g_assert_cmpuint (preview->problems->len, ==, 1);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_nonnull (strstr (problem->message, "2 fields, the header has 3"));
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
  g_test_add_func ("/mqlw/bad-input/preview-collects", test_preview_collects);
  return g_test_run ();
}
