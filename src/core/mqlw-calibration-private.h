/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-calibration-private.h — the calibration's insides, for its two
 * constructors, and hooks for the calibration tests. */
#pragma once

#include <math.h>

#include "mqlw-calibration.h"

G_BEGIN_DECLS

/* The calibration's counts (see "How it works" in mqlw-calibration.c), for
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
                                       NULL in the sorted fallback */
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

/* Suffix sums over the bins' rows, then the totals. */
void     mqlw_calibration_finish (MqlwCalibration *self,
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
