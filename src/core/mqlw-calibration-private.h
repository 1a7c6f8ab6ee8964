/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-calibration-private.h — the calibration's insides, for its two
 * constructors (mqlw-calibration-count.c, mqlw-calibration-aggregate.c), the
 * modules that read its counts (mqlw-calibration.c, mqlw-buckets.c,
 * mqlw-suggest.c, mqlw-compare.c, mqlw-histogram.c), and hooks for the
 * calibration tests. */
#pragma once

#include <math.h>

#include "mqlw-calibration.h"

G_BEGIN_DECLS

/* The calibration's counts (see "How it works" in mqlw-calibration-count.c), for
 * its constructors: mqlw_calibration_new () and, from a warehouse's
 * aggregate, mqlw_calibration_new_from_aggregate () (mqlw-calibration-aggregate.c). */
enum { GROUP_ELIGIBLE, GROUP_FIXED, GROUP_DISQUALIFIED, N_GROUPS };

typedef struct {
  guint64 count;
  guint64 known[MQLW_N_STAGES];     /* by packed stage index */
  guint64 reached[MQLW_N_STAGES];
} Tally;

struct _MqlwCalibration {
  guint     n;
  gboolean  score_path;
  double    months;                 /* from the created dates; NAN without them */
  double    months_stated;          /* NAN unless stated */
  double    score_min;              /* over finite totals; NAN when none */
  double    score_max;

  guint     n_present;
  MqlwStage present[MQLW_N_STAGES]; /* packed index → stage */
  int       packed[MQLW_N_STAGES];  /* stage → packed index, −1 when absent */

  guint     stride;                 /* 64-bit words per bin */
  guint     group;                  /* words per group: 1 + n_present;
                                       E at 0, F at group, Q at 2 × group */

  guint     n_bins;                 /* distinct keys */
  gboolean  sorted;                 /* the sorted fallback was used */
  gint64    key_min;
  gint64    key_max;
  gint64   *keys;                   /* key of each bin, ascending */
  guint32  *bin_at;                 /* key − key_min → first bin with key ≥ it;
                                       NULL in the sorted fallback and from
                                       mqlw-histogram.c: lookups search keys */
  guint64  *suffix;                 /* (n_bins + 1) × stride; the last row is zero */
  guint64   n_finite;               /* leads in the bins */

  Tally     unscored;               /* NaN totals, all groups: in no figure */
  Tally     fixed;                  /* not disqualified, fixed_paths != 0 */
  guint64   disqualified;
  guint64   by_path_fixed[MQLW_N_PATHS];
  guint64   all_known[MQLW_N_STAGES];     /* by stage, whole history */
  guint64   all_reached[MQLW_N_STAGES];
};

#define KEY_LIMIT          1e15
#define KEY_LIMIT_KEY      G_GINT64_CONSTANT (1000000000000000)

/* A total's key: round (total × 100), clamped to ±KEY_LIMIT. */
static inline gint64
mqlw_calibration_key (double total)
{
  /* CLAMP() compiles to branches, always predicted: cheaper here than
   * minsd/maxsd, which would lengthen the chain to the map lookup. */
  double x = CLAMP (total * 100.0, -KEY_LIMIT, KEY_LIMIT);
  /* Round half away from zero without a libm call in the per-lead loop. */
  return (gint64) (x + copysign (0.5, x));
}

/* A key's score: the same double the scorer produces for a two-decimal score. */
static inline double
mqlw_calibration_key_score (gint64 key)
{
  return (double) key / 100.0;
}

/* ---- finding a threshold's row ------------------------------------------ */

/* The smallest key whose score is ≥ @threshold, so that "key ≥ result" is
 * exactly "score ≥ threshold" for two-decimal scores (50.005 → 5001, and
 * 1.1 → 110 even though 1.1 × 100 is 110.00000000000001). */
static inline gint64
mqlw_calibration_threshold_key (double threshold)
{
  double x = threshold * 100.0;
  gint64 key;

  g_assert (!isnan (threshold));

  if (x <= -KEY_LIMIT)
    return G_MININT64 / 2;
  if (x > KEY_LIMIT)
    return G_MAXINT64 / 2;
  key = (gint64) ceil (x);
  while (mqlw_calibration_key_score (key - 1) >= threshold)
    key--;
  while (mqlw_calibration_key_score (key) < threshold)
    key++;
  return key;
}

/* Index of the first bin whose key is ≥ @key (n_bins when none). */
static inline guint
mqlw_calibration_bin_for_key (MqlwCalibration *self,
                              gint64           key)
{
  guint lo = 0, hi = self->n_bins;

  if (self->n_bins == 0 || key <= self->key_min)
    return 0;
  if (key > self->key_max)
    return self->n_bins;
  if (self->bin_at != NULL)
    return self->bin_at[key - self->key_min];

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (self->keys[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline guint
mqlw_calibration_bin_for_score (MqlwCalibration *self,
                                double           score)
{
  if (isnan (score))
    return self->n_bins;
  return mqlw_calibration_bin_for_key (self, mqlw_calibration_threshold_key (score));
}

static inline gint64
mqlw_calibration_bin_key (MqlwCalibration *self,
                          guint            bin)
{
  return self->keys[bin];
}

static inline const guint64 *
mqlw_calibration_row (MqlwCalibration *self,
                      guint            bin)
{
  return self->suffix + (gsize) bin * self->stride;
}

/* Counter @j of group @g in a suffix row: j = 0 the count, 1 + p known[p],
 * 1 + P + p reached[p]. */
static inline guint64
mqlw_calibration_counter (MqlwCalibration *self,
                          const guint64   *row,
                          guint            g,
                          guint            j)
{
  const guint64 *words = row + g * self->group;

  if (j == 0)
    return words[0];
  if (j <= self->n_present)
    return words[j] & G_GUINT64_CONSTANT (0xffffffff);
  return words[j - self->n_present] >> 32;
}

/* Counter @j of all leads (E + F + Q). */
static inline guint64
mqlw_calibration_all (MqlwCalibration *self,
                      const guint64   *row,
                      guint            j)
{
  return mqlw_calibration_counter (self, row, 0, j) + mqlw_calibration_counter (self, row, 1, j) + mqlw_calibration_counter (self, row, 2, j);
}

/* The score of the lead at @rank (0-based, in score order) among the scored ones. */
double   mqlw_calibration_score_at_rank (MqlwCalibration *self,
                                         guint64          rank);

/* Suffix sums over the bins' rows, then the totals. */
void     mqlw_calibration_finish (MqlwCalibration *self,
                                  const Tally      unscored[N_GROUPS],
                                  guint64          path_gb,
                                  guint64          path_hr);

/* The same when the suffix rows are summed already (mqlw-histogram.c). */
void     mqlw_calibration_finish_totals (MqlwCalibration *self,
                                         const Tally      unscored[N_GROUPS],
                                         guint64          path_gb,
                                         guint64          path_hr);

/* Calendar months touched by the created dates @lo..@hi (their range over
 * the @n dates of @created); NAN without a created date (see the constructor). */
double   mqlw_calibration_compute_months (const gint32 *created,
                                          guint         n,
                                          gint32        lo,
                                          gint32        hi);

/* The widest key range (key_max − key_min + 1) that mqlw_calibration_new ()
 * keeps as a histogram for @n leads; wider ones take the sorted fallback. */
guint64  mqlw_calibration_max_range (guint n);

/* Largest score-key range (in hundredths of a point) kept as a histogram;
 * wider ranges sort the keys instead. 0 restores the default (about 4 M). */
void     mqlw_calibration_set_max_bins_for_testing (guint            max_bins);

/* Threads counting the leads: 1 one thread, 2 the worker too, each part
 * taking every other chunk of @chunk_leads leads (whatever the number of
 * leads); 0, 0 restores the default (2 from 100 000 leads, chunks claimed as
 * the threads come). */
void     mqlw_calibration_set_threads_for_testing  (guint            n_threads,
                                                    guint            chunk_leads);

/* TRUE when @self fell back to sorted keys instead of a histogram. */
gboolean mqlw_calibration_is_sorted_for_testing    (MqlwCalibration *self);

G_END_DECLS
