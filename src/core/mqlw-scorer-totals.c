/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-scorer-private.h"

/* Disqualifiers, the hand-raiser and unscored flags, and the pass that turns
 * the sums into grades, totals and fixed paths. */

void
mqlw_scorer_disqualifier_state_free (DisqualifierState *state)
{
  g_free (state->hits);
  g_free (state);
}

/* Disqualifier hit columns: reused by id while the condition is the same.
 * Returns TRUE when the disqualified codes changed. */
gboolean
mqlw_scorer_update_disqualifiers (MqlwScorer      *self,
                      const MqlwModel *old,
                      const MqlwModel *model)
{
  guint n = self->dataset->n_rows;
  guint16 *restrict disqualified = self->scores.disqualified;
  GPtrArray *states = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_scorer_disqualifier_state_free);
  gboolean changed = old == NULL || old->disqualifiers->len != model->disqualifiers->len;

  for (guint k = 0; k < model->disqualifiers->len; k++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, k);
      DisqualifierState *state = g_new0 (DisqualifierState, 1);

      g_ptr_array_add (states, state);
      if (!changed)
        {
          const MqlwDisqualifier *same = g_ptr_array_index (old->disqualifiers, k);
          changed = g_strcmp0 (same->id, rule->id) != 0 || !same->enabled != !rule->enabled ||
                    (rule->enabled && !mqlw_scorer_equal_matches (&same->match, &rule->match));
        }
      if (!rule->enabled)
        continue;
      for (guint o = 0; old != NULL && o < old->disqualifiers->len; o++)
        {
          const MqlwDisqualifier *before = g_ptr_array_index (old->disqualifiers, o);
          DisqualifierState *before_state = g_ptr_array_index (self->disqualifier_states, o);

          if (before_state->hits != NULL && g_strcmp0 (before->id, rule->id) == 0 &&
              mqlw_scorer_equal_matches (&before->match, &rule->match))
            {
              state->hits = g_steal_pointer (&before_state->hits);
              break;
            }
        }
      if (state->hits == NULL)
        state->hits = mqlw_scorer_compile_match (self->dataset, &rule->match);
    }
  g_ptr_array_unref (self->disqualifier_states);
  self->disqualifier_states = states;
  if (!changed)
    return FALSE;

  memset (disqualified, 0, (gsize) n * sizeof (guint16));
  for (guint k = states->len; k-- > 0;)   /* the last write wins: the first disqualifier that hits */
    {
      const DisqualifierState *state = g_ptr_array_index (states, k);
      const guint8 *restrict hits = state->hits;
      guint16 code = (guint16) (k + 1);

      if (hits == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        disqualified[i] = hits[i] ? code : disqualified[i];
    }
  return TRUE;
}

void
mqlw_scorer_compute_hand (MqlwScorer      *self,
              const MqlwModel *model)
{
  guint n = self->dataset->n_rows;

  g_clear_pointer (&self->hand, g_free);
  if (!model->paths.hand_raiser)
    return;
  self->hand = mqlw_scorer_alloc_leads (n, sizeof (guint8));
  for (guint k = 0; model->paths.hand_raiser_activities != NULL && model->paths.hand_raiser_activities[k] != NULL; k++)
    {
      MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->paths.hand_raiser_activities[k]);

      g_assert (column != NULL);
      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        for (guint i = 0; i < n; i++)
          self->hand[i] |= column->boolean[i] > 0;
      else
        for (guint i = 0; i < n; i++)
          self->hand[i] |= mqlw_column_num_at (column, i) > 0;   /* NAN → false */
    }
}

/* 1 for the leads missing every column the model's unscored_when_missing names. */
void
mqlw_scorer_compute_unscored (MqlwScorer      *self,
                  const MqlwModel *model)
{
  guint n = self->dataset->n_rows;

  g_clear_pointer (&self->unscored, g_free);
  if (model->unscored_when_missing == NULL || model->unscored_when_missing[0] == NULL)
    return;
  self->unscored = mqlw_scorer_alloc_leads (n, sizeof (guint8));
  memset (self->unscored, 1, MAX (n, 1));
  for (guint k = 0; model->unscored_when_missing[k] != NULL; k++)
    {
      const MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->unscored_when_missing[k]);

      g_assert (column != NULL);
      for (guint i = 0; i < n; i++)
        self->unscored[i] &= mqlw_column_is_missing (column, i);
    }
}

/* Per lead: bit 0 = not disqualified, bit 1 = also raised a hand. */
void
mqlw_scorer_compute_eligible (MqlwScorer *self)
{
  guint n = self->dataset->n_rows;
  const guint16 *restrict disqualified = self->scores.disqualified;
  const guint8 *restrict hand = self->hand;
  guint8 *restrict eligible = self->eligible;

  for (guint i = 0; i < n; i++)
    {
      guint8 ok = disqualified[i] == 0;
      eligible[i] = (guint8) (ok | ((hand != NULL && hand[i] && ok) << 1));
    }
}

/* The vector pass over every lead: the same arithmetic as finish_one (),
 * written out so that GCC vectorizes it (through finish_one () it does not). */
static ALWAYS_INLINE void
finish_loop (guint                      n,
             const gint32 *restrict     fit_sum,
             const gint32 *restrict     behaviour_sum,
             const guint8 *restrict     eligible,
             float        *restrict     fit,
             float        *restrict     behaviour,
             double       *restrict     total,
             guint8       *restrict     grades,
             guint8       *restrict     fixed_paths,
             guint8       *restrict     changed,
             const Finish              *f,
             gboolean                   write_fit,
             gboolean                   write_behaviour,
             gboolean                   write_changed,
             TotalMode                  mode)
{
  gint32 band_a = f->band_a, band_b = f->band_b, band_c = f->band_c, behaviour_min = f->behaviour_min;
  gint32 gb_min = (gint32) f->gb_min, hr_min = (gint32) f->hr_min;
  gint32 gb_mask = f->gb_mask, hr_mask = f->hr_mask;
  double band_a_d = band_a, band_b_d = band_b, band_c_d = band_c;
  double m_a = f->multiplier[MQLW_GRADE_A], m_b = f->multiplier[MQLW_GRADE_B];
  double m_c = f->multiplier[MQLW_GRADE_C], m_d = f->multiplier[MQLW_GRADE_D];

  /* Written with plain int and double selects so that GCC vectorizes it. */
  for (guint i = 0; i < n; i++)
    {
      gint32 fc = fit_sum[i];
      gint32 bc = behaviour_sum[i];
      gint32 grade = (fc < band_a) + (fc < band_b) + (fc < band_c);   /* MqlwGrade: A = 0 … D = 3 */
      gint32 ok = eligible[i];
      gint32 paths;
      double y;

      if (write_fit)
        {
          fit[i] = (float) fc / 100.0f;
          grades[i] = (guint8) grade;
        }
      if (write_behaviour)
        behaviour[i] = (float) bc / 100.0f;
      if (mode == TOTAL_UNIT)
        y = (double) fc + (double) bc;   /* whole: no rounding */
      else if (mode == TOTAL_BOUNDED)
        {
          double fd = fc, m = m_d;

          m = fd >= band_c_d ? m_c : m;
          m = fd >= band_b_d ? m_b : m;
          m = fd >= band_a_d ? m_a : m;
          y = round_half_away_bounded (fd + m * (double) bc);
        }
      else
        {
          double fd = fc, m = m_d;

          m = fd >= band_c_d ? m_c : m;
          m = fd >= band_b_d ? m_b : m;
          m = fd >= band_a_d ? m_a : m;
          y = round_half_away (fd + m * (double) bc);
        }
      y = y / 100.0;
      paths = ((((ok & gb_mask) != 0) & (grade <= gb_min) & (bc >= behaviour_min)) * MQLW_PATH_GRADE_BEHAVIOUR) |
              ((((ok & hr_mask) != 0) & (grade <= hr_min)) * MQLW_PATH_HAND_RAISER);
      /* NAN before (unscored) compares unequal: flagged, which is safe. */
      if (write_changed)
        changed[i] = (total[i] != y) | (fixed_paths[i] != (guint8) paths);
      total[i] = y;
      fixed_paths[i] = (guint8) paths;
    }
}

HOT_LOOP WIDE_LOOP static void
finish_fit_changed (MqlwScorer   *self,
                    const Finish *f,
                    TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, FALSE, TRUE, TOTAL_UNIT);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, FALSE, TRUE, TOTAL_BOUNDED);
}

HOT_LOOP WIDE_LOOP static void
finish_behaviour_changed (MqlwScorer   *self,
                          const Finish *f,
                          TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, FALSE, TRUE, TRUE, TOTAL_UNIT);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, FALSE, TRUE, TRUE, TOTAL_BOUNDED);
}

HOT_LOOP WIDE_LOOP static void
finish_all (MqlwScorer   *self,
            const Finish *f,
            TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, TRUE, TRUE, TOTAL_UNIT);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                 s->grade, s->fixed_paths, s->changed, f, TRUE, TRUE, TRUE, TOTAL_BOUNDED);
}

/* Totals and paths alone (mqlw_scorer_new_totals_only ()). */
HOT_LOOP WIDE_LOOP static void
finish_totals (MqlwScorer   *self,
               const Finish *f,
               TotalMode     mode)
{
  MqlwScores *s = &self->scores;

  if (mode == TOTAL_UNIT)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, NULL, NULL, s->total,
                 NULL, s->fixed_paths, NULL, f, FALSE, FALSE, FALSE, TOTAL_UNIT);
  else if (mode == TOTAL_BOUNDED)
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, NULL, NULL, s->total,
                 NULL, s->fixed_paths, NULL, f, FALSE, FALSE, FALSE, TOTAL_BOUNDED);
  else
    finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, NULL, NULL, s->total,
                 NULL, s->fixed_paths, NULL, f, FALSE, FALSE, FALSE, TOTAL_ANY);
}

/* Huge or non-finite multipliers: not worth a vector loop. */
static void
finish_any (MqlwScorer   *self,
            const Finish *f)
{
  MqlwScores *s = &self->scores;

  finish_loop (s->n, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
               s->grade, s->fixed_paths, s->changed, f, TRUE, TRUE, TRUE, TOTAL_ANY);
}

/* The constants of the pass for @model; returns how totals are formed. */
TotalMode
mqlw_scorer_prepare_finish (MqlwScorer      *self,
                            const MqlwModel *model,
                            Finish          *out)
{
  gboolean grading = model->grading.enabled;
  gboolean hr = model->paths.hand_raiser && self->hand != NULL;
  TotalMode mode = TOTAL_UNIT;
  Finish f;

  f.band_a = grading ? mqlw_scorer_threshold_hundredths (model->grading.min_fit[MQLW_GRADE_A]) : -SUM_LIMIT - 1;
  f.band_b = grading ? MIN (mqlw_scorer_threshold_hundredths (model->grading.min_fit[MQLW_GRADE_B]), f.band_a) : -SUM_LIMIT - 1;
  f.band_c = grading ? MIN (mqlw_scorer_threshold_hundredths (model->grading.min_fit[MQLW_GRADE_C]), f.band_b) : -SUM_LIMIT - 1;
  for (guint g = 0; g < MQLW_N_GRADES; g++)
    {
      f.multiplier[g] = grading ? model->grading.multiplier[g] : 1.0;
      if (f.multiplier[g] != 1.0 && mode == TOTAL_UNIT)
        mode = TOTAL_BOUNDED;
      if (!(fabs (f.multiplier[g]) <= 1e6))   /* also NAN */
        mode = TOTAL_ANY;
    }
  f.behaviour_min = mqlw_scorer_threshold_hundredths (model->paths.behaviour_min);
  f.gb_mask = model->paths.grade_behaviour ? 1 : 0;
  f.gb_min = model->paths.grade_behaviour_min_grade;
  f.hr_mask = hr ? 2 : 0;
  f.hr_min = model->paths.hand_raiser_min_grade;

  *out = f;
  return mode;
}

/* Grades, totals and the fixed paths, in one pass. */
void
mqlw_scorer_compute_totals (MqlwScorer      *self,
                const MqlwModel *model,
                gboolean         fit_changed,
                gboolean         behaviour_changed)
{
  MqlwScores *s = &self->scores;
  guint n = s->n;
  gboolean hr = model->paths.hand_raiser && self->hand != NULL;
  TotalMode mode;
  Finish f;

  if (model->score_column != NULL)
    {
      MqlwColumn *column = mqlw_dataset_get_column (self->dataset, model->score_column);

      gboolean numeric = column->type == MQLW_COLUMN_TYPE_INTEGER || column->type == MQLW_COLUMN_TYPE_DECIMAL;

      for (guint i = 0; i < n; i++)
        {
          double x = numeric ? mqlw_column_num_at (column, i) : NAN;   /* not numeric: empty for every lead */
          /* No score is no score, never 0 (see the top of the file). */
          gboolean none = isnan (x) || (self->unscored != NULL && self->unscored[i]);

          s->total[i] = none ? NAN : round_half_away (x * 100.0) / 100.0;
          s->fixed_paths[i] = !none && hr && (self->eligible[i] & 2) ? MQLW_PATH_HAND_RAISER : 0;
        }
      if (s->grade != NULL)   /* NULL: totals only */
        {
          memset (s->grade, MQLW_GRADE_A, n);
          memset (s->fit, 0, (gsize) n * sizeof (float));
          memset (s->behaviour, 0, (gsize) n * sizeof (float));
          memset (s->changed, 1, n);
        }
      return;
    }

  mode = mqlw_scorer_prepare_finish (self, model, &f);
  if (self->totals_only)
    finish_totals (self, &f, mode);
  else if (mode == TOTAL_ANY)
    finish_any (self, &f);
  else if (fit_changed && !behaviour_changed)
    finish_fit_changed (self, &f, mode);
  else if (behaviour_changed && !fit_changed)
    finish_behaviour_changed (self, &f, mode);
  else
    finish_all (self, &f, mode);

  if (self->unscored != NULL)
    for (guint i = 0; i < n; i++)
      if (self->unscored[i])
        {
          s->total[i] = NAN;
          s->fixed_paths[i] = 0;
          if (s->changed != NULL)
            s->changed[i] = 1;
        }
}

/* Fails (before anything changes) when a lead's fit or behaviour sum could
 * leave ±SUM_LIMIT hundredths. */
gboolean
mqlw_scorer_check_sums (GPtrArray  *fit_states,
            GPtrArray  *behaviour_states,
            GError    **error)
{
  double fit_bound = 0.0, behaviour_bound = 0.0;

  for (guint j = 0; j < fit_states->len; j++)
    {
      const FitState *state = g_ptr_array_index (fit_states, j);
      fit_bound += state->active ? fabs ((double) state->points) : 0.0;
    }
  for (guint j = 0; j < behaviour_states->len; j++)
    {
      const BehaviourState *state = g_ptr_array_index (behaviour_states, j);
      double percent = state->factors != NULL ? state->factors->max_abs : 100.0;

      if (state->active)
        behaviour_bound += MIN (fabs (state->points) * state->max_count, state->cap) * percent + 1.0;
    }
  if (fit_bound > SUM_LIMIT || behaviour_bound > SUM_LIMIT || isnan (behaviour_bound))
    {
      g_set_error_literal (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE,
                           fit_bound > SUM_LIMIT
                           ? _("the fit rules can give one lead more than 20,000,000 points in all; "
                               "use smaller points or caps")
                           : _("the behaviour rules can give one lead more than 20,000,000 points in all; "
                               "use smaller points or caps"));
      return FALSE;
    }
  return TRUE;
}
