/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-scorer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-scorer.h"
#include "mqlw-scorer-private.h"

/* Hand-made leads for seed 002's "IS / IS NOT an MQL" examples and the edge
 * cases of the scoring rules. Every expected number is worked out by hand in
 * the comment next to the lead, from the seed002-two-paths.json sample:
 *
 *   fit        VP/C-level +20, Director +15, Manager +10, 200–1,000 employees +10,
 *              SaaS/Manufacturing +10, personal e-mail −50, no job title −5
 *   behaviour  demo 30 (cap 60), contact sales 30 (cap 60), pricing 20 (cap 60),
 *              webinar 15 (cap 30), case study 15 (cap 30), product page 5 (cap 15),
 *              ebook 5 (cap 10), e-mail click 2 (cap 10), careers −10 (cap 20),
 *              unsubscribed −50 (cap 50, no decay)
 *   decay      age ≤ 7 d ×1, ≤ 30 ×0.8, ≤ 60 ×0.6, ≤ 90 ×0.4, beyond ×0.2
 *              (age = as_of − last_activity_at; as_of is 2025-06-30 for every lead)
 *   grades     A ≥ 30, B ≥ 20, C ≥ 10, else D; multipliers all 1
 *   paths      score ≥ 51; grade ≤ B and behaviour ≥ 50; demo/contact > 0 and grade ≤ B
 *   disqualify 1 competitor (rivalsoft.com, competeco.com), 2 student (job title Student),
 *              3 consultant (job title Consultant), 4 partner source (lead source Partner) */

#define NA NAN
#define NO_DATE (-1)

typedef struct {
  const char *what;
  const char *email, *job_title, *seniority;
  double      size;
  const char *industry, *source;
  int         age;        /* days from last activity to as-of, NO_DATE = none */
  double      demo, contact, pricing, product, webinar, case_study, ebook, clicks, careers;
  gint8       unsubscribed;
  /* expected */
  double      fit, behaviour;
  MqlwGrade   grade;
  double      total;
  guint16     disqualified;
  guint8      paths;
  gboolean    mql;        /* at threshold 51 */
} Lead;

#define GB MQLW_PATH_GRADE_BEHAVIOUR
#define HR MQLW_PATH_HAND_RAISER
#define A MQLW_GRADE_A
#define B MQLW_GRADE_B
#define C MQLW_GRADE_C
#define D MQLW_GRADE_D

static const Lead leads[] = {
  /* IS: fit 20 (VP) + 10 (500) + 10 (SaaS) = 40 → A; webinar 1 × 15 × 1.0 (3 d) = 15;
   * total 40 + 15 = 55 ≥ 51. */
  { "VP Marketing at 500-person SaaS, score 55",
    "ava@northwind-saas.com", "VP Marketing", "VP", 500, "SaaS", "Organic Search", 3,
    0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
    40, 15, A, 55, 0, 0, TRUE },
  /* IS: fit 15 (Director) + 10 (300) + 10 (Manufacturing) = 35 → A; pricing 3 × 20 = 60
   * (cap 60) × 1.0 (2 d) = 60; total 95; grade A and behaviour 60 ≥ 50 → grade+behaviour path. */
  { "Director Ops, viewed pricing 3x this week",
    "dan@acme-mfg.com", "Director of Operations", "Director", 300, "Manufacturing", "Paid Search", 2,
    0, 0, 3, 0, 0, 0, 0, 0, 0, 0,
    35, 60, A, 95, 0, GB, TRUE },
  /* IS: fit 10 (Manager) + 10 (250) = 20 → B (Retail is not ICP); demo 1 × 30 × 1.0 = 30;
   * total 50 < 51, but a demo request with grade B passes the hand-raiser path. */
  { "Any A/B grade who requested demo",
    "mia@shopco.com", "Marketing Manager", "Manager", 250, "Retail", "Webinar", 5,
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    20, 30, B, 50, 0, HR, TRUE },
  /* IS: fit 10 + 10 (800) + 10 (SaaS) = 30 → A; (webinar 15 + case study 15) × 0.8 (10 d) = 24;
   * total 54 ≥ 51. */
  { "Manager at ICP company, attended webinar + downloaded case study",
    "leo@cloudly.io", "IT Manager", "Manager", 800, "SaaS", "Event", 10,
    0, 0, 0, 0, 1, 1, 0, 0, 0, 0,
    30, 24, A, 54, 0, 0, TRUE },
  /* IS NOT: fit 0 → D (IC, 20,000 employees, Education); pricing 2 × 20 = 40, webinar 2 × 15 = 30,
   * clicks 5 × 2 = 10 → 80 × 1.0 (1 d); total 80 — but the student disqualifier (#2) hits. */
  { "Student with 80 points",
    "sam@cs.stateu.edu", "Student", "Individual Contributor", 20000, "Education", "Organic Search", 1,
    0, 0, 2, 0, 2, 0, 0, 5, 0, 0,
    0, 80, D, 80, 2, 0, FALSE },
  /* IS NOT: fit 15 + 10 (600) + 10 = 35 → A; pricing 4 × 20 = 80 → cap 60, product 3 × 5 = 15,
   * demo 1 × 30 = 30 → 105 × 1.0 (4 d); total 140; the competitor domain (#1) hits through the
   * subdomain eu.rivalsoft.com, so neither fixed path counts. */
  { "Competitor researching you",
    "rita@eu.rivalsoft.com", "Product Marketing Director", "Director", 600, "SaaS", "Direct", 4,
    1, 0, 4, 3, 0, 0, 0, 0, 0, 0,
    35, 105, A, 140, 1, 0, FALSE },
  /* IS NOT: fit 15 + 10 (300) = 25 → B; contact 1 × 30 = 30 × 1.0 (6 d); total 55 —
   * job title Consultant hits disqualifier #3 before the partner source (#4). */
  { "Consultant seeking partnership",
    "carl@brightadvisors.com", "Consultant", "Director", 300, "Professional Services", "Partner", 6,
    0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    25, 30, B, 55, 3, 0, FALSE },
  /* IS NOT: fit 20 + 10 (450) + 10 = 40 → A; ebook 1 × 5 × 0.8 (20 d) = 4; total 44 < 51;
   * behaviour 4 < 50 and no hand raised. */
  { "ICP contact who only downloaded 1 ebook",
    "vera@datapipe.com", "VP Engineering", "VP", 450, "SaaS", "Content Syndication", 20,
    0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    40, 4, A, 44, 0, 0, FALSE },
  /* Missing values: no e-mail, no title (−5), no size, no industry, no activity date (factor 1),
   * pricing missing (counts 0). fit 20 − 5 = 15 → C; webinar 2 × 15 = 30 (cap 30); total 45. */
  { "VP with unknown company and no title",
    NULL, NULL, "VP", NA, NULL, NULL, NO_DATE,
    NA, NA, NA, NA, 2, NA, NA, NA, NA, MQLW_BOOL_MISSING,
    15, 30, C, 45, 0, 0, FALSE },
  /* Personal e-mail (upper-case domain) −50 → D; 100 days → ×0.2: pricing 1 × 20 × 0.2 = 4,
   * careers 3 × −10 = −30 → cap −20 × 0.2 = −4; unsubscribed −50 (no decay);
   * behaviour 4 − 4 − 50 = −50; total −100. */
  { "Personal e-mail, old activity, unsubscribed",
    "joe@Gmail.COM", "Analyst", "Individual Contributor", 5000, "Retail", "Social", 100,
    0, 0, 1, 0, 0, 0, 0, 0, 3, 1,
    -50, -50, D, -100, 0, 0, FALSE },
  /* Hand raised below the floor: fit 10 (SaaS; 50 employees is not ICP) → C; contact 1 × 30;
   * total 40; grade C is below the hand-raiser floor B. */
  { "Grade C contact-sales request",
    "kim@tinyco.com", "Sales Rep", "Individual Contributor", 50, "SaaS", "Direct", 0,
    0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    10, 30, C, 40, 0, 0, FALSE },
  /* Case-insensitive text: "c-level" matches C-level, "saas" matches SaaS: fit 20 + 10 (1,000,
   * inclusive) + 10 = 40 → A; demo 2 × 30 = 60 (cap 60) × 0.6 (45 d) = 36; total 76; hand raiser. */
  { "Lower-case C-level demo request",
    "ana@northwind-saas.com", "cfo", "c-level", 1000, "saas", "Referral", 45,
    2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    40, 36, A, 76, 0, HR, TRUE },
};

static MqlwModel *
load_seed002 (void)
{
  const char *dir = g_getenv ("MQLW_SAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : SOURCE_SAMPLES_DIR, "seed002-two-paths.json", NULL);
  g_autoptr(GError) error = NULL;
  MqlwModel *model = mqlw_model_load (path, &error);

  g_assert_no_error (error);
  return model;
}

static void
set_text (MqlwColumn *column,
          guint       row,
          const char *text)
{
  if (text != NULL)
    column->codes[row] = mqlw_column_intern (column, text, -1);
}

static MqlwDataset *
build_leads_dataset (void)
{
  static const char * const counts[] = {
    "demo_requests", "contact_sales", "pricing_page_views", "product_page_views", "webinars_attended",
    "case_study_downloads", "ebook_downloads", "email_clicks", "careers_page_views",
  };
  guint n = G_N_ELEMENTS (leads);
  MqlwDataset *dataset = mqlw_dataset_new (n);
  MqlwColumn *email = mqlw_dataset_add_column (dataset, "email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL);
  MqlwColumn *title = mqlw_dataset_add_column (dataset, "job_title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *seniority = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *size = mqlw_dataset_add_column (dataset, "company_size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *industry = mqlw_dataset_add_column (dataset, "industry", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *source = mqlw_dataset_add_column (dataset, "lead_source", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *as_of = mqlw_dataset_add_column (dataset, "as_of", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF);
  MqlwColumn *last = mqlw_dataset_add_column (dataset, "last_activity_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE);
  MqlwColumn *unsubscribed = mqlw_dataset_add_column (dataset, "unsubscribed", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_ACTIVITY_COUNT);
  MqlwColumn *count_columns[G_N_ELEMENTS (counts)];
  gint32 as_of_day = mqlw_date_from_ymd (2025, 6, 30);

  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    count_columns[k] = mqlw_dataset_add_column (dataset, counts[k], MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);

  for (guint i = 0; i < n; i++)
    {
      const Lead *lead = &leads[i];
      const double values[] = { lead->demo, lead->contact, lead->pricing, lead->product, lead->webinar,
                                lead->case_study, lead->ebook, lead->clicks, lead->careers };

      set_text (email, i, lead->email);
      set_text (title, i, lead->job_title);
      set_text (seniority, i, lead->seniority);
      size->num[i] = lead->size;
      set_text (industry, i, lead->industry);
      set_text (source, i, lead->source);
      as_of->days[i] = as_of_day;
      if (lead->age != NO_DATE)
        last->days[i] = as_of_day - lead->age;
      unsubscribed->boolean[i] = lead->unsubscribed;
      for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
        count_columns[k]->num[i] = values[k];
    }
  return dataset;
}

static void
test_seed002_examples (void)
{
  g_autoptr(MqlwModel) model = load_seed002 ();
  g_autoptr(MqlwDataset) dataset = build_leads_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (dataset, model, &error);
  const MqlwScores *scores;

  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  g_assert_cmpuint (scores->n, ==, G_N_ELEMENTS (leads));
  g_assert_true (mqlw_scorer_get_model (scorer) == model);
  g_assert_true (mqlw_scorer_get_dataset (scorer) == dataset);

  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      const Lead *lead = &leads[i];

      g_test_message ("lead %u: %s", i, lead->what);
      g_assert_cmpfloat_with_epsilon (scores->fit[i], lead->fit, 1e-4);
      g_assert_cmpfloat_with_epsilon (scores->behaviour[i], lead->behaviour, 1e-4);
      g_assert_cmpint (scores->grade[i], ==, lead->grade);
      g_assert_cmpfloat_with_epsilon (scores->total[i], lead->total, 1e-9);
      g_assert_cmpint (scores->disqualified[i], ==, lead->disqualified);
      g_assert_cmpint (scores->fixed_paths[i], ==, lead->paths);
      g_assert_cmpint (mqlw_scores_is_mql (scores, i, TRUE, 51), ==, lead->mql);
    }

  /* Per-criterion points: lead 1 (Director Ops) gets 15 from rule 1 (director), 60 from
   * behaviour rule 2 (pricing, capped); lead 3 gets 15 × 0.8 = 12 from the webinar (rule 3). */
  g_assert_cmpfloat (mqlw_scorer_contribution (scorer, FALSE, 1, 1), ==, 15);
  g_assert_cmpfloat (mqlw_scorer_contribution (scorer, FALSE, 0, 1), ==, 0);
  g_assert_cmpfloat (mqlw_scorer_contribution (scorer, TRUE, 2, 1), ==, 60);
  g_assert_cmpfloat_with_epsilon (mqlw_scorer_contribution (scorer, TRUE, 3, 3), 12, 1e-5);
  /* Without the score path only the fixed paths make MQLs: leads 1, 2 and 11. */
  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    g_assert_cmpint (mqlw_scores_is_mql (scores, i, FALSE, 51), ==, i == 1 || i == 2 || i == 11);
}

static void
assert_same_scores (const MqlwScores *a,
                    const MqlwScores *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpmem (a->total, a->n * sizeof (double), b->total, b->n * sizeof (double));
  g_assert_cmpmem (a->fit, a->n * sizeof (float), b->fit, b->n * sizeof (float));
  g_assert_cmpmem (a->behaviour, a->n * sizeof (float), b->behaviour, b->n * sizeof (float));
  g_assert_cmpmem (a->grade, a->n, b->grade, b->n);
  g_assert_cmpmem (a->fixed_paths, a->n, b->fixed_paths, b->n);
  g_assert_cmpmem (a->disqualified, a->n * sizeof (guint16), b->disqualified, b->n * sizeof (guint16));
}

static MqlwFitRule *
find_fit (MqlwModel  *model,
          const char *id)
{
  for (guint i = 0; i < model->fit->len; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
      if (strcmp (rule->id, id) == 0)
        return rule;
    }
  g_assert_not_reached ();
}

static MqlwBehaviourRule *
find_behaviour (MqlwModel  *model,
                const char *id)
{
  for (guint i = 0; i < model->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
      if (strcmp (rule->id, id) == 0)
        return rule;
    }
  g_assert_not_reached ();
}

/* Applies @edit to a copy of the scorer's model, updates, and compares with a
 * fresh scorer built from the edited model. */
static void
check_update (MqlwScorer *scorer,
              MqlwModel  *edited)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) fresh = NULL;

  g_assert_true (mqlw_scorer_update (scorer, edited, &error));
  g_assert_no_error (error);
  fresh = mqlw_scorer_new (mqlw_scorer_get_dataset (scorer), edited, &error);
  g_assert_no_error (error);
  assert_same_scores (mqlw_scorer_get_scores (scorer), mqlw_scorer_get_scores (fresh));
}

static void
test_update_matches_fresh (void)
{
  g_autoptr(MqlwModel) model = load_seed002 ();
  g_autoptr(MqlwDataset) dataset = build_leads_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (dataset, model, &error);
  g_autoptr(MqlwModel) step1 = NULL, step2 = NULL, step3 = NULL, step4 = NULL, step5 = NULL;
  const MqlwScores *scores;

  g_assert_no_error (error);

  /* 1. Weights: director 15 → 18, pricing 20 → 25. Lead 1 (Director Ops): fit 18 + 10 + 10 = 38,
   *    pricing 3 × 25 = 75 → cap 60; total 98. */
  step1 = mqlw_model_copy (model);
  find_fit (step1, "director")->points = 18;
  find_behaviour (step1, "pricing")->points = 25;
  check_update (scorer, step1);
  scores = mqlw_scorer_get_scores (scorer);
  g_assert_cmpfloat (scores->fit[1], ==, 38);
  g_assert_cmpfloat (scores->total[1], ==, 98);

  /* 2. Cap, decay table, grade bands and multipliers change. */
  step2 = mqlw_model_copy (step1);
  find_behaviour (step2, "pricing")->cap = NAN;
  g_array_index (step2->decay.steps, MqlwDecayStep, 1).factor = 0.75;
  step2->grading.min_fit[MQLW_GRADE_A] = 35;
  step2->grading.multiplier[MQLW_GRADE_A] = 1.5;
  check_update (scorer, step2);
  /* Lead 1: pricing 3 × 25 = 75 uncapped, grade A (38 ≥ 35) × 1.5 → 38 + 112.5 = 150.5. */
  g_assert_cmpfloat (scores->total[1], ==, 150.5);

  /* 3. Rules reordered, one disabled, one added, a disqualifier disabled. */
  step3 = mqlw_model_copy (step2);
  {
    gpointer first = g_ptr_array_steal_index (step3->fit, 0);
    g_ptr_array_add (step3->fit, first);   /* vp_clevel now last */
  }
  find_behaviour (step3, "webinar")->enabled = FALSE;
  {
    MqlwFitRule *rule = mqlw_model_add_fit (step3, "enterprise", "company_size", MQLW_MATCH_RANGE, 5);
    rule->match.min = 5000;
  }
  ((MqlwDisqualifier *) g_ptr_array_index (step3->disqualifiers, 1))->enabled = FALSE;
  check_update (scorer, step3);
  /* The student (lead 4) is no longer disqualified as a student; with 20,000 employees she gets
   * the enterprise +5 → grade D (5 < 10, multiplier 1); behaviour without webinars: pricing
   * 2 × 25 (step 1, uncapped since step 2) = 50 + clicks 5 × 2 = 10 → 60; total 65. */
  g_assert_cmpint (scores->disqualified[4], ==, 0);
  g_assert_cmpfloat (scores->fit[4], ==, 5);
  g_assert_cmpfloat (scores->total[4], ==, 65);

  /* 4. Paths and the hand-raiser list change. */
  step4 = mqlw_model_copy (step3);
  step4->paths.hand_raiser_min_grade = MQLW_GRADE_C;
  g_strfreev (step4->paths.hand_raiser_activities);
  step4->paths.hand_raiser_activities = g_strsplit ("contact_sales", ",", -1);
  step4->paths.behaviour_min = 30;
  check_update (scorer, step4);
  /* Lead 10 (grade C contact-sales request) now passes the hand-raiser path. */
  g_assert_cmpint (scores->fixed_paths[10] & MQLW_PATH_HAND_RAISER, !=, 0);

  /* 5. Back to the original model, edited in place by the caller and passed again. */
  step5 = mqlw_model_copy (model);
  check_update (scorer, step5);
  find_fit (step5, "manager")->points = 12;
  check_update (scorer, step5);
  g_assert_cmpfloat (scores->fit[2], ==, 22);   /* Manager 12 + 250 employees 10 */
}

static void
test_missing_column (void)
{
  g_autoptr(MqlwDataset) dataset = build_leads_dataset ();
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwModel) enabled = NULL;
  MqlwFitRule *rule;
  const MqlwScores *scores;

  rule = mqlw_model_add_fit (model, "senior", "seniority_level", MQLW_MATCH_IN_SET, 15);
  g_strfreev (rule->match.values);
  rule->match.values = g_strsplit ("VP", ",", -1);

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_null (scorer);
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN);
  g_assert_cmpstr (error->message, ==, "fit rule 'senior' names column 'seniority_level', which the data does not have");
  g_clear_error (&error);

  /* A disabled rule is not checked … */
  rule->enabled = FALSE;
  mqlw_model_add_fit (model, "titleless", "job_title", MQLW_MATCH_MISSING, -5);
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  g_assert_cmpfloat (scores->fit[8], ==, -5);   /* lead 8 has no job title */

  /* … until it is enabled; then the update fails and the scorer keeps the previous model. */
  enabled = mqlw_model_copy (model);
  ((MqlwFitRule *) g_ptr_array_index (enabled->fit, 0))->enabled = TRUE;
  g_assert_false (mqlw_scorer_update (scorer, enabled, &error));
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN);
  g_clear_error (&error);
  g_assert_true (mqlw_scorer_get_model (scorer) == model);
  g_assert_cmpfloat (scores->fit[8], ==, -5);
}

typedef struct {
  const char *what;
  gboolean behaviour;
  const char *column;
  MqlwMatchOp op;
  MqlwScorerError code;
  const char *message;
} WrongCase;

static void
test_wrong_type (void)
{
  static const WrongCase cases[] = {
    { "range on text", FALSE, "industry", MQLW_MATCH_RANGE, MQLW_SCORER_ERROR_WRONG_TYPE,
      "fit rule 'x' uses a range on column 'industry', which holds text, not numbers" },
    { "e-mail domain on a number", FALSE, "company_size", MQLW_MATCH_EMAIL_DOMAIN, MQLW_SCORER_ERROR_WRONG_TYPE,
      "fit rule 'x' looks for an e-mail domain in column 'company_size', which holds numbers" },
    { "number compared with text", FALSE, "company_size", MQLW_MATCH_EQUALS, MQLW_SCORER_ERROR_WRONG_TYPE,
      "fit rule 'x' compares column 'company_size' with 'many', but that column holds numbers" },
    { "activity on text", TRUE, "industry", 0, MQLW_SCORER_ERROR_WRONG_TYPE,
      "behaviour rule 'x' counts column 'industry', which holds text, not numbers" },
    { "activity on a date", TRUE, "as_of", 0, MQLW_SCORER_ERROR_WRONG_TYPE,
      "behaviour rule 'x' counts column 'as_of', which holds dates, not numbers" },
    { "missing activity", TRUE, "trial_signups", 0, MQLW_SCORER_ERROR_NO_COLUMN,
      "behaviour rule 'x' names column 'trial_signups', which the data does not have" },
  };
  g_autoptr(MqlwDataset) dataset = build_leads_dataset ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MqlwModel) model = mqlw_model_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwScorer) scorer = NULL;

      g_test_message ("%s", cases[i].what);
      if (cases[i].behaviour)
        mqlw_model_add_behaviour (model, "x", cases[i].column, 10, NAN);
      else
        {
          MqlwFitRule *rule = mqlw_model_add_fit (model, "x", cases[i].column, cases[i].op, 10);
          rule->match.min = 1;
          g_strfreev (rule->match.values);
          rule->match.values = g_strsplit ("many", ",", -1);
        }
      scorer = mqlw_scorer_new (dataset, model, &error);
      g_assert_null (scorer);
      g_assert_error (error, MQLW_SCORER_ERROR, (gint) cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_grade_multipliers (void)
{
  /* Seed 003 multipliers 1.5 / 1.2 / 1.0 / 0.7 with bands A ≥ 40, B ≥ 25, C ≥ 10;
   * fit VP 40, Director 30, Manager 15, IC 0; pricing 10 per view, no cap, no decay.
   *   VP,       2 views: 40 + 1.5 × 20 = 70
   *   Director, 2 views: 30 + 1.2 × 20 = 54
   *   Manager,  2 views: 15 + 1.0 × 20 = 35
   *   IC,       2 views:  0 + 0.7 × 20 = 14 */
  static const struct { const char *seniority; double views, total; MqlwGrade grade; } cases[] = {
    { "VP", 2, 70, A }, { "Director", 2, 54, B }, { "Manager", 2, 35, C },
    { "Individual Contributor", 2, 14, D },
  };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (G_N_ELEMENTS (cases));
  MqlwColumn *seniority = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *pricing = mqlw_dataset_add_column (dataset, "pricing_page_views", MQLW_COLUMN_TYPE_DECIMAL,
                                                 MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *id, *value; double points; } fit[] = {
    { "vp", "VP", 40 }, { "director", "Director", 30 }, { "manager", "Manager", 15 },
  };
  const double multipliers[] = { 1.5, 1.2, 1.0, 0.7 };
  const MqlwScores *scores;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_text (seniority, i, cases[i].seniority);
      pricing->num[i] = cases[i].views;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fit); i++)
    {
      MqlwFitRule *rule = mqlw_model_add_fit (model, fit[i].id, "seniority", MQLW_MATCH_EQUALS, fit[i].points);
      g_strfreev (rule->match.values);
      rule->match.values = g_strsplit (fit[i].value, ",", -1);
    }
  mqlw_model_add_behaviour (model, "pricing", "pricing_page_views", 10, NAN);
  model->grading.enabled = TRUE;
  model->grading.min_fit[MQLW_GRADE_A] = 40;
  model->grading.min_fit[MQLW_GRADE_B] = 25;
  model->grading.min_fit[MQLW_GRADE_C] = 10;
  memcpy (model->grading.multiplier, multipliers, sizeof multipliers);

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (scores->grade[i], ==, cases[i].grade);
      g_assert_cmpfloat_with_epsilon (scores->total[i], cases[i].total, 1e-9);
    }

  /* Grading off: every lead is grade A and the multipliers are 1: totals 60, 50, 35, 20. */
  {
    g_autoptr(MqlwModel) off = mqlw_model_copy (model);
    const double plain[] = { 60, 50, 35, 20 };

    off->grading.enabled = FALSE;
    g_assert_true (mqlw_scorer_update (scorer, off, &error));
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_assert_cmpint (scores->grade[i], ==, MQLW_GRADE_A);
        g_assert_cmpfloat (scores->total[i], ==, plain[i]);
      }
  }
}

static void
test_rounding (void)
{
  /* total = round (x × 100) / 100 on fit + behaviour:
   *   fit 0.125 (exact in binary) + 0 → 12.5 → round half away from zero → 13 → 0.13
   *   fit −0.125 → −12.5 → −13 → −0.13
   *   fit 1/3 ≈ 0.3333333 (float) → 33.33… → 33 → 0.33 */
  static const double points[] = { 0.125, -0.125, 1.0 / 3.0 };
  static const double expected[] = { 0.13, -0.13, 0.33 };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (G_N_ELEMENTS (points));
  MqlwColumn *tier = mqlw_dataset_add_column (dataset, "tier", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", i + 1);
      MqlwFitRule *rule = mqlw_model_add_fit (model, value, "tier", MQLW_MATCH_EQUALS, points[i]);

      tier->num[i] = i + 1;
      g_strfreev (rule->match.values);
      rule->match.values = g_strsplit (value, ",", -1);
    }
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    g_assert_cmpfloat (mqlw_scorer_get_scores (scorer)->total[i], ==, expected[i]);
}

static void
test_decay_by_activity_date (void)
{
  /* No AS_OF column: as-of is the latest activity date of the data, 2025-06-30.
   * Half-life 30 days. The webinar rule is dated by webinar_at (ACTIVITY_DATE for
   * webinars_attended), the pricing rule by the general last_activity_at.
   *   lead 0: webinar_at 2025-05-31 (30 d → 0.5), last 2025-06-30 (0 d → 1):
   *           webinar 1 × 12 × 0.5 = 6, pricing 1 × 10 × 1 = 10 → 16
   *   lead 1: webinar_at missing (→ 1), last 2025-04-01 (30 + 31 + 29 = 90 d → 0.125):
   *           webinar 1 × 12 = 12, pricing 2 × 10 × 0.125 = 2.5 → 14.5
   *   lead 2: webinar 3 × 12 = 36 → cap 30 × 0.5 (webinar_at 2025-05-31) = 15; pricing 0 → 15
   * With decay off on the pricing rule, lead 1 gets 12 + 20 = 32. */
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (3);
  MqlwColumn *webinars = mqlw_dataset_add_column (dataset, "webinars_attended", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  MqlwColumn *pricing = mqlw_dataset_add_column (dataset, "pricing_page_views", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  MqlwColumn *last = mqlw_dataset_add_column (dataset, "last_activity_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE);
  MqlwColumn *webinar_at = mqlw_dataset_add_column (dataset, "webinar_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwModel) no_decay = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwScores *scores;

  webinar_at->activity = g_strdup ("webinars_attended");
  webinars->num[0] = 1; pricing->num[0] = 1;
  webinar_at->days[0] = mqlw_date_from_ymd (2025, 5, 31);
  last->days[0] = mqlw_date_from_ymd (2025, 6, 30);
  webinars->num[1] = 1; pricing->num[1] = 2;
  last->days[1] = mqlw_date_from_ymd (2025, 4, 1);
  webinars->num[2] = 3; pricing->num[2] = 0;
  webinar_at->days[2] = mqlw_date_from_ymd (2025, 5, 31);
  last->days[2] = mqlw_date_from_ymd (2025, 6, 1);

  mqlw_model_add_behaviour (model, "webinar", "webinars_attended", 12, 30);
  mqlw_model_add_behaviour (model, "pricing", "pricing_page_views", 10, NAN);
  model->decay.kind = MQLW_DECAY_HALF_LIFE;
  model->decay.half_life_days = 30;

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  g_assert_cmpfloat_with_epsilon (scores->behaviour[0], 16, 1e-5);
  g_assert_cmpfloat_with_epsilon (scores->behaviour[1], 14.5, 1e-5);
  g_assert_cmpfloat_with_epsilon (scores->behaviour[2], 15, 1e-5);
  g_assert_cmpfloat (scores->total[1], ==, 14.5);

  no_decay = mqlw_model_copy (model);
  ((MqlwBehaviourRule *) g_ptr_array_index (no_decay->behaviour, 1))->decay = FALSE;
  check_update (scorer, no_decay);
  g_assert_cmpfloat (scores->total[1], ==, 32);

  /* An explicit date column on the rule wins: dating the webinar by last_activity_at gives
   * lead 0 a factor 1 → 12 + 10 = 22. */
  {
    g_autoptr(MqlwModel) explicit = mqlw_model_copy (model);
    MqlwBehaviourRule *webinar = g_ptr_array_index (explicit->behaviour, 0);

    webinar->date_column = g_strdup ("last_activity_at");
    check_update (scorer, explicit);
    g_assert_cmpfloat (scores->total[0], ==, 22);
  }
}

static void
test_score_column (void)
{
  /* Existing platform score: total = the score rounded to 2 decimals, a missing score counts 0.
   *   0: 72.456 → 72.46, MQL at 50
   *   1: missing → unscored (NAN, never 0), not an MQL, no fixed path
   *   2: 10 with a demo request → hand-raiser path (grade A in this mode), MQL
   *   3: 90 from rivalsoft.com → competitor disqualifier, not an MQL
   * The fit rule naming a column the data lacks is ignored in this mode; so is the
   * grade+behaviour path (behaviour is 0 ≥ behaviour_min 0 would otherwise pass). */
  static const double platform[] = { 72.456, NAN, 10, 90 };
  static const char * const emails[] = { "a@x.com", "b@y.com", "c@z.com", "d@rivalsoft.com" };
  static const double totals[] = { 72.46, NAN, 10, 90 };
  static const gboolean mql[] = { TRUE, FALSE, TRUE, FALSE };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (4);
  MqlwColumn *score = mqlw_dataset_add_column (dataset, "platform_score", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_SCORE);
  MqlwColumn *email = mqlw_dataset_add_column (dataset, "email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL);
  MqlwColumn *demo = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  MqlwDisqualifier *rival;
  const MqlwScores *scores;

  for (guint i = 0; i < 4; i++)
    {
      score->num[i] = platform[i];
      set_text (email, i, emails[i]);
      demo->num[i] = i == 2 || i == 3 ? 1 : 0;
    }
  model->score_column = g_strdup ("platform_score");
  model->threshold = 50;
  mqlw_model_add_fit (model, "ghost", "no_such_column", MQLW_MATCH_MISSING, 100);
  rival = mqlw_model_add_disqualifier (model, "rival", "competitor", "email", MQLW_MATCH_EMAIL_DOMAIN);
  g_strfreev (rival->match.values);
  rival->match.values = g_strsplit ("rivalsoft.com", ",", -1);
  model->paths.hand_raiser = TRUE;
  g_strfreev (model->paths.hand_raiser_activities);
  model->paths.hand_raiser_activities = g_strsplit ("demo_requests", ",", -1);
  model->paths.grade_behaviour = TRUE;
  model->paths.behaviour_min = 0;

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  for (guint i = 0; i < 4; i++)
    {
      if (isnan (totals[i]))
        g_assert_true (isnan (scores->total[i]));
      else
        g_assert_cmpfloat_with_epsilon (scores->total[i], totals[i], 1e-9);
      g_assert_cmpfloat (scores->fit[i], ==, 0);
      g_assert_cmpfloat (scores->behaviour[i], ==, 0);
      g_assert_cmpint (scores->grade[i], ==, MQLW_GRADE_A);
      g_assert_cmpint (mqlw_scores_is_mql (scores, i, TRUE, model->threshold), ==, mql[i]);
    }
  g_assert_cmpint (scores->fixed_paths[1], ==, 0);
  g_assert_cmpint (scores->fixed_paths[2], ==, MQLW_PATH_HAND_RAISER);
  g_assert_cmpint (scores->disqualified[3], ==, 1);
  g_assert_cmpint (scores->fixed_paths[3], ==, 0);

  /* A score column that is not a number is refused. */
  {
    g_autoptr(MqlwModel) text = mqlw_model_copy (model);
    g_autoptr(MqlwScorer) bad = NULL;

    g_free (text->score_column);
    text->score_column = g_strdup ("email");
    bad = mqlw_scorer_new (dataset, text, &error);
    g_assert_null (bad);
    g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE);
  }
}

static void
test_other_column_types (void)
{
  /* BOOLEAN columns compare with yes/no words; DATE columns with dates ("in") or days
   * since 1970-01-01 ("range"); numbers with "in" parse the values.
   *   row 0: customer yes,  signed 2025-01-15, tier 2
   *   row 1: customer no,   signed 2024-12-31, tier 3
   *   row 2: customer ?,    signed ?,          tier ?
   * Rules: customer in [Yes] +1; signed in [2025-01-15] +10; signed range from 2025-01-01
   * (day 20089) +100; tier in ["2", "3.0"] +1000; customer missing +10000.
   *   row 0: 1 + 10 + 100 + 1000 = 1111; row 1: 1000; row 2: 10000. */
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (3);
  MqlwColumn *customer = mqlw_dataset_add_column (dataset, "customer", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_FIT);
  MqlwColumn *signed_at = mqlw_dataset_add_column (dataset, "signed", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_FIT);
  MqlwColumn *tier = mqlw_dataset_add_column (dataset, "tier", MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_FIT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  MqlwFitRule *rule;
  const MqlwScores *scores;

  customer->boolean[0] = 1;
  customer->boolean[1] = 0;
  signed_at->days[0] = mqlw_date_from_ymd (2025, 1, 15);
  signed_at->days[1] = mqlw_date_from_ymd (2024, 12, 31);
  tier->num[0] = 2;
  tier->num[1] = 3;
  g_assert_cmpint (mqlw_date_from_ymd (2025, 1, 1), ==, 20089);   /* 55 years × 365 + 14 leap days */

  rule = mqlw_model_add_fit (model, "customer", "customer", MQLW_MATCH_IN_SET, 1);
  g_strfreev (rule->match.values);
  rule->match.values = g_strsplit ("Yes", ",", -1);
  rule = mqlw_model_add_fit (model, "signed_day", "signed", MQLW_MATCH_IN_SET, 10);
  g_strfreev (rule->match.values);
  rule->match.values = g_strsplit ("2025-01-15", ",", -1);
  rule = mqlw_model_add_fit (model, "signed_2025", "signed", MQLW_MATCH_RANGE, 100);
  rule->match.min = 20089;
  rule = mqlw_model_add_fit (model, "tier", "tier", MQLW_MATCH_IN_SET, 1000);
  g_strfreev (rule->match.values);
  rule->match.values = g_strsplit ("2,3.0", ",", -1);
  mqlw_model_add_fit (model, "unknown_customer", "customer", MQLW_MATCH_MISSING, 10000);

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  g_assert_cmpfloat (scores->fit[0], ==, 1111);
  g_assert_cmpfloat (scores->fit[1], ==, 1000);
  g_assert_cmpfloat (scores->fit[2], ==, 10000);
}

/* A few thousand random leads over the columns seed002-two-paths.json reads,
 * from a fixed GRand seed. */
static MqlwDataset *
build_random_dataset (GRand *rand,
                      guint  n)
{
  static const char * const counts[] = {
    "demo_requests", "contact_sales", "pricing_page_views", "product_page_views", "webinars_attended",
    "case_study_downloads", "ebook_downloads", "email_clicks", "careers_page_views",
  };
  static const char * const domains[] = { "acme.com", "gmail.com", "eu.rivalsoft.com", "cloudly.io", "Yahoo.com" };
  static const char * const titles[] = { "VP Sales", "Student", "Consultant", "Marketing Manager", "Analyst" };
  static const char * const seniorities[] = { "VP", "C-level", "Director", "Manager", "Individual Contributor" };
  static const char * const industries[] = { "SaaS", "Manufacturing", "Retail", "Education" };
  static const char * const sources[] = { "Webinar", "Partner", "Organic Search", "Event" };
  MqlwDataset *dataset = mqlw_dataset_new (n);
  MqlwColumn *email = mqlw_dataset_add_column (dataset, "email", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_EMAIL);
  MqlwColumn *title = mqlw_dataset_add_column (dataset, "job_title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *seniority = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *size = mqlw_dataset_add_column (dataset, "company_size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *industry = mqlw_dataset_add_column (dataset, "industry", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *source = mqlw_dataset_add_column (dataset, "lead_source", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *as_of = mqlw_dataset_add_column (dataset, "as_of", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_AS_OF);
  MqlwColumn *last = mqlw_dataset_add_column (dataset, "last_activity_at", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_ACTIVITY_DATE);
  MqlwColumn *unsubscribed = mqlw_dataset_add_column (dataset, "unsubscribed", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_ACTIVITY_COUNT);
  MqlwColumn *count_columns[G_N_ELEMENTS (counts)];
  gint32 as_of_day = mqlw_date_from_ymd (2025, 6, 30);

  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    count_columns[k] = mqlw_dataset_add_column (dataset, counts[k], MQLW_COLUMN_TYPE_DECIMAL, MQLW_ROLE_ACTIVITY_COUNT);

  for (guint i = 0; i < n; i++)
    {
      /* About one value in ten is missing. */
      if (g_rand_int_range (rand, 0, 10) != 0)
        {
          g_autofree char *address = g_strdup_printf ("lead%u@%s", i, domains[g_rand_int_range (rand, 0, G_N_ELEMENTS (domains))]);
          set_text (email, i, address);
        }
      if (g_rand_int_range (rand, 0, 10) != 0)
        set_text (title, i, titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
      if (g_rand_int_range (rand, 0, 10) != 0)
        set_text (seniority, i, seniorities[g_rand_int_range (rand, 0, G_N_ELEMENTS (seniorities))]);
      if (g_rand_int_range (rand, 0, 10) != 0)
        size->num[i] = g_rand_int_range (rand, 1, 3000);
      if (g_rand_int_range (rand, 0, 10) != 0)
        set_text (industry, i, industries[g_rand_int_range (rand, 0, G_N_ELEMENTS (industries))]);
      if (g_rand_int_range (rand, 0, 10) != 0)
        set_text (source, i, sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))]);
      as_of->days[i] = g_rand_int_range (rand, 0, 20) != 0 ? as_of_day : MQLW_DATE_MISSING;
      if (g_rand_int_range (rand, 0, 10) != 0)
        last->days[i] = as_of_day - g_rand_int_range (rand, 0, 150);
      unsubscribed->boolean[i] = (gint8) g_rand_int_range (rand, -1, 2);
      for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
        {
          gint32 roll = g_rand_int_range (rand, 0, 20);

          /* Mostly 0, some whole counts, a few fractions (a DECIMAL column) and missing values. */
          count_columns[k]->num[i] = roll < 10 ? 0 : roll < 17 ? g_rand_int_range (rand, 1, 7)
                                     : roll < 19 ? g_rand_double_range (rand, 0, 5) : NAN;
        }
    }
  return dataset;
}

/* Weights a marketer types, and some that are awkward in binary or round at 0.005. */
static double
random_points (GRand *rand)
{
  static const double awkward[] = { 0, 2.5, 0.125, -0.125, 1.0 / 3.0, 12.345, -0.005, 0.015, 18, -50 };

  if (g_rand_boolean (rand))
    return awkward[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward))];
  return g_rand_int_range (rand, -6000, 6000) / 100.0;
}

/* 50 random edits through mqlw_scorer_update — mostly weights, enables and
 * disables, also caps, disqualifiers, rule order, a condition, the decay table
 * and the grade multipliers — then the same arrays, byte for byte, as a fresh
 * scorer on the final model. */
/* "not_in" and "contains" on text, numbers, yes/no and dates; a missing value
 * matches neither. Rules and their points (powers of ten, so each total shows
 * which rules hit):
 *   title contains "vp" or "Head of" (any case)   +1
 *   title not_in [Student, Intern]                +10
 *   size not_in [1, 2]                            +100
 *   customer not_in [yes]                         +1000
 *   signed not_in [2025-01-15]                    +10000
 *   row  title               size  customer  signed      total
 *   0    "SVP Sales"          500   yes       2025-01-15  1 + 10 + 100 = 111
 *   1    "Head of IT"         2     no        2024-12-31  1 + 10 + 1000 + 10000 = 11011
 *   2    "Student"            1     —         —           0
 *   3    — (missing)          —     no        2025-02-01  1000 + 10000 = 11000
 *   4    "Marketing Intern"   40    yes       —           10 (not "Intern" exactly) + 100 = 110 */
static void
test_not_in_and_contains (void)
{
  static const char * const titles[] = { "SVP Sales", "Head of IT", "Student", NULL, "Marketing Intern" };
  static const double sizes[] = { 500, 2, 1, NAN, 40 };
  static const gint8 customers[] = { 1, 0, MQLW_BOOL_MISSING, 0, 1 };
  static const double totals[] = { 111, 11011, 0, 11000, 110 };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (5);
  MqlwColumn *title = mqlw_dataset_add_column (dataset, "title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *size = mqlw_dataset_add_column (dataset, "size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *customer = mqlw_dataset_add_column (dataset, "customer", MQLW_COLUMN_TYPE_BOOLEAN, MQLW_ROLE_FIT);
  MqlwColumn *signed_at = mqlw_dataset_add_column (dataset, "signed", MQLW_COLUMN_TYPE_DATE, MQLW_ROLE_FIT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *field; MqlwMatchOp op; const char *values; double points; } rules[] = {
    { "title", MQLW_MATCH_CONTAINS, "vp,Head of", 1 },
    { "title", MQLW_MATCH_NOT_IN, "Student,Intern", 10 },
    { "size", MQLW_MATCH_NOT_IN, "1,2", 100 },
    { "customer", MQLW_MATCH_NOT_IN, "yes", 1000 },
    { "signed", MQLW_MATCH_NOT_IN, "2025-01-15", 10000 },
  };

  for (guint i = 0; i < 5; i++)
    {
      set_text (title, i, titles[i]);
      size->num[i] = sizes[i];
      customer->boolean[i] = customers[i];
    }
  signed_at->days[0] = mqlw_date_from_ymd (2025, 1, 15);
  signed_at->days[1] = mqlw_date_from_ymd (2024, 12, 31);
  signed_at->days[3] = mqlw_date_from_ymd (2025, 2, 1);
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", r);
      MqlwFitRule *rule = mqlw_model_add_fit (model, id, rules[r].field, rules[r].op, rules[r].points);

      g_strfreev (rule->match.values);
      rule->match.values = g_strsplit (rules[r].values, ",", -1);
    }
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (mqlw_scorer_get_scores (scorer)->total[i], ==, totals[i]);

  /* "contains" on a column of numbers is refused, naming the rule and column. */
  {
    g_autoptr(MqlwModel) bad = mqlw_model_new ();
    g_autoptr(MqlwScorer) none = NULL;
    g_autoptr(GError) local = NULL;
    MqlwFitRule *rule = mqlw_model_add_fit (bad, "big", "size", MQLW_MATCH_CONTAINS, 5);

    g_strfreev (rule->match.values);
    rule->match.values = g_strsplit ("5", ",", -1);
    none = mqlw_scorer_new (dataset, bad, &local);
    g_assert_null (none);
    g_assert_error (local, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE);
    g_assert_nonnull (strstr (local->message, "fit rule 'big' looks for words in column 'size'"));
  }
}

/* A points model with unscored_when_missing [title, size]: a lead missing
 * both is unscored (NAN, no fixed path, never an MQL); one missing only one of
 * them is scored: VP +20, size ≥ 200 +10; row 3 (title and size missing) is
 * unscored; row 2 (Student, no size) is scored 0. Dropping the list (an
 * update) scores row 3 again: 0, and its demo request passes the hand-raiser
 * path. */
static void
test_unscored_when_missing (void)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (4);
  MqlwColumn *title = mqlw_dataset_add_column (dataset, "title", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  MqlwColumn *size = mqlw_dataset_add_column (dataset, "size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *demo = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER,
                                              MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwModel) edited = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwScores *scores;
  MqlwFitRule *rule;

  /* row 0: VP, 500; row 1: —, 500; row 2: Student, —; row 3: —, — (and a demo) */
  set_text (title, 0, "VP");
  set_text (title, 2, "Student");
  size->num[0] = 500;
  size->num[1] = 500;
  size->num[2] = NAN;
  size->num[3] = NAN;
  demo->num[3] = 1;
  rule = mqlw_model_add_fit (model, "vp", "title", MQLW_MATCH_IN_SET, 20);
  g_strfreev (rule->match.values);
  rule->match.values = g_strsplit ("VP", ",", -1);
  rule = mqlw_model_add_fit (model, "big", "size", MQLW_MATCH_RANGE, 10);
  rule->match.min = 200;
  model->paths.hand_raiser = TRUE;
  model->paths.hand_raiser_min_grade = MQLW_GRADE_D;
  g_strfreev (model->paths.hand_raiser_activities);
  model->paths.hand_raiser_activities = g_strsplit ("demo_requests", ",", -1);
  g_strfreev (model->unscored_when_missing);
  model->unscored_when_missing = g_strsplit ("title,size", ",", -1);

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  g_assert_cmpfloat (scores->total[0], ==, 30);     /* 20 + 10 */
  g_assert_cmpfloat (scores->total[1], ==, 10);     /* title missing alone: scored */
  g_assert_cmpfloat (scores->total[2], ==, 0);      /* size missing alone: scored */
  g_assert_true (isnan (scores->total[3]));         /* both missing: unscored */
  g_assert_cmpint (scores->fixed_paths[3], ==, 0);  /* its demo request does not make it an MQL */
  g_assert_false (mqlw_scores_is_mql (scores, 3, TRUE, -1000));

  edited = mqlw_model_copy (model);
  g_strfreev (edited->unscored_when_missing);
  edited->unscored_when_missing = g_new0 (char *, 1);
  g_assert_true (mqlw_scorer_update (scorer, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (scores->total[3], ==, 0);
  g_assert_cmpint (scores->fixed_paths[3], ==, MQLW_PATH_HAND_RAISER);
}

static void
test_random_edits_match_fresh (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250630);
  g_autoptr(MqlwDataset) dataset = build_random_dataset (rand, 3000);
  g_autoptr(MqlwModel) model = load_seed002 ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwScorer) fresh = NULL;
  g_autoptr(GError) error = NULL;
  static const double seed003[] = { 1.5, 1.2, 1.0, 0.7 };
  guint n_fit = model->fit->len, n_behaviour = model->behaviour->len;

  /* Seed 003 multipliers, so that totals go through the rounding of fit + m × behaviour. */
  memcpy (model->grading.multiplier, seed003, sizeof seed003);
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);

  for (guint step = 0; step < 50; step++)
    {
      g_autoptr(MqlwModel) edited = mqlw_model_copy (mqlw_scorer_get_model (scorer));
      MqlwFitRule *fit = g_ptr_array_index (edited->fit, g_rand_int_range (rand, 0, n_fit));
      MqlwBehaviourRule *behaviour = g_ptr_array_index (edited->behaviour, g_rand_int_range (rand, 0, n_behaviour));

      gint32 kind = g_rand_int_range (rand, 0, 14);

      g_test_message ("step %u: edit kind %d", step, kind);
      switch (kind)
        {
        case 0: case 1: case 2:
          fit->points = random_points (rand);
          break;
        case 3: case 4: case 5:
          behaviour->points = random_points (rand);
          break;
        case 6:
          fit->enabled = !fit->enabled;
          break;
        case 7:
          behaviour->enabled = !behaviour->enabled;
          break;
        case 8:
          behaviour->cap = g_rand_boolean (rand) ? NAN : g_rand_int_range (rand, 0, 100);
          break;
        case 9:
          {
            MqlwDisqualifier *rule = g_ptr_array_index (edited->disqualifiers,
                                                        g_rand_int_range (rand, 0, edited->disqualifiers->len));
            rule->enabled = !rule->enabled;
          }
          break;
        case 10:
          /* Reorder: the last fit and behaviour rules move to the front. */
          g_ptr_array_insert (edited->fit, 0, g_ptr_array_steal_index (edited->fit, n_fit - 1));
          g_ptr_array_insert (edited->behaviour, 0, g_ptr_array_steal_index (edited->behaviour, n_behaviour - 1));
          break;
        case 11:
          /* A new condition for the company-size rule. */
          find_fit (edited, "icp_size")->match.max = g_rand_int_range (rand, 300, 2000);
          break;
        case 12:
          /* A new decay table. */
          g_array_index (edited->decay.steps, MqlwDecayStep, 1).factor = g_rand_int_range (rand, 50, 95) / 100.0;
          break;
        default:
          /* Multipliers between seed 003's and all 1 (totals with and without rounding). */
          if (edited->grading.multiplier[MQLW_GRADE_A] == 1.0)
            memcpy (edited->grading.multiplier, seed003, sizeof seed003);
          else
            for (guint g = 0; g < MQLW_N_GRADES; g++)
              edited->grading.multiplier[g] = 1.0;
          break;
        }
      g_assert_true (mqlw_scorer_update (scorer, edited, &error));
      g_assert_no_error (error);
    }

  fresh = mqlw_scorer_new (dataset, mqlw_scorer_get_model (scorer), &error);
  g_assert_no_error (error);
  assert_same_scores (mqlw_scorer_get_scores (scorer), mqlw_scorer_get_scores (fresh));
  /* The edits really moved the model away from the sample. */
  g_assert_false (mqlw_model_equal (mqlw_scorer_get_model (scorer), model));
}

/* A totals-only scorer, block by block, against a full scorer of the same
 * model in one piece: the same totals (bit for bit), paths and disqualifier
 * bits on random leads, for blocks of awkward sizes. */
static void
assert_totals_like_full (MqlwDataset *dataset,
                         MqlwModel   *model)
{
  static const guint blocks[] = { 13, 1000, 2999, 3000, 4096 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScorer) full = mqlw_scorer_new (dataset, model, &error);
  const MqlwScores *a;

  g_assert_no_error (error);
  a = mqlw_scorer_get_scores (full);
  for (guint k = 0; k < G_N_ELEMENTS (blocks); k++)
    {
      g_autoptr(MqlwScorer) totals = NULL;
      const MqlwScores *b;
      guint before = mqlw_scorer_get_totals_blocks_for_testing ();

      mqlw_scorer_set_totals_block_for_testing (blocks[k]);
      totals = mqlw_scorer_new_totals_only (dataset, model, &error);
      mqlw_scorer_set_totals_block_for_testing (0);
      g_assert_no_error (error);
      b = mqlw_scorer_get_scores (totals);
      g_assert_cmpuint (a->n, ==, b->n);
      g_assert_cmpmem (a->total, a->n * sizeof (double), b->total, b->n * sizeof (double));
      g_assert_cmpmem (a->fixed_paths, a->n, b->fixed_paths, b->n);
      g_assert_cmpmem (a->disqualified, a->n * sizeof (guint16), b->disqualified, b->n * sizeof (guint16));
      g_assert_null (b->fit);
      g_assert_true (mqlw_scorer_get_model (totals) == model);
      /* Blocks smaller than the data were used (decay keeps one piece),
       * and the first lead's alone first, for the checks. */
      if (blocks[k] < dataset->n_rows && model->decay.kind == MQLW_DECAY_NONE)
        g_assert_cmpuint (mqlw_scorer_get_totals_blocks_for_testing () - before, ==,
                          1 + (dataset->n_rows + blocks[k] - 1) / blocks[k]);
      else
        g_assert_cmpuint (mqlw_scorer_get_totals_blocks_for_testing (), ==, before);
    }
}

static void
test_totals_blocks_match_full (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autoptr(MqlwDataset) dataset = build_random_dataset (rand, 3000);
  g_autoptr(MqlwModel) model = load_seed002 ();
  static const double seed003[] = { 1.5, 1.2, 1.0, 0.7 };

  /* The sample as it is (decay: one piece), then without decay, with seed
   * 003's multipliers, random weights, a lead unscored when its title and
   * size are missing, compacted columns, and the e-mails as a score column. */
  assert_totals_like_full (dataset, model);
  model->decay.kind = MQLW_DECAY_NONE;
  assert_totals_like_full (dataset, model);
  memcpy (model->grading.multiplier, seed003, sizeof seed003);
  for (guint i = 0; i < model->fit->len; i++)
    ((MqlwFitRule *) g_ptr_array_index (model->fit, i))->points = random_points (rand);
  for (guint i = 0; i < model->behaviour->len; i++)
    ((MqlwBehaviourRule *) g_ptr_array_index (model->behaviour, i))->points = random_points (rand);
  assert_totals_like_full (dataset, model);
  g_strfreev (model->unscored_when_missing);
  model->unscored_when_missing = g_strsplit ("job_title,company_size", ",", -1);
  assert_totals_like_full (dataset, model);
  for (guint c = 0; c < dataset->columns->len; c++)
    mqlw_column_compact (g_ptr_array_index (dataset->columns, c));
  assert_totals_like_full (dataset, model);
  model->score_column = g_strdup ("company_size");
  assert_totals_like_full (dataset, model);
}

/* Sums that could grow too large are refused for the whole data, as in one
 * piece, though no block alone holds both large counts. */
static void
test_totals_blocks_too_large (void)
{
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (1000);
  MqlwColumn *views = mqlw_dataset_add_column (dataset, "pricing_page_views", MQLW_COLUMN_TYPE_INTEGER,
                                               MQLW_ROLE_ACTIVITY_COUNT);
  MqlwColumn *demos = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER,
                                               MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  guint before = mqlw_scorer_get_totals_blocks_for_testing ();

  for (guint i = 0; i < 1000; i++)
    views->num[i] = demos->num[i] = 1;
  /* Each rule alone can give 12 × 1,000,000 points; both 24,000,000 in all,
   * over the 20,000,000 limit, through the largest counts of leads 0 and 999
   * (a block of 100 leads sees one of them: 13,000,000). */
  views->num[0] = 12;
  demos->num[999] = 12;
  mqlw_column_compact (views);
  mqlw_column_compact (demos);
  mqlw_model_add_behaviour (model, "pricing", "pricing_page_views", 1000000, NAN);
  mqlw_model_add_behaviour (model, "demo", "demo_requests", 1000000, NAN);
  model->decay.kind = MQLW_DECAY_NONE;
  mqlw_scorer_set_totals_block_for_testing (100);
  scorer = mqlw_scorer_new_totals_only (dataset, model, &error);
  mqlw_scorer_set_totals_block_for_testing (0);
  g_assert_cmpuint (mqlw_scorer_get_totals_blocks_for_testing (), >, before);
  g_assert_null (scorer);
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "the behaviour rules can give one lead more than 20,000,000 points in all; use smaller points or caps");
  g_clear_error (&error);

  /* One piece says the same. */
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_null (scorer);
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE);
}

static void
test_contribution_rounding (void)
{
  /* Each contribution is rounded to 0.01 before it is summed (mqlw-model.h):
   *   lead 0: two fit rules of 0.004 → 0.4 and 0.4 hundredths → 0 + 0 = 0
   *           (rounding the sum 0.008 would give 0.01)
   *   lead 1: two fit rules of 0.125 → 12.5 → 13 hundredths each → 0.26
   *           (rounding the sum 0.25 would give 0.25)
   *   lead 2: fit 0.7 and −0.4 → 70 − 40 = 30 hundredths, exactly 0.3 ≥ band A 0.3 → grade A
   *           (in binary 0.7 − 0.4 = 0.29999999999999993, which would miss the band)
   *   lead 3: behaviour 0.125 per click × 3 clicks = 0.375 → 37.5 → 38 hundredths = 0.38;
   *           fit 0 → grade D (below every band: A 0.3, B 0.2, C 0.1), multiplier D 1.5:
   *           total = 0 + 1.5 × 38 = 57 hundredths = 0.57
   * Leads 0–2 have no clicks. Grades: lead 0 fit 0 → D; lead 1 fit 0.26 → B (≥ 0.2);
   * lead 2 → A. Multipliers apply to behaviour only, which is 0 there: totals = fit. */
  static const double expected_fit[] = { 0, 0.26, 0.3, 0 };
  static const double expected_total[] = { 0, 0.26, 0.3, 0.57 };
  static const MqlwGrade expected_grade[] = { D, B, A, D };
  static const struct { const char *id, *tier; double points; } rules[] = {
    { "a", "0", 0.004 }, { "b", "0", 0.004 }, { "c", "1", 0.125 }, { "d", "1", 0.125 },
    { "e", "2", 0.7 }, { "f", "2", -0.4 },
  };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (4);
  MqlwColumn *tier = mqlw_dataset_add_column (dataset, "tier", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *clicks = mqlw_dataset_add_column (dataset, "email_clicks", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwScores *scores;

  for (guint i = 0; i < 4; i++)
    {
      tier->num[i] = i;
      clicks->num[i] = i == 3 ? 3 : 0;
    }
  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      MqlwFitRule *rule = mqlw_model_add_fit (model, rules[r].id, "tier", MQLW_MATCH_EQUALS, rules[r].points);
      g_strfreev (rule->match.values);
      rule->match.values = g_strsplit (rules[r].tier, ",", -1);
    }
  mqlw_model_add_behaviour (model, "clicks", "email_clicks", 0.125, NAN);
  model->grading.enabled = TRUE;
  model->grading.min_fit[MQLW_GRADE_A] = 0.3;
  model->grading.min_fit[MQLW_GRADE_B] = 0.2;
  model->grading.min_fit[MQLW_GRADE_C] = 0.1;
  model->grading.multiplier[MQLW_GRADE_D] = 1.5;

  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  for (guint i = 0; i < 4; i++)
    {
      g_test_message ("lead %u", i);
      g_assert_cmpfloat (scores->fit[i], ==, (float) expected_fit[i]);
      g_assert_cmpint (scores->grade[i], ==, expected_grade[i]);
      g_assert_cmpfloat (scores->total[i], ==, expected_total[i]);
    }
  g_assert_cmpfloat (scores->behaviour[3], ==, 0.38f);
  g_assert_cmpfloat (mqlw_scorer_contribution (scorer, FALSE, 0, 0), ==, 0);
  g_assert_cmpfloat (mqlw_scorer_contribution (scorer, FALSE, 2, 1), ==, 0.13);
  g_assert_cmpfloat (mqlw_scorer_contribution (scorer, TRUE, 0, 3), ==, 0.38);
}

static void
test_too_large (void)
{
  /* A lead's fit or behaviour may reach ±20,000,000 points:
   *   fit rules 15,000,000 + 6,000,000 on one column can both hit → 21,000,000: refused;
   *   with the second at 5,000,000 → 20,000,000: accepted;
   *   behaviour 1,000,000 per view, no cap, largest count 30 → 30,000,000: refused;
   *   capped at 1,000,000 → accepted. The refused update keeps the previous model. */
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (2);
  MqlwColumn *size = mqlw_dataset_add_column (dataset, "company_size", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_FIT);
  MqlwColumn *views = mqlw_dataset_add_column (dataset, "pricing_page_views", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwModel) behaviour = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GError) error = NULL;
  MqlwFitRule *big, *other;
  MqlwBehaviourRule *rule;

  size->num[0] = 500;
  views->num[0] = 2;
  views->num[1] = 30;
  big = mqlw_model_add_fit (model, "big", "company_size", MQLW_MATCH_RANGE, 15000000);
  big->match.min = 100;
  other = mqlw_model_add_fit (model, "other", "company_size", MQLW_MATCH_RANGE, 6000000);
  other->match.max = 1000;
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_null (scorer);
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "the fit rules can give one lead more than 20,000,000 points in all; use smaller points or caps");
  g_clear_error (&error);

  other->points = 5000000;
  scorer = mqlw_scorer_new (dataset, model, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (mqlw_scorer_get_scores (scorer)->total[0], ==, 20000000);

  behaviour = mqlw_model_copy (model);
  rule = mqlw_model_add_behaviour (behaviour, "pricing", "pricing_page_views", 1000000, NAN);
  g_assert_false (mqlw_scorer_update (scorer, behaviour, &error));
  g_assert_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (mqlw_scorer_get_model (scorer) == model);

  rule->cap = 1000000;
  g_assert_true (mqlw_scorer_update (scorer, behaviour, &error));
  g_assert_no_error (error);
  /* Lead 0: 20,000,000 fit + min (2 × 1,000,000, cap 1,000,000) = 21,000,000. */
  g_assert_cmpfloat (mqlw_scorer_get_scores (scorer)->total[0], ==, 21000000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/scorer/seed002-examples", test_seed002_examples);
  g_test_add_func ("/mqlw/scorer/update-matches-fresh", test_update_matches_fresh);
  g_test_add_func ("/mqlw/scorer/missing-column", test_missing_column);
  g_test_add_func ("/mqlw/scorer/wrong-type", test_wrong_type);
  g_test_add_func ("/mqlw/scorer/grade-multipliers", test_grade_multipliers);
  g_test_add_func ("/mqlw/scorer/rounding", test_rounding);
  g_test_add_func ("/mqlw/scorer/decay-by-activity-date", test_decay_by_activity_date);
  g_test_add_func ("/mqlw/scorer/score-column", test_score_column);
  g_test_add_func ("/mqlw/scorer/other-column-types", test_other_column_types);
  g_test_add_func ("/mqlw/scorer/random-edits-match-fresh", test_random_edits_match_fresh);
  g_test_add_func ("/mqlw/scorer/contribution-rounding", test_contribution_rounding);
  g_test_add_func ("/mqlw/scorer/too-large", test_too_large);
  g_test_add_func ("/mqlw/scorer/not-in-and-contains", test_not_in_and_contains);
  g_test_add_func ("/mqlw/scorer/unscored-when-missing", test_unscored_when_missing);
  g_test_add_func ("/mqlw/scorer/totals-blocks-match-full", test_totals_blocks_match_full);
  g_test_add_func ("/mqlw/scorer/totals-blocks-too-large", test_totals_blocks_too_large);

  return g_test_run ();
}
