/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-calibration-json.h — the one writer of a calibration's figures as JSON:
 * bucket tables, threshold previews and rates.
 *
 * Two forms, written by the same code:
 * - the plain form of `mqlw calibrate|preview|sweep|suggest|compare --format
 *   json` (and the other commands' rates), fixed by tests/test-cli.c: scores
 *   that are whole numbers as integers, every member;
 * - the signed form of sign-off's metrics part (mqlw-signoff.h), frozen by
 *   the exports already signed: scores always as decimals (2.0), the
 *   members of format 1 in their order, nothing about unscored leads.
 * Both write a rate as {"known","reached","rate","ci_low","ci_high"} (null when
 * the data lacks the stage) and round with mqlw_export_round (); a number
 * that is not finite is null. In canonical form (sorted keys, whole numbers
 * as integers) the signed members equal the plain ones. */
#pragma once

#include <json-glib/json-glib.h>

#include "mqlw-calibration.h"

G_BEGIN_DECLS

/* A rate object, or null when !rate->present. */
void      mqlw_json_add_rate        (JsonBuilder           *builder,
                                     const char            *member,
                                     const MqlwRate        *rate);
/* A score: whole values as integers, others with 2 decimals, ±∞ and NAN as null. */
void      mqlw_json_add_score       (JsonBuilder           *builder,
                                     const char            *member,
                                     double                 value);

/* ---- the plain form --------------------------------------------------- */

JsonNode *mqlw_json_buckets         (const MqlwBucketTable *table);
/* {"leads": N, "accepted": rate or null, …} */
JsonNode *mqlw_json_unscored        (const MqlwUnscored    *unscored);
/* "verdict_stage", "verdict_reason", "verdict_note", "min_known",
 * "shares_include_unscored" and "unscored" members of a bucket table. */
void      mqlw_json_add_table_facts (JsonBuilder           *builder,
                                     const MqlwBucketTable *table);
JsonNode *mqlw_json_preview         (const MqlwPreview     *preview);

/* ---- the signed form -------------------------------------------------- */

JsonNode *mqlw_json_signed_buckets  (const MqlwBucketTable *table);
JsonNode *mqlw_json_signed_preview  (const MqlwPreview     *preview);

G_END_DECLS
