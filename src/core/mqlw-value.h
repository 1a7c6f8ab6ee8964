/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-value.h — what the line is worth.
 *
 * Over the scored leads (unscored ones are left out and counted), with the
 * deal amount of each won lead (a column, or an outcome file's; NAN when a
 * win has none):
 *
 *   revenue     per score range (the bucket table's bands): the wins and the
 *               sum of their amounts; at the threshold, the revenue of the won
 *               MQLs (captured) and of the won leads below the line (missed);
 *   average deal  the mean amount of the won leads that have one;
 *   p(lead)     the win rate of the lead's score range over its known
 *               outcomes (the range's observed rate; the overall rate when the
 *               range has no known outcome);
 *   value(t)    Σ over the MQLs at threshold t of (p(lead) × average deal − cost),
 *               with the model's paths and disqualifiers (a lead on a fixed path
 *               is an MQL at every t); expected wins(t) = Σ p(lead);
 *   best        the threshold, among the distinct scores (and "above every
 *               score"), whose value is highest: a suggestion beside the
 *               others, only with a cost per MQL follow-up > 0 and a score path;
 *   a month     at the threshold: MQLs, expected wins, expected revenue and
 *               value divided by the period — NAN when the period is unknown
 *               (no created date and none stated), never "1 month".
 *
 * Built in one sort of the scored leads; mqlw_value_at is a binary search. */
#pragma once

#include "mqlw-calibration.h"

G_BEGIN_DECLS

typedef struct {
  double  lo;              /* lo ≤ score < hi; INFINITY for the last */
  double  hi;
  guint64 leads;
  guint64 wins;
  guint64 wins_with_amount;
  double  revenue;         /* Σ amounts of its wins */
  double  win_rate;        /* p of its leads */
} MqlwValueBand;

typedef struct {
  double  threshold;
  guint64 mql;
  double  expected_wins;
  double  expected_revenue;   /* expected wins × average deal */
  double  cost;               /* mql × cost per MQL */
  double  value;              /* expected revenue − cost; NAN without an average deal */
} MqlwValuePoint;

typedef struct {
  gboolean       has_wins;          /* the data has the won stage */
  gboolean       has_amounts;       /* … and at least one won lead with an amount */
  double         cost_per_mql;      /* NAN or ≤ 0: none */
  double         months;            /* NAN: unknown */
  guint64        unscored;
  guint64        wins;              /* won scored leads */
  guint64        wins_with_amount;
  double         revenue;           /* Σ their amounts */
  double         average_deal;      /* NAN without amounts */
  double         win_rate;          /* overall, over known outcomes */
  GArray        *bands;             /* MqlwValueBand */

  double         threshold;
  guint64        wins_captured;
  guint64        wins_missed;
  double         revenue_captured;
  double         revenue_missed;
  double         revenue_captured_share;
  MqlwValuePoint at_threshold;

  gboolean       best_found;
  MqlwValuePoint best;

  double         mql_per_month;
  double         wins_per_month;
  double         revenue_per_month;
  double         value_per_month;

  /*< private >*/
  GArray        *keys;              /* double: distinct scores, highest first */
  GArray        *cum_count;         /* guint64: score-path-only leads scoring ≥ keys[i] */
  GArray        *cum_p;             /* double: Σ p of those */
  guint64        fixed_count;       /* MQLs at every threshold (fixed paths) */
  double         fixed_p;
  gboolean       score_path;
} MqlwValue;

/* @bands: the ranges whose win rates give p (required); @months: the period
 * (NAN unknown); @cost_per_mql: NAN or ≤ 0 for none. */
MqlwValue *mqlw_value_new  (const MqlwScores      *scores,
                            const MqlwOutcomes    *outcomes,
                            gboolean               score_path,
                            double                 threshold,
                            const MqlwBucketTable *bands,
                            double                 months,
                            double                 cost_per_mql);
void       mqlw_value_free (MqlwValue             *self);

/* The expected wins and value at any threshold. */
void       mqlw_value_at   (const MqlwValue       *self,
                            double                 threshold,
                            MqlwValuePoint        *point);

/* Scores, buckets by @spec (NULL: auto) and values @model on @dataset, with
 * @months stated (NAN: from the created dates). */
MqlwValue *mqlw_value_model (MqlwDataset          *dataset,
                             MqlwModel            *model,
                             const MqlwBucketSpec *spec,
                             double                months,
                             double                cost_per_mql,
                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwValue, mqlw_value_free)

G_END_DECLS
