/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's first minutes with a new export: an example model adapted to
 * the columns found, the empty-model test, and the ranking of columns by how
 * much the outcome differs across their values. Every expected count is
 * worked out by hand in the comments. */
#define G_LOG_DOMAIN "mqlw-test-model-adapt"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-core.h"

static void
set_text (MqlwColumn *column,
          guint       row,
          const char *text)
{
  if (text != NULL)
    column->codes[row] = mqlw_column_intern (column, text, -1);
}

static gboolean
has_message (GPtrArray  *messages,
             const char *needle)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr (g_ptr_array_index (messages, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* seed002-two-paths.json against an export with only email, job_title,
 * company_size (as text, "51-200") and demo_requests:
 *   fit: personal_email (email) and no_title (job_title) stay; vp_clevel,
 *        director, manager (no seniority), icp_industry (no industry) and
 *        icp_size (a range on text) go: 2 kept, 5 left out;
 *   behaviour: demo stays; contact, pricing, webinar, case_study, product,
 *        ebook, email_click, careers, unsubscribed go: 1 kept, 9 left out;
 *   disqualifiers: competitor (email), student and consultant (job_title)
 *        stay; partner_source (no lead_source) goes: 3 kept, 1 left out;
 *   hand-raiser: demo_requests stays, contact_sales goes: 1 left out, the
 *        path stays on.
 * 5 + 9 + 1 + 1 = 16 sentences; the adapted model scores the data. */
static void
test_adapt_seed002 (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), "seed002-two-paths.json", NULL);
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (3);
  MqlwColumn *email = mqlw_dataset_add_column (dataset, "email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL);
  MqlwColumn *title = mqlw_dataset_add_column (dataset, "job_title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *size = mqlw_dataset_add_column (dataset, "company_size", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *demo = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER,
                                              MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) example = NULL;
  g_autoptr(MqlwModel) adapted = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;

  example = mqlw_model_load (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      set_text (email, i, i == 0 ? "ann@gmail.com" : "bo@acme.com");
      set_text (title, i, i == 2 ? NULL : "Director");
      set_text (size, i, "51-200");
      demo->num[i] = i;
    }

  adapted = mqlw_model_adapt (example, dataset, &left_out);
  g_assert_cmpuint (adapted->fit->len, ==, 2);
  g_assert_cmpstr (((MqlwFitRule *) g_ptr_array_index (adapted->fit, 0))->id, ==, "personal_email");
  g_assert_cmpstr (((MqlwFitRule *) g_ptr_array_index (adapted->fit, 1))->id, ==, "no_title");
  g_assert_cmpuint (adapted->behaviour->len, ==, 1);
  g_assert_cmpuint (adapted->disqualifiers->len, ==, 3);
  g_assert_true (adapted->paths.hand_raiser);
  g_assert_cmpstrv (adapted->paths.hand_raiser_activities, ((const char *[]) { "demo_requests", NULL }));
  g_assert_cmpuint (left_out->len, ==, 16);
  g_assert_true (has_message (left_out, "fit rule 'vp_clevel' names column 'seniority', which the data does not have"));
  g_assert_true (has_message (left_out, "fit rule 'icp_size' uses a range on column 'company_size', which holds text"));
  g_assert_true (has_message (left_out, "behaviour rule 'unsubscribed' names column 'unsubscribed'"));
  g_assert_true (has_message (left_out, "disqualifier 'partner_source' names column 'lead_source'"));
  g_assert_true (has_message (left_out, "the hand-raiser path names column 'contact_sales'"));
  /* The example itself is untouched. */
  g_assert_cmpuint (example->fit->len, ==, 7);

  scorer = mqlw_scorer_new (dataset, adapted, &error);
  g_assert_no_error (error);
  g_assert_false (mqlw_model_scores_nothing (adapted));
}

static void
test_scores_nothing (void)
{
  g_autoptr(MqlwModel) empty = mqlw_model_new ();
  g_autoptr(MqlwModel) column = mqlw_model_new ();
  g_autoptr(MqlwModel) disabled = mqlw_model_new ();
  MqlwFitRule *rule;

  g_assert_true (mqlw_model_scores_nothing (empty));
  column->score_column = g_strdup ("hubspotscore");
  g_assert_false (mqlw_model_scores_nothing (column));
  rule = mqlw_model_add_fit (disabled, "vp", "seniority", MQLW_MATCH_MISSING, 10);
  rule->enabled = FALSE;
  g_assert_true (mqlw_model_scores_nothing (disabled));
  rule->enabled = TRUE;
  g_assert_false (mqlw_model_scores_nothing (disabled));
}

/* 40 leads, i = 0 … 39: seniority VP for i < 20, else IC; region EU for even
 * i, US for odd; visits 5 when i is a multiple of 4, else 0; SQL yes for
 * i = 0 … 14 and 20 … 22 (18 of 40). At least max (10, 40 / 100) = 10 known
 * outcomes a group.
 *   seniority  VP 15/20 = 75 %, IC 3/20 = 15 %                    spread 0.60
 *   region     EU (0, 2, …, 14, 20, 22) 10/20 = 50 %,
 *              US (1, 3, …, 13, 21) 8/20 = 40 %                    spread 0.10
 *   visits     quartile cuts of 30 zeros and 10 fives: only 0 (5 is the
 *              largest): "up to 0" 30 leads, 13 yes = 43.3 %; "over 0"
 *              i = 0, 4, 8, 12, 20 yes of 10 = 50 %                spread 0.0667
 *   lead_id    an id: never ranked.
 * With every lead an SQL, the ranking follows opportunity instead. */
static void
test_rank_columns (void)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (40);
  MqlwColumn *id = mqlw_dataset_add_column (dataset, "lead_id", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_LEAD_ID);
  MqlwColumn *seniority = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *region = mqlw_dataset_add_column (dataset, "region", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_NONE);
  MqlwColumn *visits = mqlw_dataset_add_column (dataset, "visits", MQLW_COLUMN_TYPE_INTEGER,
                                                MQLW_ROLE_ACTIVITY_COUNT);
  gint8 *sql = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  g_autoptr(GPtrArray) ranks = NULL;
  g_autofree char *text = NULL;
  const MqlwColumnRank *r;
  MqlwStage stage;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%02u", i);

      set_text (id, i, name);
      set_text (seniority, i, i < 20 ? "VP" : "IC");
      set_text (region, i, i % 2 ? "US" : "EU");
      visits->num[i] = i % 4 == 0 ? 5 : 0;
      sql[i] = i <= 14 || (i >= 20 && i <= 22) ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
    }

  ranks = mqlw_rank_columns (dataset, &stage);
  g_assert_cmpint (stage, ==, MQLW_STAGE_SQL);
  g_assert_cmpuint (ranks->len, ==, 3);
  r = g_ptr_array_index (ranks, 0);
  g_assert_cmpstr (r->column, ==, "seniority");
  g_assert_cmpstr (r->best, ==, "VP");
  g_assert_cmpfloat_with_epsilon (r->best_rate, 0.75, 1e-12);
  g_assert_cmpstr (r->worst, ==, "IC");
  g_assert_cmpfloat_with_epsilon (r->spread, 0.60, 1e-12);
  text = mqlw_column_rank_describe (r);
  g_assert_cmpstr (text, ==, "seniority: VP 75 % against IC 15 %");
  r = g_ptr_array_index (ranks, 1);
  g_assert_cmpstr (r->column, ==, "region");
  g_assert_cmpstr (r->best, ==, "EU");
  g_assert_cmpfloat_with_epsilon (r->spread, 0.10, 1e-12);
  r = g_ptr_array_index (ranks, 2);
  g_assert_cmpstr (r->column, ==, "visits");
  g_assert_cmpstr (r->best, ==, "over 0");
  g_assert_cmpuint (r->best_known, ==, 10);
  g_assert_cmpstr (r->worst, ==, "up to 0");
  g_assert_cmpuint (r->worst_known, ==, 30);
  g_assert_cmpfloat_with_epsilon (r->spread, 0.5 - 13.0 / 30.0, 1e-12);

  /* Every lead an SQL: opportunity (VP 10 of 20, IC 0 of 20) decides. */
  {
    gint8 *opp = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_OPPORTUNITY);
    g_autoptr(GPtrArray) again = NULL;

    for (guint i = 0; i < 40; i++)
      {
        sql[i] = MQLW_OUTCOME_YES;
        opp[i] = i < 10 ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
      }
    again = mqlw_rank_columns (dataset, &stage);
    g_assert_cmpint (stage, ==, MQLW_STAGE_OPPORTUNITY);
    r = g_ptr_array_index (again, 0);
    g_assert_cmpstr (r->column, ==, "seniority");
    g_assert_cmpfloat_with_epsilon (r->spread, 0.5, 1e-12);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/model-adapt/seed002", test_adapt_seed002);
  g_test_add_func ("/mqlw/model-adapt/scores-nothing", test_scores_nothing);
  g_test_add_func ("/mqlw/model-adapt/rank-columns", test_rank_columns);
  return g_test_run ();
}
