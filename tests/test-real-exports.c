/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-real-exports"

/* Exports shaped like the platforms' own (tests/data/real-exports: written by
 * hand from the documented formats, values invented), read end to end: types,
 * roles, values and outcomes, each expected number worked out in a comment
 * (dates from Unix time with Python's datetime.fromtimestamp(v, timezone.utc)). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-bool-words.h"
#include "mqlw-core.h"
#include "mqlw-import-private.h"
#include "mqlw-scorer-private.h"

#define Y MQLW_OUTCOME_YES
#define N MQLW_OUTCOME_NO
#define U MQLW_OUTCOME_UNKNOWN

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "real-exports", name, NULL);
}

static MqlwDataset *
import_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  MqlwDataset *dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static MqlwColumn *
column (MqlwDataset    *dataset,
        const char     *name,
        MqlwColumnType  type,
        MqlwColumnRole  role)
{
  MqlwColumn *c = mqlw_dataset_get_column (dataset, name);

  g_test_message ("%s", name);
  g_assert_nonnull (c);
  g_assert_cmpint (c->type, ==, type);
  g_assert_cmpint (c->role, ==, role);
  return c;
}

static void
assert_outcomes (MqlwDataset *dataset,
                 MqlwStage    stage,
                 const gint8 *expected)
{
  g_assert_nonnull (dataset->outcomes.stage[stage]);
  for (guint i = 0; i < dataset->n_rows; i++)
    {
      g_test_message ("stage %d, row %u", stage, i);
      g_assert_cmpint (dataset->outcomes.stage[stage][i], ==, expected[i]);
    }
}

/* HubSpot's API and some exports write dates as Unix time in milliseconds. */
static void
test_epoch_dates (void)
{
  g_autoptr(MqlwDataset) dataset = import_fixture ("hubspot-epoch.csv");
  MqlwColumn *c;
  /* Create Date: 1709647200000 = 2024-03-05 = day 19787; 1709733600000 = 19788;
   * 1709820000000 = 19789; 1711922400000 = 2024-03-31 = 19813;
   * 1712008800000 = 2024-04-01 = 19814; 1714514400000 = 2024-04-30 = 19843. */
  static const gint32 created[] = { 19787, 19788, 19789, 19813, 19814, 19843 };
  /* Last Activity Date, in seconds: 1712000000 = 2024-04-01 = 19814;
   * 1712100000 = 2024-04-02 = 19815; 1714000000 = 2024-04-24 = 19837;
   * 1714100000 = 2024-04-26 = 19839. */
  static const gint32 activity[] = { 19814, 19815, MQLW_DATE_MISSING, 19837, 19839, MQLW_DATE_MISSING };
  /* Became a Customer Date: 1712325600000 = 2024-04-05 = 19818; 1715000000000 =
   * 2024-05-06 = 19849; 1716000000000 = 2024-05-18 = 19861. */
  static const gint32 customer[] = { 19818, MQLW_DATE_MISSING, MQLW_DATE_MISSING, MQLW_DATE_MISSING, 19849, 19861 };
  /* A customer date is a win; a blank one, with no earlier stage, is not. */
  static const gint8 won[] = { Y, N, N, N, Y, Y };

  g_assert_cmpuint (dataset->n_rows, ==, 6);
  /* 13-digit ids in the same range are no dates: their name says id (and an
   * id is kept as the text it is, as "00123" would be). */
  c = column (dataset, "Record ID", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID);
  g_assert_cmpstr (mqlw_column_string (c, 0), ==, "1709000000001");
  c = column (dataset, "Create Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (c->days[i], ==, created[i]);
  c = column (dataset, "Last Activity Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (c->days[i], ==, activity[i]);
  c = column (dataset, "Became a Customer Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_OUTCOME);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (c->days[i], ==, customer[i]);
  column (dataset, "HubSpot Score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE);
  assert_outcomes (dataset, MQLW_STAGE_WON, won);
  /* Created from March to April 2024: two months of history. */
  g_assert_cmpfloat (mqlw_outcomes_months (&dataset->outcomes), ==, 2.0);
}

static void
test_epoch_parse (void)
{
  gint32 days = 0;

  /* 1709647200 s = 2024-03-05 14:00 UTC = day 19787 (see above). */
  g_assert_true (mqlw_date_parse ("1709647200", 10, MQLW_DATE_ORDER_AUTO, &days));
  g_assert_cmpint (days, ==, 19787);
  g_assert_true (mqlw_date_parse ("1709647200000", 13, MQLW_DATE_ORDER_DMY, &days));
  g_assert_cmpint (days, ==, 19787);
  g_assert_cmpuint (mqlw_date_forms ("1709647200000", 13), ==, MQLW_DATE_FORM_EPOCH);
  /* 946684800 = 2000-01-01 (10 957) is the first day read; 4102444799 =
   * 2099-12-31 23:59:59 = day 47 481 the last. */
  g_assert_true (mqlw_date_parse ("0946684800", 10, MQLW_DATE_ORDER_AUTO, &days));
  g_assert_cmpint (days, ==, 10957);
  g_assert_true (mqlw_date_parse ("4102444799", 10, MQLW_DATE_ORDER_AUTO, &days));
  g_assert_cmpint (days, ==, 47481);
  g_assert_false (mqlw_date_parse ("4102444800", 10, MQLW_DATE_ORDER_AUTO, &days));
  g_assert_false (mqlw_date_parse ("946684799", 9, MQLW_DATE_ORDER_AUTO, &days));
  /* 11 digits is neither seconds nor milliseconds; a phone number is no date. */
  g_assert_false (mqlw_date_is_epoch ("17096472000", 11));
  g_assert_false (mqlw_date_is_epoch ("+4930123456", 11));
  g_assert_false (mqlw_date_is_epoch ("1709647200.5", 12));
}

/* 0001-01-01 is how some systems write "no date": the message says what is wrong. */
static void
test_year_message (void)
{
  g_autofree char *why = mqlw_date_explain ("0001-01-01", 10);
  g_autofree char *why2 = mqlw_date_explain ("0999-12-31", 10);

  g_assert_cmpstr (why, ==, "the year 1 is not between 1000 and 9999 (a placeholder for no date?)");
  g_assert_cmpstr (why2, ==, "the year 999 is not between 1000 and 9999 (a placeholder for no date?)");
}

/* The import's fast yes/no reader says what the word list says, in any case. */
static void
test_bool_words_agree (void)
{
  const MqlwBoolWord *words = mqlw_bool_words ();

  for (guint i = 0; words[i].word != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (words[i].word, -1);
      g_autofree char *padded = g_strdup_printf (" %s ", words[i].word);

      g_test_message ("%s", words[i].word);
      g_assert_cmpint (mqlw_field_parse_bool (words[i].word, strlen (words[i].word), 0), ==, words[i].yes);
      g_assert_cmpint (mqlw_field_parse_bool (upper, strlen (upper), 0), ==, words[i].yes);
      g_assert_true (mqlw_bool_word_find (upper, strlen (upper)) == &words[i]);
      g_assert_true (mqlw_bool_word_find (padded, strlen (padded)) == &words[i]);
    }
  /* Not yes/no words. */
  g_assert_cmpint (mqlw_field_parse_bool ("maybe", 5, 0), ==, -1);
  g_assert_cmpint (mqlw_field_parse_bool ("jein", 4, 0), ==, -1);
  g_assert_null (mqlw_bool_word_find ("oui!", 4));
}

/* Oui/Non, Sí/No, Wahr/Falsch, ✓/✗, X/(empty), VRAI/FAUX. */
static void
test_bool_words_import (void)
{
  g_autoptr(MqlwDataset) dataset = import_fixture ("bool-words.csv");
  static const gint8 sql[] = { Y, N, Y, N, Y, N };      /* Oui Non OUI non Oui Non */
  static const gint8 won[] = { Y, N, Y, N, Y, N };      /* Sí No si NO Sí No */
  static const gint8 yes_no[] = { 1, 0, 1, 0, 1, 0 };
  /* X marks: blanks stay unknown, as in any yes/no column. */
  static const gint8 marks[] = { 1, MQLW_BOOL_MISSING, 1, MQLW_BOOL_MISSING, 1, MQLW_BOOL_MISSING };
  static const char * const fits[] = { "newsletter", "webinar", "trial" };
  MqlwColumn *c;

  column (dataset, "sql", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME);
  column (dataset, "won", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME);
  assert_outcomes (dataset, MQLW_STAGE_SQL, sql);
  assert_outcomes (dataset, MQLW_STAGE_WON, won);
  for (guint f = 0; f < G_N_ELEMENTS (fits); f++)
    {
      c = mqlw_dataset_get_column (dataset, fits[f]);
      g_assert_nonnull (c);
      g_assert_cmpint (c->type, ==, MQLW_COLUMN_TYPE_BOOLEAN);
      for (guint i = 0; i < 6; i++)
        g_assert_cmpint (c->boolean[i], ==, yes_no[i]);
    }
  c = mqlw_dataset_get_column (dataset, "demo_requested");
  g_assert_cmpint (c->type, ==, MQLW_COLUMN_TYPE_BOOLEAN);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (c->boolean[i], ==, marks[i]);
}

/* SAP and Excel check columns: X or nothing. Detection finds marks alone, so
 * a blank reads as "not reached" (said once per column); --blank-unknown
 * (the mapping's blank_means_no: false) keeps the blanks unknown, and then
 * the data's health says so. */
static void
test_marks_only (void)
{
  g_autoptr(MqlwDataset) dataset = import_fixture ("sap-marks.csv");
  /* SQL: X X (blank) X → L3 not reached; Won: X (blank) (blank) X → L2, L3 not won. */
  static const gint8 sql_no[] = { Y, Y, N, Y };
  static const gint8 won_no[] = { Y, N, N, Y };
  /* Blanks unknown: L3's SQL is unknown, so is its win; L2 reached SQL, its win
   * is unknown: Won is blank and unsettled for L2 and L3 (2), SQL for L3 (1). */
  static const gint8 sql[] = { Y, Y, U, Y };
  static const gint8 won[] = { Y, U, U, Y };
  static const char * const expected[] = {
    "column SQL only ever says yes (3 leads) and is blank for 1: blanks are read as unknown, so its rate counts "
    "only the marked leads; if a blank means no, say --blank-means-no 'SQL'",
    "column Won only ever says yes (2 leads) and is blank for 2: blanks are read as unknown, so its rate counts "
    "only the marked leads; if a blank means no, say --blank-means-no 'Won'",
  };
  g_autofree char *path = fixture ("sap-marks.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMapping) unknown = mqlw_mapping_new ();
  g_autoptr(MqlwMapping) round = NULL;
  g_autoptr(MqlwDataset) kept = NULL;
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autofree char *json = NULL;
  guint found = 0, told = 0;

  assert_outcomes (dataset, MQLW_STAGE_SQL, sql_no);
  assert_outcomes (dataset, MQLW_STAGE_WON, won_no);
  g_assert_true (column (dataset, "SQL", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_OUTCOME)->blank_is_no);
  for (guint i = 0; i < dataset->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (dataset->problems, i);
      told += strstr (problem->message, "holds marks (X, ✓) and blanks") != NULL;
    }
  g_assert_cmpuint (told, ==, 2);

  /* The override, through the mapping's JSON as a map file gives it. */
  mqlw_mapping_set_blank_is_no (unknown, "SQL", FALSE);
  mqlw_mapping_set_blank_is_no (unknown, "Won", FALSE);
  json = mqlw_mapping_to_json (unknown);
  g_assert_nonnull (strstr (json, "\"blank_means_no\" : false"));
  round = mqlw_mapping_from_json (json, -1, &error);
  g_assert_no_error (error);
  kept = mqlw_import_file (path, round, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_outcomes (kept, MQLW_STAGE_SQL, sql);
  assert_outcomes (kept, MQLW_STAGE_WON, won);
  preview = mqlw_csv_preview_file (path, round, 5, NULL, &error);
  g_assert_no_error (error);
  /* The data's health (inspect, the mapping page) tells it. */
  for (guint i = 0; i < preview->problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (preview->problems, i);
      if (g_strcmp0 (problem->kind, "marks-only") != 0)
        continue;
      g_assert_cmpuint (found, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (problem->message, ==, expected[found]);
      found++;
    }
  g_assert_cmpuint (found, ==, 2);
}

/* A model's rule may say "ja" for a column written Wahr/Falsch. */
static void
test_bool_words_criteria (void)
{
  gint8 value = -1;

  g_assert_true (mqlw_scorer_parse_boolean ("Ja", &value));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (mqlw_scorer_parse_boolean (" falsch ", &value));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (mqlw_scorer_parse_boolean ("\u2713", &value));
  g_assert_cmpint (value, ==, 1);
  g_assert_false (mqlw_scorer_parse_boolean ("vielleicht", &value));
}

/* Localized default labels of the platforms' stage picklists. */
static void
test_localized_stages (void)
{
  static const struct { const char *value; int furthest; gboolean closed; } cases[] = {
    { "Geschlossen und gewonnen", MQLW_STAGE_WON, TRUE },
    { "Fermée gagnée", MQLW_STAGE_WON, TRUE },
    { "Cerrada ganada", MQLW_STAGE_WON, TRUE },
    { "cerrada  GANADA", MQLW_STAGE_WON, TRUE },
    { "Geschlossen und verloren", MQLW_STAGE_OPPORTUNITY, TRUE },
    { "Qualifiziert", MQLW_STAGE_SQL, FALSE },
    { "Offen - Nicht kontaktiert", -1, FALSE },
    { "Geschlossen - Nicht konvertiert", -1, TRUE },
    { "Fermé - Converti", MQLW_STAGE_SQL, FALSE },
    { "Lead calificado para ventas", MQLW_STAGE_SQL, FALSE },
    { "Kunde", MQLW_STAGE_WON, TRUE },
    { "Opportunité", MQLW_STAGE_OPPORTUNITY, FALSE },
    /* Zoho CRM's default lead statuses */
    { "Junk Lead", -1, TRUE },
    { "Not Contacted", -1, FALSE },
    { "pre qualified", -1, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MqlwStageTableEntry *entry = mqlw_stage_table_lookup (MQLW_STAGE_CONTEXT_ANY, cases[i].value);

      g_test_message ("%s", cases[i].value);
      g_assert_nonnull (entry);
      g_assert_cmpint (entry->furthest, ==, cases[i].furthest);
      g_assert_cmpint (entry->closed, ==, cases[i].closed);
    }
  {
    const char *deal[] = { "Bedarfsanalyse", "Geschlossen und gewonnen", NULL };
    const char *lead[] = { "Offen - Nicht kontaktiert", NULL };
    g_assert_cmpint (mqlw_stage_table_context (NULL, deal), ==, MQLW_STAGE_CONTEXT_OPPORTUNITY);
    g_assert_cmpint (mqlw_stage_table_context (NULL, lead), ==, MQLW_STAGE_CONTEXT_LEAD);
  }
}

/* A German Salesforce lead report: the headers and statuses in German. */
static void
test_salesforce_german (void)
{
  g_autoptr(MqlwDataset) dataset = import_fixture ("salesforce-de.csv");
  /* Offen - Nicht kontaktiert: no stage, open (all unknown); In Bearbeitung -
   * Kontaktiert: the same; Geschlossen - Konvertiert: SQL (so accepted), open;
   * Geschlossen - Nicht konvertiert: closed with no stage (all no);
   * Qualifiziert: SQL, open. */
  static const gint8 accepted[] = { U, U, Y, N, Y, Y };
  static const gint8 sql[] = { U, U, Y, N, Y, Y };
  static const gint8 opportunity[] = { U, U, U, N, U, U };

  column (dataset, "Lead-ID", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID);
  column (dataset, "E-Mail-Adresse", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL);
  column (dataset, "Erstelldatum", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  column (dataset, "Lead Score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE);
  column (dataset, "Lead-Status", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_STAGE);
  assert_outcomes (dataset, MQLW_STAGE_ACCEPTED, accepted);
  assert_outcomes (dataset, MQLW_STAGE_SQL, sql);
  assert_outcomes (dataset, MQLW_STAGE_OPPORTUNITY, opportunity);
}

/* A European export: semicolons, CRLF, decimal commas, euro amounts, percent
 * values, "+" on scores, placeholders, a quoted note over two lines and two
 * empty columns at the end of every line. The amounts checked with pandas:
 * read_csv(sep=";", decimal=",", thousands=".", na_values=["N/A","-","--","(blank)"],
 * keep_default_na=False)["Umsatz"] with "€" dropped; the rest by hand. */
static void
test_european (void)
{
  g_autoptr(MqlwDataset) dataset = import_fixture ("european-semicolon.csv");
  /* Umsatz: €1.234,50 €0,00 N/A €12.000,00 €2.500,75 - */
  static const double amount[] = { 1234.5, 0, NAN, 12000, 2500.75, NAN };
  /* Conversion: 12 % 5,5 % 0 % 40 % -- 3,25 %: the numbers of percent, as written */
  static const double percent[] = { 12, 5.5, 0, 40, NAN, 3.25 };
  /* Score: +45 +12 -3 +80 +55 +30 */
  static const double score[] = { 45, 12, -3, 80, 55, 30 };
  /* Erstellt am: 05.03.2024 = 2024-03-05 = 19787 (test_epoch_dates), +1, +2;
   * 01.04.2024 = 19814, +1, +2. */
  static const gint32 created[] = { 19787, 19788, 19789, 19814, 19815, 19816 };
  /* Won: Nein Nein N/A Ja Ja Nein; the N/A lead's SQL is Nein, so it did not win either. */
  static const gint8 won[] = { N, N, N, Y, Y, N };
  MqlwColumn *c;

  g_assert_cmpuint (dataset->n_rows, ==, 6);
  c = column (dataset, "Umsatz", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_FIT);
  for (guint i = 0; i < 6; i++)
    {
      double v = mqlw_column_num_at (c, i);
      if (isnan (amount[i]))
        g_assert_true (isnan (v));
      else
        g_assert_cmpfloat_with_epsilon (v, amount[i], 1e-9);
    }
  c = column (dataset, "Conversion", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_FIT);
  for (guint i = 0; i < 6; i++)
    {
      double v = mqlw_column_num_at (c, i);
      g_test_message ("Conversion %u: %g", i, v);
      if (isnan (percent[i]))
        g_assert_true (isnan (v));
      else
        g_assert_cmpfloat_with_epsilon (v, percent[i], 1e-9);
    }
  c = column (dataset, "Score", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_SCORE);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpfloat (mqlw_column_num_at (c, i), ==, score[i]);
  c = column (dataset, "Erstellt am", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (c->days[i], ==, created[i]);
  assert_outcomes (dataset, MQLW_STAGE_WON, won);
  /* The note keeps its line break and its doubled quotes. */
  c = mqlw_dataset_get_column (dataset, "Notiz");
  g_assert_nonnull (c);
  g_assert_cmpstr (mqlw_column_string (c, 0), ==, "Erster Anruf\r\nzweite Zeile");
  g_assert_cmpstr (mqlw_column_string (c, 2), ==, "Sagt \"nein\"");
}

/* Excel's "Unicode Text": UTF-16LE with a byte order mark, tabs, CRLF. */
static void
test_excel_unicode_text (void)
{
  g_autoptr(MqlwDataset) dataset = import_fixture ("excel-unicode-text.txt");
  static const gint8 sql[] = { Y, N, Y };
  MqlwColumn *c;

  g_assert_cmpuint (dataset->n_rows, ==, 3);
  c = column (dataset, "Email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL);
  g_assert_cmpstr (mqlw_column_string (c, 2), ==, "cé@x.com");
  column (dataset, "Created Date", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_CREATED_AT);
  assert_outcomes (dataset, MQLW_STAGE_SQL, sql);
}

/* A header and no leads: the preview (inspect, the mapping page) says what the import says. */
static void
test_header_only (void)
{
  g_autofree char *path = fixture ("hubspot-header-only.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(MqlwCsvPreview) preview = mqlw_csv_preview_file (path, NULL, 5, NULL, &error);
  g_autoptr(MqlwDataset) dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &import_error);

  g_assert_null (preview);
  g_assert_null (dataset);
  g_assert_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS);
  g_assert_error (import_error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS);
  g_assert_cmpstr (error->message, ==, "hubspot-header-only.csv: the file has a header line but no leads");
  g_assert_cmpstr (error->message, ==, import_error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mqlw/real-exports/epoch-dates", test_epoch_dates);
  g_test_add_func ("/mqlw/real-exports/epoch-parse", test_epoch_parse);
  g_test_add_func ("/mqlw/real-exports/year-message", test_year_message);
  g_test_add_func ("/mqlw/real-exports/bool-words-agree", test_bool_words_agree);
  g_test_add_func ("/mqlw/real-exports/bool-words-import", test_bool_words_import);
  g_test_add_func ("/mqlw/real-exports/bool-words-criteria", test_bool_words_criteria);
  g_test_add_func ("/mqlw/real-exports/marks-only", test_marks_only);
  g_test_add_func ("/mqlw/real-exports/localized-stages", test_localized_stages);
  g_test_add_func ("/mqlw/real-exports/salesforce-german", test_salesforce_german);
  g_test_add_func ("/mqlw/real-exports/european", test_european);
  g_test_add_func ("/mqlw/real-exports/excel-unicode-text", test_excel_unicode_text);
  g_test_add_func ("/mqlw/real-exports/header-only", test_header_only);
  return g_test_run ();
}
