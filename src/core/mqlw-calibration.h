/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-calibration.h — buckets, threshold preview, sweep, suggestions, comparison.
 *
 * Built once per scoring (after each what-if rescore) in one pass over the
 * leads: a histogram over score keys (score × 100, exact since scores are
 * rounded to 0.01) with suffix sums of every outcome count, so a threshold move
 * is one table lookup and never rescans the leads. Score ranges too wide for a
 * histogram fall back to sorted distinct keys and a binary search. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-scorer.h"
#include "mqlw-stats.h"
#include "mqlw-verdict.h"

G_BEGIN_DECLS

#define MQLW_CALIBRATION_ERROR (mqlw_calibration_error_quark ())
typedef enum {
  MQLW_CALIBRATION_ERROR_BUCKETS = 1,   /* "edges must increase: 31 after 51" */
} MqlwCalibrationError;
GQuark mqlw_calibration_error_quark (void);

/* ---- buckets ---------------------------------------------------------- */

typedef enum {
  MQLW_BUCKETS_WIDTH = 1,      /* width:10 */
  MQLW_BUCKETS_EDGES,          /* edges:0,31,51,71  → [0,31) [31,51) [51,71) [71,∞) */
  MQLW_BUCKETS_QUANTILES,      /* quantiles:5 → edges at score quantiles, ties merged */
  MQLW_BUCKETS_AUTO,           /* auto → round-width edges over the middle 80 % of scores,
                                  about 10 buckets, open-ended below and above */
} MqlwBucketKind;

typedef struct {
  MqlwBucketKind kind;
  double         width;
  GArray        *edges;        /* double */
  guint          quantiles;
} MqlwBucketSpec;

MqlwBucketSpec *mqlw_bucket_spec_parse     (const char           *text,
                                            GError              **error);
MqlwBucketSpec *mqlw_bucket_spec_copy      (const MqlwBucketSpec *self);
char           *mqlw_bucket_spec_to_string (const MqlwBucketSpec *self);
void            mqlw_bucket_spec_free      (MqlwBucketSpec       *self);
/* Whether @self still splits scores from @min to @max (a new lead history's
 * range, NAN when no lead is scored): edges are scores typed for one history
 * (0–100 points) and may put all of another (probabilities 0–1) in one
 * bucket, so they fit while at least two of them lie in [@min, @max] (one
 * bucket with both ends among the scores). Widths, quantiles and auto follow
 * the scores: they always fit. */
gboolean        mqlw_bucket_spec_fits_scores (const MqlwBucketSpec *self,
                                              double                min,
                                              double                max);

/* What the leads without a score did (they are in no bucket, preview,
 * sweep, suggestion or comparison; see "Unscored leads" in mqlw-model.h). */
typedef struct {
  guint64  leads;
  MqlwRate stage[MQLW_N_STAGES];   /* their outcomes; present = FALSE when the data lacks the stage */
} MqlwUnscored;

typedef struct {
  double      lo;              /* lo ≤ score < hi */
  double      hi;              /* INFINITY for the last bucket */
  guint64     leads;
  double      share;           /* of the scored leads (unscored leads are in no bucket) */
  MqlwRate    stage[MQLW_N_STAGES];
  MqlwVerdict verdict;         /* on table->verdict_stage's rate (see mqlw-verdict.h) */
} MqlwBucket;

typedef struct {
  guint        n_buckets;
  MqlwBucket  *buckets;
  guint64      total_leads;    /* every lead, scored or not */
  guint64      scored_leads;   /* the leads in the buckets: total_leads − unscored.leads */
  MqlwUnscored unscored;
  MqlwVerdictCuts cuts;
  MqlwStage    verdict_stage;  /* the stage the verdicts follow; MQLW_N_STAGES: none */
  MqlwVerdictWhy verdict_why;
} MqlwBucketTable;

MqlwBucketTable *mqlw_bucket_table_copy (const MqlwBucketTable *self);
void             mqlw_bucket_table_free (MqlwBucketTable       *self);
/* A bucket's score range for people, the same in the chart, the table, the CLI
 * and the report: "0–30", "31–50", "71+" when every bound of @self is a whole
 * number (hi is exclusive, so the range shown ends at hi − 1); "0.5–12.3" with
 * one decimal otherwise; real minus signs; "−93 to −21" for every range of a
 * table where a minus would otherwise follow the dash. */
char *mqlw_bucket_table_range_label (const MqlwBucketTable *self,
                                     guint                  index);
/* How @self's ranges are written: @whole bounds (no decimals), @spelled ("to"). */
void  mqlw_bucket_table_range_style (const MqlwBucketTable *self,
                                     gboolean              *whole,
                                     gboolean              *spelled);

/* ---- threshold preview ------------------------------------------------- */

typedef enum {
  MQLW_PATH_INDEX_SCORE = 0,
  MQLW_PATH_INDEX_GRADE_BEHAVIOUR,
  MQLW_PATH_INDEX_HAND_RAISER,
  MQLW_N_PATHS
} MqlwPathIndex;

/* Where the period behind the per-month figures comes from. */
typedef enum {
  MQLW_MONTHS_UNKNOWN = 0,           /* no created date and none stated: per-month figures are NAN */
  MQLW_MONTHS_CREATED,               /* calendar months touched by the created dates */
  MQLW_MONTHS_STATED,                /* stated by the user (mqlw_calibration_set_months) */
} MqlwMonthsSource;

const char *mqlw_months_source_to_string (MqlwMonthsSource source);   /* "unknown", "created_at", "stated" */

typedef struct {
  double    threshold;
  guint64   leads;                   /* scored leads in the history (unscored ones are left out) */
  guint64   disqualified;
  guint64   mql;
  double    mql_share;               /* mql / leads */
  double    months;                  /* the period (see months_source); NAN when unknown */
  MqlwMonthsSource months_source;
  double    mql_per_month;           /* NAN when the period is unknown */
  guint64   by_path[MQLW_N_PATHS];   /* MQLs passing each path (a lead can pass several) */
  MqlwRate  stage[MQLW_N_STAGES];    /* among MQLs; acceptance coverage = stage[ACCEPTED].known / mql */
  double    acceptance_coverage;
  guint64   wins_total;              /* won scored leads in the whole history (unscored wins: unscored.stage[WON]) */
  guint64   wins_captured;           /* won leads that are MQLs */
  guint64   wins_missed;             /* won leads that are not */
  double    wins_captured_share;     /* NAN when the data has no wins */
  double    capacity_per_month;      /* NAN = not set */
  gboolean  over_capacity;           /* FALSE when the period is unknown: no capacity verdict */
  MqlwUnscored unscored;             /* the leads left out, for showing beside the figures */
} MqlwPreview;

typedef struct _MqlwCalibration MqlwCalibration;

/* @score_path: the model's score path is on (else the threshold changes nothing). */
MqlwCalibration *mqlw_calibration_new        (const MqlwScores   *scores,
                                              const MqlwOutcomes *outcomes,
                                              gboolean            score_path);
/* The same calibration, from scores that @fill gives a chunk of leads at a
 * time (the per-lead scores are never all held: a command that keeps only
 * the calibration). @fill writes leads [@begin, @end)'s scores from index 0
 * of each array; it is called from two threads at once, and once more over
 * every lead when the scores' range is too wide to count by key (the sorted
 * fallback). When @fill fails (FALSE, its @error set: a block's memory
 * refused), no more chunks are asked for and the calibration fails with the
 * first such error (NULL). */
typedef gboolean (*MqlwScoresFillFunc) (guint     begin,
                                        guint     end,
                                        double   *total,
                                        guint8   *fixed_paths,
                                        guint16  *disqualified,
                                        gpointer  user_data,
                                        GError  **error);
MqlwCalibration *mqlw_calibration_new_from_blocks (guint               n,
                                                   const MqlwOutcomes *outcomes,
                                                   gboolean            score_path,
                                                   MqlwScoresFillFunc  fill,
                                                   gpointer            user_data,
                                                   GError            **error);
void             mqlw_calibration_free       (MqlwCalibration    *self);

void             mqlw_calibration_score_range (MqlwCalibration   *self,
                                               double            *min,
                                               double            *max);

/* The populated scores: the score of the lead at rank ⌊@low·(n−1)⌋ and at
 * rank ⌊@high·(n−1)⌋ (0-based, in score order, over the n leads with a
 * score), e.g. 0.01 and 0.99 for the 1st and 99th percentile. NAN, NAN
 * without scores. The threshold slider spans these, not the outliers. */
void             mqlw_calibration_score_span  (MqlwCalibration   *self,
                                               double             low,
                                               double             high,
                                               double            *from,
                                               double            *to);

/* The leads without a score and their outcomes. */
void             mqlw_calibration_get_unscored (MqlwCalibration  *self,
                                                MqlwUnscored     *unscored);

/* The period the per-month figures divide by: @months stated by the user
 * (> 0), or NAN to go back to the created dates (unknown without them).
 * Set it before the calibration is shared with other threads. */
void             mqlw_calibration_set_months  (MqlwCalibration   *self,
                                               double             months);
double           mqlw_calibration_get_months  (MqlwCalibration   *self,
                                               MqlwMonthsSource  *source);

MqlwBucketTable *mqlw_calibration_buckets    (MqlwCalibration       *self,
                                              const MqlwBucketSpec  *spec,
                                              const MqlwVerdictCuts *cuts,   /* nullable: defaults */
                                              GError               **error);

/* O(1) with the histogram (O(log k) in the sorted fallback). */
void             mqlw_calibration_preview    (MqlwCalibration    *self,
                                              double              threshold,
                                              double              capacity_per_month,
                                              MqlwPreview        *preview);

/* The most thresholds one sweep computes: each is a whole preview (about
 * 330 bytes), so a million is already a third of a gigabyte. */
#define MQLW_CALIBRATION_MAX_SWEEP_POINTS 1000000

/* How many thresholds a sweep from @from to @to by @step has (0 when @to is
 * below @from); callers refuse more than MQLW_CALIBRATION_MAX_SWEEP_POINTS. */
double           mqlw_calibration_sweep_points (double          from,
                                                double          to,
                                                double          step);

/* Previews at from, from + step, … ≤ to. GArray of MqlwPreview; at most
 * MQLW_CALIBRATION_MAX_SWEEP_POINTS of them (a critical and NULL beyond). */
GArray          *mqlw_calibration_sweep      (MqlwCalibration    *self,
                                              double              from,
                                              double              to,
                                              double              step,
                                              double              capacity_per_month);

/* ---- suggestions ------------------------------------------------------- */

typedef enum {
  MQLW_SUGGEST_TARGET_SQL = 1,   /* lowest threshold whose MQLs reach the target SQL rate */
  MQLW_SUGGEST_ACCEPTANCE,       /* lowest threshold with acceptance inside the band */
  MQLW_SUGGEST_TOP_30,           /* lowest threshold keeping MQLs within the top 30 % of leads */
  MQLW_SUGGEST_TOP_20,           /* … the top 20 % */
  MQLW_SUGGEST_CAPACITY,         /* the highest volume that fits capacity */
} MqlwSuggestionKind;

typedef struct {
  double target_sql_rate;        /* 0.30 */
  double acceptance_low;         /* 0.60 */
  double acceptance_high;        /* 0.75 */
  double top_high;               /* 0.30 */
  double top_low;                /* 0.20 */
  double capacity_per_month;     /* NAN: no capacity suggestion */
  guint  min_known;              /* rates over fewer known leads do not count (default 20) */
  double grain;                  /* > 0: thresholds on this step only (1: whole points), each
                                    score rounded up to it; 0 (default): the scores themselves */
} MqlwSuggestOptions;

typedef struct {
  MqlwSuggestionKind kind;
  gboolean           found;
  double             threshold;
  MqlwPreview        preview;    /* at threshold, when found */
} MqlwSuggestion;

void        mqlw_suggest_options_init_default (MqlwSuggestOptions *options);
const char *mqlw_suggestion_kind_to_string    (MqlwSuggestionKind  kind);  /* "target_sql", "acceptance", "top_30", "top_20", "capacity" */
const char *mqlw_suggestion_kind_label        (MqlwSuggestionKind  kind);  /* "Target SQL rate 30 %" style, without numbers */

/* Candidate thresholds are the distinct scores. GArray of MqlwSuggestion, one per kind. */
GArray     *mqlw_calibration_suggest          (MqlwCalibration          *self,
                                               const MqlwSuggestOptions *options);

/* ---- baseline comparison ----------------------------------------------- */

typedef struct {
  MqlwPreview baseline;
  MqlwPreview proposed;
  guint64     both;
  guint64     neither;
  guint64     unscored;                      /* without a score under either model: in no count here */
  guint64     swap_in;                       /* MQL under proposed only */
  guint64     swap_out;                      /* MQL under baseline only */
  MqlwRate    swap_in_stage[MQLW_N_STAGES];
  MqlwRate    swap_out_stage[MQLW_N_STAGES];
  GArray     *swap_in_rows;                  /* guint row indexes, ascending */
  GArray     *swap_out_rows;
} MqlwComparison;

MqlwComparison *mqlw_compare               (MqlwCalibration *baseline,
                                            const MqlwScores *baseline_scores,
                                            gboolean          baseline_score_path,
                                            double            baseline_threshold,
                                            MqlwCalibration *proposed,
                                            const MqlwScores *proposed_scores,
                                            gboolean          proposed_score_path,
                                            double            proposed_threshold,
                                            const MqlwOutcomes *outcomes,
                                            double            capacity_per_month);
void            mqlw_comparison_free       (MqlwComparison  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwBucketSpec, mqlw_bucket_spec_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwBucketTable, mqlw_bucket_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwCalibration, mqlw_calibration_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwComparison, mqlw_comparison_free)

G_END_DECLS
