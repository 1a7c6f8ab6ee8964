/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv-split.c — an unchecked text read by two parsers split at every
 * offset gives what one parser gives after the full scan (mqlw_csv_text_init):
 * the same dataset, warnings and errors; line numbers checked by hand; the
 * de-duplication split by hash equals the one by one thread. */
#define G_LOG_DOMAIN "mqlw-test-csv-split"

#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-core.h"
#include "mqlw-csv-private.h"
#include "mqlw-dict.h"

#include "column-assert.h"

static MqlwDataset *
import_bytes (GBytes  *bytes,
              GError **error)
{
  return mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, error);
}

/* One parser after the full scan: what the import always gave. */
static MqlwDataset *
import_checked (GBytes  *bytes,
                GError **error)
{
  MqlwDataset *dataset;

  mqlw_import_set_split_min (G_MAXSIZE);
  dataset = import_bytes (bytes, error);
  mqlw_import_set_split_min ((gsize) 4 << 20);
  return dataset;
}

/* Unchecked, split from @split_at on (the parsers' own checks). */
static MqlwDataset *
import_unchecked (GBytes  *bytes,
                  gsize    split_at,
                  GError **error)
{
  MqlwDataset *dataset;

  mqlw_import_set_split_min (0);
  mqlw_csv_set_split_at (split_at);
  dataset = import_bytes (bytes, error);
  mqlw_csv_set_split_at (0);
  mqlw_import_set_split_min ((gsize) 4 << 20);
  return dataset;
}

static void
assert_same_import (GBytes *bytes,
                    gsize   split_at)
{
  g_autoptr(MqlwDataset) one = NULL;
  g_autoptr(MqlwDataset) two = NULL;
  g_autoptr(GError) error_one = NULL;
  g_autoptr(GError) error_two = NULL;

  one = import_checked (bytes, &error_one);
  two = import_unchecked (bytes, split_at, &error_two);
  if (error_one != NULL)
    {
      g_assert_nonnull (error_two);
      g_assert_cmpuint (error_one->domain, ==, error_two->domain);
      g_assert_cmpint (error_one->code, ==, error_two->code);
      g_assert_cmpstr (error_one->message, ==, error_two->message);
      return;
    }
  g_assert_no_error (error_two);
  assert_same_dataset (one, two);
}

/* Every split offset of the text (after its BOM and "sep=" line, but any
 * offset will do: a guess past the end is no split), with blocks of the
 * default size and of 5 bytes (UTF-8 sequences and CRLF cut at block ends). */
static void
check_every_split (const char *text,
                   gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);
  static const gsize blocks[] = { 0, 5 };
  gsize step = len > 400 ? len / 97 : 1;

  for (guint b = 0; b < G_N_ELEMENTS (blocks); b++)
    {
      mqlw_csv_set_block_size (blocks[b]);
      for (gsize at = 1; at < len + 2; at += step)
        {
          g_test_message ("block %" G_GSIZE_FORMAT ", split from %" G_GSIZE_FORMAT, blocks[b], at);
          assert_same_import (bytes, at);
        }
    }
  mqlw_csv_set_block_size (0);
}

#define CHECK(literal) check_every_split (literal, sizeof (literal) - 1)

static void
test_quoted_newlines (void)
{
  guint before = mqlw_import_get_split_count ();

  /* Newlines in quotes around the middle: a guess inside them is read on by the first parser. */
  CHECK ("lead_id,note,sql\n1,a,yes\n2,\"x\ny\n\nz\nw\",no\n3,b,yes\n4,\"c\"\"\n\",no\n5,d,yes\n");
  /* A literal quote inside an unquoted field, then a quoted value on lines. */
  CHECK ("id,size,sql\n1,5\" tall,yes\n2,\"aaaa\nbbbb\",no\n3,c,yes\n4,d,no\n");
  /* The header on two lines. */
  CHECK ("\"lead\nid\",city,sql\n1,A,yes\n2,B,no\n\n3,C,yes\n4,D,no\n5,E,yes\n");
  /* Most splits here fall between records: they were really read in two. */
  g_assert_cmpuint (mqlw_import_get_split_count () - before, >, 10);
}

/* The middle inside a note of many lines, none of which looks like a record
 * (two commas, as the header has): the split is guessed after the note, and
 * the text is read in two, the same as by one parser. */
static void
test_guess_past_note (void)
{
  GString *text = g_string_new ("lead_id,note,sql\n");
  g_autoptr(GBytes) bytes = NULL;
  guint before;

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "%u,short note %u,%s\n", i, i, i % 2 ? "yes" : "no");
  g_string_append (text, "40,\"");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "a long note, line %u\n", i);
  g_string_append (text, "\",yes\n");
  for (guint i = 41; i < 60; i++)
    g_string_append_printf (text, "%u,short note %u,%s\n", i, i, i % 2 ? "yes" : "no");
  bytes = g_string_free_to_bytes (text);

  before = mqlw_import_get_split_count ();
  assert_same_import (bytes, 0);
  g_assert_cmpuint (mqlw_import_get_split_count (), ==, before + 1);
}

static void
test_line_ends (void)
{
  /* CRLF, with a CRLF inside quotes. */
  CHECK ("lead_id,city,sql\r\n1,A,yes\r\n2,\"B\r\nC\",no\r\n3,D,yes\r\n4,E,no\r\n5,F,yes\r\n");
  /* Classic Mac: lone CRs only. */
  CHECK ("lead_id,city,sql\r1,A,yes\r2,B,no\r3,C,yes\r4,D,no\r");
  /* One lone CR in the second half only, one at the very end. */
  CHECK ("lead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\r5,E,yes\n6,F,no\n");
  CHECK ("lead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\n5,E,yes\r");
  /* Empty lines everywhere, and a last line without its end. */
  CHECK ("\n\nlead_id,city,sql\n\n1,A,yes\n\n\n2,B,no\n\n3,C,yes\n\n\n\n4,D,no\n\n5,E,yes");
}

/* Line breaks inside quoted values (CR, CRLF, LF) are kept as written, whatever ends the file's
 * lines (LF, CRLF, lone CR, the three mixed), by one parser or in parts; a header with one is
 * matched to its role as with a space, and a rule matches the value with its own break only.
 * Python's csv module (newline='') reads each fixture to the same values. The fixture, EOL being
 * the file's line end (in the mixed one, CRLF, LF, CR in turn):
 *   lead_id,"Lead\rStatus",industry,sql
 *   L1,Open,"Retail\rStore",yes        disqualified (equals "Retail\rStore")
 *   L2,Open,"Retail\r\nStore",no       10 points (in ["Retail\r\nStore"])
 *   L3,Working,"Retail\nStore",yes     0
 *   L4,Working,Retail,no               0 */
static void
test_line_breaks_in_values (void)
{
  static const char * const eols[][4] = {
    { "\n", "\n", "\n", "\n" }, { "\r\n", "\r\n", "\r\n", "\r\n" }, { "\r", "\r", "\r", "\r" },
    { "\r\n", "\n", "\r", "\r\n" },
  };
  static const char * const industries[] = { "Retail\rStore", "Retail\r\nStore", "Retail\nStore", "Retail" };
  static const char model_json[] =
    "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Breaks\","
    " \"fit\": [{\"id\": \"crlf\", \"field\": \"industry\", \"op\": \"in\", \"values\": [\"Retail\\r\\nStore\"], \"points\": 10}],"
    " \"behaviour\": [],"
    " \"disqualifiers\": [{\"id\": \"cr\", \"reason\": \"other\", \"field\": \"industry\", \"op\": \"equals\","
    " \"values\": [\"Retail\\rStore\"]}],"
    " \"threshold\": 5}";

  for (guint e = 0; e < G_N_ELEMENTS (eols); e++)
    {
      g_autofree char *text = g_strconcat ("lead_id,\"Lead\rStatus\",industry,sql", eols[e][0],
                                           "L1,Open,\"Retail\rStore\",yes", eols[e][1],
                                           "L2,Open,\"Retail\r\nStore\",no", eols[e][2],
                                           "L3,Working,\"Retail\nStore\",yes", eols[e][3],
                                           "L4,Working,Retail,no", eols[e][0], NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) dataset = import_checked (bytes, &error);
      g_autoptr(MqlwModel) model = NULL;
      g_autoptr(MqlwScorer) scorer = NULL;
      const MqlwScores *scores;
      MqlwColumn *status, *industry;

      g_assert_no_error (error);
      g_assert_cmpuint (dataset->n_rows, ==, 4);
      status = g_ptr_array_index (dataset->columns, 1);
      industry = g_ptr_array_index (dataset->columns, 2);
      g_assert_cmpstr (status->name, ==, "Lead\rStatus");
      g_assert_cmpint (status->role, ==, MQLW_ROLE_STAGE);
      for (guint r = 0; r < 4; r++)
        g_assert_cmpstr (g_ptr_array_index (industry->dict, mqlw_column_code_at (industry, r)), ==, industries[r]);

      model = mqlw_model_from_json (model_json, -1, &error);
      g_assert_no_error (error);
      scorer = mqlw_scorer_new (dataset, model, &error);
      g_assert_no_error (error);
      scores = mqlw_scorer_get_scores (scorer);
      g_assert_cmpuint (scores->disqualified[0], ==, 1);
      for (guint r = 1; r < 4; r++)
        g_assert_cmpuint (scores->disqualified[r], ==, 0);
      g_assert_cmpfloat (scores->total[1], ==, 10);
      g_assert_cmpfloat (scores->total[2], ==, 0);
      g_assert_cmpfloat (scores->total[3], ==, 0);
      check_every_split (text, strlen (text));
    }
}

/* A NUL inside a quoted value is refused as binary data on its line, counted as the import and
 * Python's csv count lines (LF, CRLF and a lone CR each end one, inside quotes too): the CR
 * inside L1's value ends line 2, so L2 is on line 4. */
static void
test_nul_in_quotes (void)
{
  static const char * const eols[] = { "\n", "\r\n", "\r" };

  for (guint e = 0; e < G_N_ELEMENTS (eols); e++)
    {
      GString *s = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) dataset = NULL;

      g_string_append_printf (s, "lead_id,industry,sql%sL1,\"Retail\rStore\",yes%sL2,\"A", eols[e], eols[e]);
      g_string_append_c (s, '\0');
      g_string_append_printf (s, "B\",no%sL3,C,yes%s", eols[e], eols[e]);
      bytes = g_string_free_to_bytes (s);
      dataset = import_checked (bytes, &error);
      g_assert_null (dataset);
      g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BINARY);
      g_assert_cmpstr (error->message, ==, "leads.csv: this is not a CSV text file (binary data at line 4)");
      for (gsize at = 1; at < g_bytes_get_size (bytes); at++)
        {
          g_autoptr(GError) split_error = NULL;
          g_autoptr(MqlwDataset) split = import_unchecked (bytes, at, &split_error);

          g_assert_null (split);
          g_assert_cmpstr (split_error->message, ==, error->message);
        }
    }
}

static void
test_encodings (void)
{
  /* A NUL only in the second half: the binary-file error, with its line. */
  CHECK ("lead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D\0,no\n5,E,yes\n");
  /* Valid UTF-8 in the first half, the first byte that is not in the second:
   * the whole text is Windows-1252 (the first "ö" becomes two characters). */
  CHECK ("lead_id,city,sql\n1,K\xC3\xB6ln,yes\n2,B,no\n3,C,yes\n4,Z\xFCrich,no\n5,E,yes\n");
  /* Three-byte sequences around the middle (cut by the 5-byte blocks too). */
  CHECK ("lead_id,city,sql\n1,A,yes\n2,\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC,no\n3,\xE2\x82\xAC,yes\n4,D,no\n");
  /* A BOM; Excel's "sep=" line. */
  CHECK ("\xEF\xBB\xBFlead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\n");
  CHECK ("sep=;\nlead_id;city;sql\n1;A;yes\n2;B;no\n3;C;yes\n4;D;no\n");
  /* UTF-16 (converted before anything else). */
  CHECK ("\xFF\xFEl\0e\0a\0d\0_\0i\0d\0,\0s\0q\0l\0\n\0001\0,\0y\0e\0s\0\n\0002\0,\0n\0o\0\n\0");
}

static void
test_shapes (void)
{
  GString *giant = g_string_new ("lead_id,note,sql\n1,\"");

  /* One giant quoted value over many lines. */
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (giant, "line %u with a \"\"quote\"\" and a comma,\n", i);
  g_string_append (giant, "\",yes\n2,b,no\n");
  check_every_split (giant->str, giant->len);
  g_string_free (giant, TRUE);

  /* A report footer (cut, with its warning). */
  CHECK ("lead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\n\n\"Grand Totals (4 records)\"\n\n"
         "\"Confidential Information - Do Not Distribute\"\n");
  /* A ragged row, a value on two lines and a bad value in the second half. */
  CHECK ("lead_id,note,sql\n1,\"a\nb\",yes\n2,x,no\n3,y,yes,extra\n4,z,no\n");
  CHECK ("lead_id,size,sql\n1,10,yes\n2,20,no\n3,30,yes\n4,40,no\n5,50,yes\n6,sixty,no\n");
  /* An unclosed quote in the second half. */
  CHECK ("lead_id,note,sql\n1,a,yes\n2,b,no\n3,\"c,yes\n4,d,no\n");
  /* Only a header and one row; blank lines before the header past the middle. */
  CHECK ("lead_id,city,sql\n1,A,yes\n");
  CHECK ("\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nid,x,sql\n1,a,yes\n");
}

static void
check_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(MqlwDataset) one = NULL;
  g_autoptr(GError) error_one = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  mqlw_import_set_split_min (G_MAXSIZE);
  one = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error_one);
  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(MqlwDataset) two = NULL;
      g_autoptr(GError) error_two = NULL;

      /* The middle, then a third, two thirds and near the end. */
      mqlw_import_set_split_min (0);
      mqlw_csv_set_split_at (k == 0 ? 0 : MAX (len * k / 4, 1));
      two = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error_two);
      mqlw_csv_set_split_at (0);
      if (error_one != NULL)
        {
          g_assert_nonnull (error_two);
          g_assert_cmpuint (error_one->domain, ==, error_two->domain);
          g_assert_cmpint (error_one->code, ==, error_two->code);
          g_assert_cmpstr (error_one->message, ==, error_two->message);
          continue;
        }
      g_assert_no_error (error_two);
      assert_same_dataset (one, two);
    }
  mqlw_import_set_split_min ((gsize) 4 << 20);
}

static void
check_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        check_dir (path);
      else if (g_str_has_suffix (name, ".csv"))
        {
          g_test_message ("%s", path);
          check_file (path);
        }
    }
}

/* Every CSV file of the test data, read from the file (blocks read as needed). */
static void
test_fixtures (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  check_dir (dir);
}

/* Line numbers of errors from the second part, counted by hand. */
static void
test_error_lines (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    /* Lines: 1 header, 2–3 lead 1 (its note on two lines), 4 lead 2, 5 lead 3. */
    { "lead_id,note,sql\n1,\"a\nb\",yes\n2,x,no\n3,y,yes,extra\n4,z,no\n",
      "leads.csv: line 5: 4 fields, the header has 3" },
    /* The NUL is on line 6 (line 4 is blank). */
    { "lead_id,city,sql\n1,A,yes\n2,B,no\n\n3,C,yes\n4,D\0,no\n",
      "leads.csv: this is not a CSV text file (binary data at line 6)" },
    /* CRLF: line 5 holds lead 4, the NUL. */
    { "lead_id,city,sql\r\n1,A,yes\r\n2,B,no\r\n3,C,yes\r\n4,\0,no\r\n",
      "leads.csv: this is not a CSV text file (binary data at line 5)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copy = NULL;
      gsize len = strlen (cases[i].text);

      /* The NUL ends the C string: the rest is the same text after it. */
      if (strstr (cases[i].message, "binary") != NULL)
        {
          const char *tail = cases[i].text + len + 1;
          gsize tail_len = strlen (tail);
          copy = g_malloc (len + 1 + tail_len);
          memcpy (copy, cases[i].text, len + 1);
          memcpy (copy + len + 1, tail, tail_len);
          len += 1 + tail_len;
        }
      for (gsize at = 1; at < len; at++)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (copy != NULL ? copy : cases[i].text, len);
          g_autoptr(GError) error = NULL;
          g_autoptr(MqlwDataset) dataset = import_unchecked (bytes, at, &error);

          g_assert_null (dataset);
          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

/* Ids and e-mails of 6 000 rows (read as one string per row and given codes
 * after), with repeats after the first 3 000: row r holds id r for r < 3000
 * and id (r * 7) % 3000 after, every 11th e-mail is missing. Codes are in
 * order of first appearance: id r's code is r; the e-mails likewise, the
 * missing ones left out. */
static GBytes *
repeating_ids (void)
{
  GString *s = g_string_new ("lead_id,email,sql\n");

  for (guint r = 0; r < 6000; r++)
    {
      guint id = r < 3000 ? r : (r * 7) % 3000;
      if (id % 11 == 5)
        g_string_append_printf (s, "L%05u,,%s\n", id, r % 2 ? "yes" : "no");
      else
        g_string_append_printf (s, "L%05u,p%u@example.com,%s\n", id, id, r % 2 ? "yes" : "no");
    }
  return g_string_free_to_bytes (s);
}

static void
test_dedup_split (void)
{
  g_autoptr(GBytes) bytes = repeating_ids ();
  g_autoptr(MqlwDataset) one = NULL;
  g_autoptr(MqlwDataset) split = NULL;
  g_autoptr(GError) error = NULL;
  MqlwColumn *ids, *emails;
  guint email_codes = 0;

  mqlw_dict_set_dedup_limits (G_MAXUINT, G_MAXUINT);
  one = import_checked (bytes, &error);
  g_assert_no_error (error);
  mqlw_dict_set_dedup_limits (0, 0);
  split = import_checked (bytes, &error);
  g_assert_no_error (error);
  mqlw_dict_set_dedup_limits (4000000, 4096);
  assert_same_dataset (one, split);

  ids = mqlw_dataset_get_column (split, "lead_id");
  emails = mqlw_dataset_get_column (split, "email");
  g_assert_nonnull (ids);
  g_assert_nonnull (emails);
  g_assert_cmpuint (ids->dict->len, ==, 3000);
  /* 3000 ids less those ≡ 5 (mod 11): 273 of them (5, 16, …, 2997). */
  g_assert_cmpuint (emails->dict->len, ==, 3000 - 273);
  for (guint r = 0; r < 6000; r++)
    {
      guint id = r < 3000 ? r : (r * 7) % 3000;
      g_autofree char *name = g_strdup_printf ("L%05u", id);

      g_assert_cmpuint (mqlw_column_code_at (ids, r), ==, id);
      g_assert_cmpstr (g_ptr_array_index (ids->dict, id), ==, name);
      if (id % 11 == 5)
        g_assert_cmpuint (mqlw_column_code_at (emails, r), ==, MQLW_CODE_MISSING);
      else
        {
          /* Below id, (id + 5) / 11 ids have no e-mail (5, 16, 27, …). */
          guint code = id - (id + 5) / 11;
          g_assert_cmpuint (mqlw_column_code_at (emails, r), ==, code);
          if (r < 3000)
            g_assert_cmpuint (code, ==, email_codes++);
        }
    }
}

/* N parts */

static const guint part_counts[] = { 2, 3, 4, 7, 16 };

/* Unchecked, in @n parts, the splits looked for from @targets (sorted). */
static MqlwDataset *
import_parts (GBytes      *bytes,
              guint        n,
              const gsize *targets,
              guint        n_targets,
              GError     **error)
{
  MqlwDataset *dataset;

  mqlw_import_set_split_min (0);
  mqlw_import_set_parts (n);
  mqlw_csv_set_split_targets (targets, n_targets);
  dataset = import_bytes (bytes, error);
  mqlw_csv_set_split_targets (NULL, 0);
  mqlw_import_set_parts (0);
  mqlw_import_set_split_min ((gsize) 4 << 20);
  return dataset;
}

static void
assert_same_result (MqlwDataset  *one,
                    const GError *error_one,
                    MqlwDataset  *many,
                    const GError *error_many)
{
  if (error_one != NULL)
    {
      g_assert_nonnull (error_many);
      g_assert_cmpuint (error_one->domain, ==, error_many->domain);
      g_assert_cmpint (error_one->code, ==, error_many->code);
      g_assert_cmpstr (error_one->message, ==, error_many->message);
      return;
    }
  g_assert_no_error (error_many);
  assert_same_dataset (one, many);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;
  return x < y ? -1 : x > y;
}

/* In every count of parts: evenly spaced splits, @rounds sets of random
 * ones, and the splits from @spots (bytes where a split would be hard:
 * inside or around a value on several lines), each the same as one parser
 * after the full scan. */
static void
check_parts (GBytes      *bytes,
             const gsize *spots,
             guint        n_spots,
             guint        rounds)
{
  g_autoptr(MqlwDataset) one = NULL;
  g_autoptr(GError) error_one = NULL;
  gsize len = g_bytes_get_size (bytes);

  one = import_checked (bytes, &error_one);
  for (guint i = 0; i < G_N_ELEMENTS (part_counts); i++)
    {
      guint n = part_counts[i];

      for (guint r = 0; r < rounds + 1 + n_spots; r++)
        {
          gsize targets[MQLW_IMPORT_MAX_PARTS];
          guint n_targets = 0;
          g_autoptr(MqlwDataset) many = NULL;
          g_autoptr(GError) error_many = NULL;

          if (r > 0 && r <= rounds)
            {
              for (; n_targets < n - 1; n_targets++)
                targets[n_targets] = (gsize) g_test_rand_int_range (1, (gint32) MAX (len, 2));
            }
          else if (r > rounds)
            {
              /* One spot, and spots 1 and 2 bytes on from it, and random others. */
              gsize at = spots[r - rounds - 1];
              for (; n_targets < n - 1; n_targets++)
                targets[n_targets] = n_targets < 3 ? MAX (at, 1) + n_targets
                                     : (gsize) g_test_rand_int_range (1, (gint32) MAX (len, 2));
            }
          qsort (targets, n_targets, sizeof (gsize), compare_offsets);
          many = import_parts (bytes, n, targets, n_targets, &error_many);
          assert_same_result (one, error_one, many, error_many);
        }
    }
}

/* Rows of the shapes the parts must agree on: a note on several lines (with
 * CRLF or quotes) every @note_every rows, an ambiguous date (03/04 …) on
 * every row, a text column whose values first appear far apart, a
 * placeholder ("n/a") in an amount column. @spots receives the offsets of
 * each multi-line note's start, middle and end. */
static GBytes *
shaped_text (guint        n_rows,
             guint        note_every,
             const char  *eol,
             GArray      *spots)
{
  GString *s = g_string_new ("lead_id,note,created,city,amount,sql");

  g_string_append (s, eol);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append_printf (s, "L%u,", r);
      if (note_every > 0 && r % note_every == 1)
        {
          gsize start = s->len;
          /* Its lines look like records (as many commas as the header): a
           * split guessed inside it is taken, and the part before reads on. */
          g_string_append_printf (s, "\"note %u,%s\"\"quoted\"\",%sline,two,x,y,z,w%s,,,,,%send\"", r, eol, eol,
                                  eol, eol);
          if (spots != NULL)
            {
              gsize mid = start + (s->len - start) / 2;
              g_array_append_val (spots, start);
              g_array_append_val (spots, mid);
              g_array_append_val (spots, s->len);
            }
        }
      else
        g_string_append_printf (s, "plain %u", r);
      /* Days 1–12 only: each date reads either way. */
      g_string_append_printf (s, ",%02u/%02u/2024,city%u,%s,%s%s", r % 12 + 1, (r / 12) % 12 + 1,
                              (r * 37) % (n_rows / 3 + 1), r % 9 == 4 ? "n/a" : "125", r % 2 ? "yes" : "no", eol);
    }
  return g_string_free_to_bytes (s);
}

static void
test_parts_shapes (void)
{
  static const char * const eols[] = { "\n", "\r\n" };

  for (guint e = 0; e < G_N_ELEMENTS (eols); e++)
    {
      g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_autoptr(GBytes) bytes = shaped_text (300, 23, eols[e], spots);

      check_parts (bytes, (const gsize *) spots->data, MIN (spots->len, 24), 4);
    }
  {
    /* Small blocks: lines and UTF-8 cut at block ends in every part. */
    g_autoptr(GBytes) bytes = shaped_text (60, 7, "\n", NULL);
    mqlw_csv_set_block_size (5);
    check_parts (bytes, NULL, 0, 3);
    mqlw_csv_set_block_size (0);
  }
}

/* The texts of the tests above, in every count of parts (short parts: a
 * few bytes each, most guesses at one LF). */
static void
test_parts_small_texts (void)
{
  static const char * const texts[] = {
    "lead_id,note,sql\n1,a,yes\n2,\"x\ny\n\nz\nw\",no\n3,b,yes\n4,\"c\"\"\n\",no\n5,d,yes\n",
    "\"lead\nid\",city,sql\n1,A,yes\n2,B,no\n\n3,C,yes\n4,D,no\n5,E,yes\n",
    "lead_id,city,sql\r\n1,A,yes\r\n2,\"B\r\nC\",no\r\n3,D,yes\r\n4,E,no\r\n5,F,yes\r\n",
    "lead_id,city,sql\r1,A,yes\r2,B,no\r3,C,yes\r4,D,no\r",
    "lead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\r5,E,yes\n6,F,no\n",
    "\n\nlead_id,city,sql\n\n1,A,yes\n\n\n2,B,no\n\n3,C,yes\n\n\n\n4,D,no\n\n5,E,yes",
    "\xEF\xBB\xBFlead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\n",
    "sep=;\nlead_id;city;sql\n1;A;yes\n2;B;no\n3;C;yes\n4;D;no\n",
    "lead_id,city,sql\n1,K\xC3\xB6ln,yes\n2,B,no\n3,C,yes\n4,Z\xFCrich,no\n5,E,yes\n",
    "lead_id,city,sql\n1,A,yes\n2,B,no\n3,C,yes\n4,D,no\n\n\"Grand Totals (4 records)\"\n\n"
    "\"Confidential Information - Do Not Distribute\"\n",
    "lead_id,note,sql\n1,a,yes\n2,b,no\n3,\"c,yes\n4,d,no\n",
    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nid,x,sql\n1,a,yes\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_test_message ("text %u", i);
      check_parts (bytes, NULL, 0, 6);
    }
  {
    /* UTF-16: converted, read checked (its one split found by quote parity). */
    static const char utf16[] = "\xFF\xFEl\0e\0a\0d\0_\0i\0d\0,\0s\0q\0l\0\n\0001\0,\0y\0e\0s\0\n\0002\0,\0n\0o\0\n\0";
    g_autoptr(GBytes) bytes = g_bytes_new_static (utf16, sizeof utf16 - 1);
    check_parts (bytes, NULL, 0, 2);
  }
}

/* 6 000 rows "i,amount,sql" (line i + 2), with bad amounts on the rows of a
 * set, past the sample (2 000 rows, which would make the column text): the
 * error names the first, on its line (by hand), whatever the parts. */
/* One row of a built text: row @r appended to @s. @split is NULL, or (for the first row of a
 * part) the offset the part starts at, set to the line break before the row: the row may move
 * it (into a quoted value, say). */
typedef void (*RowWriter) (GString *s,
                           guint    r,
                           gsize   *split,
                           gpointer data);

/* @header (with its line break), then rows 0 … @n_rows - 1 by @write; @targets[k] is the split
 * before row @split_rows[k] (ascending, none 0). */
static GBytes *
build_rows (const char  *header,
            guint        n_rows,
            RowWriter    write,
            gpointer     data,
            const guint *split_rows,
            guint        n_splits,
            gsize       *targets)
{
  GString *s = g_string_new (header);
  guint k = 0;

  for (guint r = 0; r < n_rows; r++)
    {
      gsize *split = NULL;

      if (k < n_splits && split_rows[k] == r)
        {
          split = &targets[k++];
          *split = s->len - 1;
        }
      write (s, r, split, data);
    }
  g_assert_cmpuint (k, ==, n_splits);
  return g_string_free_to_bytes (s);
}

/* "r,AMOUNT,yes|no": the amount "12abc" in the rows of @data (a guint[2], G_MAXUINT for none). */
static void
write_amount_row (GString *s,
                  guint    r,
                  gsize   *split,
                  gpointer data)
{
  const guint *bad = data;

  g_string_append_printf (s, "%u,%s,%s\n", r, r == bad[0] || r == bad[1] ? "12abc" : "300",
                          r % 2 ? "yes" : "no");
}

static void
test_parts_errors (void)
{
  static const guint bad_sets[][2] = {
    { 2130, G_MAXUINT },   /* in part 1 of most counts */
    { 5990, G_MAXUINT },   /* in the last part */
    { 3000, 4800 },        /* two parts at once: the earlier wins */
    { 2005, 5998 },
  };

  for (guint b = 0; b < G_N_ELEMENTS (bad_sets); b++)
    {
      g_autoptr(GBytes) bytes = build_rows ("lead_id,amount,sql\n", 6000, write_amount_row,
                                            (gpointer) bad_sets[b], NULL, 0, NULL);
      g_autofree char *expected = NULL;

      expected = g_strdup_printf ("leads.csv: line %u, column amount: '12abc'", bad_sets[b][0] + 2);
      for (guint i = 0; i < G_N_ELEMENTS (part_counts); i++)
        for (guint round = 0; round < 3; round++)
          {
            gsize targets[MQLW_IMPORT_MAX_PARTS];
            g_autoptr(MqlwDataset) many = NULL;
            g_autoptr(GError) error = NULL;

            for (guint k = 0; k + 1 < part_counts[i]; k++)
              targets[k] = round == 0 ? g_bytes_get_size (bytes) * (k + 1) / part_counts[i]
                           : (gsize) g_test_rand_int_range (1, (gint32) g_bytes_get_size (bytes));
            qsort (targets, part_counts[i] - 1, sizeof (gsize), compare_offsets);
            many = import_parts (bytes, part_counts[i], targets, part_counts[i] - 1, &error);
            g_assert_null (many);
            g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
            g_assert_true (g_str_has_prefix (error->message, expected));
          }
      check_parts (bytes, NULL, 0, 1);
    }
}

/* Ambiguous dates (both numbers ≤ 12) everywhere and one that is only
 * day-first (25/…) in the last rows: every date reads day-first, whatever
 * part that row falls in; and with one only month-first (…/25/…) too, the
 * error names the earlier of the two. */
static void
test_parts_dates (void)
{
  for (guint variant = 0; variant < 2; variant++)
    {
      GString *s = g_string_new ("lead_id,created,sql\n");
      g_autoptr(GBytes) bytes = NULL;

      for (guint r = 0; r < 400; r++)
        {
          if (r == 395)
            g_string_append_printf (s, "%u,25/04/2024,no\n", r);
          else if (variant == 1 && r == 200)
            g_string_append_printf (s, "%u,04/25/2024,no\n", r);
          else
            g_string_append_printf (s, "%u,%02u/%02u/2024,%s\n", r, r % 12 + 1, (r / 12) % 12 + 1, r % 2 ? "yes" : "no");
        }
      bytes = g_string_free_to_bytes (s);
      for (guint i = 0; i < G_N_ELEMENTS (part_counts); i++)
        {
          g_autoptr(MqlwDataset) many = NULL;
          g_autoptr(GError) error = NULL;
          MqlwColumn *created;

          many = import_parts (bytes, part_counts[i], NULL, 0, &error);
          if (variant == 1)
            {
              g_assert_null (many);
              /* Line 202 is row 200, line 397 row 395. */
              g_assert_nonnull (strstr (error->message, "(line 397: '25/04/2024')"));
              g_assert_nonnull (strstr (error->message, "(line 202: '04/25/2024')"));
              continue;
            }
          g_assert_no_error (error);
          created = mqlw_dataset_get_column (many, "created");
          g_assert_nonnull (created);
          for (guint r = 0; r < 400; r++)
            {
              GDate date;
              g_date_clear (&date, 1);
              if (r == 395)
                g_date_set_dmy (&date, 25, 4, 2024);
              else
                g_date_set_dmy (&date, r % 12 + 1, (r / 12) % 12 + 1, 2024);
              /* Days since 1970-01-01. */
              g_assert_cmpint (created->days[r], ==, (gint32) g_date_get_julian (&date) - 719163);
            }
        }
      check_parts (bytes, NULL, 0, 3);
    }
}

/* A text column whose values first appear one per part, in reverse order of
 * their names: the dictionary is in order of first appearance over the whole
 * text, and placeholders ("n/a", "-") are counted the same. */
static void
test_parts_dictionary (void)
{
  static const char * const names[] = { "Zurich", "York", "Xian", "Wien", "Vigo", "Ulm", "Turin", "Sofia" };
  GString *s = g_string_new ("lead_id,city,sql\n");
  g_autoptr(GBytes) bytes = NULL;

  for (guint r = 0; r < 800; r++)
    {
      guint k = r / 100;
      /* Row 100 k is the first of name k; later rows repeat the names seen. */
      const char *city = r % 100 == 0 ? names[k] : r % 13 == 3 ? "n/a" : r % 17 == 5 ? "-" : names[r % (k + 1)];
      g_string_append_printf (s, "%u,%s,%s\n", r, city, r % 2 ? "yes" : "no");
    }
  bytes = g_string_free_to_bytes (s);
  for (guint i = 0; i < G_N_ELEMENTS (part_counts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) many = import_parts (bytes, part_counts[i], NULL, 0, &error);
      MqlwColumn *city;

      g_assert_no_error (error);
      city = mqlw_dataset_get_column (many, "city");
      g_assert_nonnull (city);
      g_assert_cmpuint (city->dict->len, ==, G_N_ELEMENTS (names));
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        g_assert_cmpstr (g_ptr_array_index (city->dict, k), ==, names[k]);
    }
  check_parts (bytes, NULL, 0, 4);
}

/* 12 000 rows "i,note,amount,sql" (row i on line i + 2) in four parts at
 * rows 3 000, 6 000 and 9 000 (each split just after a record), parsed one
 * part at a time, part 1 first (mqlw_import_set_parts_in_turn): parts 2 and 3
 * come after part 1. Bad amounts only past the sample (2 000 rows):
 * - a bad amount on row 3 500 (line 3 502, in part 1): part 1 fails, parts 2
 *   and 3 are halted before they read a row, and the error is line 3 502's
 *   (part 0, read last, has none);
 * - a bad amount on row 2 500 (line 2 502) as well: part 0's error wins,
 *   parts 2 and 3 halted all the same;
 * - no bad amount, but part 1's split falls inside a quoted note whose next
 *   line looks like a record with a bad amount ("7,b,12abc,yes"): part 1
 *   fails on it, parts 2 and 3 are halted, and part 0, reading on through
 *   part 1's span, then reads through theirs: every row as one parser reads
 *   them, no error. */
/* test_parts_halt's rows: "r,plain,AMOUNT,yes|no", "12abc" in row 3500 (variants 0 and 1) and
 * 2500 (variant 1); in variant 2 row 3000 opens a quoted note over three lines and its part
 * starts after the first line break inside the quotes. */
static void
write_halt_row (GString *s,
                guint    r,
                gsize   *split,
                gpointer data)
{
  guint variant = GPOINTER_TO_UINT (data);
  gboolean bad = (variant < 2 && r == 3500) || (variant == 1 && r == 2500);

  if (variant == 2 && r == 3000)
    {
      g_string_append_printf (s, "%u,\"a\n", r);
      *split = s->len - 1;
      g_string_append (s, "7,b,12abc,yes\nc\",300,no\n");
      return;
    }
  g_string_append_printf (s, "%u,plain,%s,%s\n", r, bad ? "12abc" : "300", r % 2 ? "yes" : "no");
}

static void
test_parts_halt (void)
{
  static const guint split_rows[] = { 3000, 6000, 9000 };

  for (guint variant = 0; variant < 3; variant++)
    {
      gsize targets[3];
      g_autoptr(GBytes) bytes = build_rows ("lead_id,note,amount,sql\n", 12000, write_halt_row,
                                            GUINT_TO_POINTER (variant), split_rows, 3, targets);
      g_autoptr(MqlwDataset) one = NULL;
      g_autoptr(MqlwDataset) many = NULL;
      g_autoptr(GError) error_one = NULL;
      g_autoptr(GError) error = NULL;
      guint halted_parts = G_MAXUINT;
      guint64 halted_rows = G_MAXUINT64;
      guint retries;

      one = import_checked (bytes, &error_one);
      mqlw_import_get_halted (&halted_parts, &halted_rows);
      retries = mqlw_import_get_retry_count ();
      mqlw_import_set_parts_in_turn (TRUE);
      many = import_parts (bytes, 4, targets, 3, &error);
      mqlw_import_set_parts_in_turn (FALSE);
      mqlw_import_get_halted (&halted_parts, &halted_rows);
      g_assert_cmpuint (halted_parts, ==, 2);
      g_assert_cmpuint (halted_rows, ==, 0);
      /* Never read again by one parser: part 0 read on through the halted parts. */
      g_assert_cmpuint (mqlw_import_get_retry_count (), ==, retries);
      assert_same_result (one, error_one, many, error);
      if (variant < 2)
        {
          g_autofree char *expected = g_strdup_printf ("leads.csv: line %u, column amount: '12abc'",
                                                       variant == 0 ? 3502 : 2502);
          g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
          g_assert_true (g_str_has_prefix (error->message, expected));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (many->n_rows, ==, 12000);
        }
    }
}

/* Memory refused (as under `ulimit -v`), made deterministic by the test
 * hooks: a dictionary whose room may not grow past 128 codes, and no thread
 * for a part.
 * - "city,amount,sql", 3 000 rows (row r on line r + 2), city "c<r % 200>":
 *   the 129th different city is row 128's, on line 130, and is refused: the
 *   error names the file, line 130 and the column, one parser or four parts
 *   (the parts after the first see their 129th city later).
 * - the same with city "p<r / 750>-<r % 100>": at most 100 cities in each
 *   quarter, 400 in all; read by one parser the 129th is row 778's (the
 *   second quarter's 29th), line 780; read in four parts, each part's 100
 *   fit, and the first part's dictionary refuses the others' when the rows
 *   are put together: that read fails (no row read as missing), and the
 *   text read again with its checks, by one parser here, names line 780.
 * - with no thread for a part, four parts read as one parser reads (read
 *   again in one piece), the rows and values the same. */
static void
write_city_row (GString *s,
                guint    r,
                gsize   *split,
                gpointer data)
{
  if (GPOINTER_TO_UINT (data) == 0)
    g_string_append_printf (s, "c%u,%u,%s\n", r % 200, r, r % 2 ? "yes" : "no");
  else
    g_string_append_printf (s, "p%u-%u,%u,%s\n", r / 750, r % 100, r, r % 2 ? "yes" : "no");
}

static void
test_parts_memory (void)
{
  for (guint variant = 0; variant < 2; variant++)
    {
      static const guint split_rows[] = { 750, 1500, 2250 };
      gsize targets[3];
      g_autoptr(GBytes) bytes = build_rows ("city,amount,sql\n", 3000, write_city_row,
                                            GUINT_TO_POINTER (variant), split_rows, 3, targets);
      g_autoptr(MqlwDataset) one = NULL;
      g_autoptr(MqlwDataset) many = NULL;
      g_autoptr(GError) error_one = NULL;
      g_autoptr(GError) error = NULL;

      mqlw_dict_set_room_limit (128);
      one = import_checked (bytes, &error_one);
      many = import_parts (bytes, 4, targets, 3, &error);
      mqlw_dict_set_room_limit (0);
      g_assert_null (one);
      g_assert_error (error_one, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT);
      g_assert_cmpstr (error_one->message, ==,
                       variant == 0 ? "leads.csv: line 130, column city: there is not enough memory for the "
                                      "different values of this column"
                                    : "leads.csv: line 780, column city: there is not enough memory for the "
                                      "different values of this column");
      g_assert_null (many);
      g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_LIMIT);
      g_assert_cmpstr (error->message, ==, error_one->message);
    }
  {
    g_autoptr(GArray) spots = g_array_new (FALSE, FALSE, sizeof (gsize));
    g_autoptr(GBytes) bytes = shaped_text (300, 23, "\n", spots);
    g_autoptr(MqlwDataset) one = NULL;
    g_autoptr(MqlwDataset) many = NULL;
    g_autoptr(GError) error_one = NULL;
    g_autoptr(GError) error = NULL;
    gsize len = g_bytes_get_size (bytes);
    gsize targets[3] = { len / 4, len / 2, len * 3 / 4 };
    guint retries;

    one = import_checked (bytes, &error_one);
    g_assert_no_error (error_one);
    retries = mqlw_import_get_retry_count ();
    mqlw_import_set_no_threads (TRUE);
    many = import_parts (bytes, 4, targets, 3, &error);
    mqlw_import_set_no_threads (FALSE);
    g_assert_cmpuint (mqlw_import_get_retry_count (), ==, retries + 1);
    assert_same_result (one, error_one, many, error);
    g_assert_cmpuint (many->n_rows, ==, 300);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-split/quoted-newlines", test_quoted_newlines);
  g_test_add_func ("/csv-split/guess-past-note", test_guess_past_note);
  g_test_add_func ("/csv-split/line-ends", test_line_ends);
  g_test_add_func ("/csv-split/encodings", test_encodings);
  g_test_add_func ("/csv-split/line-breaks-in-values", test_line_breaks_in_values);
  g_test_add_func ("/csv-split/nul-in-quotes", test_nul_in_quotes);
  g_test_add_func ("/csv-split/shapes", test_shapes);
  g_test_add_func ("/csv-split/error-lines", test_error_lines);
  g_test_add_func ("/csv-split/fixtures", test_fixtures);
  g_test_add_func ("/csv-split/dedup", test_dedup_split);
  g_test_add_func ("/csv-split/parts/shapes", test_parts_shapes);
  g_test_add_func ("/csv-split/parts/small-texts", test_parts_small_texts);
  g_test_add_func ("/csv-split/parts/errors", test_parts_errors);
  g_test_add_func ("/csv-split/parts/halt", test_parts_halt);
  g_test_add_func ("/csv-split/parts/memory", test_parts_memory);
  g_test_add_func ("/csv-split/parts/dates", test_parts_dates);
  g_test_add_func ("/csv-split/parts/dictionary", test_parts_dictionary);
  return g_test_run ();
}
