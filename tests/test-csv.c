/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-csv"

#include "config.h"

#include "mqlw-core.h"

static MqlwDataset *
import_string (const char         *csv,
               gssize              len,
               const MqlwMapping  *mapping,
               GError            **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, len < 0 ? strlen (csv) : (gsize) len);
  return mqlw_import_bytes (bytes, "leads.csv", NULL, mapping, NULL, NULL, NULL, error);
}

static MqlwCsvPreview *
preview_string (const char *csv,
                gssize      len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, len < 0 ? strlen (csv) : (gsize) len);
  g_autoptr(GError) error = NULL;
  MqlwCsvPreview *preview = mqlw_csv_preview_bytes (bytes, "leads.csv", NULL, 10, NULL, &error);
  g_assert_no_error (error);
  return preview;
}

static const char *
string_at (MqlwDataset *dataset,
           const char  *column,
           guint        row)
{
  MqlwColumn *c = mqlw_dataset_get_column (dataset, column);
  g_assert_nonnull (c);
  return mqlw_column_string (c, row);
}

/* Row L1 spans lines 2–3, L2 is line 4, L3 line 5, L4 lines 6–8. */
static const char quoted_csv[] =
  "lead_id,note,sql\n"
  "L1,\"two\nlines\",yes\n"
  "L2,\"say \"\"hi\"\"\",no\n"
  "L3,\"a,b\",maybe\n"
  "L4,\"three\n\nlines\",perhaps\n";

static void
test_quoted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_string (quoted_csv, -1, NULL, &error);
  const MqlwProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 4);
  g_assert_cmpstr (string_at (dataset, "note", 0), ==, "two\nlines");
  g_assert_cmpstr (string_at (dataset, "note", 1), ==, "say \"hi\"");
  g_assert_cmpstr (string_at (dataset, "note", 2), ==, "a,b");
  g_assert_cmpstr (string_at (dataset, "note", 3), ==, "three\n\nlines");
  /* sql holds "maybe" in the sample, so it stays text; the unreadable outcome
   * values are reported with the physical line of their row. */
  g_assert_cmpuint (dataset->problems->len, ==, 2);
  problem = g_ptr_array_index (dataset->problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_cmpstr (problem->column, ==, "sql");
  /* The line and the column are the problem's own fields, not repeated in its message. */
  g_assert_true (g_str_has_prefix (problem->message, "'maybe' is not a yes/no value"));
  problem = g_ptr_array_index (dataset->problems, 1);
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_SQL][0], ==, MQLW_OUTCOME_YES);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_SQL][1], ==, MQLW_OUTCOME_NO);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_SQL][2], ==, MQLW_OUTCOME_UNKNOWN);
}

static void
test_quoted_line_in_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  MqlwColumnSpec *spec = mqlw_mapping_set_column (mapping, "sql");

  spec->type = MQLW_COLUMN_TYPE_BOOLEAN;
  spec->role_set = FALSE;
  dataset = import_string (quoted_csv, -1, mapping, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "leads.csv: line 5, column sql: 'maybe' is not a yes/no value "
                   "(set the column's type to text in the mapping to keep it as text)");
}

static void
test_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_string ("lead_id,company,sql\r\nL1,\"Acme\r\nEast\",yes\r\nL2,Globex,no\r\n",
                                                  -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 2);
  g_assert_cmpstr (string_at (dataset, "lead_id", 1), ==, "L2");
  g_assert_cmpstr (string_at (dataset, "company", 0), ==, "Acme\r\nEast");
  g_assert_cmpstr (string_at (dataset, "company", 1), ==, "Globex");
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "sql")->type, ==, MQLW_COLUMN_TYPE_BOOLEAN);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_SQL][0], ==, MQLW_OUTCOME_YES);
  g_assert_cmpint (dataset->outcomes.stage[MQLW_STAGE_SQL][1], ==, MQLW_OUTCOME_NO);
}

static void
test_bom_and_digest (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_string ("\xEF\xBB\xBFlead_id,sql\nL1,yes\n", -1, NULL, &error);
  g_autoptr(MqlwDataset) plain = import_string ("lead_id,sql\nL1,yes\n", -1, NULL, &error);
  g_autoptr(MqlwCsvPreview) preview = preview_string ("\xEF\xBB\xBFlead_id,sql\nL1,yes\n", -1);

  g_assert_no_error (error);
  g_assert_nonnull (mqlw_dataset_get_column (dataset, "lead_id"));
  g_assert_true (preview->had_bom);
  g_assert_cmpstr (preview->header[0], ==, "lead_id");
  g_assert_cmpstr (dataset->source_name, ==, "leads.csv");
  /* printf 'lead_id,sql\nL1,yes\n' | sha256sum */
  g_assert_cmpstr (plain->source_sha256, ==, "3eaf7ebc4d6ab5d31e7346ca4ed70256bb7a0d1ab50d0e2ebee948244cca485b");
}

static const char delimiters[] = { ',', ';', '\t', '|' };

static void
test_delimiters (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      char d = delimiters[i];
      /* Every candidate appears inside the quoted company name. */
      g_autofree char *csv = g_strdup_printf ("lead_id%ccompany%csql\nL1%c\"Acme, Inc.; |\t\"%cyes\nL2%cGlobex%cno\n",
                                              d, d, d, d, d, d);
      g_autoptr(MqlwCsvPreview) preview = preview_string (csv, -1);
      GStrv row;

      g_assert_cmpint (preview->delimiter, ==, d);
      g_assert_cmpuint (g_strv_length (preview->header), ==, 3);
      g_assert_cmpuint (preview->n_rows, ==, 2);
      row = g_ptr_array_index (preview->rows, 0);
      g_assert_cmpstr (row[1], ==, "Acme, Inc.; |\t");
      /* nothing but the health finding that the file has no created date */
      g_assert_cmpuint (preview->problems->len, ==, 1);
      g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (preview->problems, 0))->kind, ==, "no-created-date");
    }
}

static void
test_trailing_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_string ("lead_id,sql\nL1,yes\n\nL2,no\n\n\n\r\n,\n", -1, NULL, &error);
  g_autoptr(MqlwDataset) no_newline = import_string ("lead_id,sql\nL1,yes\nL2,no", -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 2);
  g_assert_cmpstr (string_at (dataset, "lead_id", 1), ==, "L2");
  g_assert_cmpuint (no_newline->n_rows, ==, 2);
  g_assert_cmpint (no_newline->outcomes.stage[MQLW_STAGE_SQL][1], ==, MQLW_OUTCOME_NO);
}

static void
test_cp1252 (void)
{
  g_autoptr(GError) error = NULL;
  /* 0xE9 = é, 0xFC = ü, 0x80 = € in Windows-1252; first on line 3 */
  static const char csv[] = "lead_id,company,sql\nL1,Acme,no\nL2,Caf\xe9 M\xfcller \x80,yes\n";
  g_autoptr(MqlwDataset) dataset = import_string (csv, -1, NULL, &error);
  g_autoptr(MqlwCsvPreview) preview = preview_string (csv, -1);
  const MqlwProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpstr (string_at (dataset, "company", 1), ==, "Café Müller €");
  g_assert_cmpuint (dataset->problems->len, ==, 1);
  problem = g_ptr_array_index (dataset->problems, 0);
  g_assert_cmpint (problem->level, ==, MQLW_PROBLEM_WARNING);
  g_assert_cmpuint (problem->line, ==, 3);
  /* The problem names the file and line itself: the message says neither again (once "leads.csv … line 3" twice). */
  g_assert_cmpstr (problem->message, ==,
                   "the text is not UTF-8 (the first such character is on this line); the file was read as Windows-1252");
  g_assert_true (preview->converted_from_cp1252);
  /* the encoding, and the health finding that the file has no created date */
  g_assert_cmpuint (preview->problems->len, ==, 2);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (preview->problems, 1))->kind, ==, "no-created-date");
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  double *last = user_data;
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress_and_cancel (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,sql\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  double last = -1.0;

  /* 70 000 rows: more than one 65 536-row cancellation check. */
  for (guint i = 0; i < 70000; i++)
    g_string_append_printf (csv, "L%u,%s\n", i, i % 3 == 0 ? "yes" : "no");
  bytes = g_bytes_new (csv->str, csv->len);

  dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, on_progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 70000);
  g_assert_cmpfloat (last, ==, 1.0);
  g_clear_pointer (&dataset, mqlw_dataset_unref);

  g_cancellable_cancel (cancellable);
  dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/csv/quoted", test_quoted);
  g_test_add_func ("/mqlw/csv/quoted-newline-line-numbers", test_quoted_line_in_error);
  g_test_add_func ("/mqlw/csv/crlf", test_crlf);
  g_test_add_func ("/mqlw/csv/bom-and-digest", test_bom_and_digest);
  g_test_add_func ("/mqlw/csv/delimiters", test_delimiters);
  g_test_add_func ("/mqlw/csv/trailing-lines", test_trailing_lines);
  g_test_add_func ("/mqlw/csv/cp1252", test_cp1252);
  g_test_add_func ("/mqlw/csv/progress-and-cancel", test_progress_and_cancel);
  return g_test_run ();
}
