/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-types.h — enums and small value types shared by every core module. */
#pragma once

#include <glib.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The ordered funnel. A lead that reached a later stage reached the earlier ones. */
typedef enum {
  MQLW_STAGE_ACCEPTED = 0,   /* SAL: sales accepted (or rejected) the lead */
  MQLW_STAGE_SQL,
  MQLW_STAGE_OPPORTUNITY,
  MQLW_STAGE_WON,
  MQLW_N_STAGES
} MqlwStage;

/* Per-lead state of one stage. Unknown is never a failure. */
#define MQLW_OUTCOME_UNKNOWN ((gint8) -1)
#define MQLW_OUTCOME_NO      ((gint8) 0)
#define MQLW_OUTCOME_YES     ((gint8) 1)

/* Grades from fit points (Pardot-style bands); A is best. */
typedef enum {
  MQLW_GRADE_A = 0,
  MQLW_GRADE_B,
  MQLW_GRADE_C,
  MQLW_GRADE_D,
  MQLW_N_GRADES
} MqlwGrade;

/* Qualification paths (seed 002). A lead can pass several. */
typedef enum {
  MQLW_PATH_SCORE           = 1 << 0,  /* total ≥ threshold */
  MQLW_PATH_GRADE_BEHAVIOUR = 1 << 1,  /* grade ≥ B and behaviour ≥ 50 */
  MQLW_PATH_HAND_RAISER     = 1 << 2,  /* demo / contact request and grade ≥ floor */
} MqlwPathFlags;

typedef enum {
  MQLW_PROBLEM_WARNING = 1,
  MQLW_PROBLEM_ERROR,
} MqlwProblemLevel;

/* Something found in the input that the user should see: "line 812, column
 * company_size: 'abc' is not a number". line is 1-based (the header is line 1),
 * 0 when the problem is not tied to a line. */
typedef struct {
  MqlwProblemLevel level;
  guint64 line;
  char *column;   /* nullable */
  char *message;
  char *kind;     /* nullable: what kind of finding, for scripts ("placeholder", "leaky", …;
                   * see mqlw-health.h); not kept in projects */
} MqlwProblem;

MqlwProblem *mqlw_problem_new  (MqlwProblemLevel level,
                                guint64          line,
                                const char      *column,
                                const char      *format,
                                ...) G_GNUC_PRINTF (4, 5);
void         mqlw_problem_free (MqlwProblem     *problem);
void         mqlw_problem_set_kind (MqlwProblem *problem,
                                    const char  *kind);

/* Progress from worker code: fraction in [0, 1]. Called from the worker's
 * thread; the GUI marshals it to the main loop itself. */
typedef void (*MqlwProgressFunc) (double   fraction,
                                  gpointer user_data);

const char *mqlw_stage_to_string   (MqlwStage   stage);   /* "accepted", "sql", "opportunity", "won" */
gboolean    mqlw_stage_from_string (const char *text,     /* also "sal", "opp", "closed_won" … */
                                    MqlwStage  *stage);
const char *mqlw_stage_label       (MqlwStage   stage);   /* "Acceptance", "SQL", "Opportunity", "Win" */
const char *mqlw_grade_to_string   (MqlwGrade   grade);   /* "A" … "D" */
gboolean    mqlw_grade_from_string (const char *text,
                                    MqlwGrade  *grade);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwProblem, mqlw_problem_free)

G_END_DECLS
