/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-scorer-private.h — the scorer's insides, shared by its files:
 *   mqlw-scorer.c              applying a model (pairing old and new rules), the public API
 *   mqlw-scorer-check.c        checking a model against the data
 *   mqlw-scorer-match.c        criteria compiled to match bytes; comparing conditions
 *   mqlw-scorer-sums.c         hundredths, decay factors, the fit and behaviour deltas
 *   mqlw-scorer-totals.c       disqualifiers, hand raisers, unscored leads; sums → totals
 *   mqlw-scorer-incremental.c  one weight or cap edit applied to the leads it can touch
 * See "How a model is applied" in mqlw-scorer.c. */
#pragma once

#include <math.h>

#include "mqlw-scorer.h"

G_BEGIN_DECLS

/* The per-lead passes are the what-if hot path: let GCC vectorize them even
 * under -O2's "very cheap" cost model (loops of unknown length), and let it
 * if-convert floating-point selects (no FP exception is ever looked at).
 * The helpers they call are always inlined so that they share these options. */
#if defined(__GNUC__) && !defined(__clang__)
# define HOT_LOOP __attribute__ ((optimize ("vect-cost-model=dynamic", "no-trapping-math")))
#else
# define HOT_LOOP
#endif
/* The behaviour delta and the final pass are compute-bound at 2 doubles per
 * SSE2 instruction: on x86-64 also build an AVX2 clone, picked at load time. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
# define WIDE_LOOP __attribute__ ((target_clones ("avx2", "default")))
#else
# define WIDE_LOOP
#endif
#if defined(__GNUC__)
# define ALWAYS_INLINE inline __attribute__ ((always_inline))
#else
# define ALWAYS_INLINE inline
#endif

/* A lead's fit or behaviour sum stays within ±SUM_LIMIT hundredths
 * (±20,000,000 points); one contribution is clamped to the gint32 range. */
#define SUM_LIMIT      2000000000
#define CONTRIB_LIMIT  2147483647.0

/* The leads a rule can give points to (ascending), for edits of its points
 * that touch only those (mqlw-scorer-incremental.c). */
typedef struct {
  guint32 *rows;            /* NULL: not built (or too many to be worth it) */
  guint    n_rows;
  gboolean too_many;        /* built once and found too dense: use the full pass */
  /* Behaviour rules: each listed lead's count (NAN read as 0) and 100 ×
   * decay factor (100 without decay), gathered once so that an edit reads
   * them in order rather than from two columns at scattered leads. */
  double  *count;
  float   *percent;
} RuleRows;

typedef struct {
  gboolean active;          /* enabled, and not in score-column mode */
  gint32   points;          /* hundredths, as added to the fit sums; 0 when inactive */
  guint8  *match;           /* 1 where the rule hits; NULL when inactive */
  RuleRows rows;            /* the leads of match, built on the first points edit */
} FitState;

typedef struct {
  float  *percent;          /* 100 × decay factor per lead */
  double  max_abs;          /* largest |percent| */
} DecayFactors;

/* What an active behaviour rule added to the behaviour sums. */
typedef struct {
  gboolean            active;
  MqlwColumn         *column;     /* the count column */
  const DecayFactors *factors;    /* owned by the scorer's decay table; NULL = no decay */
  double              points;
  double              cap;        /* |cap|, INFINITY for none */
  double              max_count;  /* largest |count| of the column */
  RuleRows            rows;       /* leads with a count (and a decay factor) ≠ 0 */
} BehaviourState;

typedef struct {
  guint8 *hits;             /* NULL when disabled */
} DisqualifierState;

struct _MqlwScorer {
  MqlwDataset *dataset;
  MqlwModel   *model;       /* the caller's model */
  MqlwModel   *snapshot;    /* a private copy of it, as compiled (the caller may edit theirs) */
  GPtrArray   *fit_states;          /* FitState*, parallel to snapshot->fit */
  GPtrArray   *behaviour_states;    /* BehaviourState*, parallel to snapshot->behaviour */
  GPtrArray   *disqualifier_states; /* DisqualifierState*, parallel to snapshot->disqualifiers */
  GHashTable  *decay_factors;       /* MqlwColumn* (a date column) → DecayFactors* */
  GHashTable  *max_counts;          /* MqlwColumn* (a count column) → double* */
  gint32      *fit_sum;             /* hundredths per lead */
  gint32      *behaviour_sum;       /* hundredths per lead, before the grade multiplier */
  guint8      *hand;                /* any hand-raiser activity > 0; NULL when the path is off */
  guint8      *eligible;            /* bit 0: not disqualified; bit 1: that and a hand raised */
  guint8      *unscored;            /* 1 where every unscored_when_missing column is missing; NULL = none */
  MqlwColumn  *as_of;               /* AS_OF date column or NULL */
  gint32       latest_day;          /* latest activity date in the data, or MQLW_DATE_MISSING */
  MqlwScores   scores;
  guint32     *changed_rows;        /* scores.changed_rows when set; room for changed_room */
  double      *changed_total;       /* scores.changed_total, beside it */
  guint8      *changed_paths;       /* scores.changed_paths, beside it */
  guint        changed_room;
  gboolean     totals_only;         /* mqlw_scorer_new_totals_only (): no per-lead state beyond the totals */
  gboolean     deferred;            /* mqlw_scorer_new_deferred (): not even those (scores' arrays NULL) */
};

/* Hundredths of a point, half away from zero, for |y| < 2^31: mqlw_scorer_check_sums ()
 * guarantees that range before any contribution is computed (mqlw_scorer_fit_hundredths ()
 * clamps first). Written without branches so that the per-lead loops vectorize. */
static ALWAYS_INLINE gint32
round_hundredths (double y)
{
  double whole = (double) (gint32) y;   /* toward zero */
  double rest = y - whole;

  whole += (rest >= 0.5 ? 1.0 : 0.0) - (rest <= -0.5 ? 1.0 : 0.0);
  return (gint32) whole;
}

/* round (y) half away from zero, for |y| < 2^51 (totals, where y can leave
 * the gint32 range through a large grade multiplier). The 1.5 × 2^52 trick
 * rounds |y| to nearest, ties to even (the FPU's default mode); a tie that
 * went down is moved up. "+ 0.0" turns −0 into 0. Branch-free so that the
 * totals loop vectorizes. */
static ALWAYS_INLINE double
round_half_away_bounded (double y)
{
  const double magic = 6755399441055744.0;   /* 1.5 × 2^52 */
  double a = fabs (y);
  double r = (a + magic) - magic;

  r += (a - r == 0.5) ? 1.0 : 0.0;
  return copysign (r, y) + 0.0;
}

/* The same for any y: |y| ≥ 2^51 is already whole; NAN stays NAN. */
static inline double
round_half_away (double y)
{
  return fabs (y) < 2251799813685248.0 ? round_half_away_bounded (y) : y;
}

/* One behaviour rule's contribution to one lead, in hundredths:
 * round (clamp (points × count, ±cap) × 100 × decay). @cap is ≥ 0 (INFINITY = none). */
static ALWAYS_INLINE gint32
behaviour_hundredths (double count,
                      double percent,
                      double points,
                      double cap)
{
  double value = points * count;

  value = value < cap ? value : cap;
  value = value > -cap ? value : -cap;
  return round_hundredths (value * percent);
}

/* The constants that turn the sums into grades, totals and fixed paths
 * (mqlw_scorer_prepare_finish ()). */
typedef struct {
  gint32 band_a, band_b, band_c;   /* hundredths, descending */
  double multiplier[MQLW_N_GRADES];
  gint32 behaviour_min;            /* hundredths */
  guint8 gb_mask, hr_mask;         /* 0 or the eligible bit of an enabled path */
  guint  gb_min, hr_min;
} Finish;

/* How totals are formed: all multipliers 1 (fit + behaviour is whole); all
 * finite and within ±1,000,000 (|fit + m × behaviour| < 2^51 hundredths);
 * anything else (scalar, rare). */
typedef enum {
  TOTAL_UNIT,
  TOTAL_BOUNDED,
  TOTAL_ANY,
} TotalMode;

/* One lead: its grade, total and fixed paths (and the float sums asked
 * for) from the hundredths; returns whether its total or paths changed.
 * Plain int and double selects, so that the loops around it vectorize. */
static ALWAYS_INLINE guint8
finish_one (guint                      i,
            const gint32 *restrict     fit_sum,
            const gint32 *restrict     behaviour_sum,
            const guint8 *restrict     eligible,
            float        *restrict     fit,
            float        *restrict     behaviour,
            double       *restrict     total,
            guint8       *restrict     grades,
            guint8       *restrict     fixed_paths,
            const Finish              *f,
            gboolean                   write_fit,
            gboolean                   write_behaviour,
            TotalMode                  mode)
{
  gint32 fc = fit_sum[i];
  gint32 bc = behaviour_sum[i];
  gint32 grade = (fc < f->band_a) + (fc < f->band_b) + (fc < f->band_c);   /* MqlwGrade: A = 0 … D = 3 */
  gint32 ok = eligible[i];
  gint32 gb_mask = f->gb_mask, hr_mask = f->hr_mask;
  gint32 paths;
  guint8 changed;
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
  else
    {
      double fd = fc, m = f->multiplier[MQLW_GRADE_D];

      m = fd >= (double) f->band_c ? f->multiplier[MQLW_GRADE_C] : m;
      m = fd >= (double) f->band_b ? f->multiplier[MQLW_GRADE_B] : m;
      m = fd >= (double) f->band_a ? f->multiplier[MQLW_GRADE_A] : m;
      y = mode == TOTAL_BOUNDED ? round_half_away_bounded (fd + m * (double) bc)
                                : round_half_away (fd + m * (double) bc);
    }
  y = y / 100.0;
  paths = ((((ok & gb_mask) != 0) & (grade <= (gint32) f->gb_min) & (bc >= f->behaviour_min)) * MQLW_PATH_GRADE_BEHAVIOUR) |
          ((((ok & hr_mask) != 0) & (grade <= (gint32) f->hr_min)) * MQLW_PATH_HAND_RAISER);
  /* NAN before (unscored) compares unequal: flagged, which is safe. */
  changed = (total[i] != y) | (fixed_paths[i] != (guint8) paths);
  total[i] = y;
  fixed_paths[i] = (guint8) paths;
  return changed;
}

/* mqlw-scorer.c */
gpointer            mqlw_scorer_alloc_leads    (gsize n,
                                                gsize size);

/* mqlw-scorer-check.c */
gboolean            mqlw_scorer_parse_boolean  (const char *text,
                                                gint8      *value);
gboolean            mqlw_scorer_parse_number   (const char *text,
                                                double     *value);
gboolean            mqlw_scorer_parse_date     (const char *text,
                                                gint32     *days);
gboolean            mqlw_scorer_check_model    (MqlwDataset      *dataset,
                                                const MqlwModel  *model,
                                                GError          **error);

/* mqlw-scorer-match.c */
guint8             *mqlw_scorer_compile_match  (MqlwDataset     *dataset,
                                                const MqlwMatch *match);
gboolean            mqlw_scorer_equal_matches  (const MqlwMatch *a,
                                                const MqlwMatch *b);
gboolean            mqlw_scorer_equal_cap      (double a,
                                                double b);
gboolean            mqlw_scorer_equal_decay    (const MqlwDecay *a,
                                                const MqlwDecay *b);
gboolean            mqlw_scorer_equal_strvs    (char * const *a,
                                                char * const *b);

/* mqlw-scorer-sums.c */
gint32              mqlw_scorer_fit_hundredths       (double points);
gint32              mqlw_scorer_threshold_hundredths (double bound);
MqlwColumn         *mqlw_scorer_find_date_column     (MqlwScorer              *self,
                                                      const MqlwModel         *model,
                                                      const MqlwBehaviourRule *rule);
void                mqlw_scorer_decay_factors_free   (DecayFactors *factors);
const DecayFactors *mqlw_scorer_ensure_decay_factors (MqlwScorer      *self,
                                                      GHashTable      *table,
                                                      const MqlwDecay *decay,
                                                      MqlwColumn      *date_column);
double              mqlw_scorer_max_count            (MqlwScorer *self,
                                                      MqlwColumn *column);
void                mqlw_scorer_apply_behaviour_delta (MqlwScorer           *self,
                                                       const BehaviourState *from,
                                                       const BehaviourState *to);
void                mqlw_scorer_apply_fit_delta      (MqlwScorer   *self,
                                                      const guint8 *match,
                                                      gint32        delta);

/* mqlw-scorer-incremental.c */
void                mqlw_scorer_rule_rows_clear      (RuleRows *rows);
void                mqlw_scorer_rule_rows_take       (RuleRows *to,
                                                      RuleRows *from);
gboolean            mqlw_scorer_try_incremental      (MqlwScorer      *self,
                                                      const MqlwModel *old,
                                                      const MqlwModel *model,
                                                      GPtrArray       *fit_states,
                                                      GPtrArray       *behaviour_states);
void                mqlw_scorer_forget_changed_rows  (MqlwScorer *self);
void                mqlw_scorer_set_dense_fraction_for_testing (guint fraction);
/* Leads per block of a totals-only scoring (0: the default, 262 144); a
 * dataset of more leads is scored block by block. */
void                mqlw_scorer_set_totals_block_for_testing (guint leads);
/* The totals-only block holding lead @lead fails, as if memory refused it
 * (G_MAXUINT: none). */
void                mqlw_scorer_set_block_failure_for_testing (guint lead);
/* Blocks scored that way so far. */
guint               mqlw_scorer_get_totals_blocks_for_testing (void);

/* mqlw-scorer-totals.c */
void                mqlw_scorer_disqualifier_state_free (DisqualifierState *state);
gboolean            mqlw_scorer_update_disqualifiers (MqlwScorer      *self,
                                                      const MqlwModel *old,
                                                      const MqlwModel *model);
void                mqlw_scorer_compute_hand         (MqlwScorer      *self,
                                                      const MqlwModel *model);
void                mqlw_scorer_compute_unscored     (MqlwScorer      *self,
                                                      const MqlwModel *model);
void                mqlw_scorer_compute_eligible     (MqlwScorer *self);
void                mqlw_scorer_compute_totals       (MqlwScorer      *self,
                                                      const MqlwModel *model,
                                                      gboolean         fit_changed,
                                                      gboolean         behaviour_changed);
TotalMode           mqlw_scorer_prepare_finish       (MqlwScorer      *self,
                                                      const MqlwModel *model,
                                                      Finish          *out);
gboolean            mqlw_scorer_check_sums           (GPtrArray  *fit_states,
                                                      GPtrArray  *behaviour_states,
                                                      GError    **error);

G_END_DECLS
