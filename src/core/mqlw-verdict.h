/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-verdict.h — a score bucket's verdict, and the stage it follows.
 *
 * A verdict rates one stage's conversion in a bucket (seed 002's table: SQL
 * 5 % too early, 15 % marginal, 35 % good, 60 % hot): rate ≥ hot → Hot,
 * ≥ good → Good, ≥ marginal → Marginal, else Too early. Defaults 10 / 30 / 50 %.
 *
 * Which stage. A stage can rate buckets when the data has it and it differs
 * between buckets: its rate (reached / known) is not the same in every bucket
 * with a known outcome (a single such bucket counts as differing unless its
 * rate is 0 % or 100 %). A stage every lead reached, or none did, rates nothing:
 * it would call every bucket Hot (or Too early).
 *   automatic (the default): SQL when it can rate; otherwise the first that
 *     can of opportunity, won, accepted (the funnel after SQL, then before it);
 *     no verdicts when none can;
 *   a chosen stage: that stage when it can rate, else no verdicts.
 * The table says which stage its verdicts follow and why (MqlwVerdictWhy), in
 * one sentence for people (mqlw_verdict_explain), the same in the window, the
 * CLI, the chart and the report.
 *
 * Too few leads. A bucket whose stage has fewer than @min_known known outcomes
 * (default 30) gets "Too few leads" instead of a rating; one with none, "No data". */
#pragma once

#include "mqlw-types.h"
#include "mqlw-stats.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_VERDICT_NONE = 0,       /* no known outcomes in the bucket, or no stage to follow */
  MQLW_VERDICT_TOO_EARLY,
  MQLW_VERDICT_MARGINAL,
  MQLW_VERDICT_GOOD,
  MQLW_VERDICT_HOT,
  MQLW_VERDICT_TOO_FEW,        /* fewer known outcomes than min_known */
  MQLW_N_VERDICTS
} MqlwVerdict;

/* MqlwVerdictCuts.stage for "choose automatically". */
#define MQLW_VERDICT_STAGE_AUTO MQLW_N_STAGES

#define MQLW_VERDICT_DEFAULT_MIN_KNOWN 30

typedef struct {
  MqlwStage stage;             /* MQLW_VERDICT_STAGE_AUTO (default) or a stage */
  double    marginal;          /* rate ≥ marginal → Marginal */
  double    good;              /* rate ≥ good → Good */
  double    hot;               /* rate ≥ hot → Hot */
  guint     min_known;         /* fewer known outcomes → Too few leads (default 30) */
} MqlwVerdictCuts;

/* Why the verdicts follow the stage they follow (or none). */
typedef enum {
  MQLW_VERDICT_WHY_SQL = 0,        /* automatic, and SQL can rate */
  MQLW_VERDICT_WHY_CHOSEN,         /* the chosen stage */
  MQLW_VERDICT_WHY_NO_SQL,         /* automatic: the data has no SQL outcome */
  MQLW_VERDICT_WHY_SQL_SAME,       /* automatic: SQL is the same in every bucket */
  MQLW_VERDICT_WHY_NONE_VARIES,    /* no stage differs between buckets: no verdicts */
  MQLW_VERDICT_WHY_NO_OUTCOMES,    /* the data has no outcome at all: no verdicts */
  MQLW_VERDICT_WHY_CHOSEN_ABSENT,  /* the chosen stage is not in the data: no verdicts */
  MQLW_VERDICT_WHY_CHOSEN_SAME,    /* the chosen stage is the same in every bucket: no verdicts */
} MqlwVerdictWhy;

void        mqlw_verdict_cuts_init_default (MqlwVerdictCuts *cuts);
gboolean    mqlw_verdict_cuts_equal        (const MqlwVerdictCuts *a,
                                            const MqlwVerdictCuts *b);
const char *mqlw_verdict_to_string         (MqlwVerdict      verdict);   /* "none", "too_early", "marginal",
                                                                          "good", "hot", "too_few" */
const char *mqlw_verdict_label             (MqlwVerdict      verdict);   /* "No data", "Too early", …,
                                                                          "Too few leads" (untranslated msgid) */
const char *mqlw_verdict_why_to_string     (MqlwVerdictWhy   why);       /* "sql", "chosen", "no_sql", "sql_same",
                                                                          "none_varies", "no_outcomes",
                                                                          "chosen_absent", "chosen_same" */

/* TRUE when @stage can rate buckets whose rates are @rates (one per bucket,
 * stride @stride bytes apart, so a column of MqlwBucket.stage[s] can be read
 * in place): see the top of this file. */
gboolean    mqlw_verdict_stage_varies      (const MqlwRate  *rates,
                                            guint            n,
                                            gsize            stride);

/* The stage to follow for @cuts when stage s varies as @varies[s] says and
 * the data has it as @present[s]; MQLW_N_STAGES for none, with the reason. */
MqlwStage   mqlw_verdict_choose_stage      (const MqlwVerdictCuts *cuts,
                                            const gboolean  present[MQLW_N_STAGES],
                                            const gboolean  varies[MQLW_N_STAGES],
                                            MqlwVerdictWhy *why);

/* The verdict for one bucket's rate of the followed stage. */
MqlwVerdict mqlw_verdict_rate              (const MqlwRate  *rate,
                                            const MqlwVerdictCuts *cuts);

/* One sentence for people: "Verdicts follow the SQL rate." / "Verdicts follow
 * the opportunity rate: the data has no SQL outcome." / "No verdicts: …". */
char       *mqlw_verdict_explain           (MqlwStage        stage,
                                            MqlwVerdictWhy   why,
                                            MqlwStage        chosen);

G_END_DECLS
