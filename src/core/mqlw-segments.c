/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-segments"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-format.h"
#include "mqlw-segments.h"
#include "mqlw-subset.h"

G_DEFINE_QUARK (mqlw-segments-error-quark, mqlw_segments_error)

#define MAX_VALUES 12
#define NO_GROUP   G_MAXUINT

/* Which segment each lead is in. */
typedef struct {
  guint     *group;     /* per row; NO_GROUP for left out */
  GPtrArray *labels;    /* char*, per group */
} Grouping;

static void
grouping_clear (Grouping *g)
{
  g_clear_pointer (&g->group, g_free);
  g_clear_pointer (&g->labels, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Grouping, grouping_clear)

/* The group of @label, made on first sight. */
static guint
group_for (Grouping   *g,
           GHashTable *index,
           const char *label)
{
  gpointer found;

  if (g_hash_table_lookup_extended (index, label, NULL, &found))
    return GPOINTER_TO_UINT (found);
  g_ptr_array_add (g->labels, g_strdup (label));
  g_hash_table_insert (index, g_strdup (label), GUINT_TO_POINTER (g->labels->len - 1));
  return g->labels->len - 1;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The quartile edges of the numbers in @column over the included rows. */
static void
quartiles (const MqlwColumn *column,
           const MqlwScores *scores,
           double            edges[3])
{
  g_autofree double *values = g_new (double, MAX (column->n_rows, 1));
  guint n = 0;

  for (guint row = 0; row < column->n_rows; row++)
    {
      double v = mqlw_column_number (column, row);

      if (!isnan (scores->total[row]) && !isnan (v))
        values[n++] = v;
    }
  qsort (values, n, sizeof (double), compare_doubles);
  for (guint q = 0; q < 3; q++)
    edges[q] = n > 0 ? values[(n * (q + 1)) / 4] : NAN;
}

static char *
format_bound (double value)
{
  return fabs (value - round (value)) < 1e-9 ? g_strdup_printf ("%.0f", value) : g_strdup_printf ("%.2f", value);
}

static guint
count_distinct (const MqlwColumn *column,
                const MqlwScores *scores)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint row = 0; row < column->n_rows && g_hash_table_size (seen) <= MAX_VALUES; row++)
    {
      g_autofree char *text = isnan (scores->total[row]) ? NULL : mqlw_column_format (column, row);

      if (text != NULL)
        g_hash_table_add (seen, g_steal_pointer (&text));
    }
  return g_hash_table_size (seen);
}

/* The label of @row's value: itself, its month, or its quartile's range. */
static char *
label_of (const MqlwColumn *column,
          guint             row,
          gboolean          by_quartile,
          const double      edges[3])
{
  double v;
  guint q = 0;

  if (mqlw_column_is_missing (column, row))
    return NULL;
  if (column->type == MQLW_COLUMN_TYPE_DATE && by_quartile)
    {
      int year, month, day;

      mqlw_date_to_ymd (column->days[row], &year, &month, &day);
      return g_strdup_printf ("%04d-%02d", year, month);
    }
  if (!by_quartile)
    return mqlw_column_format (column, row);
  v = mqlw_column_number (column, row);
  while (q < 3 && v >= edges[q])
    q++;
  {
    g_autofree char *lo = q == 0 ? NULL : format_bound (edges[q - 1]);
    g_autofree char *hi = q == 3 ? NULL : format_bound (edges[q]);

    if (lo == NULL)
      /* TRANSLATORS: a segment of a number field: below the first quartile, "below 200" */
      return g_strdup_printf (_("below %s"), hi);
    if (hi == NULL)
      /* TRANSLATORS: a segment of a number field: the top quartile, "1,000 and more" */
      return g_strdup_printf (_("%s and more"), lo);
    /* TRANSLATORS: a segment of a number field, "200 to under 1000" */
    return g_strdup_printf (_("%s to under %s"), lo, hi);
  }
}

static void
group_rows (Grouping         *g,
            const MqlwColumn *column,
            const MqlwScores *scores)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean by_quartile = FALSE;
  double edges[3] = { NAN, NAN, NAN };
  guint missing = NO_GROUP;

  g->group = g_new (guint, MAX (column->n_rows, 1));
  g->labels = g_ptr_array_new_with_free_func (g_free);
  if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL && column->type != MQLW_COLUMN_TYPE_BOOLEAN &&
      count_distinct (column, scores) > MAX_VALUES)
    {
      by_quartile = TRUE;
      if (column->type != MQLW_COLUMN_TYPE_DATE)
        quartiles (column, scores, edges);
    }
  for (guint row = 0; row < column->n_rows; row++)
    {
      g_autofree char *label = NULL;

      g->group[row] = NO_GROUP;
      if (isnan (scores->total[row]))
        continue;
      label = label_of (column, row, by_quartile, edges);
      if (label != NULL)
        g->group[row] = group_for (g, index, label);
      else
        {
          if (missing == NO_GROUP)
            {
              g_ptr_array_add (g->labels, g_strdup (_("(missing)")));
              missing = g->labels->len - 1;
              /* Not findable by a value: a value "(missing)" stays its own. */
            }
          g->group[row] = missing;
        }
    }
}

/* The pooled table's ranges as an edges scheme, so every segment shares them. */
static MqlwBucketSpec *
shared_spec (const MqlwBucketTable *pooled)
{
  MqlwBucketSpec *spec = mqlw_bucket_spec_parse ("edges:0", NULL);

  g_array_set_size (spec->edges, 0);
  for (guint i = 0; i < pooled->n_buckets; i++)
    g_array_append_val (spec->edges, pooled->buckets[i].lo);
  return spec;
}

/* The stage among the MQLs and the others; the lowest threshold reaching the target. */
static void
separate (const MqlwScores   *scores,
          const MqlwOutcomes *outcomes,
          MqlwStage           stage,
          gboolean            score_path,
          double              threshold,
          MqlwRate           *mql_rate,
          MqlwRate           *other_rate,
          guint64            *mql)
{
  guint64 known[2] = { 0 }, reached[2] = { 0 };

  *mql = 0;
  for (guint row = 0; row < scores->n; row++)
    {
      gboolean is_mql = mqlw_scores_is_mql (scores, row, score_path, threshold);
      gint8 outcome = outcomes->stage[stage][row];

      *mql += is_mql;
      if (outcome < 0)
        continue;
      known[is_mql]++;
      reached[is_mql] += outcome == MQLW_OUTCOME_YES;
    }
  mqlw_rate_set (mql_rate, known[1], reached[1]);
  mqlw_rate_set (other_rate, known[0], reached[0]);
}

static gboolean
best_threshold (MqlwCalibration *calibration,
                double           target_rate,
                guint            min_known,
                double           grain,
                double          *threshold)
{
  g_autoptr(GArray) suggestions = NULL;
  MqlwSuggestOptions options;

  mqlw_suggest_options_init_default (&options);
  options.target_sql_rate = target_rate;
  options.min_known = min_known;
  options.grain = grain;
  suggestions = mqlw_calibration_suggest (calibration, &options);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);

      if (s->kind == MQLW_SUGGEST_TARGET_SQL && s->found)
        {
          *threshold = s->threshold;
          return TRUE;
        }
    }
  return FALSE;
}

static guint
bucket_of (const MqlwBucketTable *table,
           double                 score)
{
  guint i = 0;

  while (i + 1 < table->n_buckets && table->buckets[i + 1].lo <= score)
    i++;
  return i;
}

static void
segment_free (MqlwSegment *segment)
{
  g_free (segment->label);
  g_clear_pointer (&segment->buckets, mqlw_bucket_table_free);
  g_free (segment);
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const MqlwSegment *x = *(MqlwSegment * const *) a, *y = *(MqlwSegment * const *) b;
  gboolean xm = g_str_equal (x->label, _("(missing)")), ym = g_str_equal (y->label, _("(missing)"));

  if (xm != ym)
    return xm - ym;
  return x->leads < y->leads ? 1 : x->leads > y->leads ? -1 : g_strcmp0 (x->label, y->label);
}

static MqlwSegment *
build_segment (MqlwSegments         *self,
               const char           *label,
               const MqlwSubset     *subset,
               gboolean              score_path,
               const MqlwBucketSpec *spec)
{
  MqlwSegment *segment = g_new0 (MqlwSegment, 1);
  g_autoptr(MqlwCalibration) calibration = mqlw_calibration_new (&subset->scores, &subset->outcomes, score_path);

  segment->label = g_strdup (label);
  segment->leads = subset->scores.n;
  segment->buckets = mqlw_calibration_buckets (calibration, spec, NULL, NULL);
  separate (&subset->scores, &subset->outcomes, self->stage, score_path, self->threshold,
            &segment->mql_rate, &segment->other_rate, &segment->mql);
  segment->difference = segment->mql_rate.known > 0 && segment->other_rate.known > 0
                        ? segment->mql_rate.rate - segment->other_rate.rate : NAN;
  segment->evaluable = segment->mql_rate.known >= self->min_known && segment->other_rate.known >= self->min_known;
  segment->reversed = segment->evaluable && self->difference != 0 && segment->difference != 0 &&
                      (segment->difference > 0) != (self->difference > 0);
  if (subset->outcomes.stage[MQLW_STAGE_SQL] != NULL)
    segment->threshold_found = best_threshold (calibration, self->target_rate, self->min_known, self->grain,
                                                &segment->threshold);
  segment->threshold_differs = segment->threshold_found && self->threshold_found &&
                               bucket_of (self->pooled, segment->threshold) !=
                               bucket_of (self->pooled, self->best_threshold);
  return segment;
}

static void
add_warnings (MqlwSegments *self)
{
  const char *stage = _(mqlw_stage_label (self->stage));
  guint evaluable = 0;

  for (guint i = 0; i < self->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (self->segments, i);

      evaluable += s->evaluable;
      self->n_reversed += s->reversed;
      self->n_threshold_differs += s->threshold_differs;
    }
  self->simpson = evaluable >= 2 && self->n_reversed == evaluable;
  if (self->simpson)
    {
      g_autofree char *mql = g_strdup_printf ("%.1f %%", self->mql_rate.rate * 100);
      g_autofree char *other = g_strdup_printf ("%.1f %%", self->other_rate.rate * 100);

      g_ptr_array_add (self->warnings,
                       /* TRANSLATORS: Simpson's paradox. "Over all leads the MQLs reach SQL more often than the
                        * other leads (50.0 % against 33.3 %), but less often in every lead_source segment: …" */
                       g_strdup_printf (self->difference > 0
                                        ? _("Over all leads the MQLs reach %s more often than the other leads (%s "
                                            "against %s), but less often in every %s segment: the pooled trend comes "
                                            "from the mix of segments, not from the score (Simpson's paradox).")
                                        : _("Over all leads the MQLs reach %s less often than the other leads (%s "
                                            "against %s), but more often in every %s segment: the pooled trend comes "
                                            "from the mix of segments, not from the score (Simpson's paradox)."),
                                        stage, mql, other, self->field));
    }
  for (guint i = 0; i < self->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (self->segments, i);

      if (s->reversed && !self->simpson)
        {
          g_autofree char *mql = g_strdup_printf ("%.1f %%", s->mql_rate.rate * 100);
          g_autofree char *other = g_strdup_printf ("%.1f %%", s->other_rate.rate * 100);

          /* TRANSLATORS: "In lead_source “Ads” the MQLs reach SQL less often (0.0 %) than the other leads (20.0 %): the score works the other way there." */
          g_ptr_array_add (self->warnings,
                           g_strdup_printf (s->difference < 0
                                            ? _("In %s “%s” the MQLs reach %s less often (%s) than the other leads "
                                                "(%s): the score works the other way there.")
                                            : _("In %s “%s” the MQLs reach %s more often (%s) than the other leads "
                                                "(%s): the score works the other way there."),
                                            self->field, s->label, stage, mql, other));
        }
      if (s->threshold_differs)
        {
          g_autofree char *target = mqlw_format_percent_as (self->target_rate, 0, MQLW_FORMAT_PLAIN);
          g_autofree char *here = mqlw_format_decimals (s->threshold, 2);
          g_autofree char *pooled = mqlw_format_decimals (self->best_threshold, 2);

          /* TRANSLATORS: "In lead_source “Events” the lowest threshold whose MQLs reach a 30 % SQL rate is 71, not 51 as over all leads." */
          g_ptr_array_add (self->warnings,
                           g_strdup_printf (_("In %s “%s” the lowest threshold whose MQLs reach a %s SQL rate is %s, "
                                              "not %s as over all leads."),
                                            self->field, s->label, target, here, pooled));
        }
    }
}

MqlwSegments *
mqlw_segments_new (MqlwDataset          *dataset,
                   const MqlwScores     *scores,
                   gboolean              score_path,
                   double                threshold,
                   const char           *field,
                   MqlwStage             stage,
                   const MqlwBucketSpec *spec,
                   double                target_rate,
                   guint                 min_known,
                   double                grain,
                   GError              **error)
{
  g_autoptr(MqlwSegments) self = NULL;
  g_autoptr(MqlwBucketSpec) auto_spec = NULL;
  g_autoptr(MqlwBucketSpec) shared = NULL;
  g_autoptr(MqlwCalibration) pooled = NULL;
  g_auto(Grouping) grouping = { 0 };
  g_auto(MqlwSubset) all = { 0 };
  g_autofree guint *scored = NULL;
  MqlwColumn *column;
  guint64 mql;

  g_return_val_if_fail (dataset != NULL && scores != NULL && field != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Any column may be the one to split by. */
  if (!mqlw_dataset_load_columns (dataset, error))
    return NULL;

  if ((column = mqlw_dataset_get_column (dataset, field)) == NULL)
    {
      g_set_error (error, MQLW_SEGMENTS_ERROR, MQLW_SEGMENTS_ERROR_NO_FIELD,
                   _("the data has no column “%s” to split the leads by"), field);
      return NULL;
    }
  if (stage >= MQLW_N_STAGES || dataset->outcomes.stage[stage] == NULL)
    {
      g_set_error (error, MQLW_SEGMENTS_ERROR, MQLW_SEGMENTS_ERROR_NO_STAGE,
                   _("the history has no %s outcome to compare the segments by"),
                   _(mqlw_stage_label (stage < MQLW_N_STAGES ? stage : MQLW_STAGE_SQL)));
      return NULL;
    }

  self = g_new0 (MqlwSegments, 1);
  self->field = g_strdup (field);
  self->stage = stage;
  self->threshold = threshold;
  self->target_rate = target_rate;
  self->min_known = min_known;
  self->grain = grain;
  self->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);

  /* Every scored lead, pooled: the shared score ranges and the pooled figures. */
  scored = g_new (guint, MAX (scores->n, 1));
  for (guint row = 0; row < scores->n; row++)
    {
      scored[row] = isnan (scores->total[row]) ? NO_GROUP : 0;
      self->unscored += isnan (scores->total[row]);
    }
  mqlw_subset_init (&all, scores, &dataset->outcomes, scored, 0);
  pooled = mqlw_calibration_new (&all.scores, &all.outcomes, score_path);
  if (spec == NULL)
    spec = auto_spec = mqlw_bucket_spec_parse ("auto", NULL);
  if ((self->pooled = mqlw_calibration_buckets (pooled, spec, NULL, error)) == NULL)
    return NULL;
  separate (&all.scores, &all.outcomes, stage, score_path, threshold, &self->mql_rate, &self->other_rate, &mql);
  self->difference = self->mql_rate.known > 0 && self->other_rate.known > 0
                     ? self->mql_rate.rate - self->other_rate.rate : NAN;
  if (all.outcomes.stage[MQLW_STAGE_SQL] != NULL)
    self->threshold_found = best_threshold (pooled, target_rate, min_known, grain, &self->best_threshold);

  shared = shared_spec (self->pooled);
  group_rows (&grouping, column, scores);
  for (guint g = 0; g < grouping.labels->len; g++)
    {
      g_auto(MqlwSubset) subset = { 0 };

      mqlw_subset_init (&subset, scores, &dataset->outcomes, grouping.group, g);
      g_ptr_array_add (self->segments, build_segment (self, g_ptr_array_index (grouping.labels, g), &subset,
                                                      score_path, shared));
    }
  g_ptr_array_sort (self->segments, compare_segments);
  add_warnings (self);
  return g_steal_pointer (&self);
}

void
mqlw_segments_free (MqlwSegments *self)
{
  if (self == NULL)
    return;
  g_free (self->field);
  g_clear_pointer (&self->pooled, mqlw_bucket_table_free);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}
