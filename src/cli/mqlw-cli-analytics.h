/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-cli-analytics.h — what the analysis commands (evaluate,
 * suggest-weights, value, maturity, segments, backtest, grid) share: loading
 * and scoring, JSON numbers, aligned text columns. They compute no figure:
 * every number comes from the core. */
#pragma once

#include "mqlw-cli.h"

G_BEGIN_DECLS

/* Loads, scores and calibrates FILE (inv->rest[0]) with the model options;
 * applies --months; prints the notes (unscored leads, an unknown period) and
 * the rule warnings unless --quiet. On failure prints the error and
 * returns the exit status. */
int     mqlw_analytics_load        (MqlwInvocation *inv,
                                    MqlwScored     *scored);

/* --stage TEXT into @stage (a usage error otherwise); TRUE, @stage untouched,
 * when @text is NULL. */
gboolean mqlw_parse_stage          (const char         *text,
                                    MqlwStage          *stage,
                                    GError            **error);
/* Without --stage (@text NULL): @stage when the data has it, else the first
 * stage the data has, else @stage. With --stage: @stage as given. */
MqlwStage mqlw_default_stage       (const char         *text,
                                    const MqlwOutcomes *outcomes,
                                    MqlwStage           stage);

/* A number rounded to @decimals (< 0: as is), null when not finite. */
void    mqlw_json_add_number       (JsonBuilder    *builder,
                                    const char     *member,
                                    double          value,
                                    int             decimals);
void    mqlw_json_add_count        (JsonBuilder    *builder,
                                    const char     *member,
                                    guint64         value);
/* {"leads": n, "accepted": rate or null, …}: the leads left out. */
void    mqlw_json_add_left_out     (JsonBuilder    *builder,
                                    const char     *member,
                                    guint64         leads,
                                    const MqlwRate *stages);

/* Text cells padded by characters, so "–" and "%" line up. */
void    mqlw_print_cell            (const char     *text,
                                    int             width,
                                    gboolean        right);
/* "Unscored: N leads without a score, left out of every figure." when any. */
void    mqlw_print_left_out        (guint64         unscored);

G_END_DECLS
