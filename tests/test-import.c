/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-import"

#include "config.h"

#include <glib/gstdio.h>

#include <math.h>

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-core.h"
#include "mqlw-csv-private.h"

#include "column-assert.h"

#define Y MQLW_OUTCOME_YES
#define N MQLW_OUTCOME_NO
#define U MQLW_OUTCOME_UNKNOWN

/* Day numbers (see test-date.c for the arithmetic): 2025-01-01 = 20 089. */
#define D_2025_01_03 (20089 + 2)
#define D_2025_03_04 (20089 + 31 + 28 + 3)            /* 20 151 */
#define D_2025_04_01 (20089 + 31 + 28 + 31)           /* 20 179 */
#define D_2025_04_03 (D_2025_04_01 + 2)               /* 20 181 */
#define D_2025_04_13 (D_2025_04_01 + 12)              /* 20 191 */
#define D_2025_05_02 (20089 + 31 + 28 + 31 + 30 + 1)  /* 20 210 */
#define D_2025_05_06 (D_2025_05_02 + 4)               /* 20 214 */
#define D_2025_06_05 (20089 + 31 + 28 + 31 + 30 + 31 + 4)

static char *
data_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", NULL);
}

static MqlwDataset *
import_string (const char         *csv,
               const MqlwMapping  *mapping,
               GError            **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autofree char *dir = data_dir ();
  return mqlw_import_bytes (bytes, "leads.csv", dir, mapping, NULL, NULL, NULL, error);
}

static void
assert_stage (MqlwDataset *dataset,
              MqlwStage    stage,
              const gint8 *expected,
              guint        n)
{
  const gint8 *got = dataset->outcomes.stage[stage];

  g_assert_cmpuint (dataset->n_rows, ==, n);
  if (expected == NULL)
    {
      g_assert_null (got);
      return;
    }
  g_assert_nonnull (got);
  for (guint i = 0; i < n; i++)
    if (got[i] != expected[i])
      g_error ("%s, lead %u: got %d, expected %d", mqlw_stage_to_string (stage), i + 1, got[i], expected[i]);
}

#define ASSERT_STAGE(ds, stage, ...) \
  G_STMT_START { \
    static const gint8 expected_[] = { __VA_ARGS__ }; \
    assert_stage ((ds), (stage), expected_, G_N_ELEMENTS (expected_)); \
  } G_STMT_END

/* The generator's columns: every one gets the right type and role. */
static const struct { const char *name; MqlwColumnType type; MqlwColumnRole role; int stage; } generated_columns[] = {
  { "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID, -1 },
  { "email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL, -1 },
  { "company", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_ACCOUNT, -1 },
  { "job_title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "department", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "company_size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT, -1 },
  { "industry", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "country", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "annual_revenue", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_FIT, -1 },
  { "lead_source", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT, -1 },
  { "created_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT, -1 },
  { "as_of", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF, -1 },
  { "demo_requests", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "contact_sales", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "pricing_page_views", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "product_page_views", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "webinars_attended", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "case_study_downloads", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "ebook_downloads", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "email_clicks", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "careers_page_views", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "unsubscribed", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT, -1 },
  { "last_activity_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE, -1 },
  { "sal", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_ACCEPTED },
  { "rejection_reason", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_REJECTION_REASON, -1 },
  { "sql", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "opportunity", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY },
  { "won", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "deal_amount", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_DEAL_AMOUNT, -1 },
};

static void
test_generated_columns (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "leads-generated.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  MqlwColumn *column;

  g_assert_no_error (error);
  g_assert_cmpuint (dataset->n_rows, ==, 4);
  g_assert_cmpuint (dataset->columns->len, ==, G_N_ELEMENTS (generated_columns));
  for (guint i = 0; i < G_N_ELEMENTS (generated_columns); i++)
    {
      column = g_ptr_array_index (dataset->columns, i);
      g_test_message ("%s", generated_columns[i].name);
      g_assert_cmpstr (column->name, ==, generated_columns[i].name);
      g_assert_cmpstr (mqlw_column_type_to_string (column->type), ==,
                       mqlw_column_type_to_string (generated_columns[i].type));
      g_assert_cmpstr (mqlw_column_role_to_string (column->role), ==,
                       mqlw_column_role_to_string (generated_columns[i].role));
      if (generated_columns[i].stage >= 0)
        g_assert_cmpint (column->stage, ==, generated_columns[i].stage);
    }
  g_assert_cmpuint (dataset->problems->len, ==, 0);

  /* Values: missing stays missing, not zero. */
  column = mqlw_dataset_get_column (dataset, "annual_revenue");
  g_assert_cmpfloat (mqlw_column_num_at (column, 0), ==, 12000000.0);
  g_assert_true (isnan (mqlw_column_num_at (column, 1)));
  g_assert_cmpfloat (mqlw_column_num_at (column, 3), ==, 4500000.5);
  column = mqlw_dataset_get_column (dataset, "careers_page_views");
  g_assert_cmpfloat (mqlw_column_num_at (column, 1), ==, 2.0);
  column = mqlw_dataset_get_column (dataset, "country");
  g_assert_cmpuint (column->dict->len, ==, 4);
  g_assert_cmpstr (mqlw_column_string (column, 2), ==, "FR");
  g_assert_null (mqlw_column_string (mqlw_dataset_get_column (dataset, "rejection_reason"), 0));

  /* L1 won; L2 rejected; L3 an open opportunity; L4 never handed over. */
  ASSERT_STAGE (dataset, MQLW_STAGE_ACCEPTED, Y, N, Y, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, Y, N, Y, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_OPPORTUNITY, Y, N, Y, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, Y, N, U, U);
  g_assert_cmpfloat (dataset->outcomes.amount[0], ==, 24000.0);
  g_assert_true (isnan (dataset->outcomes.amount[1]));
  g_assert_cmpint (dataset->outcomes.created_days[0], ==, D_2025_01_03);
  g_assert_cmpuint (strlen (dataset->source_sha256), ==, 64);
  g_assert_cmpstr (dataset->source_name, ==, "leads-generated.csv");
}

static void
test_type_inference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset =
    import_string ("lead_id,newsletter,demo_requests,webinar_count,score,flag,empty,sql\n"
                   "1,0,0,2,10.5,Y,,t\n"
                   "2,1,1,0,7,n,,f\n"
                   "3,,0,1,,y,,\n", NULL, &error);
  static const struct { const char *name; MqlwColumnType type; } expected[] = {
    { "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL },    /* digits, but an id is a name ("00123") */
    { "newsletter", MQLW_COLUMN_TYPE_BOOLEAN },     /* 0/1, not named like an activity */
    { "demo_requests", MQLW_COLUMN_TYPE_INTEGER },  /* 0/1 but an activity count */
    { "webinar_count", MQLW_COLUMN_TYPE_INTEGER },
    { "score", MQLW_COLUMN_TYPE_DECIMAL },
    { "flag", MQLW_COLUMN_TYPE_BOOLEAN },
    { "empty", MQLW_COLUMN_TYPE_CATEGORICAL },      /* all empty */
    { "sql", MQLW_COLUMN_TYPE_BOOLEAN },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (mqlw_column_type_to_string (mqlw_dataset_get_column (dataset, expected[i].name)->type), ==,
                     mqlw_column_type_to_string (expected[i].type));
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "flag")->boolean[0], ==, 1);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "flag")->boolean[1], ==, 0);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "newsletter")->boolean[2], ==, MQLW_BOOL_MISSING);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "demo_requests")->role, ==, MQLW_ROLE_ACTIVITY_COUNT);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "score")->role, ==, MQLW_ROLE_SCORE);
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, Y, N, U);
}

/* The type comes from the first 2 000 rows; a later value that does not fit fails. */
static void
test_value_after_sample (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,company_size,sql\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;

  for (guint i = 1; i <= 2100; i++)
    g_string_append_printf (csv, "L%u,%s,no\n", i, i == 2050 ? "lots" : "40");
  dataset = import_string (csv->str, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
  /* lead 2 050 is on line 2 051: the header is line 1 */
  g_assert_cmpstr (error->message, ==, "leads.csv: line 2051, column company_size: 'lots' is not a number "
                   "(set the column's type to text in the mapping to keep it as text)");
}

/* Byte order marks around header names (a UTF-8 text saved twice with one,
 * a mark before a later name, one after a name, a UTF-16 text with two
 * marks): the names read without them, as typed: lead_id, score, sql; the
 * rows as they are (2 leads). */
static void
test_header_byte_order_marks (void)
{
  static const struct { const char *text; gsize len; } texts[] = {
#define T(s) { s, sizeof s - 1 }
    T ("\xEF\xBB\xBF\xEF\xBB\xBFlead_id,score,sql\n1,50,yes\n2,30,no\n"),
    T ("\xEF\xBB\xBFlead_id,\xEF\xBB\xBF score,sql\xEF\xBB\xBF\n1,50,yes\n2,30,no\n"),
    T ("\xFF\xFE\xFF\xFEl\0e\0a\0d\0_\0i\0d\0,\0s\0c\0o\0r\0e\0,\0s\0q\0l\0\n\0"
       "1\0,\0005\0000\0,\0y\0e\0s\0\n\0002\0,\0003\0000\0,\0n\0o\0\n\0"),
#undef T
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i].text, texts[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwDataset) dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);
      static const char * const names[] = { "lead_id", "score", "sql" };

      g_test_message ("text %u", i);
      g_assert_no_error (error);
      g_assert_cmpuint (dataset->n_rows, ==, 2);
      g_assert_cmpuint (dataset->columns->len, ==, 3);
      for (guint c = 0; c < 3; c++)
        g_assert_nonnull (mqlw_dataset_get_column (dataset, names[c]));
    }
}

/* Every yes/no word in any case; accepted/rejected only in the acceptance
 * stage, won/lost only in the won stage; a word one letter off is an error. */
static void
test_yes_no_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset =
    import_string ("lead_id,newsletter,sal,won\n"
                   "1,YES,Accepted,WON\n"
                   "2,No,REJECTED,lost\n"
                   "3,TRUE,accepted,Won\n"
                   "4,fAlSe,rejected,LoSt\n"
                   "5,y,yes,no\n"
                   "6,N,No,True\n"
                   "7,1,t,f\n"
                   "8,0,,\n", NULL, &error);
  static const gint8 newsletter[] = { 1, 0, 1, 0, 1, 0, 1, 0 };
  static const gint8 sal[] = { 1, 0, 1, 0, 1, 0, 1, MQLW_BOOL_MISSING };
  static const gint8 won[] = { 1, 0, 1, 0, 0, 1, 0, MQLW_BOOL_MISSING };
  MqlwColumn *columns[3];

  g_assert_no_error (error);
  columns[0] = mqlw_dataset_get_column (dataset, "newsletter");
  columns[1] = mqlw_dataset_get_column (dataset, "sal");
  columns[2] = mqlw_dataset_get_column (dataset, "won");
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (columns[c]->type, ==, MQLW_COLUMN_TYPE_BOOLEAN);
  for (guint i = 0; i < 8; i++)
    {
      g_assert_cmpint (columns[0]->boolean[i], ==, newsletter[i]);
      g_assert_cmpint (columns[1]->boolean[i], ==, sal[i]);
      g_assert_cmpint (columns[2]->boolean[i], ==, won[i]);
    }

  /* "won" outside the won stage, and "yess", are not yes/no words. */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GString) csv = g_string_new ("lead_id,newsletter,sql\n");
      g_autoptr(GError) bad = NULL;
      g_autoptr(MqlwDataset) none = NULL;

      for (guint i = 1; i <= 2010; i++)
        g_string_append_printf (csv, "%u,%s,no\n", i, i < 2005 ? "yes" : k == 0 ? "won" : "yess");
      none = import_string (csv->str, NULL, &bad);
      g_assert_null (none);
      g_assert_error (bad, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (bad->message, k == 0 ? "line 2006, column newsletter: 'won' is not a yes/no value"
                                                     : "line 2006, column newsletter: 'yess' is not a yes/no value"));
    }
}

/* Decimals are read as the C library's strtod reads them, to the last bit
 * (the import has a fast path of its own for up to 15 digits with a dot). */
static void
test_decimals_as_strtod (void)
{
  static const char * const fixed[] = {
    "5340000.00", "0.1", "-0.0", ".25", "+.5", "7.", "000123.000", "123456789012.345", "1234567890123456.7",
    "0.000000000000001", "999999999999999.", "-12345.6789", "2.5e3", "1e-7",
  };
  g_autoptr(GString) csv = g_string_new ("lead_id,amount,sql\n");
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  MqlwColumn *amount;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (values, g_strdup (fixed[i]));
  /* Random digits (1 to 17 of them) with the dot anywhere, some negative. */
  for (guint i = 0; i < 5000; i++)
    {
      GString *v = g_string_new (g_rand_boolean (rand) ? "-" : "");
      guint n = g_rand_int_range (rand, 1, 18), dot = g_rand_int_range (rand, 0, n + 1);

      for (guint k = 0; k < n; k++)
        {
          if (k == dot)
            g_string_append_c (v, '.');
          g_string_append_c (v, '0' + g_rand_int_range (rand, 0, 10));
        }
      if (dot == n)
        g_string_append_c (v, '.');
      g_ptr_array_add (values, g_string_free (v, FALSE));
    }
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (csv, "L%u,%s,no\n", i, (char *) g_ptr_array_index (values, i));
  dataset = import_string (csv->str, NULL, &error);
  g_assert_no_error (error);
  amount = mqlw_dataset_get_column (dataset, "amount");
  g_assert_cmpint (amount->type, ==, MQLW_COLUMN_TYPE_DECIMAL);
  for (guint i = 0; i < values->len; i++)
    {
      double expected = strtod (g_ptr_array_index (values, i), NULL), got = amount->num[i];

      if (memcmp (&expected, &got, sizeof got) != 0)
        g_error ("'%s' read as %.17g, strtod reads %.17g", (char *) g_ptr_array_index (values, i), got, expected);
    }
}

static void
test_dates_ambiguous (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = import_string ("lead_id,created_at,sql\nL1,3/4/2025,yes\nL2,5/6/2025,no\n", NULL, &error);
  g_autoptr(MqlwDataset) dmy = import_string ("lead_id,created_at,sql\nL1,3/4/2025,yes\nL2,13/4/2025,no\n", NULL, &error);
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) mapped = NULL;
  MqlwColumn *column;
  const MqlwProblem *problem;

  g_assert_no_error (error);
  column = mqlw_dataset_get_column (dataset, "created_at");
  g_assert_cmpint (column->type, ==, MQLW_COLUMN_TYPE_DATE);
  g_assert_cmpint (column->days[0], ==, D_2025_03_04);
  g_assert_cmpint (column->days[1], ==, D_2025_05_06);
  g_assert_cmpuint (dataset->problems->len, ==, 1);
  problem = g_ptr_array_index (dataset->problems, 0);
  g_assert_cmpint (problem->level, ==, MQLW_PROBLEM_WARNING);
  g_assert_cmpstr (problem->message, ==, "column created_at: dates like 3/4/2025 could be 4 March or 3 April; "
                   "read as month/day — give --date-order dmy (date_order in the mapping) if that is wrong");
  g_assert_cmpstr (problem->kind, ==, "date-order");

  /* 13/4 proves day-first, so 3/4 is 3 April; nothing to warn about. */
  column = mqlw_dataset_get_column (dmy, "created_at");
  g_assert_cmpint (column->days[0], ==, D_2025_04_03);
  g_assert_cmpint (column->days[1], ==, D_2025_04_13);
  g_assert_cmpuint (dmy->problems->len, ==, 0);

  mapping->date_order = MQLW_DATE_ORDER_DMY;
  mapped = import_string ("lead_id,created_at,sql\nL1,3/4/2025,yes\nL2,5/6/2025,no\n", mapping, &error);
  g_assert_no_error (error);
  column = mqlw_dataset_get_column (mapped, "created_at");
  g_assert_cmpint (column->days[0], ==, D_2025_04_03);
  g_assert_cmpint (column->days[1], ==, D_2025_06_05);
  g_assert_cmpuint (mapped->problems->len, ==, 0);
}

/* One column per stage, boolean-like encodings:
 *   raw      SAL        SQL   opp  won
 *   L1  accepted        yes   1    true   → all reached
 *   L2  rejected        —     —    —      → rejected: nothing later
 *   L3  —               —     —    —      → unknown
 *   L4  accepted        no    —    —      → no SQL: no opp, no win
 *   L5  accepted        yes   0    —      → no opp: no win
 *   L6  accepted        yes   1    —      → open opportunity: win unknown */
static void
test_outcome_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset =
    import_string ("lead_id,sal,sql,opportunity,won\n"
                   "L1,accepted,yes,1,true\n"
                   "L2,rejected,,,\n"
                   "L3,,,,\n"
                   "L4,accepted,no,,\n"
                   "L5,accepted,yes,0,\n"
                   "L6,accepted,yes,1,\n", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "sal")->type, ==, MQLW_COLUMN_TYPE_BOOLEAN);
  ASSERT_STAGE (dataset, MQLW_STAGE_ACCEPTED, Y, N, U, Y, Y, Y);
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, Y, N, U, N, Y, Y);
  ASSERT_STAGE (dataset, MQLW_STAGE_OPPORTUNITY, Y, N, U, N, N, Y);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, Y, N, U, N, N, U);
}

/* Date-typed outcome columns: a blank is "not reached" when the previous stage
 * with data is known, or when it is the first stage with data.
 *   L1 sql + won dates; L2 sql date only (won blank, SQL known → no);
 *   L3 nothing (SQL is the first stage with data → no; won → no);
 *   L4 won date only (→ won, hence SQL too). */
static void
test_outcome_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset =
    import_string ("lead_id,sql_date,won_date\n"
                   "L1,2025-01-10,2025-03-01\n"
                   "L2,2025-01-12,\n"
                   "L3,,\n"
                   "L4,,2025-02-01\n", NULL, &error);
  g_autoptr(MqlwDataset) after_sal = NULL;

  g_assert_no_error (error);
  assert_stage (dataset, MQLW_STAGE_ACCEPTED, NULL, 4);
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, Y, Y, N, Y);
  assert_stage (dataset, MQLW_STAGE_OPPORTUNITY, NULL, 4);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, Y, N, N, Y);

  /* With SAL before it: blank won is no when SAL is known, unknown when it is not. */
  after_sal = import_string ("lead_id,sal,won_date\n"
                             "L1,accepted,2025-03-01\n"
                             "L2,accepted,\n"
                             "L3,,\n"
                             "L4,rejected,\n", NULL, &error);
  g_assert_no_error (error);
  ASSERT_STAGE (after_sal, MQLW_STAGE_ACCEPTED, Y, Y, U, N);
  ASSERT_STAGE (after_sal, MQLW_STAGE_WON, Y, N, U, N);
}

/* A lifecycle column through the built-in table:
 *   New (none, open) → all unknown;  Rejected (none, closed) → all no;
 *   SAL (accepted, open);  SQL (sql, open);  Engaging (opportunity, open);
 *   Closed Won (won, closed);  Closed Lost (opportunity, closed);
 *   Hibernating (unknown value: warned, left unknown);  blank → unknown. */
static void
test_stage_builtin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset =
    import_string ("lead_id,lifecycle_stage\n"
                   "L1,New\nL2,Rejected\nL3,SAL\nL4,SQL\nL5,Engaging\nL6,Closed Won\nL7,Closed Lost\n"
                   "L8,Hibernating\nL9,\nL10,Hibernating\n", NULL, &error);
  const MqlwProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "lifecycle_stage")->role, ==, MQLW_ROLE_STAGE);
  ASSERT_STAGE (dataset, MQLW_STAGE_ACCEPTED, U, N, Y, Y, Y, Y, Y, U, U, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, U, N, U, Y, Y, Y, Y, U, U, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_OPPORTUNITY, U, N, U, U, Y, Y, Y, U, U, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, U, N, U, U, U, Y, N, U, U, U);
  /* once per value, with the line it first appears on (L8 is line 9) */
  g_assert_cmpuint (dataset->problems->len, ==, 1);
  problem = g_ptr_array_index (dataset->problems, 0);
  g_assert_cmpuint (problem->line, ==, 9);
  g_assert_nonnull (strstr (problem->message, "'Hibernating'"));
}

/* Custom stage_values override the built-in table value by value:
 *   Talking (sql, open); Proposal sent (opportunity, open: win stays unknown);
 *   Signed (won, closed); Went dark (none, closed); "Rejected" is listed as
 *   "none, open" instead of the table's "none, closed"; "New" and "Lost" still
 *   read through the table (none, open; opportunity, closed); "Hibernating"
 *   is in neither and is warned about (line 9). */
static void
test_stage_custom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  MqlwColumnSpec *spec;

  mqlw_mapping_add_stage_value (mapping, "Talking", MQLW_STAGE_SQL, FALSE);
  mqlw_mapping_add_stage_value (mapping, "Proposal sent", MQLW_STAGE_OPPORTUNITY, FALSE);
  mqlw_mapping_add_stage_value (mapping, "Signed", MQLW_STAGE_WON, TRUE);
  mqlw_mapping_add_stage_value (mapping, "Went dark", -1, TRUE);
  mqlw_mapping_add_stage_value (mapping, "Rejected", -1, FALSE);
  spec = mqlw_mapping_set_column (mapping, "phase");
  spec->role = MQLW_ROLE_STAGE;
  spec->type_set = FALSE;

  dataset = import_string ("lead_id,phase\nL1,Talking\nL2,proposal sent\nL3,Signed\nL4,Went dark\nL5,New\n"
                           "L6,Rejected\nL7,Lost\nL8,Hibernating\n",
                           mapping, &error);
  g_assert_no_error (error);
  ASSERT_STAGE (dataset, MQLW_STAGE_ACCEPTED, Y, Y, Y, N, U, U, Y, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, Y, Y, Y, N, U, U, Y, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_OPPORTUNITY, U, Y, Y, N, U, U, Y, U);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, U, U, Y, N, U, U, N, U);
  g_assert_cmpuint (dataset->problems->len, ==, 1);
  g_assert_cmpuint (((MqlwProblem *) g_ptr_array_index (dataset->problems, 0))->line, ==, 9);
}

/* deals.csv: ann@x.com (padded, other case) won 5 000 on 2025-04-01; cy@z.com
 * won 1 200.50 on 2025-05-02; a second ann@x.com row (ignored, warned);
 * nobody@q.com matches no lead.
 *   L1 Ann@X.com accepted → won;  L2 accepted, absent → SAL known → not won;
 *   L3 SAL unknown, present → won (so accepted);  L4 rejected, absent → no. */
static void
test_outcome_join (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  MqlwJoinSpec *join;
  MqlwColumn *date;

  join = mqlw_mapping_add_join (mapping, MQLW_JOIN_OUTCOME, "deals.csv", "email", "contact_email");
  join->stage = MQLW_STAGE_WON;
  join->amount = g_strdup ("amount");
  join->date = g_strdup ("closed_at");

  dataset = import_string ("lead_id,email,sal\n"
                           "L1,Ann@X.com,accepted\n"
                           "L2,bob@y.com,accepted\n"
                           "L3,cy@z.com,\n"
                           "L4,dee@w.com,rejected\n", mapping, &error);
  g_assert_no_error (error);
  ASSERT_STAGE (dataset, MQLW_STAGE_ACCEPTED, Y, Y, Y, N);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, Y, N, Y, N);
  g_assert_cmpfloat (dataset->outcomes.amount[0], ==, 5000.0);
  g_assert_true (isnan (dataset->outcomes.amount[1]));
  g_assert_cmpfloat (dataset->outcomes.amount[2], ==, 1200.5);
  g_assert_true (isnan (dataset->outcomes.amount[3]));
  date = mqlw_dataset_get_column (dataset, "closed_at");
  g_assert_nonnull (date);
  g_assert_cmpint (date->days[0], ==, D_2025_04_01);
  g_assert_cmpint (date->days[1], ==, MQLW_DATE_MISSING);
  g_assert_cmpint (date->days[2], ==, D_2025_05_02);
  /* the repeated key, then the deal no lead matched (the repeat matched through its key) */
  g_assert_cmpuint (dataset->problems->len, ==, 2);
  g_assert_nonnull (strstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 0))->message,
                            "deals.csv: 1 row repeats a key already seen (the first is 'ann@x.com')"));
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 1))->message, ==,
                   "deals.csv: 1 of 4 rows found no lead by contact_email (the first is 'nobody@q.com')");
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 1))->kind, ==, "join-unmatched");
}

/* accounts.csv: Acme (Retail, 250, US), Globex (Energy, 5 000, DE), a second
 * Acme row (ignored). "country" clashes with the leads' own column. */
static void
test_enrich_join (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  MqlwColumn *industry, *employees, *country, *their_country;

  mqlw_mapping_add_join (mapping, MQLW_JOIN_ENRICH, "accounts.csv", "company", "account_name");
  dataset = import_string ("lead_id,company,country,sql\n"
                           "L1,Acme,FR,yes\n"
                           "L2, Globex,FR,no\n"
                           "L3,Initech,US,yes\n"
                           "L4,,US,no\n", mapping, &error);
  g_assert_no_error (error);
  industry = mqlw_dataset_get_column (dataset, "industry");
  employees = mqlw_dataset_get_column (dataset, "employees");
  country = mqlw_dataset_get_column (dataset, "country");
  their_country = mqlw_dataset_get_column (dataset, "accounts_country");
  g_assert_nonnull (industry);
  g_assert_nonnull (employees);
  g_assert_nonnull (their_country);
  g_assert_cmpstr (mqlw_column_string (industry, 0), ==, "Retail");
  g_assert_cmpstr (mqlw_column_string (industry, 1), ==, "Energy");
  g_assert_null (mqlw_column_string (industry, 2));
  g_assert_null (mqlw_column_string (industry, 3));
  g_assert_cmpint (employees->type, ==, MQLW_COLUMN_TYPE_INTEGER);
  g_assert_cmpfloat (mqlw_column_num_at (employees, 0), ==, 250.0);
  g_assert_cmpfloat (mqlw_column_num_at (employees, 1), ==, 5000.0);
  g_assert_true (isnan (mqlw_column_num_at (employees, 2)));
  g_assert_cmpstr (mqlw_column_string (country, 0), ==, "FR");
  g_assert_cmpstr (mqlw_column_string (their_country, 0), ==, "US");
  g_assert_cmpstr (mqlw_column_string (their_country, 1), ==, "DE");
  /* the repeated Acme row; then L3 (Initech is not there) and L4 (no company) found no account */
  g_assert_cmpuint (dataset->problems->len, ==, 2);
  g_assert_cmpstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, 1))->message, ==,
                   "2 of 4 leads found no row in accounts.csv by company (1 of them have no company)");
  ASSERT_STAGE (dataset, MQLW_STAGE_SQL, Y, N, Y, N);
}

/* `mqlw inspect --write-map` saves the detected mapping; reading it back gives the same dataset. */
static void
test_preview_mapping (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "leads-generated.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 2, NULL, &error);
  g_autoptr(MqlwMapping) reread = NULL;
  g_autofree char *json = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_rows, ==, 4);
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpint (preview->delimiter, ==, ',');
  g_assert_cmpuint (preview->mapping->columns->len, ==, 30);
  g_assert_cmpint (mqlw_mapping_get_column (preview->mapping, "won")->stage, ==, MQLW_STAGE_WON);

  json = mqlw_mapping_to_json (preview->mapping);
  reread = mqlw_mapping_from_json (json, -1, &error);
  g_assert_no_error (error);
  dataset = mqlw_import_file (path, reread, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ASSERT_STAGE (dataset, MQLW_STAGE_WON, Y, N, U, U);
  g_assert_cmpint (mqlw_dataset_get_column (dataset, "unsubscribed")->role, ==, MQLW_ROLE_ACTIVITY_COUNT);
}

static void
test_activity_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset =
    import_string ("lead_id,pricing_page_views,pricing_last_at,demo_requests,demo_requests_date,sql\n"
                   "L1,2,2025-01-02,1,2025-01-03,yes\n", NULL, &error);
  MqlwColumn *column;

  g_assert_no_error (error);
  column = mqlw_dataset_get_column (dataset, "pricing_last_at");
  g_assert_cmpint (column->role, ==, MQLW_ROLE_ACTIVITY_DATE);
  g_assert_cmpstr (column->activity, ==, "pricing_page_views");
  column = mqlw_dataset_get_column (dataset, "demo_requests_date");
  g_assert_cmpint (column->role, ==, MQLW_ROLE_ACTIVITY_DATE);
  g_assert_cmpstr (column->activity, ==, "demo_requests");
}

/* Imports @bytes (or the file @path) with one parser and with two. */
static void
check_one_and_two (const char *path,
                   GBytes     *bytes)
{
  g_autoptr(MqlwDataset) one = NULL;
  g_autoptr(MqlwDataset) two = NULL;
  g_autoptr(GError) error_one = NULL;
  g_autoptr(GError) error_two = NULL;
  g_autofree char *dir = data_dir ();

  mqlw_import_set_split_min (G_MAXSIZE);
  one = path != NULL ? mqlw_import_file (path, NULL, NULL, NULL, NULL, &error_one)
                     : mqlw_import_bytes (bytes, "leads.csv", dir, NULL, NULL, NULL, NULL, &error_one);
  mqlw_import_set_split_min (0);
  two = path != NULL ? mqlw_import_file (path, NULL, NULL, NULL, NULL, &error_two)
                     : mqlw_import_bytes (bytes, "leads.csv", dir, NULL, NULL, NULL, NULL, &error_two);
  mqlw_import_set_split_min ((gsize) 4 << 20);

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

static GBytes *
generate_csv (guint64 n_leads)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;

  mqlw_generate_options_init (&options);
  options.n_leads = n_leads;
  options.seed = 7;
  g_assert_true (mqlw_generate (out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_two_parsers_fixtures (void)
{
  static const char * const dirs[] = { "", "cli", "bad" };
  /* Quoted newlines, CRLF, a BOM, day-first dates, cp1252, blank lines, ragged rows. */
  static const char * const texts[] = {
    "lead_id,note,sql\n1,\"two\nlines\",yes\n2,plain,no\n3,\"x\",yes\n4,\"a\n\nb\",no\n5,e,yes\n",
    "lead_id,created_at,sql\r\n1,3/4/2025,yes\r\n2,5/6/2025,no\r\n3,7/8/2025,yes\r\n4,1/2/2025,no\r\n",
    "\xEF\xBB\xBFlead_id,created_at,sql\n1,03/04/2025,yes\n2,05/06/2025,no\n3,25/08/2025,yes\n4,01/02/2025,no\n",
    "lead_id,city,sql\n1,K\xF6ln,yes\n2,Z\xFCrich,no\n3,Bonn,yes\n4,Paris,no\n5,Lyon,yes\n",
    "lead_id,city,sql\n1,A,yes\n\n2,B,no\n\n\n3,C,yes\n4,D,no\n\n",
    "lead_id,created_at,sql\n1,3/4/2025,yes\n2,5/6/2025,no\n3,7/28/2025,yes\n4,25/2/2025,no\n",
    "lead_id,size,sql\n1,10,yes\n2,20,no\n3,30,yes\n4,40,no\n5,50,yes,extra\n6,60,no\n",
    /* A literal quote inside a field fools the quote count: the middle (byte 42) is inside
     * the quoted field of lead 2, the split lands on its inner newline and is taken back. */
    "id,size,sql\n1,5\" tall,yes\n2,\"aaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbb\",no\n3,c,yes\n",
    /* A header on two lines and a blank line: the first part holds two rows fewer than its
     * lines less one, so the second part's rows are moved down to follow on. */
    "\"lead\nid\",city,sql\n1,A,yes\n2,B,no\n\n3,C,yes\n4,D,no\n5,E,yes\n6,F,no\n7,G,yes\n",
    /* The middle falls among blank lines before the header: no second parser there. */
    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\nid,x,sql\n1,a,yes\n",
  };
  guint before = mqlw_import_get_split_count ();

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", dirs[d], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          if (!g_str_has_suffix (name, ".csv"))
            continue;
          g_test_message ("%s", path);
          check_one_and_two (path, NULL);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_test_message ("text %u", i);
      check_one_and_two (NULL, bytes);
    }
  /* The good files and texts above were really read in two. */
  g_assert_cmpuint (mqlw_import_get_split_count () - before, >=, 6);
}

/* The needed columns of an import that keeps only them equal the full import's,
 * and so do its errors, warnings (values read as missing, ambiguous dates in a
 * dropped column), outcomes and digest; the other columns are not kept. */
static void
assert_same_needed (MqlwDataset        *full,
                    MqlwDataset        *part,
                    const char * const *needed)
{
  guint kept = 0;

  g_assert_cmpuint (full->n_rows, ==, part->n_rows);
  for (guint c = 0; c < full->columns->len; c++)
    {
      MqlwColumn *x = g_ptr_array_index (full->columns, c);
      MqlwColumn *y = mqlw_dataset_get_column (part, x->name);
      gboolean structural = x->role == MQLW_ROLE_CREATED_AT || x->role == MQLW_ROLE_AS_OF
                            || x->role == MQLW_ROLE_ACTIVITY_DATE || x->role == MQLW_ROLE_OUTCOME
                            || x->role == MQLW_ROLE_STAGE || x->role == MQLW_ROLE_DEAL_AMOUNT
                            || x->role == MQLW_ROLE_SCORE;   /* a rejection reason is checked, not kept */

      g_test_message ("column %s", x->name);
      /* An outcome or stage column only the outcomes read is dropped once read
       * (mqlw_outcomes_derive ()); the outcomes, compared below, stay. */
      if ((x->role == MQLW_ROLE_OUTCOME || x->role == MQLW_ROLE_STAGE) && x->type != MQLW_COLUMN_TYPE_DATE
          && !g_strv_contains (needed, x->name))
        {
          g_assert_null (y);
          continue;
        }
      if (structural || g_strv_contains (needed, x->name))
        g_assert_nonnull (y);
      if (y == NULL)
        continue;
      kept++;
      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpint (x->role, ==, y->role);
      g_assert_cmpuint (x->width, ==, y->width);
      assert_same_values (x, y);
      if (x->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_assert_cmpuint (x->dict->len, ==, y->dict->len);
          for (guint k = 0; k < x->dict->len; k++)
            g_assert_cmpstr (g_ptr_array_index (x->dict, k), ==, g_ptr_array_index (y->dict, k));
        }
    }
  /* Only kept columns, and no other. */
  g_assert_cmpuint (kept, ==, part->columns->len);
  assert_same_outcomes_and_problems (full, part);
}

/* Imports @bytes (or the file @path) whole and keeping only @needed, with one
 * parser and with two. */
static gboolean
check_needed (const char         *path,
              GBytes             *bytes,
              const char * const *needed)
{
  g_autofree char *dir = data_dir ();
  gboolean told = FALSE;

  for (guint parsers = 1; parsers <= 2; parsers++)
    {
      g_autoptr(MqlwDataset) full = NULL;
      g_autoptr(MqlwDataset) part = NULL;
      g_autoptr(GError) error_full = NULL;
      g_autoptr(GError) error_part = NULL;

      mqlw_import_set_split_min (parsers == 1 ? G_MAXSIZE : 0);
      full = path != NULL ? mqlw_import_file (path, NULL, NULL, NULL, NULL, &error_full)
                          : mqlw_import_bytes (bytes, "leads.csv", dir, NULL, NULL, NULL, NULL, &error_full);
      part = path != NULL ? mqlw_import_file_needed (path, NULL, needed, NULL, NULL, NULL, &error_part)
                          : mqlw_import_bytes_needed (bytes, "leads.csv", dir, NULL, needed, NULL, NULL, NULL,
                                                      &error_part);
      mqlw_import_set_split_min ((gsize) 4 << 20);
      if (error_full != NULL)
        {
          g_assert_nonnull (error_part);
          g_assert_cmpuint (error_full->domain, ==, error_part->domain);
          g_assert_cmpint (error_full->code, ==, error_part->code);
          g_assert_cmpstr (error_full->message, ==, error_part->message);
          told = TRUE;
          continue;
        }
      g_assert_no_error (error_part);
      assert_same_needed (full, part, needed);
      told |= full->problems->len > 0;
    }
  return told;
}

/* An import that keeps only @name, as domains: each present value is the full
 * import's from its last '@' on (whole without one), each missing value
 * missing; the other kept columns, the problems, outcomes and digest are the
 * full import's. */
static void
assert_same_domains (MqlwDataset *full,
                     MqlwDataset *part,
                     const char  *name)
{
  MqlwColumn *x = mqlw_dataset_get_column (full, name);
  MqlwColumn *y = mqlw_dataset_get_column (part, name);

  g_assert_nonnull (x);
  g_assert_nonnull (y);
  g_assert_cmpint (y->type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
  g_assert_cmpint (y->role, ==, MQLW_ROLE_EMAIL);
  g_assert_cmpuint (x->n_rows, ==, y->n_rows);
  for (guint i = 0; i < x->n_rows; i++)
    {
      guint32 a = mqlw_column_code_at (x, i), b = mqlw_column_code_at (y, i);
      const char *whole, *at;

      g_assert_true ((a == MQLW_CODE_MISSING) == (b == MQLW_CODE_MISSING));
      if (a == MQLW_CODE_MISSING)
        continue;
      whole = g_ptr_array_index (x->dict, a);
      at = strrchr (whole, '@');
      g_assert_cmpstr (g_ptr_array_index (y->dict, b), ==, at != NULL ? at : whole);
    }
  for (guint c = 0; c < part->columns->len; c++)
    {
      MqlwColumn *py = g_ptr_array_index (part->columns, c);
      MqlwColumn *px = mqlw_dataset_get_column (full, py->name);

      g_assert_nonnull (px);
      if (py == y)
        continue;
      g_assert_cmpint (px->type, ==, py->type);
      assert_same_values (px, py);
    }
  for (int s = 0; s < MQLW_N_STAGES; s++)
    if (full->outcomes.stage[s] != NULL)
      g_assert_cmpmem (full->outcomes.stage[s], full->n_rows, part->outcomes.stage[s], part->n_rows);
  g_assert_cmpuint (full->problems->len, ==, part->problems->len);
  for (guint i = 0; i < full->problems->len; i++)
    {
      const MqlwProblem *p = g_ptr_array_index (full->problems, i), *q = g_ptr_array_index (part->problems, i);
      g_assert_cmpstr (p->message, ==, q->message);
      g_assert_cmpuint (p->line, ==, q->line);
      g_assert_cmpstr (p->column, ==, q->column);
    }
  g_assert_cmpstr (full->source_sha256, ==, part->source_sha256);
}

/* Every fixture's e-mail column (the one the import takes as the e-mail) kept
 * as domains (mqlw_import_file_projected), with one parser and with two. */
static void
check_domains (const char *path,
               GBytes     *bytes)
{
  g_autofree char *dir = data_dir ();

  for (guint parsers = 1; parsers <= 2; parsers++)
    {
      g_autoptr(MqlwDataset) full = NULL;
      g_autoptr(MqlwDataset) part = NULL;
      g_autoptr(GError) error_full = NULL;
      g_autoptr(GError) error_part = NULL;
      MqlwColumn *email;
      const char *names[2] = { NULL, NULL };

      mqlw_import_set_split_min (parsers == 1 ? G_MAXSIZE : 0);
      full = path != NULL ? mqlw_import_file (path, NULL, NULL, NULL, NULL, &error_full)
                          : mqlw_import_bytes (bytes, "leads.csv", dir, NULL, NULL, NULL, NULL, &error_full);
      email = full != NULL ? mqlw_dataset_find_role (full, MQLW_ROLE_EMAIL) : NULL;
      names[0] = email != NULL ? email->name : "email";
      part = path != NULL ? mqlw_import_file_projected (path, NULL, names, names, NULL, NULL, NULL, &error_part)
                          : mqlw_import_bytes_projected (bytes, "leads.csv", dir, NULL, names, names, NULL, NULL,
                                                         NULL, &error_part);
      mqlw_import_set_split_min ((gsize) 4 << 20);
      if (error_full != NULL)
        {
          g_assert_nonnull (error_part);
          g_assert_cmpstr (error_full->message, ==, error_part->message);
          continue;
        }
      g_assert_no_error (error_part);
      if (email != NULL && email->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        assert_same_domains (full, part, email->name);
    }
}

static void
test_domain_columns (void)
{
  static const char * const dirs[] = { "", "cli", "bad", "hostile", "platforms", "real-exports" };
  /* Two '@', none, upper case, spaces, placeholders, an empty domain; a value
   * read as missing is never cut (it holds no '@'). */
  static const char text[] =
    "lead_id,email,sql\n1,Ann@MIT.EDU,yes\n2,a@b@school.edu,no\n3,no-at.edu,yes\n4, pad@uni.edu ,no\n"
    "5,N/A,yes\n6,trailing@,no\n7,@edu,yes\n8,ann@mit.edu,no\n9,,yes\n10,unknown,no\n";

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", dirs[d], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      if (listing == NULL)
        continue;
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          if (!g_str_has_suffix (name, ".csv"))
            continue;
          g_test_message ("%s", path);
          check_domains (path, NULL);
        }
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
    g_autoptr(MqlwDataset) part = NULL;
    const char * const names[] = { "email", NULL };
    MqlwColumn *email;

    check_domains (NULL, bytes);
    /* "Ann@MIT.EDU" and "ann@mit.edu" keep their own cases; "N/A", "unknown" and the blank are missing. */
    part = mqlw_import_bytes_projected (bytes, "leads.csv", NULL, NULL, names, names, NULL, NULL, NULL, NULL);
    g_assert_nonnull (part);
    email = mqlw_dataset_get_column (part, "email");
    g_assert_cmpuint (email->dict->len, ==, 7);   /* @MIT.EDU @school.edu no-at.edu @uni.edu @ @edu @mit.edu */
    g_assert_cmpstr (g_ptr_array_index (email->dict, 0), ==, "@MIT.EDU");
    g_assert_cmpstr (g_ptr_array_index (email->dict, 1), ==, "@school.edu");
    g_assert_cmpstr (g_ptr_array_index (email->dict, 2), ==, "no-at.edu");
    g_assert_cmpstr (g_ptr_array_index (email->dict, 3), ==, "@uni.edu");
    g_assert_cmpuint (mqlw_column_code_at (email, 4), ==, MQLW_CODE_MISSING);
  }
  {
    g_autoptr(GBytes) bytes = generate_csv (20000);
    check_domains (NULL, bytes);
  }
}

static void
test_needed_columns (void)
{
  static const char * const dirs[] = { "", "cli", "bad", "hostile", "platforms" };
  static const char * const none[] = { NULL };
  static const char * const seniority[] = { "seniority", "company_size", "email", "demo_requests", NULL };
  /* Problems in columns that are not kept: each must still be told, as the full import tells it. */
  static const struct { const char *text; gboolean told; } texts[] = {
    /* placeholders in a text and a number column */
    { "lead_id,city,size,sql\n1,N/A,10,yes\n2,Bonn,n/a,no\n3,-,30,yes\n4,N/A,-,no\n5,n/a,50,yes\n", TRUE },
    /* ambiguous slash dates: read as month/day, with a warning */
    { "lead_id,birthday,sql\n1,3/4/1990,yes\n2,5/6/1991,no\n3,7/8/1992,yes\n", TRUE },
    /* day-first and month-first dates: an error */
    { "lead_id,birthday,sql\n1,3/4/1990,yes\n2,5/6/1991,no\n3,25/8/1992,yes\n4,7/28/1993,no\n", TRUE },
    /* ambiguous and day-first: read as day/month, nothing to tell */
    { "lead_id,birthday,sql\n1,3/4/1990,yes\n2,5/6/1991,no\n3,25/8/1992,yes\n", FALSE },
    /* a date that does not exist */
    { "lead_id,seen,sql\n1,2025-01-02,yes\n2,2025-01-03,no\n3,2025-02-30,yes\n", TRUE },
  };
  /* Values that do not read, after the 2 000 rows the types are guessed from. */
  static const char * const late[][3] = {
    { "size", "12", "lots" },
    { "newsletter", "yes", "maybe" },
    { "price", "1.5", "1.5.5" },
  };

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", dirs[d], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          if (!g_str_has_suffix (name, ".csv"))
            continue;
          g_test_message ("%s", path);
          check_needed (path, NULL, none);
          check_needed (path, NULL, seniority);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i].text, strlen (texts[i].text));
      g_test_message ("text %u", i);
      g_assert_true (check_needed (NULL, bytes, none) == texts[i].told);
    }
  for (guint k = 0; k < G_N_ELEMENTS (late); k++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;

      g_string_append_printf (text, "lead_id,%s,sql\n", late[k][0]);
      for (guint i = 1; i <= 2500; i++)
        g_string_append_printf (text, "%u,%s,yes\n", i, i == 2400 ? late[k][2] : late[k][1]);
      bytes = g_string_free_to_bytes (g_steal_pointer (&text));
      g_test_message ("late %s", late[k][2]);
      g_assert_true (check_needed (NULL, bytes, none));
    }
  {
    g_autoptr(GBytes) bytes = generate_csv (20000);
    check_needed (NULL, bytes, seniority);
  }
}

static void
test_two_parsers_generated (void)
{
  g_autoptr(GBytes) bytes = generate_csv (50000);
  guint before = mqlw_import_get_split_count ();

  check_one_and_two (NULL, bytes);
  g_assert_cmpuint (mqlw_import_get_split_count (), ==, before + 1);
}

/* A note for lead @i: some with quoted newlines (written with @eol), delimiters and
 * quotes, some that look like whole records inside their quotes. @quoted gets
 * the field as written, the return value is the value it holds. */
static char *
note_for (guint       i,
          const char *eol,
          GString    *quoted)
{
  switch (i % 3)
    {
    case 0:
      g_string_append_printf (quoted, "\"first line%ssecond, with a comma%s\"\"quoted\"\" third\"", eol, eol);
      return g_strdup_printf ("first line%ssecond, with a comma%s\"quoted\" third", eol, eol);
    case 1:
      g_string_append_printf (quoted, "\"%s%u,fake,record,yes%s\"", eol, i, eol);
      return g_strdup_printf ("%s%u,fake,record,yes%s", eol, i, eol);
    default:
      g_string_append (quoted, "plain");
      return g_strdup ("plain");
    }
}

/* Rows with quoted newlines, and in the middle of the text one note that runs
 * over many lines of what look like records: the middle of the text, where a
 * second parser would start, is inside its quotes. Read by one parser and by
 * two, with LF and CRLF line ends, a BOM, and as UTF-16: the same leads, and
 * every note as written. */
static void
test_two_parsers_quoted_newlines (void)
{
  static const char * const eols[] = { "\n", "\r\n" };
  const guint n_side = 600;

  for (guint variant = 0; variant < 4; variant++)
    {
      const char *eol = eols[variant % 2];
      gboolean utf16 = variant == 3, bom = variant == 2;
      g_autoptr(GString) text = g_string_new (bom ? "\xEF\xBB\xBF" : "");
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MqlwDataset) dataset = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) long_note = g_string_new (NULL);
      MqlwColumn *note;
      gsize long_start = 0, long_end = 0;
      guint before;

      /* The long note: as long as all the other rows together, so the middle is inside it. */
      while (long_note->len < 2 * n_side * 40)
        g_string_append_printf (long_note, "%" G_GSIZE_FORMAT ",inside,quotes,yes%s", long_note->len, eol);
      g_string_append_printf (text, "lead_id,note,size,sql%s", eol);
      for (guint i = 0; i < 2 * n_side + 1; i++)
        {
          g_string_append_printf (text, "%u,", i + 1);
          if (i == n_side)
            {
              long_start = text->len;
              g_string_append_printf (text, "\"%s\"", long_note->str);
              long_end = text->len;
              g_ptr_array_add (notes, g_strdup (long_note->str));
            }
          else
            g_ptr_array_add (notes, note_for (i, eol, text));
          g_string_append_printf (text, ",%u,%s%s", 10 * i, i % 2 ? "yes" : "no", eol);
        }
      g_assert_cmpuint (long_start, <, text->len / 2);
      g_assert_cmpuint (long_end, >, text->len / 2);
      if (utf16)
        {
          gsize written = 0;
          g_autofree char *converted = g_convert (text->str, text->len, "UTF-16LE", "UTF-8", NULL, &written, NULL);
          GString *with_bom = g_string_new_len ("\xFF\xFE", 2);

          g_assert_nonnull (converted);
          g_string_append_len (with_bom, converted, written);
          bytes = g_string_free_to_bytes (with_bom);
        }
      else
        bytes = g_bytes_new (text->str, text->len);

      g_test_message ("variant %u", variant);
      before = mqlw_import_get_split_count ();
      check_one_and_two (NULL, bytes);
      /* UTF-16 is converted and scanned: the split is found by quote parity
       * after the long note, and the second parser really ran. Otherwise it is
       * guessed at the first LF after the middle, inside the long note: the
       * first parser reads on to the end and the second one's rows are dropped. */
      g_assert_cmpuint (mqlw_import_get_split_count (), ==, before + (utf16 ? 1 : 0));

      dataset = mqlw_import_bytes (bytes, "notes.csv", NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (dataset->n_rows, ==, 2 * n_side + 1);
      note = mqlw_dataset_get_column (dataset, "note");
      g_assert_nonnull (note);
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          g_assert_cmpstr (mqlw_column_string (note, i), ==, g_ptr_array_index (notes, i));
          g_assert_cmpfloat (mqlw_column_num_at (mqlw_dataset_get_column (dataset, "size"), i), ==, 10.0 * i);
        }
    }
}

/* The text with line @line (1 = header) replaced by @replacement. */
static GBytes *
replace_line (GBytes     *bytes,
              guint       line,
              const char *replacement)
{
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);
  const char *start = text, *end;
  GString *out;

  for (guint l = 1; l < line; l++)
    start = (const char *) memchr (start, '\n', len - (start - text)) + 1;
  end = memchr (start, '\n', len - (start - text));
  out = g_string_new_len (text, start - text);
  g_string_append (out, replacement);
  g_string_append_len (out, end, len - (end - text));
  return g_string_free_to_bytes (out);
}

/* The generator writes 30 fields; company_size is the 7th. */
#define BAD_ROW(id, size) "L" id ",a@b.com,Acme,CEO,C-Level,Executive," size ",Software,US,1000.00," \
  "Organic Search,2025-01-01,2025-04-30,0,0,1,2,1,0,0,2,0,0,2025-03-04,,,no,0,false,"

static void
test_two_parsers_errors (void)
{
  g_autoptr(GBytes) bytes = generate_csv (50000);
  g_autoptr(GBytes) late = NULL;
  g_autoptr(GBytes) both = NULL;
  g_autoptr(GBytes) tmp = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);

  /* Every line holds an even number of quotes: no quoted newlines, so line n is record n - 1. */
  {
    guint newlines = 0, quotes = 0;
    for (gsize i = 0; i < len; i++)
      if (text[i] == '"')
        quotes++;
      else if (text[i] == '\n')
        {
          g_assert_cmpuint (quotes % 2, ==, 0);
          newlines++;
        }
    g_assert_cmpuint (newlines, ==, 50001);
  }

  mqlw_import_set_split_min (0);

  /* Line 45 002 lies far into the second half (the split is near line 25 000). */
  late = replace_line (bytes, 45002, BAD_ROW ("9999999", "lots"));
  dataset = mqlw_import_bytes (late, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "leads.csv: line 45002, column company_size: 'lots' is not a number"));
  g_clear_error (&error);

  /* A ragged row in the second half and a bad value in the first: the first is reported. */
  tmp = replace_line (bytes, 40000, "L1,a@b.com,too,short");
  both = replace_line (tmp, 5000, BAD_ROW ("8888888", "many"));   /* after the 2 000-row type sample */
  dataset = mqlw_import_bytes (both, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "leads.csv: line 5000, column company_size: 'many'"));
  g_clear_error (&error);

  /* Only the ragged row: reported with its line. */
  dataset = mqlw_import_bytes (tmp, "leads.csv", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_RAGGED);
  g_assert_nonnull (strstr (error->message, "leads.csv: line 40000: 4 fields, the header has 30"));

  mqlw_import_set_split_min ((gsize) 4 << 20);
}

/* A report's footer in the second half of a text read by two parsers: cut off
 * before either reads, so the second stops before it. 400 leads (lines 2–401),
 * a blank line 402, the footer on lines 403–405 (3 lines). The split is near
 * the middle, about line 200: the footer is in the second part. */
static void
test_two_parsers_footer (void)
{
  g_autoptr(GString) text = g_string_new ("lead_id,size,sql\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwProblem *problem = NULL;
  guint before;

  for (guint i = 1; i <= 400; i++)
    g_string_append_printf (text, "L%u,%u,%s\r\n", i, i * 10, i % 4 == 0 ? "yes" : "no");
  g_string_append (text, "\r\n\"Grand Totals (400 records)\"\r\n\"Confidential Information\"\r\n,Acme,\r\n");
  bytes = g_bytes_new (text->str, text->len);

  check_one_and_two (NULL, bytes);
  mqlw_import_set_split_min (0);
  before = mqlw_import_get_split_count ();
  dataset = mqlw_import_bytes (bytes, "report.csv", NULL, NULL, NULL, NULL, NULL, &error);
  mqlw_import_set_split_min ((gsize) 4 << 20);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_import_get_split_count (), ==, before + 1);
  g_assert_cmpuint (dataset->n_rows, ==, 400);
  /* The footer left no outcome rows behind. */
  g_assert_cmpuint (dataset->outcomes.n, ==, 400);
  for (guint i = 0; i < dataset->problems->len; i++)
    if (strstr (((MqlwProblem *) g_ptr_array_index (dataset->problems, i))->message, "footer") != NULL)
      problem = g_ptr_array_index (dataset->problems, i);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->level, ==, MQLW_PROBLEM_WARNING);
  g_assert_cmpuint (problem->line, ==, 403);
  g_assert_cmpstr (problem->message, ==,
                   "the report's footer (3 lines from “Grand Totals (400 records)”) was left out");
}

typedef struct {
  double        last;
  guint         calls;
  gboolean      monotonic;
  GCancellable *cancel;     /* nullable: cancelled on the first call */
} ProgressLog;

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  ProgressLog *log = user_data;

  if (fraction < log->last)
    log->monotonic = FALSE;
  log->last = fraction;
  log->calls++;
  if (log->cancel != NULL)
    g_cancellable_cancel (log->cancel);
}

/* Progress only ever grows and ends at 1; a cancel stops the two parsers. */
static void
test_two_parsers_progress (void)
{
  g_autoptr(GBytes) bytes = generate_csv (50000);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  ProgressLog log = { 0.0, 0, TRUE, NULL };
  guint before = mqlw_import_get_split_count ();

  mqlw_import_set_split_min (0);
  dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, on_progress_cb, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mqlw_import_get_split_count (), ==, before + 1);
  g_assert_true (log.monotonic);
  g_assert_cmpuint (log.calls, >=, 3);
  g_assert_cmpfloat (log.last, ==, 1.0);
  g_clear_pointer (&dataset, mqlw_dataset_unref);

  log = (ProgressLog) { 0.0, 0, TRUE, cancel };
  dataset = mqlw_import_bytes (bytes, "leads.csv", NULL, NULL, on_progress_cb, &log, cancel, &error);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED);
  mqlw_import_set_split_min ((gsize) 4 << 20);
}


/* Ids 1 … 3000 as plain numbers, but row 2 500 holds "02500" and row 2 900
 * "+2900" (both past the sample the types are inferred from): the lead ids
 * stay text, each exactly as written. The join key "account_no" (7 on every
 * row but row 2 700's "007") stays text too, so row 2 700 meets the joined
 * file's "007" (Enterprise) and the others its "7" (SMB); as numbers, both
 * were 7. */
static void
test_late_padded_ids (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,account_no,sql\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mqlw-ids-XXXXXX", NULL);
  g_autofree char *accounts = g_build_filename (dir, "accounts.csv", NULL);
  MqlwColumn *id, *account, *segment;
  g_autofree char *plain = NULL, *padded = NULL, *signed_id = NULL, *key = NULL;
  g_autofree char *seg_first = NULL, *seg_padded = NULL;

  g_assert_true (g_file_set_contents (accounts, "account_no,segment\n007,Enterprise\n7,SMB\n", -1, NULL));
  for (guint i = 1; i <= 3000; i++)
    {
      if (i == 2500)
        g_string_append (csv, "02500");
      else if (i == 2900)
        g_string_append (csv, "+2900");
      else
        g_string_append_printf (csv, "%u", i);
      g_string_append_printf (csv, ",%s,%s\n", i == 2700 ? "007" : "7", i % 2 ? "yes" : "no");
    }
  mapping = mqlw_mapping_from_json ("{\"format\": \"mql-workbench-mapping\", \"version\": 1, \"joins\": "
                                    "[{\"file\": \"accounts.csv\", \"use\": \"enrich\", "
                                    "\"key\": \"account_no\"}]}", -1, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (csv->str, csv->len);
  dataset = mqlw_import_bytes (bytes, "leads.csv", dir, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  id = mqlw_dataset_get_column (dataset, "lead_id");
  g_assert_cmpint (id->type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
  plain = mqlw_column_format (id, 0);
  padded = mqlw_column_format (id, 2499);
  signed_id = mqlw_column_format (id, 2899);
  g_assert_cmpstr (plain, ==, "1");
  g_assert_cmpstr (padded, ==, "02500");
  g_assert_cmpstr (signed_id, ==, "+2900");
  account = mqlw_dataset_get_column (dataset, "account_no");
  g_assert_cmpint (account->type, ==, MQLW_COLUMN_TYPE_CATEGORICAL);
  key = mqlw_column_format (account, 2699);
  g_assert_cmpstr (key, ==, "007");
  segment = mqlw_dataset_get_column (dataset, "segment");
  g_assert_nonnull (segment);
  seg_first = mqlw_column_format (segment, 0);
  seg_padded = mqlw_column_format (segment, 2699);
  g_assert_cmpstr (seg_first, ==, "SMB");
  g_assert_cmpstr (seg_padded, ==, "Enterprise");
  g_unlink (accounts);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/import/generated-columns", test_generated_columns);
  g_test_add_func ("/mqlw/import/two-parsers-footer", test_two_parsers_footer);
  g_test_add_func ("/mqlw/import/type-inference", test_type_inference);
  g_test_add_func ("/mqlw/import/value-after-sample", test_value_after_sample);
  g_test_add_func ("/mqlw/import/yes-no-words", test_yes_no_words);
  g_test_add_func ("/mqlw/import/header-byte-order-marks", test_header_byte_order_marks);
  g_test_add_func ("/mqlw/import/decimals-as-strtod", test_decimals_as_strtod);
  g_test_add_func ("/mqlw/import/dates-ambiguous", test_dates_ambiguous);
  g_test_add_func ("/mqlw/import/outcome-columns", test_outcome_columns);
  g_test_add_func ("/mqlw/import/outcome-dates", test_outcome_dates);
  g_test_add_func ("/mqlw/import/stage-builtin", test_stage_builtin);
  g_test_add_func ("/mqlw/import/stage-custom", test_stage_custom);
  g_test_add_func ("/mqlw/import/outcome-join", test_outcome_join);
  g_test_add_func ("/mqlw/import/enrich-join", test_enrich_join);
  g_test_add_func ("/mqlw/import/preview-mapping", test_preview_mapping);
  g_test_add_func ("/mqlw/import/activity-date", test_activity_date);
  g_test_add_func ("/mqlw/import/two-parsers-fixtures", test_two_parsers_fixtures);
  g_test_add_func ("/mqlw/import/two-parsers-generated", test_two_parsers_generated);
  g_test_add_func ("/mqlw/import/two-parsers-quoted-newlines", test_two_parsers_quoted_newlines);
  g_test_add_func ("/mqlw/import/two-parsers-errors", test_two_parsers_errors);
  g_test_add_func ("/mqlw/import/two-parsers-progress", test_two_parsers_progress);
  g_test_add_func ("/mqlw/import/needed-columns", test_needed_columns);
  g_test_add_func ("/mqlw/import/domain-columns", test_domain_columns);
  g_test_add_func ("/mqlw/import/late-padded-ids", test_late_padded_ids);
  return g_test_run ();
}
