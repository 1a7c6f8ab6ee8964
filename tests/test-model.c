/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "mqlw-model.h"
#include "mqlw-json-text.h"

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("MQLW_SAMPLES_DIR");

  return g_build_filename (dir != NULL ? dir : SOURCE_SAMPLES_DIR, name, NULL);
}

/* The model must survive to_json → from_json unchanged, and writing it again
 * must give the same bytes (pretty and compact). */
static void
assert_round_trip (MqlwModel *model)
{
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *json = mqlw_model_to_json (model, pretty);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwModel) again = mqlw_model_from_json (json, -1, &error);
      g_autofree char *json2 = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_assert_true (mqlw_model_equal (model, again));
      json2 = mqlw_model_to_json (again, pretty);
      g_assert_cmpstr (json, ==, json2);
      if (!pretty)
        g_assert_null (strchr (json, '\n'));
    }
}

typedef struct {
  const char *file;
  const char *name;
  guint n_fit, n_behaviour, n_disqualifiers;
  double threshold;
  MqlwDecayKind decay;
  gboolean grades;
} SampleCase;

static void
test_samples (void)
{
  /* Counts and thresholds as written in the sample files (see their descriptions). */
  static const SampleCase cases[] = {
    { "seed000-points.json", "Points model (seed 000)", 4, 2, 0, 75, MQLW_DECAY_NONE, FALSE },
    { "seed002-two-paths.json", "Two paths (seed 002)", 7, 10, 4, 51, MQLW_DECAY_STEPS, TRUE },
    { "seed003-activity-table.json", "Activity table with multipliers (seed 003)", 9, 10, 0, 200, MQLW_DECAY_STEPS, TRUE },
    { "seed004-fit-intent.json", "Fit and intent (seed 004)", 4, 5, 0, 100, MQLW_DECAY_NONE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = sample_path (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(MqlwModel) model = mqlw_model_load (path, &error);
      g_autofree char *contents = NULL;
      g_autofree char *canonical = NULL;

      g_test_message ("%s", cases[i].file);
      g_assert_no_error (error);
      g_assert_cmpstr (model->name, ==, cases[i].name);
      g_assert_cmpuint (model->fit->len, ==, cases[i].n_fit);
      g_assert_cmpuint (model->behaviour->len, ==, cases[i].n_behaviour);
      g_assert_cmpuint (model->disqualifiers->len, ==, cases[i].n_disqualifiers);
      g_assert_cmpfloat (model->threshold, ==, cases[i].threshold);
      g_assert_cmpint (model->decay.kind, ==, cases[i].decay);
      g_assert_cmpint (model->grading.enabled, ==, cases[i].grades);
      g_assert_null (model->score_column);
      g_assert_true (strstr (model->description, "eed 0") != NULL);   /* cites its seed */
      assert_round_trip (model);

      /* The samples are stored in canonical form. */
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      canonical = mqlw_model_to_json (model, TRUE);
      g_assert_cmpstr (contents, ==, canonical);
    }
}

static void
test_seed002_details (void)
{
  g_autofree char *path = sample_path ("seed002-two-paths.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = mqlw_model_load (path, &error);
  const MqlwFitRule *size;
  const MqlwBehaviourRule *pricing, *unsubscribed;
  const MqlwDisqualifier *competitor;

  g_assert_no_error (error);
  size = g_ptr_array_index (model->fit, 3);
  g_assert_cmpstr (size->id, ==, "icp_size");
  g_assert_cmpint (size->match.op, ==, MQLW_MATCH_RANGE);
  g_assert_cmpfloat (size->match.min, ==, 200);
  g_assert_cmpfloat (size->match.max, ==, 1000);
  g_assert_true (size->enabled);   /* default */

  pricing = g_ptr_array_index (model->behaviour, 2);
  g_assert_cmpstr (pricing->activity, ==, "pricing_page_views");
  g_assert_cmpfloat (pricing->points, ==, 20);
  g_assert_cmpfloat (pricing->cap, ==, 60);
  g_assert_true (pricing->decay);                 /* default */
  g_assert_null (pricing->date_column);
  unsubscribed = g_ptr_array_index (model->behaviour, 9);
  g_assert_false (unsubscribed->decay);

  g_assert_true (model->paths.score);
  g_assert_true (model->paths.grade_behaviour);
  g_assert_cmpint (model->paths.grade_behaviour_min_grade, ==, MQLW_GRADE_B);
  g_assert_cmpfloat (model->paths.behaviour_min, ==, 50);
  g_assert_true (model->paths.hand_raiser);
  g_assert_cmpstrv (model->paths.hand_raiser_activities, ((const char *[]) { "demo_requests", "contact_sales", NULL }));
  g_assert_cmpint (model->paths.hand_raiser_min_grade, ==, MQLW_GRADE_B);

  competitor = g_ptr_array_index (model->disqualifiers, 0);
  g_assert_cmpstr (competitor->reason, ==, "competitor");
  g_assert_cmpint (competitor->match.op, ==, MQLW_MATCH_EMAIL_DOMAIN);
  g_assert_cmpstrv (competitor->match.values, ((const char *[]) { "rivalsoft.com", "competeco.com", NULL }));
  g_assert_true (isnan (model->capacity_per_month));
}

static void
test_defaults (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "models", "minimal.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = mqlw_model_load (path, &error);
  g_autoptr(MqlwModel) fresh = mqlw_model_new ();

  g_assert_no_error (error);
  g_assert_cmpstr (model->name, ==, "Minimal");
  g_assert_cmpstr (model->description, ==, "");
  g_assert_null (model->score_column);
  g_assert_cmpuint (model->fit->len, ==, 0);
  g_assert_cmpint (model->decay.kind, ==, MQLW_DECAY_NONE);
  g_assert_false (model->grading.enabled);
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    g_assert_cmpfloat (model->grading.multiplier[g], ==, 1.0);
  g_assert_true (model->paths.score);
  g_assert_false (model->paths.grade_behaviour);
  g_assert_false (model->paths.hand_raiser);
  g_assert_cmpfloat (model->threshold, ==, 0);
  g_assert_true (isnan (model->capacity_per_month));

  /* An empty new model differs only by its name. */
  g_free (fresh->name);
  fresh->name = g_strdup ("Minimal");
  g_assert_true (mqlw_model_equal (model, fresh));
  assert_round_trip (model);
}

static void
test_fixture_half_life (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "models", "half-life.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = mqlw_model_load (path, &error);
  const MqlwFitRule *saas, *small;
  const MqlwBehaviourRule *webinar;
  const MqlwDisqualifier *students;
  g_autofree char *compact = NULL;

  g_assert_no_error (error);
  saas = g_ptr_array_index (model->fit, 0);
  g_assert_cmpstr (saas->label, ==, "Industry is SaaS");        /* default label: plain description */
  g_assert_cmpstr (((MqlwFitRule *) g_ptr_array_index (model->fit, 1))->label, ==, "Job title is missing");
  small = g_ptr_array_index (model->fit, 2);
  g_assert_false (small->enabled);
  g_assert_true (isnan (small->match.min));
  g_assert_cmpfloat (small->match.max, ==, 49);
  webinar = g_ptr_array_index (model->behaviour, 0);
  g_assert_cmpstr (webinar->label, ==, "Webinars attended");
  g_assert_cmpfloat (webinar->points, ==, 12.5);
  g_assert_cmpstr (webinar->date_column, ==, "webinar_at");
  g_assert_true (isnan (((MqlwBehaviourRule *) g_ptr_array_index (model->behaviour, 1))->cap));
  g_assert_cmpint (model->decay.kind, ==, MQLW_DECAY_HALF_LIFE);
  g_assert_cmpfloat (model->decay.half_life_days, ==, 30);
  g_assert_true (model->grading.enabled);   /* a "grades" object without "enabled" turns grading on */
  g_assert_cmpfloat (model->grading.min_fit[MQLW_GRADE_C], ==, 0);
  g_assert_cmpfloat (model->grading.multiplier[MQLW_GRADE_D], ==, 0.7);
  g_assert_true (model->paths.grade_behaviour);
  g_assert_cmpint (model->paths.grade_behaviour_min_grade, ==, MQLW_GRADE_A);
  students = g_ptr_array_index (model->disqualifiers, 0);
  g_assert_cmpstr (students->label, ==, "Email domain is edu");
  g_assert_cmpfloat (model->threshold, ==, 12.75);
  g_assert_cmpfloat (model->capacity_per_month, ==, 80);
  assert_round_trip (model);

  /* Canonical numbers: shortest form that reads back the same. */
  compact = mqlw_model_to_json (model, FALSE);
  g_assert_nonnull (strstr (compact, "\"points\":12.5,"));
  g_assert_nonnull (strstr (compact, "\"D\":0.7}"));
  g_assert_nonnull (strstr (compact, "\"threshold\":12.75,\"capacity_per_month\":80}"));
  g_assert_nonnull (strstr (compact, "\"min\":null,\"max\":49,"));
}

/* The bad models of tests/data/bad are in the corpus of test-bad-input.c. */

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = mqlw_model_load ("/nonexistent/model.json", &error);

  g_assert_null (model);
  g_assert_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_IO);
}

static void
test_decay_steps (void)
{
  /* Seed 003: last 7 days full points, 8–30 days 80 %, 31–60 days 60 %,
   * 61–90 days 40 %, over 90 days 20 %. */
  static const struct { double age, factor; } cases[] = {
    { 0, 1.0 }, { 7, 1.0 }, { 8, 0.8 }, { 30, 0.8 }, { 31, 0.6 },
    { 60, 0.6 }, { 61, 0.4 }, { 90, 0.4 }, { 91, 0.2 }, { 400, 0.2 },
    { -3, 1.0 },   /* dated after the as-of date: fresh */
  };
  MqlwDecay decay = { 0 };

  mqlw_decay_set_seed003 (&decay);
  g_assert_cmpint (decay.kind, ==, MQLW_DECAY_STEPS);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("age %g", cases[i].age);
      g_assert_cmpfloat (mqlw_decay_factor (&decay, cases[i].age), ==, cases[i].factor);
    }
  g_assert_cmpfloat (mqlw_decay_factor (&decay, NAN), ==, 1.0);
  g_array_unref (decay.steps);
}

static void
test_decay_half_life (void)
{
  /* 0.5^(age / 30): age 30 → 0.5, 60 → 0.25, 15 → 1/√2. */
  MqlwDecay decay = { .kind = MQLW_DECAY_HALF_LIFE, .half_life_days = 30 };
  MqlwDecay none = { .kind = MQLW_DECAY_NONE };

  g_assert_cmpfloat (mqlw_decay_factor (&decay, 0), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (mqlw_decay_factor (&decay, 30), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (mqlw_decay_factor (&decay, 60), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (mqlw_decay_factor (&decay, 15), 0.70710678118654752, 1e-12);
  g_assert_cmpfloat (mqlw_decay_factor (&decay, NAN), ==, 1.0);
  g_assert_cmpfloat (mqlw_decay_factor (&none, 500), ==, 1.0);
}

static void
test_builders_copy_equal (void)
{
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(MqlwModel) copy = NULL;
  g_autoptr(MqlwModel) again = NULL;
  MqlwFitRule *fit;
  MqlwBehaviourRule *behaviour;
  MqlwDisqualifier *disqualifier;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  g_free (model->name);
  model->name = g_strdup ("Built");
  fit = mqlw_model_add_fit (model, "senior", "seniority", MQLW_MATCH_IN_SET, 15);
  g_strfreev (fit->match.values);
  fit->match.values = g_strsplit ("VP,C-level", ",", -1);
  g_assert_cmpstr (fit->label, ==, "Seniority");
  g_assert_true (fit->enabled);
  behaviour = mqlw_model_add_behaviour (model, "pricing", "pricing_page_views", 20, 60);
  g_assert_true (behaviour->decay);
  g_assert_null (behaviour->date_column);
  disqualifier = mqlw_model_add_disqualifier (model, "rival", "competitor", "email", MQLW_MATCH_EMAIL_DOMAIN);
  g_strfreev (disqualifier->match.values);
  disqualifier->match.values = g_strsplit ("rivalsoft.com", ",", -1);
  mqlw_decay_set_seed003 (&model->decay);
  model->grading.enabled = TRUE;
  model->paths.hand_raiser = TRUE;
  g_strfreev (model->paths.hand_raiser_activities);
  model->paths.hand_raiser_activities = g_strsplit ("demo_requests", ",", -1);

  copy = mqlw_model_copy (model);
  g_assert_true (mqlw_model_equal (model, copy));
  assert_round_trip (model);

  /* Every edit the GUI can make shows up in mqlw_model_equal. */
  ((MqlwFitRule *) g_ptr_array_index (copy->fit, 0))->points = 16;
  g_assert_false (mqlw_model_equal (model, copy));
  ((MqlwFitRule *) g_ptr_array_index (copy->fit, 0))->points = 15;
  ((MqlwBehaviourRule *) g_ptr_array_index (copy->behaviour, 0))->cap = NAN;
  g_assert_false (mqlw_model_equal (model, copy));
  ((MqlwBehaviourRule *) g_ptr_array_index (copy->behaviour, 0))->cap = 60;
  g_assert_true (mqlw_model_equal (model, copy));
  g_array_index (copy->decay.steps, MqlwDecayStep, 1).factor = 0.75;
  g_assert_false (mqlw_model_equal (model, copy));
  g_array_index (copy->decay.steps, MqlwDecayStep, 1).factor = 0.8;
  copy->paths.hand_raiser_min_grade = MQLW_GRADE_C;
  g_assert_false (mqlw_model_equal (model, copy));
  copy->paths.hand_raiser_min_grade = MQLW_GRADE_B;
  ((MqlwDisqualifier *) g_ptr_array_index (copy->disqualifiers, 0))->enabled = FALSE;
  g_assert_false (mqlw_model_equal (model, copy));

  /* Save and load through a file. */
  {
    g_autofree char *dir = g_dir_make_tmp ("mqlw-model-XXXXXX", &error);
    g_autofree char *path = NULL;

    g_assert_no_error (error);
    path = g_build_filename (dir, "built.json", NULL);
    g_assert_true (mqlw_model_save (model, path, &error));
    g_assert_no_error (error);
    again = mqlw_model_load (path, &error);
    g_assert_no_error (error);
    g_assert_true (mqlw_model_equal (model, again));
    g_unlink (path);
    g_rmdir (dir);
  }
  json = mqlw_model_to_json (model, FALSE);
  g_assert_true (g_str_has_prefix (json, "{\"format\":\"mql-workbench-model\",\"version\":1,\"name\":\"Built\","));
}

static void
test_describe (void)
{
  static const char * const vp[] = { "VP", "C-level", NULL };
  static const char * const three[] = { "SaaS", "Retail", "Healthcare", NULL };
  static const struct { MqlwMatch match; const char *text; } cases[] = {
    { { "seniority", MQLW_MATCH_IN_SET, (GStrv) vp, NAN, NAN }, "Seniority is VP or C-level" },
    { { "industry", MQLW_MATCH_IN_SET, (GStrv) three, NAN, NAN }, "Industry is SaaS, Retail or Healthcare" },
    { { "company_size", MQLW_MATCH_RANGE, NULL, 200, 1000 }, "Company size from 200 to 1000" },
    { { "company_size", MQLW_MATCH_RANGE, NULL, 1000, NAN }, "Company size at least 1000" },
    { { "company_size", MQLW_MATCH_RANGE, NULL, NAN, 49 }, "Company size at most 49" },
    { { "job_title", MQLW_MATCH_MISSING, NULL, NAN, NAN }, "Job title is missing" },
    { { "industry", MQLW_MATCH_NOT_IN, (GStrv) three, NAN, NAN }, "Industry is not SaaS, Retail or Healthcare" },
    { { "seniority", MQLW_MATCH_CONTAINS, (GStrv) vp, NAN, NAN }, "Seniority contains VP or C-level" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mqlw_match_describe (&cases[i].match);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_match_ops (void)
{
  static const char * const names[] = { "equals", "in", "range", "email_domain", "missing", "not_in", "contains" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      MqlwMatchOp op = 0;

      g_assert_true (mqlw_match_op_from_string (names[i], &op));
      g_assert_cmpint (op, ==, MQLW_MATCH_EQUALS + (int) i);
      g_assert_cmpstr (mqlw_match_op_to_string (op), ==, names[i]);
    }
  g_assert_false (mqlw_match_op_from_string ("between", NULL));
}

/* The new operators and unscored_when_missing read, write canonically and
 * read back equal; a model without unscored_when_missing writes no such key
 * (so the canonical bytes, and sign-off digests, of older models stay). */
static void
test_not_in_contains_unscored_json (void)
{
  static const char *json =
    "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Ops\","
    " \"unscored_when_missing\": [\"job_title\", \"company_size\"],"
    " \"fit\": [{\"id\": \"not-edu\", \"field\": \"industry\", \"op\": \"not_in\","
    "              \"values\": [\"Education\", \"Government\"], \"points\": 5},"
    "             {\"id\": \"heads\", \"field\": \"job_title\", \"op\": \"contains\","
    "              \"values\": [\"head of\"], \"points\": 15}],"
    " \"threshold\": 10}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = mqlw_model_from_json (json, -1, &error);
  g_autoptr(MqlwModel) again = NULL;
  g_autoptr(MqlwModel) plain = mqlw_model_new ();
  g_autofree char *text = NULL;
  g_autofree char *plain_text = NULL;
  const MqlwFitRule *rule;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (model->unscored_when_missing), ==, 2);
  g_assert_cmpstr (model->unscored_when_missing[1], ==, "company_size");
  rule = g_ptr_array_index (model->fit, 0);
  g_assert_cmpint (rule->match.op, ==, MQLW_MATCH_NOT_IN);
  g_assert_cmpstr (rule->label, ==, "Industry is not Education or Government");
  rule = g_ptr_array_index (model->fit, 1);
  g_assert_cmpint (rule->match.op, ==, MQLW_MATCH_CONTAINS);

  text = mqlw_model_to_json (model, FALSE);
  g_assert_nonnull (strstr (text, "\"unscored_when_missing\":[\"job_title\",\"company_size\"]"));
  g_assert_nonnull (strstr (text, "\"op\":\"not_in\",\"values\":[\"Education\",\"Government\"]"));
  again = mqlw_model_from_json (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (mqlw_model_equal (model, again));

  plain_text = mqlw_model_to_json (plain, FALSE);
  g_assert_null (strstr (plain_text, "unscored_when_missing"));

  /* contains without values, and a non-list, are refused with their JSON path. */
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(MqlwModel) bad = mqlw_model_from_json (
      "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"x\","
      " \"fit\": [{\"id\": \"a\", \"field\": \"t\", \"op\": \"contains\", \"values\": [], \"points\": 1}]}",
      -1, &local);
    g_assert_null (bad);
    g_assert_nonnull (strstr (local->message, "$.fit[0].values"));
    g_clear_error (&local);
    bad = mqlw_model_from_json ("{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"x\","
                                " \"unscored_when_missing\": \"job_title\"}", -1, &local);
    g_assert_null (bad);
    g_assert_nonnull (strstr (local->message, "$.unscored_when_missing"));
  }
}

static void
test_parse_error_position (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = mqlw_model_from_json ("{\n\"format\": \"mql-workbench-model\",\n\"version\": 1,,\n}", -1, &error);

  g_assert_null (model);
  g_assert_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 3, column"));
}

/* The model's edge: an infinity or a NaN is refused with its JSON path,
 * whether read from JSON, built, or about to be saved. */
static void
test_finite_numbers (void)
{
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "mqlw-test-infinite.json", NULL);
  MqlwFitRule *rule;

  rule = mqlw_model_add_fit (model, "size", "company_size", MQLW_MATCH_RANGE, 10);
  rule->match.min = 100;
  g_assert_true (mqlw_model_check_numbers (model, &error));

  rule->match.max = INFINITY;
  g_assert_false (mqlw_model_check_numbers (model, &error));
  g_assert_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "$.fit[0].max: this number is infinite (too large to be held); give a smaller number");
  g_clear_error (&error);
  g_assert_false (mqlw_model_save (model, path, &error));
  g_assert_error (error, MQLW_MODEL_ERROR, MQLW_MODEL_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  rule->match.max = NAN;   /* an open bound */
  model->threshold = NAN;
  g_assert_false (mqlw_model_check_numbers (model, &error));
  g_assert_cmpstr (error->message, ==, "$.threshold: this is not a number (NaN); give a number");
  g_clear_error (&error);
  model->threshold = 50;

  /* The builders refuse them as a programming error. */
  g_test_expect_message ("mqlw-model", G_LOG_LEVEL_CRITICAL, "*isfinite (points)*");
  g_assert_null (mqlw_model_add_behaviour (model, "demo", "demo_requests", INFINITY, NAN));
  g_test_assert_expected_messages ();
  g_assert_true (mqlw_model_check_numbers (model, &error));
}

static void
set_label (char       **label,
           const char  *text)
{
  g_free (*label);
  *label = g_strdup (text);
}

static void
set_values (MqlwMatch  *match,
            const char *values)
{
  g_strfreev (match->values);
  match->values = g_strsplit (values, ",", -1);
}

/* The canonical text of a model built by hand, written out by hand: sign-off
 * digests cover these bytes (keys in this order, no whitespace, whole numbers
 * as integers and never "-0", other numbers in their shortest form, NaN as
 * null, unset strings as null, labels as stored). */
static void
test_canonical_pin (void)
{
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autofree char *compact = NULL;
  g_autofree char *pretty = NULL;
  MqlwFitRule *vp, *size;
  MqlwBehaviourRule *web;
  MqlwDisqualifier *rival;

  set_label (&model->name, "Pin \"quoted\"");
  vp = mqlw_model_add_fit (model, "vp", "title", MQLW_MATCH_IN_SET, 0.1);
  set_label (&vp->label, "Vice presidents");
  set_values (&vp->match, "VP,SVP");
  size = mqlw_model_add_fit (model, "size", "employees", MQLW_MATCH_RANGE, -12.5);
  set_label (&size->label, "Mid-size");
  size->enabled = FALSE;
  size->match.min = -0.0;
  size->match.max = 0.1 + 0.2;     /* 0.30000000000000004: the shortest text that reads back */
  web = mqlw_model_add_behaviour (model, "web", "web_visits", 2.5, NAN);
  set_label (&web->label, "Web visits");
  web->decay = TRUE;
  model->decay.kind = MQLW_DECAY_HALF_LIFE;
  model->decay.half_life_days = 14;
  rival = mqlw_model_add_disqualifier (model, "rival", "competitor", "email", MQLW_MATCH_EMAIL_DOMAIN);
  set_label (&rival->label, "Rivals");
  set_values (&rival->match, "rival.com");
  model->threshold = 50;
  model->capacity_per_month = 1e15;   /* not below 10^15: "1e+15" */

  compact = mqlw_model_to_json (model, FALSE);
  /* The numbers as Python's "%.17g" writes them, json-glib's form. */
  g_assert_cmpstr (compact, ==,
    "{\"format\":\"mql-workbench-model\",\"version\":1,\"name\":\"Pin \\\"quoted\\\"\",\"description\":\"\","
    "\"score_column\":null,"
    "\"fit\":["
      "{\"id\":\"vp\",\"label\":\"Vice presidents\",\"enabled\":true,\"field\":\"title\",\"op\":\"in\","
       "\"values\":[\"VP\",\"SVP\"],\"points\":0.1},"
      "{\"id\":\"size\",\"label\":\"Mid-size\",\"enabled\":false,\"field\":\"employees\",\"op\":\"range\","
       "\"min\":0,\"max\":0.30000000000000004,\"points\":-12.5}],"
    "\"behaviour\":["
      "{\"id\":\"web\",\"label\":\"Web visits\",\"enabled\":true,\"activity\":\"web_visits\",\"points\":2.5,"
       "\"cap\":null,\"decay\":true,\"date_column\":null}],"
    "\"decay\":{\"kind\":\"half_life\",\"half_life_days\":14},"
    "\"grades\":{\"enabled\":false,\"a\":40,\"b\":25,\"c\":10,\"multipliers\":{\"A\":1,\"B\":1,\"C\":1,\"D\":1}},"
    "\"paths\":{\"score\":true,\"grade_behaviour\":{\"enabled\":false,\"min_grade\":\"B\",\"behaviour_min\":50},"
      "\"hand_raiser\":{\"enabled\":false,\"activities\":[],\"min_grade\":\"B\"}},"
    "\"disqualifiers\":["
      "{\"id\":\"rival\",\"label\":\"Rivals\",\"enabled\":true,\"reason\":\"competitor\",\"field\":\"email\","
       "\"op\":\"email_domain\",\"values\":[\"rival.com\"]}],"
    "\"threshold\":50,\"capacity_per_month\":1e+15}");

  /* The tree sign-off's export embeds is the one the canonical text reads
   * back as: the same types (50 an integer, 1e+15 a double), so the same
   * bytes in json-glib's pretty export. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonNode) node = mqlw_model_to_node (model);
    g_autofree char *read_back = NULL;
    g_autofree char *built = NULL;

    g_assert_true (json_parser_load_from_data (parser, compact, -1, NULL));
    read_back = json_to_string (json_parser_get_root (parser), TRUE);
    built = json_to_string (node, TRUE);
    g_assert_cmpstr (built, ==, read_back);
  }

  /* The file people read: a rule, a step, a path on one line; a decay by
   * steps over several, even with no step. */
  g_ptr_array_set_size (model->fit, 1);
  g_ptr_array_set_size (model->behaviour, 0);
  g_ptr_array_set_size (model->disqualifiers, 0);
  model->decay.kind = MQLW_DECAY_STEPS;
  model->decay.beyond = 0;
  model->capacity_per_month = NAN;
  pretty = mqlw_model_to_json (model, TRUE);
  g_assert_cmpstr (pretty, ==,
    "{\n"
    "  \"format\": \"mql-workbench-model\",\n"
    "  \"version\": 1,\n"
    "  \"name\": \"Pin \\\"quoted\\\"\",\n"
    "  \"description\": \"\",\n"
    "  \"score_column\": null,\n"
    "  \"fit\": [\n"
    "    {\"id\": \"vp\", \"label\": \"Vice presidents\", \"enabled\": true, \"field\": \"title\", \"op\": \"in\", "
    "\"values\": [\"VP\", \"SVP\"], \"points\": 0.1}\n"
    "  ],\n"
    "  \"behaviour\": [],\n"
    "  \"decay\": {\n"
    "    \"kind\": \"steps\",\n"
    "    \"steps\": [],\n"
    "    \"beyond\": 0\n"
    "  },\n"
    "  \"grades\": {\n"
    "    \"enabled\": false,\n"
    "    \"a\": 40,\n"
    "    \"b\": 25,\n"
    "    \"c\": 10,\n"
    "    \"multipliers\": {\"A\": 1, \"B\": 1, \"C\": 1, \"D\": 1}\n"
    "  },\n"
    "  \"paths\": {\n"
    "    \"score\": true,\n"
    "    \"grade_behaviour\": {\"enabled\": false, \"min_grade\": \"B\", \"behaviour_min\": 50},\n"
    "    \"hand_raiser\": {\"enabled\": false, \"activities\": [], \"min_grade\": \"B\"}\n"
    "  },\n"
    "  \"disqualifiers\": [],\n"
    "  \"threshold\": 50,\n"
    "  \"capacity_per_month\": null\n"
    "}\n");
}

/* Sign-off's parts are written in json-glib's own number form: the text must
 * equal json-glib's generator's, byte for byte. */
static void
test_json_text_glib_form (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "a");
  json_builder_add_double_value (builder, 0.1);
  json_builder_set_member_name (builder, "b");
  json_builder_add_double_value (builder, 2.0);
  json_builder_set_member_name (builder, "c");
  json_builder_add_double_value (builder, 1e22);
  json_builder_set_member_name (builder, "d");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, -7);
  json_builder_add_null_value (builder);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_string_value (builder, "tab\t, quote \", é, \x01");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "ключ \"k\"");
  json_builder_add_double_value (builder, -0.333333);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  ours = mqlw_json_to_text (root, MQLW_JSON_NUMBERS_GLIB, NULL, NULL);
  theirs = json_to_string (root, FALSE);
  /* json-glib's text but one token: it writes 10^22 as "1e+22.0", no JSON. */
  g_assert_nonnull (strstr (theirs, "\"c\":1e+22.0,"));
  g_assert_nonnull (strstr (ours, "\"c\":1e+22,"));
  g_assert_cmpuint (strlen (ours) + 2, ==, strlen (theirs));
  g_assert_cmpint (strncmp (ours, theirs, strstr (ours, "1e+22") - ours + 5), ==, 0);
  g_assert_cmpstr (strstr (ours, "1e+22") + 5, ==, strstr (theirs, "1e+22.0") + 7);
  /* And what json-glib writes, for the record: %.17g, "2.0" for a whole double. */
  g_assert_nonnull (strstr (ours, "{\"a\":0.10000000000000001,\"b\":2.0,"));
}

/* Every number json-glib would write as no JSON comes out as JSON that reads
 * back as the same value (±∞ and NaN as null); strings that look like those
 * tokens are left as they are. */
static void
test_json_text_invalid_numbers (void)
{
  static const double values[] = { 1e17, -1e17, 1e22, 2e300, 123456789012345678.0, 0.5, 2.0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *pretty = NULL;
  g_autofree char *compact = NULL;
  JsonArray *array;

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_double_value (builder, -INFINITY);
  json_builder_add_double_value (builder, NAN);
  json_builder_add_string_value (builder, "1e+22.0 inf.0 \\\" nan.0");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  pretty = mqlw_json_generate (root, TRUE);
  compact = mqlw_json_generate (root, FALSE);
  /* The numbers as Python's "%.17g" writes them, json-glib's form. */
  g_assert_cmpstr (compact, ==,
                   "[1e+17,-1e+17,1e+22,2.0000000000000001e+300,1.2345678901234568e+17,0.5,2.0,null,null,null,"
                   "\"1e+22.0 inf.0 \\\\\\\" nan.0\",false]");
  g_assert_nonnull (strstr (pretty, "\n  1e+22,\n"));
  back = json_from_string (pretty, NULL);
  g_assert_nonnull (back);
  array = json_node_get_array (back);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (values) + 5);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (json_array_get_double_element (array, i), ==, values[i]);
  for (guint i = 0; i < 3; i++)
    g_assert_true (json_array_get_null_element (array, G_N_ELEMENTS (values) + i));
  g_assert_cmpstr (json_array_get_string_element (array, G_N_ELEMENTS (values) + 3), ==,
                   "1e+22.0 inf.0 \\\" nan.0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/model/samples", test_samples);
  g_test_add_func ("/mqlw/model/seed002-details", test_seed002_details);
  g_test_add_func ("/mqlw/model/defaults", test_defaults);
  g_test_add_func ("/mqlw/model/fixture-half-life", test_fixture_half_life);
  g_test_add_func ("/mqlw/model/missing-file", test_missing_file);
  g_test_add_func ("/mqlw/model/decay-steps", test_decay_steps);
  g_test_add_func ("/mqlw/model/decay-half-life", test_decay_half_life);
  g_test_add_func ("/mqlw/model/builders-copy-equal", test_builders_copy_equal);
  g_test_add_func ("/mqlw/model/describe", test_describe);
  g_test_add_func ("/mqlw/model/match-ops", test_match_ops);
  g_test_add_func ("/mqlw/model/parse-error-position", test_parse_error_position);
  g_test_add_func ("/mqlw/model/not-in-contains-unscored", test_not_in_contains_unscored_json);

  g_test_add_func ("/mqlw/model/finite-numbers", test_finite_numbers);
  g_test_add_func ("/mqlw/model/canonical-pin", test_canonical_pin);
  g_test_add_func ("/mqlw/json-text/glib-form", test_json_text_glib_form);
  g_test_add_func ("/mqlw/json-text/invalid-numbers", test_json_text_invalid_numbers);
  return g_test_run ();
}
