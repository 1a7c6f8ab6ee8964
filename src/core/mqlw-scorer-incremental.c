/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-scorer-private.h"

/* How a weight edit stays small
 *
 * Most what-if steps change one number: the points of one criterion, or a
 * behaviour rule's cap. Such an edit can change the sums only of the leads
 * the criterion gives points to: a fit rule's matches, a behaviour rule's
 * leads with a count ≠ 0 and a decay factor ≠ 0 (for the others the
 * contribution is round (clamp (points × 0) × factor) = 0, or × 0 = 0, at
 * any finite points and cap). Those leads are listed once per rule, on its
 * first such edit, and the list is kept while the rule's condition (or count
 * column and decay factors) stays, as its match bytes are. An edit then adds
 * new − old hundredths to the listed leads' sums, finishes each of those
 * leads as it goes (finish_lead (): its places are visited once, at a lead
 * a cache miss away from the last) and hands the ones whose total or paths moved
 * to the histogram (MqlwScores.changed_rows). The sums are exact integers, so
 * this gives the bits of the full pass.
 *
 * Everything else takes the full path of mqlw-scorer.c: two rules edited at
 * once, a condition, the decay table, grading, a path, a disqualifier, the
 * unscored columns, score-column mode, points that are not finite, or a list
 * of more than 1/16 of the leads. Above that the listed leads are so close
 * together that nearly every cache line of every per-lead array is touched
 * anyway, and the vector passes stream them faster than the scattered
 * per-lead work: measured at 1 M leads on the shared 2-core machine, a
 * demo-request weight (21 % of the leads) took 8–11 ms of CPU a step listed
 * against 6.5–7 ms through the full pass, interleaved. An
 * edit that changes no per-lead figure at all (threshold, capacity, names,
 * labels) lists no lead. */

/* A rule listing more than n / dense_fraction leads is left to the full pass. */
#define DENSE_FRACTION 16
#define LIST_BLOCK     4096

static guint dense_fraction = DENSE_FRACTION;

/* Tests: list rules up to n / @fraction leads (0: the default). */
void
mqlw_scorer_set_dense_fraction_for_testing (guint fraction)
{
  dense_fraction = fraction != 0 ? fraction : DENSE_FRACTION;
}

void
mqlw_scorer_rule_rows_clear (RuleRows *rows)
{
  g_clear_pointer (&rows->rows, g_free);
  g_clear_pointer (&rows->count, g_free);
  g_clear_pointer (&rows->percent, g_free);
  rows->n_rows = 0;
  rows->too_many = FALSE;
}

void
mqlw_scorer_rule_rows_take (RuleRows *to,
                            RuleRows *from)
{
  mqlw_scorer_rule_rows_clear (to);
  *to = *from;
  memset (from, 0, sizeof *from);
}

/* The full path wrote every lead's flag: no list. */
void
mqlw_scorer_forget_changed_rows (MqlwScorer *self)
{
  self->scores.changed_rows = NULL;
  self->scores.n_changed_rows = 0;
  self->scores.changed_total = NULL;
  self->scores.changed_paths = NULL;
}

/* Lists the leads where @keep[i] != 0, without a branch per lead; gives up
 * (too_many) past n / dense_fraction of them. */
static void
list_rows (RuleRows     *out,
           const guint8 *keep,
           guint         n)
{
  guint limit = n / dense_fraction;
  g_autofree guint32 *rows = g_new (guint32, (gsize) limit + LIST_BLOCK);
  guint k = 0;

  for (guint block = 0; block < n; block += LIST_BLOCK)
    {
      guint end = MIN (n, block + LIST_BLOCK);

      for (guint i = block; i < end; i++)
        {
          rows[k] = i;
          k += keep[i] != 0;
        }
      if (k > limit)
        {
          out->too_many = TRUE;
          return;
        }
    }
  out->rows = g_renew (guint32, g_steal_pointer (&rows), MAX (k, 1));
  out->n_rows = k;
}

static void
list_fit_rows (MqlwScorer *self,
               FitState   *state)
{
  list_rows (&state->rows, state->match, self->dataset->n_rows);
}

static void
list_behaviour_rows (MqlwScorer     *self,
                     BehaviourState *state)
{
  guint n = self->dataset->n_rows;
  const MqlwColumn *column = state->column;
  const float *percent = state->factors != NULL ? state->factors->percent : NULL;
  g_autofree guint8 *keep = g_new (guint8, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      gboolean counted = column->type == MQLW_COLUMN_TYPE_BOOLEAN ? column->boolean[i] > 0
                                                                   : mqlw_column_num_at (column, i) != 0.0 &&
                                                                     !isnan (mqlw_column_num_at (column, i));

      keep[i] = counted && (percent == NULL || percent[i] != 0.0f);
    }
  list_rows (&state->rows, keep, n);
  if (state->rows.rows == NULL)
    return;

  /* The inputs of add_behaviour_rows (), in list order. */
  state->rows.count = g_new (double, MAX (state->rows.n_rows, 1));
  state->rows.percent = g_new (float, MAX (state->rows.n_rows, 1));
  for (guint j = 0; j < state->rows.n_rows; j++)
    {
      guint i = state->rows.rows[j];
      double count;

      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        count = column->boolean[i] > 0 ? 1.0 : 0.0;
      else
        {
          count = mqlw_column_num_at (column, i);
          count = isnan (count) ? 0.0 : count;
        }
      state->rows.count[j] = count;
      state->rows.percent[j] = percent != NULL ? percent[i] : 100.0f;
    }
}

/* Room for @room changed leads in the lists (changed_rows and the new
 * totals and paths beside it), their pages touched now rather than in an
 * edit; the last update's lists (when they are these buffers) are kept. */
static void
reserve_changed_rows (MqlwScorer *self,
                      guint       room)
{
  MqlwScores *s = &self->scores;
  guint32 *rows;
  double *totals;
  guint8 *paths;

  if (self->changed_rows != NULL && self->changed_room >= room)
    return;
  rows = g_new0 (guint32, room);
  totals = g_new0 (double, room);
  paths = g_new0 (guint8, room);
  if (self->changed_rows != NULL && s->changed_rows == self->changed_rows)
    {
      memcpy (rows, self->changed_rows, (gsize) s->n_changed_rows * sizeof (guint32));
      memcpy (totals, self->changed_total, (gsize) s->n_changed_rows * sizeof (double));
      memcpy (paths, self->changed_paths, s->n_changed_rows);
      s->changed_rows = rows;
      s->changed_total = totals;
      s->changed_paths = paths;
    }
  g_free (self->changed_rows);
  g_free (self->changed_total);
  g_free (self->changed_paths);
  self->changed_rows = rows;
  self->changed_total = totals;
  self->changed_paths = paths;
  self->changed_room = room;
}

void
mqlw_scorer_prepare_edits (MqlwScorer *self)
{
  guint room = 1;

  g_return_if_fail (self != NULL);

  for (guint j = 0; j < self->fit_states->len; j++)
    {
      FitState *state = g_ptr_array_index (self->fit_states, j);

      if (state->active && state->match != NULL && state->rows.rows == NULL && !state->rows.too_many)
        list_fit_rows (self, state);
    }
  for (guint j = 0; j < self->behaviour_states->len; j++)
    {
      BehaviourState *state = g_ptr_array_index (self->behaviour_states, j);

      if (state->active && state->rows.rows == NULL && !state->rows.too_many)
        list_behaviour_rows (self, state);
      room = MAX (room, state->rows.n_rows + 1);   /* + 1: see mqlw_scorer_try_incremental () */
    }
  for (guint j = 0; j < self->fit_states->len; j++)
    room = MAX (room, ((FitState *) g_ptr_array_index (self->fit_states, j))->rows.n_rows + 1);
  reserve_changed_rows (self, room);
}

static gboolean
same_fit_rule (const MqlwFitRule *a,
               const MqlwFitRule *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && !a->enabled == !b->enabled &&
         (!a->enabled || mqlw_scorer_equal_matches (&a->match, &b->match));
}

static gboolean
same_behaviour_rule (const MqlwBehaviourRule *a,
                     const MqlwBehaviourRule *b)
{
  return g_strcmp0 (a->id, b->id) == 0 && !a->enabled == !b->enabled &&
         (!a->enabled || (g_strcmp0 (a->activity, b->activity) == 0 &&
                          g_strcmp0 (a->date_column, b->date_column) == 0 && !a->decay == !b->decay));
}

static gboolean
same_disqualifiers (const MqlwModel *a,
                    const MqlwModel *b)
{
  if (a->disqualifiers->len != b->disqualifiers->len)
    return FALSE;
  for (guint k = 0; k < a->disqualifiers->len; k++)
    {
      const MqlwDisqualifier *x = g_ptr_array_index (a->disqualifiers, k);
      const MqlwDisqualifier *y = g_ptr_array_index (b->disqualifiers, k);

      if (g_strcmp0 (x->id, y->id) != 0 || !x->enabled != !y->enabled ||
          (x->enabled && !mqlw_scorer_equal_matches (&x->match, &y->match)))
        return FALSE;
    }
  return TRUE;
}

/* Everything but the rules' points (and caps) that a per-lead figure reads. */
static gboolean
same_frame (const MqlwModel *a,
            const MqlwModel *b)
{
  return a->score_column == NULL && b->score_column == NULL &&
         a->fit->len == b->fit->len && a->behaviour->len == b->behaviour->len &&
         mqlw_scorer_equal_decay (&a->decay, &b->decay) &&
         mqlw_scorer_equal_strvs (a->unscored_when_missing, b->unscored_when_missing) &&
         !a->grading.enabled == !b->grading.enabled &&
         memcmp (a->grading.min_fit, b->grading.min_fit, sizeof a->grading.min_fit) == 0 &&
         memcmp (a->grading.multiplier, b->grading.multiplier, sizeof a->grading.multiplier) == 0 &&
         !a->paths.grade_behaviour == !b->paths.grade_behaviour &&
         a->paths.grade_behaviour_min_grade == b->paths.grade_behaviour_min_grade &&
         a->paths.behaviour_min == b->paths.behaviour_min &&   /* NAN: never the same */
         !a->paths.hand_raiser == !b->paths.hand_raiser &&
         mqlw_scorer_equal_strvs (a->paths.hand_raiser_activities, b->paths.hand_raiser_activities) &&
         a->paths.hand_raiser_min_grade == b->paths.hand_raiser_min_grade &&
         same_disqualifiers (a, b);
}

/* Which one rule's points (or cap) changed, if that is the only per-lead
 * change: *fit_rule or *behaviour_rule is its index (−1 for none of that
 * kind); both −1 when no per-lead figure changes. */
static gboolean
find_single_edit (MqlwScorer      *self,
                  const MqlwModel *old,
                  const MqlwModel *model,
                  GPtrArray       *fit_states,
                  GPtrArray       *behaviour_states,
                  gint            *fit_rule,
                  gint            *behaviour_rule)
{
  guint edits = 0;

  *fit_rule = *behaviour_rule = -1;
  if (!same_frame (old, model))
    return FALSE;
  for (guint j = 0; j < model->fit->len; j++)
    {
      const FitState *state = g_ptr_array_index (fit_states, j);
      const FitState *before = g_ptr_array_index (self->fit_states, j);

      if (!same_fit_rule (g_ptr_array_index (old->fit, j), g_ptr_array_index (model->fit, j)))
        return FALSE;
      if (state->points != before->points)
        {
          *fit_rule = (gint) j;
          edits++;
        }
    }
  for (guint j = 0; j < model->behaviour->len; j++)
    {
      const BehaviourState *state = g_ptr_array_index (behaviour_states, j);
      const BehaviourState *before = g_ptr_array_index (self->behaviour_states, j);

      if (!same_behaviour_rule (g_ptr_array_index (old->behaviour, j), g_ptr_array_index (model->behaviour, j)) ||
          state->column != before->column || state->factors != before->factors)
        return FALSE;
      if (state->active && (state->points != before->points || !mqlw_scorer_equal_cap (state->cap, before->cap)))
        {
          /* Past finite points, a lead without a count is no longer sure to get 0. */
          if (!isfinite (state->points) || !isfinite (before->points))
            return FALSE;
          *behaviour_rule = (gint) j;
          edits++;
        }
    }
  return edits <= 1;
}

/* How far ahead the edit loops prefetch a listed lead's places: its per-lead
 * arrays are read at scattered leads, one cache line each, and a few dozen
 * leads ahead keep enough of those misses in flight. */
#define PREFETCH_AHEAD 16

/* Lead @i's sum has moved: its total, paths (and the floats of the edited
 * kind) anew, flagged in scores.changed (0 until now) and listed at
 * @n_changed in the changed lists (lead, new total, new paths) when its
 * total or paths changed; returns the new count. An unscored lead was and
 * stays unscored: only its sums move. */
static ALWAYS_INLINE guint
finish_lead (MqlwScorer   *self,
             guint         i,
             const Finish *f,
             gboolean      fit_edit,
             TotalMode     mode,
             guint         n_changed)
{
  MqlwScores *s = &self->scores;
  guint8 changed;

  changed = finish_one (i, self->fit_sum, self->behaviour_sum, self->eligible, s->fit, s->behaviour, s->total,
                        s->grade, s->fixed_paths, f, fit_edit, !fit_edit, mode);
  if (self->unscored != NULL && self->unscored[i])
    {
      s->total[i] = NAN;
      s->fixed_paths[i] = 0;
      changed = 0;
    }
  s->changed[i] = changed;
  self->changed_rows[n_changed] = i;
  self->changed_total[n_changed] = s->total[i];
  self->changed_paths[n_changed] = s->fixed_paths[i];
  return n_changed + changed;
}

/* Asks for the places lead @i's finish reads and writes. */
static ALWAYS_INLINE void
prefetch_lead (MqlwScorer *self,
               guint       i,
               gboolean    fit_edit)
{
  MqlwScores *s = &self->scores;

  __builtin_prefetch (&self->fit_sum[i], 1);
  __builtin_prefetch (&self->behaviour_sum[i], 1);
  __builtin_prefetch (&self->eligible[i]);
  __builtin_prefetch (&s->total[i], 1);
  __builtin_prefetch (&s->fixed_paths[i], 1);
  __builtin_prefetch (&s->changed[i], 1);
  if (self->unscored != NULL)
    __builtin_prefetch (&self->unscored[i]);
  if (fit_edit)
    {
      __builtin_prefetch (&s->fit[i], 1);
      __builtin_prefetch (&s->grade[i], 1);
    }
  else
    __builtin_prefetch (&s->behaviour[i], 1);
}

/* A fit rule's points edit: @delta hundredths added to its leads @rows, each
 * finished as it is reached (one visit of its places, not two). */
static ALWAYS_INLINE guint
edit_fit_rows_loop (MqlwScorer    *self,
                    const guint32 *rows,
                    guint          n_rows,
                    gint32         delta,
                    const Finish  *f,
                    TotalMode      mode)
{
  guint32 *sum = (guint32 *) self->fit_sum;
  guint n_changed = 0;

  for (guint j = 0; j < n_rows; j++)
    {
      const guint i = rows[j];

      if (j + PREFETCH_AHEAD < n_rows)
        prefetch_lead (self, rows[j + PREFETCH_AHEAD], TRUE);
      sum[i] += (guint32) delta;   /* unsigned: see apply_behaviour_delta_loop () */
      n_changed = finish_lead (self, i, f, TRUE, mode, n_changed);
    }
  return n_changed;
}

/* A behaviour rule's points or cap edit, from @from to @to, over its leads
 * (with their counts and factors gathered in @list); a lead whose
 * contribution stays (capped before and after, say) is left alone. */
static ALWAYS_INLINE guint
edit_behaviour_rows_loop (MqlwScorer           *self,
                          const RuleRows       *list,
                          const BehaviourState *from,
                          const BehaviourState *to,
                          const Finish         *f,
                          TotalMode             mode)
{
  guint32 *sum = (guint32 *) self->behaviour_sum;
  const guint32 *rows = list->rows;
  const double *counts = list->count;
  const float *percents = list->percent;
  const double from_points = from->points, from_cap = from->cap;
  const double to_points = to->points, to_cap = to->cap;
  const guint n_rows = list->n_rows;
  guint n_changed = 0;

  for (guint j = 0; j < n_rows; j++)
    {
      const guint i = rows[j];
      const double count = counts[j], p = (double) percents[j];
      const gint32 before = behaviour_hundredths (count, p, from_points, from_cap);
      const gint32 after = behaviour_hundredths (count, p, to_points, to_cap);

      if (j + PREFETCH_AHEAD < n_rows)
        prefetch_lead (self, rows[j + PREFETCH_AHEAD], FALSE);
      if (before == after)
        continue;
      sum[i] = sum[i] - (guint32) before + (guint32) after;
      n_changed = finish_lead (self, i, f, FALSE, mode, n_changed);
    }
  return n_changed;
}

/* The loops specialised on how totals are formed. Scalar: TOTAL_ANY rounds
 * exactly as TOTAL_BOUNDED in its range, so any mode but TOTAL_UNIT gives
 * the bits of the vector pass with it. */
HOT_LOOP static guint
edit_fit_rows (MqlwScorer      *self,
               const MqlwModel *model,
               const RuleRows  *list,
               gint32           delta)
{
  Finish f;

  if (mqlw_scorer_prepare_finish (self, model, &f) == TOTAL_UNIT)
    return edit_fit_rows_loop (self, list->rows, list->n_rows, delta, &f, TOTAL_UNIT);
  return edit_fit_rows_loop (self, list->rows, list->n_rows, delta, &f, TOTAL_ANY);
}

HOT_LOOP static guint
edit_behaviour_rows (MqlwScorer           *self,
                     const MqlwModel      *model,
                     const RuleRows       *list,
                     const BehaviourState *from,
                     const BehaviourState *to)
{
  Finish f;

  if (mqlw_scorer_prepare_finish (self, model, &f) == TOTAL_UNIT)
    return edit_behaviour_rows_loop (self, list, from, to, &f, TOTAL_UNIT);
  return edit_behaviour_rows_loop (self, list, from, to, &f, TOTAL_ANY);
}

/* Applies @model when it differs from @old in one rule's points or cap at
 * most, touching only that rule's leads; FALSE (and nothing changed) when
 * it cannot. @fit_states and @behaviour_states are the planned states of
 * @model; on TRUE they have taken the old states' match bytes and lists, and
 * the caller installs them. */
gboolean
mqlw_scorer_try_incremental (MqlwScorer      *self,
                             const MqlwModel *old,
                             const MqlwModel *model,
                             GPtrArray       *fit_states,
                             GPtrArray       *behaviour_states)
{
  MqlwScores *s = &self->scores;
  gint fit_rule, behaviour_rule;
  const RuleRows *rows = NULL;
  guint n_changed = 0;

  if (old == NULL || !find_single_edit (self, old, model, fit_states, behaviour_states, &fit_rule, &behaviour_rule))
    return FALSE;
  if (fit_rule >= 0)
    {
      FitState *before = g_ptr_array_index (self->fit_states, fit_rule);

      if (before->rows.rows == NULL && !before->rows.too_many)
        list_fit_rows (self, before);
      rows = &before->rows;
    }
  else if (behaviour_rule >= 0)
    {
      BehaviourState *before = g_ptr_array_index (self->behaviour_states, behaviour_rule);

      if (before->rows.rows == NULL && !before->rows.too_many)
        list_behaviour_rows (self, before);
      rows = &before->rows;
    }
  if (rows != NULL && rows->too_many)
    return FALSE;

  /* From here on the edit is applied. Flags of the last step go first. */
  if (s->changed_rows != NULL)
    for (guint j = 0; j < s->n_changed_rows; j++)
      s->changed[s->changed_rows[j]] = 0;
  else
    memset (s->changed, 0, s->n);
  /* + 1: finish_lead () writes one ahead. The last lists are not kept. */
  mqlw_scorer_forget_changed_rows (self);
  reserve_changed_rows (self, rows != NULL ? rows->n_rows + 1 : 1);

  /* The listed leads' sums and, where those moved, totals and paths; the
   * leads whose total or paths moved go to changed_rows. */
  g_assert (model->score_column == NULL);
  if (fit_rule >= 0)
    {
      const FitState *before = g_ptr_array_index (self->fit_states, fit_rule);
      const FitState *state = g_ptr_array_index (fit_states, fit_rule);

      n_changed = edit_fit_rows (self, model, rows, state->points - before->points);
    }
  else if (behaviour_rule >= 0)
    n_changed = edit_behaviour_rows (self, model, rows, g_ptr_array_index (self->behaviour_states, behaviour_rule),
                                     g_ptr_array_index (behaviour_states, behaviour_rule));

  /* The new states keep what the old ones compiled. */
  for (guint j = 0; j < fit_states->len; j++)
    {
      FitState *state = g_ptr_array_index (fit_states, j);
      FitState *before = g_ptr_array_index (self->fit_states, j);

      state->match = g_steal_pointer (&before->match);
      mqlw_scorer_rule_rows_take (&state->rows, &before->rows);
    }
  for (guint j = 0; j < behaviour_states->len; j++)
    mqlw_scorer_rule_rows_take (&((BehaviourState *) g_ptr_array_index (behaviour_states, j))->rows,
                                &((BehaviourState *) g_ptr_array_index (self->behaviour_states, j))->rows);

  s->changed_rows = self->changed_rows;
  s->n_changed_rows = n_changed;
  s->changed_total = self->changed_total;
  s->changed_paths = self->changed_paths;
  return TRUE;
}
