/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-evaluate"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "mqlw-evaluate.h"
#include "mqlw-scoring.h"

/* Leads of one distinct score, with the known outcomes among them. */
typedef struct {
  double  score;
  guint64 pos;
  guint64 neg;
} Group;

typedef struct {
  double score;
  guint  row;
} Ranked;

static int
compare_ranked_desc (const void *a,
                     const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return x->row < y->row ? -1 : x->row > y->row;
}

/* Groups of equal score, highest first, from ranked rows and their labels. */
static GArray *
build_groups (const Ranked *ranked,
              guint         n,
              const gint8  *labels,
              guint64      *pos_total,
              guint64      *neg_total)
{
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Group));

  *pos_total = *neg_total = 0;
  for (guint i = 0; i < n; i++)
    {
      gint8 label = labels[ranked[i].row];
      Group *last;

      if (label != MQLW_OUTCOME_YES && label != MQLW_OUTCOME_NO)
        continue;
      last = groups->len > 0 ? &g_array_index (groups, Group, groups->len - 1) : NULL;
      if (last == NULL || last->score != ranked[i].score)
        {
          Group fresh = { ranked[i].score, 0, 0 };
          g_array_append_val (groups, fresh);
          last = &g_array_index (groups, Group, groups->len - 1);
        }
      if (label == MQLW_OUTCOME_YES)
        {
          last->pos++;
          (*pos_total)++;
        }
      else
        {
          last->neg++;
          (*neg_total)++;
        }
    }
  return groups;
}

/* Mann–Whitney AUC and DeLong's standard error over @groups (highest score
 * first): a reached lead in group g beats the others below it and ties half
 * of those in g; an other lead is beaten by the reached ones above it and
 * tied by half of those in g. */
static void
groups_auc (const GArray *groups,
            guint64       pos,
            guint64       neg,
            double       *auc_out,
            double       *se_out)
{
  double above_pos = 0, above_neg = 0, sum = 0, s10 = 0, s01 = 0, auc;

  *auc_out = *se_out = NAN;
  if (pos == 0 || neg == 0)
    return;
  for (guint g = 0; g < groups->len; g++)
    {
      const Group *gr = &g_array_index (groups, Group, g);
      double below_neg = (double) neg - above_neg - (double) gr->neg;

      sum += (double) gr->pos * (below_neg + 0.5 * (double) gr->neg);
      above_pos += (double) gr->pos;
      above_neg += (double) gr->neg;
    }
  auc = sum / ((double) pos * (double) neg);
  *auc_out = auc;
  if (pos < 2 || neg < 2)
    return;

  above_pos = above_neg = 0;
  for (guint g = 0; g < groups->len; g++)
    {
      const Group *gr = &g_array_index (groups, Group, g);
      double below_neg = (double) neg - above_neg - (double) gr->neg;
      double v10 = (below_neg + 0.5 * (double) gr->neg) / (double) neg;
      double v01 = (above_pos + 0.5 * (double) gr->pos) / (double) pos;

      s10 += (double) gr->pos * (v10 - auc) * (v10 - auc);
      s01 += (double) gr->neg * (v01 - auc) * (v01 - auc);
      above_pos += (double) gr->pos;
      above_neg += (double) gr->neg;
    }
  s10 /= (double) (pos - 1);
  s01 /= (double) (neg - 1);
  *se_out = sqrt (s10 / (double) pos + s01 / (double) neg);
}

void
mqlw_auc_interval (double  auc,
                   double  se,
                   double *low,
                   double *high)
{
  double z = gsl_cdf_ugaussian_Pinv (0.975);

  g_return_if_fail (low != NULL && high != NULL);

  if (isnan (auc) || isnan (se))
    {
      *low = *high = NAN;
      return;
    }
  *low = CLAMP (auc - z * se, 0.0, 1.0);
  *high = CLAMP (auc + z * se, 0.0, 1.0);
}

void
mqlw_auc (const double *scores,
          const gint8  *labels,
          guint         n,
          double       *auc,
          double       *se)
{
  g_autofree Ranked *ranked = NULL;
  g_autoptr(GArray) groups = NULL;
  guint64 pos, neg;
  guint m = 0;

  g_return_if_fail (auc != NULL && se != NULL);
  g_return_if_fail (n == 0 || (scores != NULL && labels != NULL));

  ranked = g_new (Ranked, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!isnan (scores[i]) && labels[i] >= 0)
      ranked[m++] = (Ranked) { scores[i], i };
  qsort (ranked, m, sizeof (Ranked), compare_ranked_desc);
  groups = build_groups (ranked, m, labels, &pos, &neg);
  groups_auc (groups, pos, neg, auc, se);
}

/* The curve through every distinct score, kept where it moved by 1/1000. */
static GArray *
build_curve (const GArray *groups,
             guint64       pos,
             guint64       neg)
{
  GArray *curve = g_array_new (FALSE, FALSE, sizeof (MqlwCurvePoint));
  double cum_pos = 0, cum_neg = 0, total = (double) (pos + neg);
  MqlwCurvePoint origin = { INFINITY, 0, 0, 0 };
  const double step = 0.001;

  g_array_append_val (curve, origin);
  for (guint g = 0; g < groups->len; g++)
    {
      const Group *gr = &g_array_index (groups, Group, g);
      const MqlwCurvePoint *last = &g_array_index (curve, MqlwCurvePoint, curve->len - 1);
      MqlwCurvePoint point;

      cum_pos += (double) gr->pos;
      cum_neg += (double) gr->neg;
      point.score = gr->score;
      point.tpr = pos > 0 ? cum_pos / (double) pos : 0;
      point.fpr = neg > 0 ? cum_neg / (double) neg : 0;
      point.share_leads = (cum_pos + cum_neg) / total;
      if (g + 1 == groups->len || fabs (point.tpr - last->tpr) >= step || fabs (point.fpr - last->fpr) >= step ||
          fabs (point.share_leads - last->share_leads) >= step)
        g_array_append_val (curve, point);
    }
  return curve;
}

/* At each tenth of the known leads, the share of the stage they hold,
 * straight between two distinct scores. */
static guint
build_gains (const GArray *groups,
             guint64       pos,
             guint64       neg,
             MqlwGainsRow *rows)
{
  double total = (double) (pos + neg), cum_leads = 0, cum_pos = 0;
  guint g = 0;

  if (pos == 0)
    return 0;
  for (guint k = 0; k < MQLW_EVALUATE_GAINS_ROWS; k++)
    {
      double share = (double) (k + 1) / MQLW_EVALUATE_GAINS_ROWS;
      double target = share * total;
      const Group *gr;
      double in_group, reached;

      /* The group where the target-th lead falls. */
      while (g < groups->len)
        {
          gr = &g_array_index (groups, Group, g);
          in_group = (double) (gr->pos + gr->neg);
          if (cum_leads + in_group >= target - 1e-9 * total)
            break;
          cum_leads += in_group;
          cum_pos += (double) gr->pos;
          g++;
        }
      g_assert (g < groups->len);
      gr = &g_array_index (groups, Group, g);
      in_group = (double) (gr->pos + gr->neg);
      reached = cum_pos + (target - cum_leads) / in_group * (double) gr->pos;
      rows[k].share_leads = share;
      rows[k].share_reached = MIN (reached / (double) pos, 1.0);
      rows[k].lift = rows[k].share_reached / share;
      rows[k].score = gr->score;
    }
  return MQLW_EVALUATE_GAINS_ROWS;
}

static void
fill_reliability (MqlwStageQuality      *quality,
                  const MqlwBucketTable *bands,
                  MqlwStage              stage)
{
  double sum = 0;
  guint64 known = 0;

  quality->reliability = g_array_new (FALSE, FALSE, sizeof (MqlwReliabilityRow));
  quality->brier = NAN;
  if (bands == NULL)
    return;
  for (guint i = 0; i < bands->n_buckets; i++)
    {
      const MqlwBucket *bucket = &bands->buckets[i];
      MqlwReliabilityRow row = { bucket->lo, bucket->hi, bucket->stage[stage] };
      double k, r, p;

      g_array_append_val (quality->reliability, row);
      if (!row.rate.present || row.rate.known == 0)
        continue;
      k = (double) row.rate.known;
      r = (double) row.rate.reached;
      p = r / k;
      sum += r * (1 - p) * (1 - p) + (k - r) * p * p;
      known += row.rate.known;
    }
  if (known > 0)
    quality->brier = sum / (double) known;
}

static void
fill_threshold_point (MqlwStageQuality *quality,
                      const MqlwScores *scores,
                      const gint8      *labels,
                      gboolean          score_path,
                      double            threshold)
{
  guint64 tp = 0, fp = 0;
  double pos = (double) quality->reached, neg = (double) (quality->known - quality->reached);

  for (guint row = 0; row < scores->n; row++)
    {
      if (isnan (scores->total[row]) || labels[row] < 0 ||
          !mqlw_scores_is_mql (scores, row, score_path, threshold))
        continue;
      if (labels[row] == MQLW_OUTCOME_YES)
        tp++;
      else
        fp++;
    }
  quality->threshold_tpr = pos > 0 ? (double) tp / pos : NAN;
  quality->threshold_fpr = neg > 0 ? (double) fp / neg : NAN;
  quality->threshold_share_leads = quality->known > 0 ? (double) (tp + fp) / (double) quality->known : NAN;
}

static void
evaluate_stage (MqlwEvaluation        *self,
                MqlwStage              stage,
                const Ranked          *ranked,
                guint                  n_ranked,
                const MqlwScores      *scores,
                const gint8           *labels,
                gboolean               score_path,
                const MqlwBucketTable *bands)
{
  MqlwStageQuality *quality = &self->stage[stage];
  g_autoptr(GArray) groups = NULL;
  guint64 pos, neg;

  quality->present = TRUE;
  groups = build_groups (ranked, n_ranked, labels, &pos, &neg);
  quality->known = pos + neg;
  quality->reached = pos;
  groups_auc (groups, pos, neg, &quality->auc, &quality->auc_se);
  mqlw_auc_interval (quality->auc, quality->auc_se, &quality->auc_ci_low, &quality->auc_ci_high);
  quality->n_gains = build_gains (groups, pos, neg, quality->gains);
  quality->curve = pos + neg > 0 ? build_curve (groups, pos, neg)
                                 : g_array_new (FALSE, FALSE, sizeof (MqlwCurvePoint));
  fill_reliability (quality, bands, stage);
  fill_threshold_point (quality, scores, labels, score_path, self->threshold);
}

static void
count_unscored (MqlwEvaluation     *self,
                const MqlwScores   *scores,
                const MqlwOutcomes *outcomes)
{
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      guint64 known = 0, reached = 0;

      if (outcomes->stage[s] == NULL)
        {
          mqlw_rate_set_absent (&self->unscored_stage[s]);
          continue;
        }
      for (guint row = 0; row < scores->n; row++)
        if (isnan (scores->total[row]) && outcomes->stage[s][row] >= 0)
          {
            known++;
            reached += outcomes->stage[s][row] == MQLW_OUTCOME_YES;
          }
      mqlw_rate_set (&self->unscored_stage[s], known, reached);
    }
}

MqlwEvaluation *
mqlw_evaluate (const MqlwScores      *scores,
               const MqlwOutcomes    *outcomes,
               gboolean               score_path,
               double                 threshold,
               const MqlwBucketTable *bands)
{
  MqlwEvaluation *self;
  g_autofree Ranked *ranked = NULL;
  guint n = 0;

  g_return_val_if_fail (scores != NULL, NULL);
  g_return_val_if_fail (outcomes != NULL, NULL);
  g_return_val_if_fail (outcomes->n == scores->n, NULL);

  self = g_new0 (MqlwEvaluation, 1);
  self->threshold = threshold;
  ranked = g_new (Ranked, MAX (scores->n, 1));
  for (guint row = 0; row < scores->n; row++)
    if (!isnan (scores->total[row]))
      ranked[n++] = (Ranked) { scores->total[row], row };
  self->scored = n;
  self->unscored = scores->n - n;
  qsort (ranked, n, sizeof (Ranked), compare_ranked_desc);
  count_unscored (self, scores, outcomes);

  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      if (outcomes->stage[s] == NULL)
        {
          self->stage[s].auc = self->stage[s].auc_se = NAN;
          self->stage[s].auc_ci_low = self->stage[s].auc_ci_high = self->stage[s].brier = NAN;
          continue;
        }
      evaluate_stage (self, s, ranked, n, scores, outcomes->stage[s], score_path, bands);
    }
  return self;
}

void
mqlw_evaluation_free (MqlwEvaluation *self)
{
  if (self == NULL)
    return;
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      g_clear_pointer (&self->stage[s].reliability, g_array_unref);
      g_clear_pointer (&self->stage[s].curve, g_array_unref);
    }
  g_free (self);
}

MqlwEvaluation *
mqlw_evaluate_model (MqlwDataset           *dataset,
                     MqlwModel             *model,
                     const MqlwBucketSpec  *spec,
                     GError               **error)
{
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autoptr(MqlwBucketTable) bands = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, error);
  if (scoring == NULL)
    return NULL;
  bands = mqlw_scoring_buckets (scoring, spec, NULL, error);
  if (bands == NULL)
    return NULL;
  return mqlw_evaluate (mqlw_scoring_get_scores (scoring), &dataset->outcomes, model->paths.score,
                        model->threshold, bands);
}
