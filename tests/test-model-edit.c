/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-model-edit"

#include "config.h"

#include <math.h>

#include "mqlw-model-edit.h"

/* The fixture, built with the plain builders (independent of the code under test):
 *   fit           0 "vp"          seniority in {VP, C-level}   +20
 *                 1 "germany"     country = DE                 +10
 *                 2 "shared"      industry = Retail             −5
 *   behaviour     0 "pricing"     pricing_visits   +5 each, cap 20
 *                 1 "careers"     careers_visits   −3 each, no cap
 *   disqualifier  0 "competitor"  email domain rival.example
 *                 1 "shared"      country missing   (same id as fit 2: ids are unique per kind)
 * 7 criteria in all. */
static MqlwModel *
make_fixture (void)
{
  MqlwModel *model = mqlw_model_new ();
  MqlwFitRule *fit;
  MqlwDisqualifier *dq;

  fit = mqlw_model_add_fit (model, "vp", "seniority", MQLW_MATCH_IN_SET, 20);
  fit->match.values = (g_strfreev (fit->match.values), g_strsplit ("VP,C-level", ",", -1));
  fit = mqlw_model_add_fit (model, "germany", "country", MQLW_MATCH_EQUALS, 10);
  fit->match.values = (g_strfreev (fit->match.values), g_strsplit ("DE", ",", -1));
  fit = mqlw_model_add_fit (model, "shared", "industry", MQLW_MATCH_EQUALS, -5);
  fit->match.values = (g_strfreev (fit->match.values), g_strsplit ("Retail", ",", -1));
  mqlw_model_add_behaviour (model, "pricing", "pricing_visits", 5, 20);
  mqlw_model_add_behaviour (model, "careers", "careers_visits", -3, NAN);
  dq = mqlw_model_add_disqualifier (model, "competitor", "competitor", "email", MQLW_MATCH_EMAIL_DOMAIN);
  dq->match.values = (g_strfreev (dq->match.values), g_strsplit ("rival.example", ",", -1));
  mqlw_model_add_disqualifier (model, "shared", "other", "country", MQLW_MATCH_MISSING);
  model->threshold = 30;
  return model;
}

static void
test_counts_and_views (void)
{
  g_autoptr(MqlwModel) model = make_fixture ();
  MqlwCriterion c;

  g_assert_cmpuint (mqlw_model_get_n_criteria (model, MQLW_CRITERION_FIT), ==, 3);
  g_assert_cmpuint (mqlw_model_get_n_criteria (model, MQLW_CRITERION_BEHAVIOUR), ==, 2);
  g_assert_cmpuint (mqlw_model_get_n_criteria (model, MQLW_CRITERION_DISQUALIFIER), ==, 2);
  g_assert_cmpuint (mqlw_model_get_n_criteria (model, MQLW_CRITERION_ANY), ==, 7);   /* 3 + 2 + 2 */

  mqlw_model_get_nth_criterion (model, MQLW_CRITERION_FIT, 0, &c);
  g_assert_cmpint (c.kind, ==, MQLW_CRITERION_FIT);
  g_assert_cmpuint (c.index, ==, 0);
  g_assert_cmpstr (c.id, ==, "vp");
  g_assert_cmpstr (c.column, ==, "seniority");
  g_assert_nonnull (c.match);
  g_assert_cmpint (c.match->op, ==, MQLW_MATCH_IN_SET);
  g_assert_cmpfloat (c.points, ==, 20);
  g_assert_true (isnan (c.cap));
  g_assert_true (c.enabled);

  mqlw_model_get_nth_criterion (model, MQLW_CRITERION_BEHAVIOUR, 0, &c);
  g_assert_cmpstr (c.id, ==, "pricing");
  g_assert_cmpstr (c.column, ==, "pricing_visits");
  g_assert_null (c.match);
  g_assert_cmpfloat (c.points, ==, 5);
  g_assert_cmpfloat (c.cap, ==, 20);
  g_assert_true (c.decay);   /* the builder's default */

  mqlw_model_get_nth_criterion (model, MQLW_CRITERION_DISQUALIFIER, 1, &c);
  g_assert_cmpstr (c.id, ==, "shared");
  g_assert_cmpstr (c.column, ==, "country");
  g_assert_cmpint (c.match->op, ==, MQLW_MATCH_MISSING);
  g_assert_cmpfloat (c.points, ==, 0);
}

static void
test_find (void)
{
  g_autoptr(MqlwModel) model = make_fixture ();
  MqlwCriterion c;

  /* Any kind: fit first, so "shared" is the fit rule (fit index 2). */
  g_assert_true (mqlw_model_find_criterion (model, MQLW_CRITERION_ANY, "shared", &c));
  g_assert_cmpint (c.kind, ==, MQLW_CRITERION_FIT);
  g_assert_cmpuint (c.index, ==, 2);
  g_assert_cmpstr (c.column, ==, "industry");
  /* Of a kind: the disqualifier of that id (disqualifier index 1). */
  g_assert_true (mqlw_model_find_criterion (model, MQLW_CRITERION_DISQUALIFIER, "shared", &c));
  g_assert_cmpint (c.kind, ==, MQLW_CRITERION_DISQUALIFIER);
  g_assert_cmpuint (c.index, ==, 1);
  g_assert_true (mqlw_model_find_criterion (model, MQLW_CRITERION_ANY, "careers", &c));
  g_assert_cmpint (c.kind, ==, MQLW_CRITERION_BEHAVIOUR);
  g_assert_cmpuint (c.index, ==, 1);
  g_assert_cmpfloat (c.points, ==, -3);
  /* Not there, or not of that kind. */
  g_assert_false (mqlw_model_find_criterion (model, MQLW_CRITERION_ANY, "nope", &c));
  g_assert_false (mqlw_model_find_criterion (model, MQLW_CRITERION_BEHAVIOUR, "vp", NULL));
  g_assert_true (mqlw_model_find_criterion (model, MQLW_CRITERION_FIT, "vp", NULL));
}

static void
test_set_values (void)
{
  g_autoptr(MqlwModel) model = make_fixture ();
  g_autoptr(MqlwModel) before = NULL;
  MqlwFitRule *fit;
  MqlwBehaviourRule *behaviour;
  MqlwDisqualifier *dq;

  g_assert_true (mqlw_model_set_criterion_points (model, MQLW_CRITERION_ANY, "germany", 12));
  g_assert_true (mqlw_model_set_criterion_points (model, MQLW_CRITERION_ANY, "careers", -4));
  g_assert_true (mqlw_model_set_criterion_cap (model, MQLW_CRITERION_ANY, "pricing", 25));
  g_assert_true (mqlw_model_set_criterion_cap (model, MQLW_CRITERION_ANY, "careers", 9));
  fit = g_ptr_array_index (model->fit, 1);
  g_assert_cmpfloat (fit->points, ==, 12);
  behaviour = g_ptr_array_index (model->behaviour, 1);
  g_assert_cmpfloat (behaviour->points, ==, -4);
  g_assert_cmpfloat (behaviour->cap, ==, 9);
  behaviour = g_ptr_array_index (model->behaviour, 0);
  g_assert_cmpfloat (behaviour->cap, ==, 25);

  /* What a kind has not: nothing changes. */
  before = mqlw_model_copy (model);
  g_assert_false (mqlw_model_set_criterion_points (model, MQLW_CRITERION_ANY, "competitor", 3));
  g_assert_false (mqlw_model_set_criterion_cap (model, MQLW_CRITERION_ANY, "vp", 3));
  g_assert_false (mqlw_model_set_criterion_points (model, MQLW_CRITERION_ANY, "nope", 3));
  g_assert_false (mqlw_model_set_criterion_enabled (model, MQLW_CRITERION_ANY, "nope", FALSE));
  g_assert_true (mqlw_model_equal (model, before));

  /* Switches: "shared" is the fit rule; the disqualifier of that id stays on. */
  g_assert_true (mqlw_model_set_criterion_enabled (model, MQLW_CRITERION_ANY, "competitor", FALSE));
  g_assert_true (mqlw_model_set_criterion_enabled (model, MQLW_CRITERION_ANY, "shared", FALSE));
  g_assert_true (mqlw_model_set_criterion_enabled (model, MQLW_CRITERION_ANY, "pricing", FALSE));
  dq = g_ptr_array_index (model->disqualifiers, 0);
  g_assert_false (dq->enabled);
  dq = g_ptr_array_index (model->disqualifiers, 1);
  g_assert_true (dq->enabled);
  fit = g_ptr_array_index (model->fit, 2);
  g_assert_false (fit->enabled);
  behaviour = g_ptr_array_index (model->behaviour, 0);
  g_assert_false (behaviour->enabled);
  /* Named by kind: the disqualifier "shared" this time. */
  g_assert_true (mqlw_model_set_criterion_enabled (model, MQLW_CRITERION_DISQUALIFIER, "shared", FALSE));
  g_assert_false (dq->enabled);
  /* A kind that has no such id, or no points at all. */
  g_assert_false (mqlw_model_set_criterion_points (model, MQLW_CRITERION_BEHAVIOUR, "vp", 1));
  g_assert_false (mqlw_model_set_criterion_points (model, MQLW_CRITERION_DISQUALIFIER, "shared", 1));
  g_assert_cmpfloat (((MqlwFitRule *) g_ptr_array_index (model->fit, 0))->points, ==, 20);
}

static void
test_set_text (void)
{
  g_autoptr(MqlwModel) model = make_fixture ();
  MqlwMatch range = { (char *) "employees", MQLW_MATCH_RANGE, NULL, 10, 200 };
  MqlwFitRule *fit;
  MqlwDisqualifier *dq;
  MqlwBehaviourRule *behaviour;

  g_assert_true (mqlw_model_set_criterion_label (model, MQLW_CRITERION_ANY, "vp", "Senior title"));
  g_assert_true (mqlw_model_set_criterion_match (model, MQLW_CRITERION_ANY, "vp", &range));
  fit = g_ptr_array_index (model->fit, 0);
  g_assert_cmpstr (fit->label, ==, "Senior title");
  g_assert_cmpstr (fit->match.field, ==, "employees");
  g_assert_true (fit->match.field != range.field);   /* a copy */
  g_assert_cmpint (fit->match.op, ==, MQLW_MATCH_RANGE);
  g_assert_null (fit->match.values);
  g_assert_cmpfloat (fit->match.min, ==, 10);
  g_assert_cmpfloat (fit->match.max, ==, 200);

  /* A disqualifier's condition; a match set from itself stays whole. */
  dq = g_ptr_array_index (model->disqualifiers, 0);
  g_assert_true (mqlw_model_set_criterion_match (model, MQLW_CRITERION_ANY, "competitor", &dq->match));
  g_assert_cmpstr (dq->match.field, ==, "email");
  g_assert_cmpstr (dq->match.values[0], ==, "rival.example");
  g_assert_null (dq->match.values[1]);

  /* Behaviour has no condition, an activity instead. */
  g_assert_false (mqlw_model_set_criterion_match (model, MQLW_CRITERION_ANY, "pricing", &range));
  g_assert_false (mqlw_model_set_criterion_activity (model, MQLW_CRITERION_ANY, "vp", "x"));
  g_assert_true (mqlw_model_set_criterion_activity (model, MQLW_CRITERION_ANY, "pricing", "demo_requests"));
  behaviour = g_ptr_array_index (model->behaviour, 0);
  g_assert_cmpstr (behaviour->activity, ==, "demo_requests");
  g_assert_true (mqlw_model_set_criterion_label (model, MQLW_CRITERION_ANY, "pricing", NULL));
  g_assert_null (behaviour->label);
}

/* The ids of @kind in order, "a,b,c". */
static char *
list_ids (MqlwModel         *model,
          MqlwCriterionKind  kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < mqlw_model_get_n_criteria (model, kind); i++)
    {
      MqlwCriterion c;

      mqlw_model_get_nth_criterion (model, kind, i, &c);
      g_strv_builder_add (builder, c.id);
    }
  ids = g_strv_builder_end (builder);
  return g_strjoinv (",", ids);
}

static void
test_remove_move_insert (void)
{
  g_autoptr(MqlwModel) original = make_fixture ();
  g_autoptr(MqlwModel) model = make_fixture ();
  char *ids;

  /* "shared" goes from fit (the first kind that has it), not from the disqualifiers. */
  g_assert_true (mqlw_model_remove_criterion (model, MQLW_CRITERION_ANY, "shared"));
  ids = list_ids (model, MQLW_CRITERION_FIT);
  g_assert_cmpstr (ids, ==, "vp,germany");
  g_free (ids);
  ids = list_ids (model, MQLW_CRITERION_DISQUALIFIER);
  g_assert_cmpstr (ids, ==, "competitor,shared");
  g_free (ids);
  g_assert_true (mqlw_model_remove_criterion (model, MQLW_CRITERION_ANY, "vp"));
  g_assert_false (mqlw_model_remove_criterion (model, MQLW_CRITERION_ANY, "vp"));
  g_assert_cmpuint (mqlw_model_get_n_criteria (model, MQLW_CRITERION_ANY), ==, 5);   /* 7 − 2 */
  /* Named by kind: the disqualifier "shared" goes, then comes back at its place (index 1). */
  g_assert_false (mqlw_model_remove_criterion (model, MQLW_CRITERION_BEHAVIOUR, "shared"));
  g_assert_true (mqlw_model_remove_criterion (model, MQLW_CRITERION_DISQUALIFIER, "shared"));
  ids = list_ids (model, MQLW_CRITERION_DISQUALIFIER);
  g_assert_cmpstr (ids, ==, "competitor");
  g_free (ids);
  g_assert_true (mqlw_model_insert_criterion (model, original, MQLW_CRITERION_DISQUALIFIER, "shared", 1));

  /* Put both back where they were: the model equals the original again. */
  g_assert_true (mqlw_model_insert_criterion (model, original, MQLW_CRITERION_FIT, "vp", 0));
  g_assert_true (mqlw_model_insert_criterion (model, original, MQLW_CRITERION_FIT, "shared", 99));
  g_assert_true (mqlw_model_equal (model, original));
  /* Not twice, and not what @from has not. */
  g_assert_false (mqlw_model_insert_criterion (model, original, MQLW_CRITERION_FIT, "vp", 0));
  g_assert_false (mqlw_model_insert_criterion (model, original, MQLW_CRITERION_BEHAVIOUR, "vp", 0));

  /* Moves stay within the kind. */
  g_assert_true (mqlw_model_move_criterion (model, MQLW_CRITERION_ANY, "careers", 0));
  ids = list_ids (model, MQLW_CRITERION_BEHAVIOUR);
  g_assert_cmpstr (ids, ==, "careers,pricing");
  g_free (ids);
  g_assert_true (mqlw_model_move_criterion (model, MQLW_CRITERION_ANY, "vp", 1000));
  ids = list_ids (model, MQLW_CRITERION_FIT);
  g_assert_cmpstr (ids, ==, "germany,shared,vp");
  g_free (ids);
  g_assert_true (mqlw_model_move_criterion (model, MQLW_CRITERION_ANY, "vp", 0));
  g_assert_true (mqlw_model_move_criterion (model, MQLW_CRITERION_ANY, "careers", 1));
  g_assert_true (mqlw_model_equal (model, original));
  g_assert_false (mqlw_model_move_criterion (model, MQLW_CRITERION_ANY, "nope", 0));
}

static void
test_make_id (void)
{
  g_autoptr(MqlwModel) model = make_fixture ();
  MqlwBehaviourRule *rule;
  char *id;

  id = mqlw_model_make_criterion_id (model, "Job Title");
  g_assert_cmpstr (id, ==, "job_title");
  g_free (id);
  id = mqlw_model_make_criterion_id (model, "e-mail/domain v.2");
  g_assert_cmpstr (id, ==, "e_mail_domain_v_2");
  g_free (id);
  /* Taken by a fit rule, by a disqualifier (any kind counts). */
  id = mqlw_model_make_criterion_id (model, "Germany");
  g_assert_cmpstr (id, ==, "germany_2");
  g_free (id);
  id = mqlw_model_make_criterion_id (model, "Competitor");
  g_assert_cmpstr (id, ==, "competitor_2");
  g_free (id);
  /* With "_2" taken too, "_3". */
  rule = mqlw_model_add_behaviour (model, "germany_2", "x", 1, NAN);
  g_assert_nonnull (rule);
  id = mqlw_model_make_criterion_id (model, "GERMANY");
  g_assert_cmpstr (id, ==, "germany_3");
  g_free (id);
}

static void
test_same_shape (void)
{
  g_autoptr(MqlwModel) a = make_fixture ();
  g_autoptr(MqlwModel) b = make_fixture ();
  MqlwMatch other = { (char *) "country", MQLW_MATCH_EQUALS, NULL, NAN, NAN };
  g_auto(GStrv) values = g_strsplit ("AT", ",", -1);

  g_assert_true (mqlw_model_same_shape (a, b));
  /* Values only: points, caps, switches, threshold, capacity. */
  mqlw_model_set_criterion_points (b, MQLW_CRITERION_ANY, "vp", 35);
  mqlw_model_set_criterion_cap (b, MQLW_CRITERION_ANY, "careers", 12);
  mqlw_model_set_criterion_enabled (b, MQLW_CRITERION_ANY, "competitor", FALSE);
  b->threshold = 44;
  b->capacity_per_month = 300;
  g_assert_true (mqlw_model_same_shape (a, b));
  g_assert_true (mqlw_model_same_shape (b, a));
  g_assert_false (mqlw_model_equal (a, b));

  /* A condition, a label, the order, a criterion more: new rows. */
  other.values = values;
  mqlw_model_set_criterion_match (b, MQLW_CRITERION_ANY, "germany", &other);
  g_assert_false (mqlw_model_same_shape (a, b));
  g_clear_pointer (&b, mqlw_model_unref);
  b = make_fixture ();
  mqlw_model_set_criterion_label (b, MQLW_CRITERION_ANY, "pricing", "Pricing page");
  g_assert_false (mqlw_model_same_shape (a, b));
  g_clear_pointer (&b, mqlw_model_unref);
  b = make_fixture ();
  mqlw_model_move_criterion (b, MQLW_CRITERION_ANY, "germany", 0);
  g_assert_false (mqlw_model_same_shape (a, b));
  g_clear_pointer (&b, mqlw_model_unref);
  b = make_fixture ();
  mqlw_model_add_fit (b, "more", "country", MQLW_MATCH_MISSING, 1);
  g_assert_false (mqlw_model_same_shape (a, b));
  /* Decay is not a value a row shows. */
  g_clear_pointer (&b, mqlw_model_unref);
  b = make_fixture ();
  b->decay.kind = MQLW_DECAY_HALF_LIFE;
  g_assert_false (mqlw_model_same_shape (a, b));
}

/* Edits write the same canonical JSON as a model built with those values
 * (the format and the sign-off digests do not see how a model was edited). */
static void
test_same_json (void)
{
  g_autoptr(MqlwModel) edited = make_fixture ();
  g_autoptr(MqlwModel) built = make_fixture ();
  g_autofree char *json_edited = NULL;
  g_autofree char *json_built = NULL;
  MqlwFitRule *fit;

  mqlw_model_set_criterion_points (edited, MQLW_CRITERION_ANY, "germany", 15);
  mqlw_model_set_criterion_label (edited, MQLW_CRITERION_ANY, "germany", "DACH");
  mqlw_model_set_criterion_enabled (edited, MQLW_CRITERION_ANY, "careers", FALSE);
  fit = g_ptr_array_index (built->fit, 1);
  fit->points = 15;
  g_free (fit->label);
  fit->label = g_strdup ("DACH");
  ((MqlwBehaviourRule *) g_ptr_array_index (built->behaviour, 1))->enabled = FALSE;
  json_edited = mqlw_model_to_json (edited, FALSE);
  json_built = mqlw_model_to_json (built, FALSE);
  g_assert_cmpstr (json_edited, ==, json_built);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mqlw/model-edit/counts-and-views", test_counts_and_views);
  g_test_add_func ("/mqlw/model-edit/find", test_find);
  g_test_add_func ("/mqlw/model-edit/set-values", test_set_values);
  g_test_add_func ("/mqlw/model-edit/set-text", test_set_text);
  g_test_add_func ("/mqlw/model-edit/remove-move-insert", test_remove_move_insert);
  g_test_add_func ("/mqlw/model-edit/make-id", test_make_id);
  g_test_add_func ("/mqlw/model-edit/same-shape", test_same_shape);
  g_test_add_func ("/mqlw/model-edit/same-json", test_same_json);

  return g_test_run ();
}
