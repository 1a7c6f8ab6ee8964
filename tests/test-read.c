/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-read"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mqlw-core.h"
#include "mqlw-csv-private.h"

/* Reading input as it comes: line ends, encodings, numbers with units, block
 * edges anywhere, files read by pread, pipes, files that change. */

static MqlwDataset *
import_bytes (const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  return mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, error);
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

static double
number_at (MqlwDataset *dataset,
           const char  *column,
           guint        row)
{
  MqlwColumn *c = mqlw_dataset_get_column (dataset, column);
  g_assert_nonnull (c);
  return mqlw_column_number (c, row);
}

/* 25 rows ended by CR alone (Excel's "CSV (Macintosh)"), one note holding a
 * CR inside its quotes: 25 leads, the values as written. */
static GString *
mac_csv (void)
{
  GString *csv = g_string_new ("lead_id,note,company_size,sql\r");

  for (guint i = 1; i <= 25; i++)
    g_string_append_printf (csv, "L%u,%s,%u,%s\r", i, i == 7 ? "\"two\rlines\"" : "plain", i * 10,
                            i % 2 ? "yes" : "no");
  return csv;
}

static void
test_lone_cr (void)
{
  g_autoptr(GString) csv = mac_csv ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_bytes (csv->str, csv->len, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 25);
  g_assert_cmpstr (string_at (dataset, "lead_id", 0), ==, "L1");
  g_assert_cmpstr (string_at (dataset, "lead_id", 24), ==, "L25");
  g_assert_cmpstr (string_at (dataset, "note", 6), ==, "two\rlines");
  g_assert_cmpfloat (number_at (dataset, "company_size", 24), ==, 250);
  /* L1, L3, …, L25 said yes: 13 of 25 */
  {
    guint yes = 0;
    for (guint i = 0; i < 25; i++)
      yes += dataset->outcomes.stage[MQLW_STAGE_SQL][i] == MQLW_OUTCOME_YES;
    g_assert_cmpuint (yes, ==, 13);
  }
}

/* Whatever the block size (so that block edges fall inside CRLF pairs, UTF-8
 * characters and quoted values), with one parser or two, the same leads. */
static void
test_block_edges (void)
{
  static const char *const line_ends[] = { "\n", "\r\n", "\r" };

  for (guint e = 0; e < G_N_ELEMENTS (line_ends); e++)
    {
      g_autoptr(GString) csv = g_string_new (NULL);

      g_string_append_printf (csv, "lead_id,company,note,company_size,sql%s", line_ends[e]);
      for (guint i = 1; i <= 60; i++)
        g_string_append_printf (csv, "L%u,Müller ÅB %u,\"a, \"\"b\"\"%sc\",%u,%s%s", i, i, line_ends[e], i,
                                i % 3 ? "no" : "yes", line_ends[e]);
      for (gsize block = 4; block <= 40; block++)
        for (guint parsers = 1; parsers <= 2; parsers++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(MqlwDataset) dataset = NULL;
            g_autofree char *note = g_strdup_printf ("a, \"b\"%sc", line_ends[e]);

            mqlw_csv_set_block_size (block);
            mqlw_import_set_split_min (parsers == 2 ? 0 : G_MAXSIZE);
            dataset = import_bytes (csv->str, csv->len, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (dataset->n_rows, ==, 60);
            g_assert_cmpstr (string_at (dataset, "company", 0), ==, "Müller ÅB 1");
            g_assert_cmpstr (string_at (dataset, "company", 59), ==, "Müller ÅB 60");
            g_assert_cmpstr (string_at (dataset, "note", 41), ==, note);
            g_assert_cmpfloat (number_at (dataset, "company_size", 41), ==, 42);
          }
    }
  mqlw_csv_set_block_size (0);
  mqlw_import_set_split_min ((gsize) 4 << 20);
}

/* UTF-16 with its byte order mark (little-endian) and without (big-endian). */
static void
test_utf16 (void)
{
  static const char text[] = "lead_id,company,sql\r\nL1,Müller,yes\r\nL2,Ørsted,no\r\n";
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

  for (guint k = 0; k < G_N_ELEMENTS (encodings); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) dataset = NULL;
      g_autoptr(GString) raw = g_string_new (NULL);
      gsize written;
      g_autofree char *converted = g_convert (text, -1, encodings[k], "UTF-8", NULL, &written, &error);

      g_assert_no_error (error);
      if (k == 0)
        g_string_append_len (raw, "\xFF\xFE", 2);
      g_string_append_len (raw, converted, written);
      dataset = import_bytes (raw->str, raw->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dataset->n_rows, ==, 2);
      g_assert_cmpstr (string_at (dataset, "company", 0), ==, "Müller");
      g_assert_cmpstr (string_at (dataset, "company", 1), ==, "Ørsted");
    }
}

/* Numbers as spreadsheets write them, read as the numbers they show. */
static void
test_number_forms (void)
{
  static const char csv[] =
    "lead_id,budget,deal,share,staff,sql\n"
    "L1,\"$1,200\",\"1.200,50 €\",12 %,1 200,yes\n"
    "L2,$300,\"€3,5\",5%,80,no\n"
    "L3,\"$1,000,000.25\",\"10.000\",100 %,\"2'500\",no\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_bytes (csv, sizeof csv - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "budget")->type, ==, MQLW_COLUMN_TYPE_DECIMAL);
  g_assert_cmpfloat (number_at (dataset, "budget", 0), ==, 1200);
  g_assert_cmpfloat (number_at (dataset, "budget", 1), ==, 300);
  g_assert_cmpfloat (number_at (dataset, "budget", 2), ==, 1000000.25);
  /* the decimal comma shows on line 2: "10.000" is ten thousand */
  g_assert_cmpfloat (number_at (dataset, "deal", 0), ==, 1200.5);
  g_assert_cmpfloat (number_at (dataset, "deal", 1), ==, 3.5);
  g_assert_cmpfloat (number_at (dataset, "deal", 2), ==, 10000);
  g_assert_cmpfloat (number_at (dataset, "share", 0), ==, 12);
  g_assert_cmpfloat (number_at (dataset, "share", 2), ==, 100);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "staff")->type, ==, MQLW_COLUMN_TYPE_INTEGER);
  g_assert_cmpfloat (number_at (dataset, "staff", 0), ==, 1200);
  g_assert_cmpfloat (number_at (dataset, "staff", 2), ==, 2500);
}

/* A text column remembers why it is not numbers, for the scorer's message. */
static void
test_text_reason (void)
{
  static const char csv[] = "lead_id,annual_revenue,sql\nL1,$5.3M,yes\nL2,$1.2M,no\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_bytes (csv, sizeof csv - 1, &error);
  MqlwColumn *column;

  g_assert_no_error (error);
  column = mqlw_dataset_get_column (dataset, "annual_revenue");
  g_assert_cmpint (column->type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
  g_assert_true (g_str_has_prefix (column->text_reason, "line 2: '$5.3M' is not a number: a letter such as K"));
}

static char *
sha256_of (const char *data,
           gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* A file (read with pread, in blocks) and the same bytes in memory: the same
 * leads and the digest of the file's bytes. */
static void
test_file_and_memory (void)
{
  g_autoptr(GString) csv = mac_csv ();
  g_autofree char *dir = g_dir_make_tmp ("mqlw-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "mac.csv", NULL);
  g_autofree char *digest = sha256_of (csv->str, csv->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) from_file = NULL;
  g_autoptr(MqlwDataset) from_memory = NULL;

  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  mqlw_csv_set_block_size (7);
  from_file = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  mqlw_csv_set_block_size (0);
  g_assert_no_error (error);
  from_memory = import_bytes (csv->str, csv->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_file->n_rows, ==, 25);
  g_assert_cmpstr (from_file->source_sha256, ==, digest);
  g_assert_cmpstr (from_memory->source_sha256, ==, digest);
  g_assert_cmpstr (string_at (from_file, "note", 6), ==, "two\rlines");
  g_remove (path);
  g_rmdir (dir);
}

static gpointer
write_fifo_thread (gpointer data)
{
  const char *path = data;
  g_autoptr(GString) csv = mac_csv ();
  FILE *fifo = fopen (path, "w");

  g_assert_nonnull (fifo);
  g_assert_cmpuint (fwrite (csv->str, 1, csv->len, fifo), ==, csv->len);
  fclose (fifo);
  return NULL;
}

/* A pipe (`mqlw calibrate <(…)`) is read whole, then imported. */
static void
test_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mqlw-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pipe.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  GThread *writer;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  writer = g_thread_new ("writer", write_fifo_thread, path);
  dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  g_thread_join (writer);
  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 25);
  g_remove (path);
  g_rmdir (dir);
}

/* The source notices a file cut short or saved again after it was opened. */
static void
test_source_changes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mqlw-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "f.txt", NULL);
  g_autoptr(MqlwSource) source = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[16];

  g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));
  source = mqlw_source_new_for_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_source_get_size (source), ==, 10);
  g_assert_cmpstr (mqlw_source_get_name (source), ==, "f.txt");
  g_assert_nonnull (mqlw_source_read (source, 2, 3, buffer, &error));
  g_assert_cmpmem (buffer, 3, "234", 3);
  g_assert_true (mqlw_source_check_unchanged (source, &error));

  g_assert_cmpint (truncate (path, 4), ==, 0);
  g_assert_null (mqlw_source_read (source, 2, 8, buffer, &error));
  g_assert_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "f.txt changed while it was being read (it was 10 bytes, it is now 4)"));
  g_clear_error (&error);
  g_assert_false (mqlw_source_check_unchanged (source, &error));
  g_assert_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_CHANGED);
  g_remove (path);
  g_rmdir (dir);
}

/* Nothing at all, in memory (the first fuzz finding: NULL data plus an offset). */
static void
test_empty_in_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(MqlwDataset) dataset = mqlw_import_bytes (empty, "empty.csv", NULL, NULL, NULL, NULL, NULL, &error);

  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "empty.csv: the file is empty");
}

/* Standard input for small files: "-" reads it; a limit is a limit. */
static void
test_small_file_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mqlw-read-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_file_set_contents (path, "{\"a\": 1}", -1, NULL));
  bytes = mqlw_read_small_file (path, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 8);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = mqlw_read_small_file (path, 7, &error);
  g_assert_null (bytes);
  g_assert_error (error, MQLW_READ_ERROR, MQLW_READ_ERROR_TOO_LARGE);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/read/lone-cr", test_lone_cr);
  g_test_add_func ("/mqlw/read/block-edges", test_block_edges);
  g_test_add_func ("/mqlw/read/utf16", test_utf16);
  g_test_add_func ("/mqlw/read/number-forms", test_number_forms);
  g_test_add_func ("/mqlw/read/text-reason", test_text_reason);
  g_test_add_func ("/mqlw/read/file-and-memory", test_file_and_memory);
  g_test_add_func ("/mqlw/read/fifo", test_fifo);
  g_test_add_func ("/mqlw/read/source-changes", test_source_changes);
  g_test_add_func ("/mqlw/read/small-file-limit", test_small_file_limit);
  g_test_add_func ("/mqlw/read/empty-in-memory", test_empty_in_memory);
  return g_test_run ();
}
