/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-lead-scores.h — every lead's score as the core computes it, in the
 * columns the warehouse query returns (mqlw-sql.h, SCORE), so that any
 * scoring can be checked row by row:
 *
 *   lead_id       the lead id column (a number id as a whole number), else the e-mail,
 *                 else the row number (1, 2, …)
 *   score         two decimals (empty / null: unscored)
 *   grade         A, B, C or D
 *   mql           1 or 0 at the model's threshold
 *   path          the paths passed, "score", "grade_behaviour", "hand_raiser",
 *                 joined by '+' in that order; empty / null for a lead that is no MQL
 *   disqualified  the id of the first disqualifier that hit; empty / null when none
 *
 * CSV: a header row, then one row per lead in file order ("\n" line ends,
 * fields quoted only when needed); JSON: an array of objects with those
 * members (score a number, mql 0/1, path and disqualified null when none). */
#pragma once

#include <json-glib/json-glib.h>

#include "mqlw-scorer.h"

G_BEGIN_DECLS

typedef struct {
  const char *lead_id;        /* borrowed from the dataset (or id_buf); NULL: use the row number */
  double      score;          /* NAN: unscored */
  MqlwGrade   grade;
  gboolean    mql;
  guint       paths;          /* MqlwPathFlags passed (0 unless mql) */
  const char *disqualified;   /* borrowed from the model; NULL: none */
  char        id_buf[32];     /* a numeric lead id, as text */
} MqlwLeadScore;

/* Lead @row of the scorer's dataset under its model; the dataset's columns
 * must be loaded (mqlw_dataset_load_columns ()). */
void      mqlw_lead_score_get     (MqlwScorer       *scorer,
                                   guint             row,
                                   MqlwLeadScore    *out);
/* "score+hand_raiser", or NULL for 0. */
char     *mqlw_path_flags_to_string (guint           paths);

/* Every lead with its id: the ids are loaded first (mqlw_dataset_load_columns ()),
 * so these fail, with its error, when the project file can no longer give them. */
char     *mqlw_lead_scores_to_csv  (MqlwScorer      *scorer,
                                    GError         **error);
JsonNode *mqlw_lead_scores_to_json (MqlwScorer      *scorer,
                                    GError         **error);

G_END_DECLS
