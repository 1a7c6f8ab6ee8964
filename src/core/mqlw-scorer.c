/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-scorer-private.h"

/* How a model is applied:
 *
 * - every lead's fit and behaviour points are kept as exact sums of
 *   hundredths of a point (gint32): each rule's contribution to a lead is
 *   rounded to 0.01 once (half away from zero) before it is added, as
 *   mqlw-model.h says;
 * - every enabled fit rule keeps a match byte per lead (1 = the rule hits);
 *   a points change adds (new − old) hundredths where the byte is 1: one pass
 *   over the match bytes;
 * - a behaviour rule keeps no column of its own: its contribution
 *   round (clamp (points × count, ±|cap|) × 100 × decay) is recomputed from
 *   the count column and the decay factors (kept per date column, as
 *   percentages), so a points or cap change is one pass adding
 *   new − old contribution;
 * - enabling, disabling, adding and removing a rule is the same delta from or
 *   to nothing; rules are paired by id, so reordering costs nothing; a new
 *   decay table, or a switch to or from score-column mode, rebuilds the sums;
 * - integer sums do not depend on the order of the additions, so an updated
 *   scorer and a fresh one give identical bits; the public float fit and
 *   behaviour, grades, totals and fixed paths are then rebuilt from the sums in
 *   one pass;
 * - a model whose rules could give one lead more than ±20,000,000 fit or
 *   behaviour points in all is refused (MQLW_SCORER_ERROR_TOO_LARGE).
 *
 * Semantics that the header leaves open:
 * - only enabled rules, disqualifiers and paths are checked against the data;
 *   a rule is checked when it becomes enabled (mqlw_scorer_update);
 * - score_column models: total = round2 (value); fit/behaviour rules are
 *   ignored (not checked), every lead is grade A, the grade+behaviour path does
 *   not apply, disqualifiers and the hand-raiser path do;
 * - an unscored lead (an empty score in a score_column model, or every column
 *   of the model's unscored_when_missing missing) gets total = NAN and no fixed
 *   path: calibration leaves it out of every figure and counts it apart;
 * - "not_in" matches a present value that is none of the values (a missing
 *   value never matches); "contains" matches text holding any of the values,
 *   compared case-folded, and is refused on columns that are not text;
 * - grade bands and behaviour_min are compared with the exact sums (k / 100);
 * - total = round (fit + multiplier[grade] × behaviour) to 0.01, half away from zero;
 * - the grade+behaviour path compares the behaviour points before the grade
 *   multiplier with behaviour_min;
 * - a lead whose as-of date is missing uses the latest activity date of the data;
 * - activity counts may be INTEGER, DECIMAL or BOOLEAN (0/1, e.g. unsubscribed);
 * - DATE columns: "equals"/"in" take dates ("2025-03-04"), "range" takes
 *   days since 1970-01-01. */

G_DEFINE_QUARK (mqlw-scorer-error-quark, mqlw_scorer_error)

static void
fit_state_free (FitState *state)
{
  g_free (state->match);
  mqlw_scorer_rule_rows_clear (&state->rows);
  g_free (state);
}

static void
behaviour_state_free (BehaviourState *state)
{
  mqlw_scorer_rule_rows_clear (&state->rows);
  g_free (state);
}

/* The first rule of @rules (from index 0) with @id that is not taken yet, or -1. */
static gint
take_rule (GPtrArray  *rules,
           gboolean   *taken,
           const char *id)
{
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      char **other = g_ptr_array_index (rules, i);   /* the first member of every rule struct */

      if (!taken[i] && g_strcmp0 (*other, id) == 0)
        {
          taken[i] = TRUE;
          return (gint) i;
        }
    }
  return -1;
}

/* A what-if step reads and writes scattered leads in a dozen per-lead
 * arrays: with 4 KiB pages nearly every one of those accesses also misses
 * the TLB (a million leads span 2 000 pages per double array), with 2 MiB
 * pages the arrays of ten million leads fit in it. calloc leaves the pages
 * of a large block untouched, so the advice comes before their first fault. */
gpointer
mqlw_scorer_alloc_leads (gsize n,
                         gsize size)
{
  gpointer data = g_malloc0_n (MAX (n, 1), size);

  mqlw_storage_advise_huge (data, MAX (n, 1) * size);
  return data;
}

/* As mqlw_scorer_alloc_leads (), or NULL when memory refuses it. */
static gpointer
try_alloc_leads (gsize n,
                 gsize size)
{
  gpointer data = g_try_malloc0_n (MAX (n, 1), size);

  if (data != NULL)
    mqlw_storage_advise_huge (data, MAX (n, 1) * size);
  return data;
}

/* A generation no scorer has had (see MqlwScores). */
static guint64
next_generation (void)
{
  static guint64 last = 0;

  return __atomic_add_fetch (&last, 1, __ATOMIC_RELAXED);
}

static gboolean
apply_model (MqlwScorer  *self,
             MqlwModel   *model,
             GError     **error)
{
  MqlwModel *old = self->snapshot;
  g_autoptr(MqlwModel) snapshot = NULL;
  g_autoptr(GPtrArray) fit_states = NULL;
  g_autoptr(GPtrArray) behaviour_states = NULL;
  g_autoptr(GHashTable) new_factors = NULL;
  g_autofree gboolean *fit_taken = NULL;
  g_autofree gboolean *behaviour_taken = NULL;
  GHashTable *factor_table;
  gboolean score_mode = model->score_column != NULL;
  gboolean rebuild_fit, rebuild_behaviour;
  gboolean fit_changed = FALSE, behaviour_changed = FALSE, totals_changed;
  gboolean disq_changed, hand_changed, unscored_changed;
  guint n = self->dataset->n_rows;

  if (!mqlw_scorer_check_model (self->dataset, model, error))
    return FALSE;

  snapshot = mqlw_model_copy (model);
  /* A new scorer or a switch to or from score-column mode (and, for behaviour,
   * a new decay table): start the sums from zero rather than pairing old and
   * new rules. */
  rebuild_fit = old == NULL || (old->score_column != NULL) != score_mode;
  rebuild_behaviour = rebuild_fit || !mqlw_scorer_equal_decay (&old->decay, &snapshot->decay);
  if (rebuild_behaviour)
    new_factors = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mqlw_scorer_decay_factors_free);
  factor_table = rebuild_behaviour ? new_factors : self->decay_factors;

  /* Plan: the new states, before anything changes. */
  fit_states = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_state_free);
  for (guint j = 0; j < snapshot->fit->len; j++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (snapshot->fit, j);
      FitState *state = g_new0 (FitState, 1);

      state->active = !score_mode && rule->enabled;
      state->points = state->active ? mqlw_scorer_fit_hundredths (rule->points) : 0;
      g_ptr_array_add (fit_states, state);
    }
  behaviour_states = g_ptr_array_new_with_free_func ((GDestroyNotify) behaviour_state_free);
  for (guint j = 0; j < snapshot->behaviour->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (snapshot->behaviour, j);
      BehaviourState *state = g_new0 (BehaviourState, 1);
      MqlwColumn *date_column;

      g_ptr_array_add (behaviour_states, state);
      state->active = !score_mode && rule->enabled;
      if (!state->active)
        continue;
      state->column = mqlw_dataset_get_column (self->dataset, rule->activity);
      state->points = rule->points;
      state->cap = isnan (rule->cap) ? INFINITY : fabs (rule->cap);
      state->max_count = mqlw_scorer_max_count (self, state->column);
      date_column = mqlw_scorer_find_date_column (self, snapshot, rule);
      if (date_column != NULL)
        state->factors = mqlw_scorer_ensure_decay_factors (self, factor_table, &snapshot->decay, date_column);
    }
  if (!mqlw_scorer_check_sums (fit_states, behaviour_states, error))
    return FALSE;

  /* One criterion's points edited: only its leads (mqlw-scorer-incremental.c). */
  if (!rebuild_behaviour && mqlw_scorer_try_incremental (self, old, snapshot, fit_states, behaviour_states))
    {
      g_ptr_array_unref (self->fit_states);
      self->fit_states = g_steal_pointer (&fit_states);
      g_ptr_array_unref (self->behaviour_states);
      self->behaviour_states = g_steal_pointer (&behaviour_states);
      goto done;
    }

  /* From here on nothing fails. */
  if (rebuild_fit)
    {
      memset (self->fit_sum, 0, (gsize) n * sizeof (gint32));
      g_ptr_array_set_size (self->fit_states, 0);
      fit_changed = TRUE;
    }
  if (rebuild_behaviour)
    {
      memset (self->behaviour_sum, 0, (gsize) n * sizeof (gint32));
      g_ptr_array_set_size (self->behaviour_states, 0);
      g_hash_table_unref (self->decay_factors);
      self->decay_factors = g_steal_pointer (&new_factors);
      behaviour_changed = TRUE;
    }
  fit_taken = g_new0 (gboolean, self->fit_states->len + 1);
  behaviour_taken = g_new0 (gboolean, self->behaviour_states->len + 1);

  /* Fit: pair each rule with the old rule of the same id; sums are exact
   * integers, so the order of the additions does not matter. */
  for (guint j = 0; j < fit_states->len; j++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (snapshot->fit, j);
      FitState *state = g_ptr_array_index (fit_states, j);
      gint o = rebuild_fit ? -1 : take_rule (old->fit, fit_taken, rule->id);
      FitState *before = o >= 0 ? g_ptr_array_index (self->fit_states, o) : NULL;

      if (before != NULL && before->active && state->active &&
          mqlw_scorer_equal_matches (&((const MqlwFitRule *) g_ptr_array_index (old->fit, o))->match, &rule->match))
        {
          state->match = g_steal_pointer (&before->match);
          mqlw_scorer_rule_rows_take (&state->rows, &before->rows);
          if (state->points != before->points)
            {
              mqlw_scorer_apply_fit_delta (self, state->match, state->points - before->points);
              fit_changed = TRUE;
            }
          continue;
        }
      if (before != NULL && before->active)
        {
          mqlw_scorer_apply_fit_delta (self, before->match, -before->points);
          fit_changed = TRUE;
        }
      if (state->active)
        {
          state->match = mqlw_scorer_compile_match (self->dataset, &rule->match);
          if (state->points != 0)
            mqlw_scorer_apply_fit_delta (self, state->match, state->points);
          /* Never updated: its matches are in the sums, one at a time. */
          if (self->totals_only)
            g_clear_pointer (&state->match, g_free);
          fit_changed = TRUE;
        }
    }
  for (guint o = 0; o < self->fit_states->len; o++)
    {
      const FitState *before = g_ptr_array_index (self->fit_states, o);

      if (!fit_taken[o] && before->active)
        {
          mqlw_scorer_apply_fit_delta (self, before->match, -before->points);
          fit_changed = TRUE;
        }
    }

  /* Behaviour: the same pairing; a rule keeps its count column and decay
   * factors, or is taken out and put back in. */
  for (guint j = 0; j < behaviour_states->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (snapshot->behaviour, j);
      BehaviourState *state = g_ptr_array_index (behaviour_states, j);
      gint o = rebuild_behaviour ? -1 : take_rule (old->behaviour, behaviour_taken, rule->id);
      BehaviourState *before = o >= 0 ? g_ptr_array_index (self->behaviour_states, o) : NULL;

      if (before != NULL && !before->active)
        before = NULL;
      if (before != NULL && state->active &&
          before->column == state->column && before->factors == state->factors)
        {
          mqlw_scorer_rule_rows_take (&state->rows, &before->rows);
          if (before->points != state->points || !mqlw_scorer_equal_cap (before->cap, state->cap))
            {
              mqlw_scorer_apply_behaviour_delta (self, before, state);
              behaviour_changed = TRUE;
            }
          continue;
        }
      if (before != NULL)
        mqlw_scorer_apply_behaviour_delta (self, before, NULL);
      if (state->active)
        mqlw_scorer_apply_behaviour_delta (self, NULL, state);
      behaviour_changed = behaviour_changed || before != NULL || state->active;
    }
  for (guint o = 0; o < self->behaviour_states->len; o++)
    {
      const BehaviourState *before = g_ptr_array_index (self->behaviour_states, o);

      if (!behaviour_taken[o] && before->active)
        {
          mqlw_scorer_apply_behaviour_delta (self, before, NULL);
          behaviour_changed = TRUE;
        }
    }

  g_ptr_array_unref (self->fit_states);
  self->fit_states = g_steal_pointer (&fit_states);
  g_ptr_array_unref (self->behaviour_states);
  self->behaviour_states = g_steal_pointer (&behaviour_states);

  /* Drop the decay factors no rule uses any more (a rule moved to another date column). */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->decay_factors);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        gboolean used = FALSE;

        for (guint j = 0; !used && j < self->behaviour_states->len; j++)
          {
            const BehaviourState *state = g_ptr_array_index (self->behaviour_states, j);
            used = state->factors == g_hash_table_lookup (self->decay_factors, key);
          }
        if (!used)
          g_hash_table_iter_remove (&iter);
      }
  }

  disq_changed = mqlw_scorer_update_disqualifiers (self, old, snapshot);
  hand_changed = old == NULL || !old->paths.hand_raiser != !snapshot->paths.hand_raiser ||
                 !mqlw_scorer_equal_strvs (old->paths.hand_raiser_activities, snapshot->paths.hand_raiser_activities);
  if (hand_changed)
    mqlw_scorer_compute_hand (self, snapshot);
  if (disq_changed || hand_changed)
    mqlw_scorer_compute_eligible (self);
  unscored_changed = old == NULL || !mqlw_scorer_equal_strvs (old->unscored_when_missing, snapshot->unscored_when_missing);
  if (unscored_changed)
    mqlw_scorer_compute_unscored (self, snapshot);

  totals_changed = fit_changed || behaviour_changed || disq_changed || hand_changed || unscored_changed ||
                   g_strcmp0 (old->score_column, snapshot->score_column) != 0 ||
                   !old->grading.enabled != !snapshot->grading.enabled ||
                   memcmp (old->grading.min_fit, snapshot->grading.min_fit, sizeof old->grading.min_fit) != 0 ||
                   memcmp (old->grading.multiplier, snapshot->grading.multiplier, sizeof old->grading.multiplier) != 0 ||
                   !old->paths.grade_behaviour != !snapshot->paths.grade_behaviour ||
                   old->paths.grade_behaviour_min_grade != snapshot->paths.grade_behaviour_min_grade ||
                   old->paths.behaviour_min != snapshot->paths.behaviour_min ||
                   old->paths.hand_raiser_min_grade != snapshot->paths.hand_raiser_min_grade;
  /* The threshold, name, description and capacity do not change any per-lead array.
   * Grades follow the fit sums and the bands: rewrite them with the fit floats. */
  if (totals_changed)
    {
      gboolean grades_changed = fit_changed || old == NULL || !old->grading.enabled != !snapshot->grading.enabled ||
                                g_strcmp0 (old->score_column, snapshot->score_column) != 0 ||
                                memcmp (old->grading.min_fit, snapshot->grading.min_fit, sizeof old->grading.min_fit) != 0;

      mqlw_scorer_compute_totals (self, snapshot, grades_changed, behaviour_changed || old == NULL ||
                      g_strcmp0 (old->score_column, snapshot->score_column) != 0);
    }

  /* Which leads this update may have changed (see MqlwScores). */
  if (self->scores.changed == NULL)
    ;   /* totals only */
  else if (!totals_changed)
    memset (self->scores.changed, 0, self->scores.n);
  else if (disq_changed)
    memset (self->scores.changed, 1, self->scores.n);
  mqlw_scorer_forget_changed_rows (self);

done:
  self->scores.changed_since = self->scores.generation;
  self->scores.generation = next_generation ();

  g_clear_pointer (&self->snapshot, mqlw_model_unref);
  self->snapshot = g_steal_pointer (&snapshot);
  if (self->model != model)
    {
      g_clear_pointer (&self->model, mqlw_model_unref);
      self->model = mqlw_model_ref (model);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Public API                                                         */

/* The latest activity date of @dataset, or MQLW_DATE_MISSING (the decay's
 * "as of" for a lead without one). */
static gint32
find_latest_day (MqlwDataset *dataset)
{
  gint32 latest = MQLW_DATE_MISSING;

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);

      if (column->role != MQLW_ROLE_ACTIVITY_DATE || column->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      for (guint i = 0; i < column->n_rows; i++)
        if (column->days[i] != MQLW_DATE_MISSING &&
            (latest == MQLW_DATE_MISSING || column->days[i] > latest))
          latest = column->days[i];
    }
  return latest;
}

/* A scorer with no per-lead arrays and no model yet. */
static MqlwScorer *
scorer_alloc (MqlwDataset *dataset,
              gboolean     totals_only)
{
  MqlwScorer *self = g_new0 (MqlwScorer, 1);

  self->dataset = mqlw_dataset_ref (dataset);
  self->fit_states = g_ptr_array_new_with_free_func ((GDestroyNotify) fit_state_free);
  self->behaviour_states = g_ptr_array_new_with_free_func ((GDestroyNotify) behaviour_state_free);
  self->disqualifier_states = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_scorer_disqualifier_state_free);
  self->decay_factors = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) mqlw_scorer_decay_factors_free);
  self->max_counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->as_of = mqlw_dataset_find_role (dataset, MQLW_ROLE_AS_OF);
  if (self->as_of != NULL && self->as_of->type != MQLW_COLUMN_TYPE_DATE)
    self->as_of = NULL;
  self->latest_day = MQLW_DATE_MISSING;
  self->totals_only = totals_only;
  self->scores.n = dataset->n_rows;
  return self;
}

static gboolean
scorer_apply_first (MqlwScorer  *self,
                    MqlwModel   *model,
                    GError     **error)
{
  guint n = self->dataset->n_rows;

  /* Asked for without aborting: refused (a block of a large job under a
   * memory limit), the scoring fails with an error the caller names the
   * file in (mqlw_scoring_new ()). The scorer frees what was had. */
  if ((self->fit_sum = try_alloc_leads (n, sizeof (gint32))) == NULL
      || (self->behaviour_sum = try_alloc_leads (n, sizeof (gint32))) == NULL
      || (self->eligible = try_alloc_leads (n, sizeof (guint8))) == NULL
      || (self->scores.total = try_alloc_leads (n, sizeof (double))) == NULL
      || (self->scores.fixed_paths = try_alloc_leads (n, sizeof (guint8))) == NULL
      || (self->scores.disqualified = try_alloc_leads (n, sizeof (guint16))) == NULL
      || (!self->totals_only
          && ((self->scores.fit = try_alloc_leads (n, sizeof (float))) == NULL
              || (self->scores.behaviour = try_alloc_leads (n, sizeof (float))) == NULL
              || (self->scores.grade = try_alloc_leads (n, sizeof (guint8))) == NULL
              || (self->scores.changed = try_alloc_leads (n, sizeof (guint8))) == NULL)))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, _("there is not enough memory to score the leads"));
      return FALSE;
    }

  if (!apply_model (self, model, error))
    return FALSE;
  if (self->totals_only)
    {
      /* The sums and flags are in the totals now; no update will read them. */
      g_clear_pointer (&self->fit_sum, g_free);
      g_clear_pointer (&self->behaviour_sum, g_free);
      g_clear_pointer (&self->eligible, g_free);
      g_clear_pointer (&self->hand, g_free);
      g_clear_pointer (&self->unscored, g_free);
      g_ptr_array_set_size (self->disqualifier_states, 0);
    }
  return TRUE;
}

/* ---- totals only, block by block --------------------------------------- */

/* Leads per block of a totals-only scoring: its sums, flags and match bytes
 * (about 30 bytes a lead) are held for one block at a time, not for every
 * lead (300 MB at 10 M leads, the job's peak). */
#define TOTALS_BLOCK_LEADS (1u << 18)

static guint totals_block_for_testing = 0;
static guint totals_blocks_scored = 0;   /* atomic, for tests */
static guint fail_block_at_for_testing = G_MAXUINT;   /* atomic */

void
mqlw_scorer_set_block_failure_for_testing (guint lead)
{
  g_atomic_int_set (&fail_block_at_for_testing, lead);
}

guint
mqlw_scorer_get_totals_blocks_for_testing (void)
{
  return g_atomic_int_get (&totals_blocks_scored);
}

void
mqlw_scorer_set_totals_block_for_testing (guint leads)
{
  totals_block_for_testing = leads;
}

/* Rows [@begin, @end) of @dataset as a dataset of their own over the same
 * storage and dictionaries (borrowed: see view_free ()). */
static MqlwDataset *
view_new (MqlwDataset *dataset,
          guint        begin,
          guint        end)
{
  MqlwDataset *view = mqlw_dataset_new (end - begin);

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      MqlwColumn *part;

      if (!mqlw_column_is_loaded (column))
        continue;   /* none that the model reads: the check loaded those */
      part = mqlw_dataset_append_column (view, column->name, column->type, column->role);
      part->stage = column->stage;
      part->activity = g_strdup (column->activity);
      part->width = column->width;
      part->blank_is_no = column->blank_is_no;
      part->data = (char *) column->data + (gsize) begin * column->width;
      part->dict = column->dict;
    }
  return view;
}

static void
view_free (MqlwDataset *view)
{
  for (guint c = 0; c < view->columns->len; c++)
    {
      MqlwColumn *part = g_ptr_array_index (view->columns, c);

      part->data = NULL;
      part->dict = NULL;
    }
  mqlw_dataset_unref (view);
}

/* Leads [@begin, @end) of @whole (prepared by prepare_blocks ()) scored into
 * @total, @fixed_paths and @disqualified from index 0. The block is a scorer
 * of its own over a view of its rows: the same code, so the same numbers,
 * lead by lead. What it would read across leads is the whole's: the latest
 * activity day and the largest counts (which bound the sums). */
static gboolean
score_block (MqlwScorer  *whole,
             guint        begin,
             guint        end,
             double      *total,
             guint8      *fixed_paths,
             guint16     *disqualified,
             GError     **error)
{
  MqlwDataset *view = view_new (whole->dataset, begin, end);
  MqlwScorer *part = scorer_alloc (view, TRUE);
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok;

  g_atomic_int_inc (&totals_blocks_scored);
  {
    guint fail_at = (guint) g_atomic_int_get (&fail_block_at_for_testing);

    if (fail_at >= begin && fail_at < end)
      {
        view_free (view);
        mqlw_scorer_free (part);
        g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_TOO_LARGE, "leads %u to %u: a failure forced by a test",
                     begin, end - 1);
        return FALSE;
      }
  }
  part->latest_day = whole->latest_day;
  g_hash_table_iter_init (&iter, whole->max_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MqlwColumn *column = mqlw_dataset_get_column (view, ((MqlwColumn *) key)->name);

      if (column != NULL)
        g_hash_table_insert (part->max_counts, column, g_memdup2 (value, sizeof (double)));
    }
  ok = scorer_apply_first (part, whole->snapshot, error);
  if (ok)
    {
      gsize m = end - begin;

      memcpy (total, part->scores.total, m * sizeof (double));
      memcpy (fixed_paths, part->scores.fixed_paths, m);
      memcpy (disqualified, part->scores.disqualified, m * sizeof (guint16));
    }
  mqlw_scorer_free (part);
  view_free (view);
  return ok;
}

typedef struct {
  MqlwScorer *whole;
  guint       block;
  guint       n_blocks;
  gint        next;      /* atomic: the next block to claim */
  gint        failed;    /* atomic */
  GError     *error;     /* the first failure (not expected: the whole was checked) */
  GMutex      lock;
} BlocksJob;

/* Scores the blocks it claims into the whole scorer's arrays. */
static gpointer
blocks_thread (gpointer data)
{
  BlocksJob *job = data;
  MqlwScorer *whole = job->whole;
  guint k;

  while (!g_atomic_int_get (&job->failed) &&
         (k = (guint) g_atomic_int_add (&job->next, 1)) < job->n_blocks)
    {
      guint begin = k * job->block, end = MIN (whole->scores.n, begin + job->block);
      GError *error = NULL;

      if (!score_block (whole, begin, end, whole->scores.total + begin, whole->scores.fixed_paths + begin,
                        whole->scores.disqualified + begin, &error))
        {
          g_mutex_lock (&job->lock);
          if (job->error == NULL)
            job->error = g_steal_pointer (&error);
          g_mutex_unlock (&job->lock);
          g_clear_error (&error);
          g_atomic_int_set (&job->failed, 1);
        }
    }
  return NULL;
}

/* Whether @model's scoring reads nothing across leads but what
 * score_block () hands over: no decay (whose factors bound the sums), and
 * nothing a view leaves out (a column still in a project file). */
static gboolean
blocks_allowed (MqlwDataset     *dataset,
                const MqlwModel *model)
{
  if (dataset->n_rows == 0)
    return FALSE;
  for (guint k = 0; model->unscored_when_missing != NULL && model->unscored_when_missing[k] != NULL; k++)
    {
      const MqlwColumn *column = mqlw_dataset_get_column (dataset, model->unscored_when_missing[k]);
      if (column != NULL && !mqlw_column_is_loaded (column))
        return FALSE;
    }
  if (model->score_column != NULL)
    return TRUE;
  for (guint j = 0; j < model->behaviour->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, j);
      if (rule->enabled && rule->decay && model->decay.kind != MQLW_DECAY_NONE)
        return FALSE;
    }
  return TRUE;
}

/* What fails fails for the whole, as the one-piece path would: the model
 * against the data, then the bound of the sums (the whole's largest counts;
 * the same for every block, so the first lead's block says it). */
static gboolean
prepare_blocks (MqlwScorer  *self,
                MqlwModel   *model,
                GError     **error)
{
  double total;
  guint8 fixed_paths;
  guint16 disqualified;

  if (!mqlw_scorer_check_model (self->dataset, model, error))
    return FALSE;
  for (guint j = 0; model->score_column == NULL && j < model->behaviour->len; j++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, j);
      if (rule->enabled)
        (void) mqlw_scorer_max_count (self, mqlw_dataset_get_column (self->dataset, rule->activity));
    }
  self->snapshot = mqlw_model_copy (model);
  if (!score_block (self, 0, 1, &total, &fixed_paths, &disqualified, error))
    return FALSE;
  self->model = mqlw_model_ref (model);
  self->scores.changed_since = self->scores.generation;
  self->scores.generation = next_generation ();
  return TRUE;
}

/* A totals-only scorer filled block by block, on two threads. */
static gboolean
scorer_apply_blocks (MqlwScorer  *self,
                     MqlwModel   *model,
                     guint        block,
                     GError     **error)
{
  guint n = self->dataset->n_rows;
  BlocksJob job = { 0 };
  GThread *thread = NULL;

  if (!prepare_blocks (self, model, error))
    return FALSE;
  self->scores.total = mqlw_scorer_alloc_leads (n, sizeof (double));
  self->scores.fixed_paths = mqlw_scorer_alloc_leads (n, sizeof (guint8));
  self->scores.disqualified = mqlw_scorer_alloc_leads (n, sizeof (guint16));

  job.whole = self;
  job.block = block;
  job.n_blocks = n / block + (n % block != 0);
  g_mutex_init (&job.lock);
  if (job.n_blocks > 1 && g_get_num_processors () > 1)
    thread = g_thread_try_new ("mqlw-score", blocks_thread, &job, NULL);   /* none: this one scores every block */
  blocks_thread (&job);
  if (thread != NULL)
    g_thread_join (thread);
  g_mutex_clear (&job.lock);
  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  return TRUE;
}

static MqlwScorer *
scorer_new (MqlwDataset  *dataset,
            MqlwModel    *model,
            gboolean      totals_only,
            GError      **error)
{
  g_autoptr(MqlwScorer) self = NULL;
  guint block = totals_block_for_testing != 0 ? totals_block_for_testing : TOTALS_BLOCK_LEADS;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = scorer_alloc (dataset, totals_only);
  self->latest_day = find_latest_day (dataset);
  if (totals_only && dataset->n_rows > block && blocks_allowed (dataset, model))
    {
      if (!scorer_apply_blocks (self, model, block, error))
        return NULL;
    }
  else if (!scorer_apply_first (self, model, error))
    return NULL;
  return g_steal_pointer (&self);
}

MqlwScorer *
mqlw_scorer_new_deferred (MqlwDataset  *dataset,
                          MqlwModel    *model,
                          GError      **error)
{
  g_autoptr(MqlwScorer) self = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!blocks_allowed (dataset, model))
    return scorer_new (dataset, model, TRUE, error);
  self = scorer_alloc (dataset, TRUE);
  self->latest_day = find_latest_day (dataset);
  if (!prepare_blocks (self, model, error))
    return NULL;
  self->deferred = TRUE;
  return g_steal_pointer (&self);
}

gboolean
mqlw_scorer_fill_totals (guint     begin,
                         guint     end,
                         double   *total,
                         guint8   *fixed_paths,
                         guint16  *disqualified,
                         gpointer  scorer,
                         GError  **error)
{
  MqlwScorer *self = scorer;

  g_return_val_if_fail (self != NULL && self->totals_only, FALSE);
  g_return_val_if_fail (begin <= end && end <= self->scores.n, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (begin == end)
    return TRUE;
  if (!self->deferred)
    {
      memcpy (total, self->scores.total + begin, (gsize) (end - begin) * sizeof (double));
      memcpy (fixed_paths, self->scores.fixed_paths + begin, end - begin);
      memcpy (disqualified, self->scores.disqualified + begin, (gsize) (end - begin) * sizeof (guint16));
      return TRUE;
    }
  /* The model was checked on the first block when the scorer was made, so
   * this fails only as the tests force it to (or memory would). */
  return score_block (self, begin, end, total, fixed_paths, disqualified, error);
}

MqlwScorer *
mqlw_scorer_new (MqlwDataset  *dataset,
                 MqlwModel    *model,
                 GError      **error)
{
  return scorer_new (dataset, model, FALSE, error);
}

MqlwScorer *
mqlw_scorer_new_totals_only (MqlwDataset  *dataset,
                             MqlwModel    *model,
                             GError      **error)
{
  return scorer_new (dataset, model, TRUE, error);
}

void
mqlw_scorer_free (MqlwScorer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->snapshot, mqlw_model_unref);
  g_clear_pointer (&self->fit_states, g_ptr_array_unref);
  g_clear_pointer (&self->behaviour_states, g_ptr_array_unref);
  g_clear_pointer (&self->disqualifier_states, g_ptr_array_unref);
  g_clear_pointer (&self->decay_factors, g_hash_table_unref);
  g_clear_pointer (&self->max_counts, g_hash_table_unref);
  g_free (self->hand);
  g_free (self->fit_sum);
  g_free (self->behaviour_sum);
  g_free (self->eligible);
  g_free (self->unscored);
  g_free (self->scores.total);
  g_free (self->scores.fit);
  g_free (self->scores.behaviour);
  g_free (self->scores.grade);
  g_free (self->scores.fixed_paths);
  g_free (self->scores.disqualified);
  g_free (self->scores.changed);
  g_free (self->changed_rows);
  g_free (self->changed_total);
  g_free (self->changed_paths);
  g_free (self);
}

gboolean
mqlw_scorer_update (MqlwScorer  *self,
                    MqlwModel   *model,
                    GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->totals_only, FALSE);
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return apply_model (self, model, error);
}

MqlwModel *
mqlw_scorer_get_model (MqlwScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model;
}

MqlwDataset *
mqlw_scorer_get_dataset (MqlwScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

const MqlwScores *
mqlw_scorer_get_scores (MqlwScorer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->scores;
}

/* Points the rule gives the lead, before the grade multiplier, as added to
 * the sums (rounded to 0.01); 0 for a disabled rule and in score-column mode. */
double
mqlw_scorer_contribution (MqlwScorer *self,
                          gboolean    behaviour,
                          guint       rule_index,
                          guint       row)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (!self->totals_only, 0.0);
  g_return_val_if_fail (row < self->scores.n, 0.0);

  if (behaviour)
    {
      const BehaviourState *state;
      const MqlwColumn *column;
      double count;

      g_return_val_if_fail (rule_index < self->behaviour_states->len, 0.0);
      state = g_ptr_array_index (self->behaviour_states, rule_index);
      if (!state->active)
        return 0.0;
      column = state->column;
      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        count = column->boolean[row] > 0 ? 1.0 : 0.0;
      else
        {
          count = mqlw_column_num_at (column, row);
          count = isnan (count) ? 0.0 : count;
        }
      return behaviour_hundredths (count,
                                   state->factors != NULL ? (double) state->factors->percent[row] : 100.0,
                                   state->points, state->cap) / 100.0;
    }
  else
    {
      const FitState *state;

      g_return_val_if_fail (rule_index < self->fit_states->len, 0.0);
      state = g_ptr_array_index (self->fit_states, rule_index);
      return state->active && state->match[row] ? state->points / 100.0 : 0.0;
    }
}
