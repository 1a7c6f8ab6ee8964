/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-scorer-incremental"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-core.h"

#include "generated-fixtures.h"
#include "mqlw-scorer-private.h"

/* The scorer's updates against the reference, a fresh scorer compiled from
 * the same model: after every one of thousands of random edits of every kind
 * (points, caps, operators, values, decay, grades, paths, disqualifiers,
 * enables, unscored columns, undo) both hold the same bits in every per-lead
 * array. The edits lean to one criterion's points or cap, the edits the
 * scorer applies to that criterion's leads alone (mqlw-scorer-incremental.c),
 * and the test checks that it did so often, and that its list of changed
 * leads is exactly the leads whose total, paths or disqualification moved. */

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

/* Weights a marketer types, and some that are awkward in binary or round at 0.005. */
static double
random_points (GRand *rand)
{
  static const double awkward[] = { 0, 2.5, 0.125, -0.125, 1.0 / 3.0, 12.345, -0.005, 0.015, 18, -50, 250 };

  if (g_rand_boolean (rand))
    return awkward[g_rand_int_range (rand, 0, G_N_ELEMENTS (awkward))];
  return g_rand_int_range (rand, -6000, 6000) / 100.0;
}

static double
random_cap (GRand *rand)
{
  static const double caps[] = { 0, 0.5, 1, 7.5, 30, 60, 200 };

  return g_rand_int_range (rand, 0, 4) == 0 ? NAN : caps[g_rand_int_range (rand, 0, G_N_ELEMENTS (caps))];
}

static void
set_values (MqlwMatch  *match,
            const char *values)
{
  g_strfreev (match->values);
  match->values = values != NULL ? g_strsplit (values, ",", -1) : NULL;
}

/* A new condition for @rule: another operator, other values, another column. */
static void
random_condition (MqlwMatch *match,
                  GRand     *rand)
{
  static const struct { const char *field; MqlwMatchOp op; const char *values; } text[] = {
    { "seniority", MQLW_MATCH_IN_SET, "VP,C-level" },
    { "seniority", MQLW_MATCH_EQUALS, "Manager" },
    { "seniority", MQLW_MATCH_NOT_IN, "Individual Contributor" },
    { "industry", MQLW_MATCH_IN_SET, "SaaS" },
    { "industry", MQLW_MATCH_NOT_IN, "SaaS,Manufacturing,Retail" },
    { "job_title", MQLW_MATCH_CONTAINS, "engineer,Director" },
    { "job_title", MQLW_MATCH_MISSING, NULL },
    { "email", MQLW_MATCH_EMAIL_DOMAIN, "gmail.com,yahoo.com" },
    { "lead_source", MQLW_MATCH_IN_SET, "Webinar,Partner" },
    { "country", MQLW_MATCH_NOT_IN, "US" },
    { "company_size", MQLW_MATCH_IN_SET, "44,100,250" },
    { "company_size", MQLW_MATCH_NOT_IN, "44" },
    { "company_size", MQLW_MATCH_MISSING, NULL },
    { "demo_requests", MQLW_MATCH_EQUALS, "1" },
  };
  guint pick = g_rand_int_range (rand, 0, G_N_ELEMENTS (text) + 3);

  if (pick >= G_N_ELEMENTS (text))
    {
      /* A range, open at either end now and then. */
      g_free (match->field);
      match->field = g_strdup (pick == G_N_ELEMENTS (text) ? "annual_revenue" : "company_size");
      match->op = MQLW_MATCH_RANGE;
      set_values (match, NULL);
      match->min = g_rand_int_range (rand, 0, 4) == 0 ? NAN : g_rand_int_range (rand, 0, 800);
      match->max = g_rand_int_range (rand, 0, 4) == 0 ? NAN : match->min + g_rand_int_range (rand, 0, 5000);
      if (pick == G_N_ELEMENTS (text))
        {
          match->min *= 10000;
          match->max *= 10000;
        }
      return;
    }
  g_free (match->field);
  match->field = g_strdup (text[pick].field);
  match->op = text[pick].op;
  match->min = match->max = NAN;
  set_values (match, text[pick].values);
}

static void
edit_points (MqlwModel *model,
             GRand     *rand)
{
  if (g_rand_boolean (rand) && model->fit->len > 0)
    {
      MqlwFitRule *rule = g_ptr_array_index (model->fit, g_rand_int_range (rand, 0, model->fit->len));

      rule->points = random_points (rand);
    }
  else if (model->behaviour->len > 0)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, g_rand_int_range (rand, 0, model->behaviour->len));

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          rule->points = random_points (rand);
          break;
        case 1:
          rule->cap = random_cap (rand);
          break;
        default:
          rule->points = random_points (rand);
          rule->cap = random_cap (rand);
          break;
        }
    }
}

/* One random edit of every kind; half of them one criterion's points or cap. */
static void
edit_model (MqlwModel *model,
            GRand     *rand)
{
  gint32 kind = g_rand_int_range (rand, 0, 24);

  if (kind < 12)
    {
      edit_points (model, rand);
      return;
    }
  switch (kind)
    {
    case 12:
      {
        GPtrArray *rules = g_rand_boolean (rand) ? model->fit : model->behaviour;

        if (rules->len > 0)
          {
            gpointer rule = g_ptr_array_index (rules, g_rand_int_range (rand, 0, rules->len));
            gboolean *enabled = rules == model->fit ? &((MqlwFitRule *) rule)->enabled
                                                    : &((MqlwBehaviourRule *) rule)->enabled;
            *enabled = !*enabled;
          }
      }
      break;
    case 13:
      if (model->fit->len > 0)
        random_condition (&((MqlwFitRule *) g_ptr_array_index (model->fit,
                                                               g_rand_int_range (rand, 0, model->fit->len)))->match,
                          rand);
      break;
    case 14:
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          model->decay.kind = MQLW_DECAY_HALF_LIFE;
          model->decay.half_life_days = g_rand_int_range (rand, 7, 400);
          break;
        case 1:
          model->decay.kind = MQLW_DECAY_NONE;
          break;
        case 2:
          model->decay.kind = MQLW_DECAY_STEPS;
          if (model->decay.steps != NULL && model->decay.steps->len > 1)
            g_array_index (model->decay.steps, MqlwDecayStep, 1).factor = g_rand_int_range (rand, 0, 100) / 100.0;
          model->decay.beyond = g_rand_int_range (rand, 0, 3) / 10.0;
          break;
        default:
          if (model->behaviour->len > 0)
            {
              MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour,
                                                           g_rand_int_range (rand, 0, model->behaviour->len));
              rule->decay = !rule->decay;
            }
          break;
        }
      break;
    case 15:
      model->grading.enabled = g_rand_int_range (rand, 0, 4) != 0;
      model->grading.min_fit[0] = g_rand_int_range (rand, 20, 40);
      model->grading.min_fit[1] = g_rand_int_range (rand, 5, 20);
      model->grading.min_fit[2] = g_rand_int_range (rand, -10, 5) + g_rand_int_range (rand, 0, 2) * 0.005;
      for (guint g = 0; g < MQLW_N_GRADES; g++)
        model->grading.multiplier[g] = g_rand_boolean (rand) ? 1.0 : g_rand_int_range (rand, 0, 16) / 7.0;
      break;
    case 16:
      model->paths.grade_behaviour = g_rand_boolean (rand);
      model->paths.grade_behaviour_min_grade = g_rand_int_range (rand, 0, MQLW_N_GRADES);
      model->paths.behaviour_min = g_rand_int_range (rand, 0, 80);
      model->paths.hand_raiser = g_rand_boolean (rand);
      model->paths.hand_raiser_min_grade = g_rand_int_range (rand, 0, MQLW_N_GRADES);
      g_strfreev (model->paths.hand_raiser_activities);
      model->paths.hand_raiser_activities = g_strsplit (g_rand_boolean (rand) ? "demo_requests,contact_sales"
                                                                              : "pricing_page_views", ",", -1);
      break;
    case 17:
      if (model->disqualifiers->len > 0)
        {
          MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers,
                                                      g_rand_int_range (rand, 0, model->disqualifiers->len));
          if (g_rand_boolean (rand))
            rule->enabled = !rule->enabled;
          else
            random_condition (&rule->match, rand);
        }
      break;
    case 18:
      /* Neither a per-lead figure: threshold and capacity. */
      model->threshold = g_rand_int_range (rand, 0, 120);
      model->capacity_per_month = g_rand_boolean (rand) ? NAN : g_rand_int_range (rand, 10, 500);
      break;
    case 19:
      /* Two criteria at once. */
      edit_points (model, rand);
      edit_points (model, rand);
      break;
    case 20:
      g_strfreev (model->unscored_when_missing);
      model->unscored_when_missing = g_rand_boolean (rand) ? g_strsplit ("job_title,company_size", ",", -1)
                                                           : g_new0 (char *, 1);
      break;
    case 21:
      /* A criterion removed, or a copy of one added under a new id. */
      if (model->fit->len > 1 && g_rand_boolean (rand))
        g_ptr_array_remove_index (model->fit, g_rand_int_range (rand, 0, model->fit->len));
      else if (model->fit->len > 0)
        {
          g_autoptr(MqlwModel) copy = mqlw_model_copy (model);
          MqlwFitRule *rule = g_ptr_array_steal_index (copy->fit, g_rand_int_range (rand, 0, copy->fit->len));

          g_free (rule->id);
          rule->id = g_strdup_printf ("added_%u", g_rand_int (rand));
          rule->points = random_points (rand);
          g_ptr_array_add (model->fit, rule);
        }
      break;
    case 22:
      /* Reorder: the last rules move to the front. */
      if (model->fit->len > 1)
        g_ptr_array_insert (model->fit, 0, g_ptr_array_steal_index (model->fit, model->fit->len - 1));
      if (model->behaviour->len > 1)
        g_ptr_array_insert (model->behaviour, 0, g_ptr_array_steal_index (model->behaviour, model->behaviour->len - 1));
      break;
    default:
      /* A behaviour rule dated by another column, or by the general one again. */
      if (model->behaviour->len > 0)
        {
          MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour,
                                                       g_rand_int_range (rand, 0, model->behaviour->len));
          g_free (rule->date_column);
          rule->date_column = g_rand_boolean (rand) ? g_strdup ("created_at") : NULL;
        }
      break;
    }
}

/* After an update: every lead whose total, paths or disqualification moved
 * is flagged, and a list, when given, names exactly the flagged leads. */
static gboolean
check_changed (const MqlwScores *scores,
               const double     *total,
               const guint8     *paths,
               const guint16    *disqualified)
{
  guint flagged = 0;

  for (guint i = 0; i < scores->n; i++)
    {
      gboolean moved = memcmp (&total[i], &scores->total[i], sizeof (double)) != 0 ||
                       paths[i] != scores->fixed_paths[i] || disqualified[i] != scores->disqualified[i];

      if (moved)
        g_assert_cmpuint (scores->changed[i], !=, 0);
      flagged += scores->changed[i] != 0;
    }
  if (scores->changed_rows == NULL)
    return FALSE;
  g_assert_cmpuint (scores->n_changed_rows, ==, flagged);
  /* A listed update changes no disqualification; its lists give each listed
   * lead's new total and paths. */
  g_assert_cmpmem (disqualified, scores->n * sizeof (guint16), scores->disqualified, scores->n * sizeof (guint16));
  g_assert_nonnull (scores->changed_total);
  g_assert_nonnull (scores->changed_paths);
  for (guint j = 0; j < scores->n_changed_rows; j++)
    {
      g_assert_cmpuint (scores->changed_rows[j], <, scores->n);
      g_assert_cmpuint (scores->changed[scores->changed_rows[j]], !=, 0);
      g_assert_cmpmem (&scores->changed_total[j], sizeof (double), &scores->total[scores->changed_rows[j]], sizeof (double));
      g_assert_cmpuint (scores->changed_paths[j], ==, scores->fixed_paths[scores->changed_rows[j]]);
      if (j > 0)
        g_assert_cmpuint (scores->changed_rows[j - 1], <, scores->changed_rows[j]);
    }
  return TRUE;
}

/* mqlw_scorer_prepare_edits () lists the rules' leads (and gathers their
 * counts) ahead of the edits; it must change no score. */
static void
prepare_edits (MqlwScorer *scorer)
{
  const MqlwScores *scores = mqlw_scorer_get_scores (scorer);
  g_autofree double *total = g_memdup2 (scores->total, scores->n * sizeof (double));
  g_autofree float *behaviour = g_memdup2 (scores->behaviour, scores->n * sizeof (float));
  guint64 generation = scores->generation;

  mqlw_scorer_prepare_edits (scorer);
  g_assert_cmpmem (total, scores->n * sizeof (double), scores->total, scores->n * sizeof (double));
  g_assert_cmpmem (behaviour, scores->n * sizeof (float), scores->behaviour, scores->n * sizeof (float));
  g_assert_cmpuint (generation, ==, scores->generation);
}

/* @dense_fraction: rules listing up to 1/@dense_fraction of the leads take
 * the listed path (0: the scorer's own limit, which leaves the dense rules
 * of the generated history to the full pass). @prepare: the rules' leads
 * are listed ahead (mqlw_scorer_prepare_edits ()) at the start and now and
 * then between edits, as a what-if session does, else on each rule's first
 * points edit. */
static void
check_random_edits (const char *model_name,
                    guint64     n_leads,
                    guint       n_edits,
                    guint32     seed,
                    guint       dense_fraction,
                    gboolean    prepare)
{
  g_autoptr(MqlwDataset) dataset = generate_dataset (n_leads, seed);
  g_autoptr(MqlwModel) start = load_sample_model (model_name);
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_model_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autofree double *total = g_new (double, n_leads);
  g_autofree guint8 *paths = g_new (guint8, n_leads);
  g_autofree guint16 *disqualified = g_new (guint16, n_leads);
  guint listed = 0, listed_moving = 0, full = 0, refused = 0;

  mqlw_scorer_set_dense_fraction_for_testing (dense_fraction);
  scorer = mqlw_scorer_new (dataset, start, &error);
  g_assert_no_error (error);
  if (prepare)
    prepare_edits (scorer);
  g_ptr_array_add (history, mqlw_model_ref (start));

  for (guint step = 0; step < n_edits; step++)
    {
      g_autoptr(MqlwModel) model = NULL;
      g_autoptr(MqlwScorer) fresh = NULL;
      const MqlwScores *scores = mqlw_scorer_get_scores (scorer);

      memcpy (total, scores->total, n_leads * sizeof (double));
      memcpy (paths, scores->fixed_paths, n_leads);
      memcpy (disqualified, scores->disqualified, n_leads * sizeof (guint16));
      if (history->len > 1 && g_rand_int_range (rand, 0, 10) == 0)
        {
          /* Undo: back to an earlier model. */
          g_ptr_array_set_size (history, g_rand_int_range (rand, 1, history->len));
          model = mqlw_model_ref (g_ptr_array_index (history, history->len - 1));
        }
      else
        {
          model = mqlw_model_copy (g_ptr_array_index (history, history->len - 1));
          edit_model (model, rand);
          g_ptr_array_add (history, mqlw_model_ref (model));
        }
      if (!mqlw_scorer_update (scorer, model, &error))
        {
          /* Refused (sums out of range, a condition on a column of the wrong
           * type): the scorer keeps the last model and its scores. */
          g_clear_error (&error);
          g_ptr_array_set_size (history, history->len - 1);
          refused++;
          continue;
        }
      if (prepare && g_rand_int_range (rand, 0, 8) == 0)
        prepare_edits (scorer);   /* relists the rules whose condition changed */
      scores = mqlw_scorer_get_scores (scorer);
      if (check_changed (scores, total, paths, disqualified))
        {
          listed++;
          listed_moving += scores->n_changed_rows > 0;
        }
      else
        full++;

      fresh = mqlw_scorer_new (dataset, model, &error);
      g_assert_no_error (error);
      assert_same_scores (scores, mqlw_scorer_get_scores (fresh));
    }
  g_test_message ("%u edits: %u on the listed leads alone (%u moving some), %u full passes, %u refused",
                  n_edits, listed, listed_moving, full, refused);
  /* The incremental path must really be taken, with leads to move, or the test proves nothing. */
  g_assert_cmpuint (listed, >, n_edits / (dense_fraction != 0 ? 4 : 8));
  g_assert_cmpuint (listed_moving, >, n_edits / (dense_fraction != 0 ? 8 : 40));
  g_assert_cmpuint (full, >, n_edits / 8);
  mqlw_scorer_set_dense_fraction_for_testing (0);
}

static void
test_random_edits_two_paths (void)
{
  /* Every rule up to 1/2 of the leads listed: the listed path sees every kind of rule. */
  check_random_edits ("seed002-two-paths.json", 3000, 2500, 1502, 2, FALSE);
}

static void
test_random_edits_prepared (void)
{
  check_random_edits ("seed002-two-paths.json", 3000, 2500, 1504, 2, TRUE);
}

static void
test_random_edits_points (void)
{
  check_random_edits ("seed000-points.json", 2000, 1500, 1503, 0, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scorer-incremental/random-edits/two-paths", test_random_edits_two_paths);
  g_test_add_func ("/scorer-incremental/random-edits/points", test_random_edits_points);
  g_test_add_func ("/scorer-incremental/random-edits/prepared", test_random_edits_prepared);
  return g_test_run ();
}
