/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-model.h — the scoring model being calibrated and exported.
 *
 * total = fit + multiplier[grade] × behaviour                       (seed 003 step 2)
 *   fit        = Σ points of the fit rules a lead matches           (seeds 000, 004)
 *   behaviour  = Σ over activities of clamp(points × count, ±cap) × decay(age)
 *   decay(age) = step table by days since the activity date at the as-of date
 *                (seed 003: ≤7 d 100 %, 8–30 80 %, 31–60 60 %, 61–90 40 %, >90 20 %)
 *                or 0.5^(age / half-life)
 *   grade      = A if fit ≥ a, B if fit ≥ b, C if fit ≥ c, else D (Pardot-style bands)
 * Rounding: each rule's contribution to one lead (a fit rule's points; one activity's
 * clamp (points × count, ±cap) × decay) is rounded to 0.01, half away from zero, once,
 * before it is summed, so fit and behaviour are exact sums of hundredths that do not
 * depend on the order of the rules; total is then rounded to 0.01 (half away from zero).
 * A lead is an MQL when no disqualifier hits and any enabled path passes (seed 002):
 *   score path            total ≥ threshold
 *   grade+behaviour path  grade at least @min_grade and behaviour ≥ @behaviour_min
 *   hand-raiser path      any hand-raiser activity > 0 and grade at least @min_grade
 * Or a model can name an existing score column and calibrate the threshold only.
 *
 * Unscored leads. A lead without a score is left out of every figure (buckets,
 * preview, sweep, suggestions, comparison, sign-off metrics) and counted on its
 * own: with a score column, a lead whose score is empty; with a points model,
 * a lead missing every column of @unscored_when_missing (none by default: a
 * points model scores every lead, a missing value simply earning no points). */
#pragma once

#include <json-glib/json-glib.h>

#include "mqlw-types.h"

G_BEGIN_DECLS

#define MQLW_MODEL_FORMAT_VERSION 1

/* What one model may hold, checked before it is parsed (each error names the
 * JSON path and line): far beyond any real model, well below what would take
 * the scorer minutes and gigabytes. */
#define MQLW_MODEL_MAX_BYTES     ((gsize) 16 << 20)   /* 16 MiB */
#define MQLW_MODEL_MAX_CRITERIA  1000u                /* fit, behaviour, disqualifiers: each */
#define MQLW_MODEL_MAX_VALUES    100000u              /* one rule's values */
#define MQLW_MODEL_MAX_LIST      10000u               /* any other list (decay steps, …) */

#define MQLW_MODEL_ERROR (mqlw_model_error_quark ())
typedef enum {
  MQLW_MODEL_ERROR_PARSE = 1,     /* not JSON: line and column */
  MQLW_MODEL_ERROR_INVALID,       /* JSON, but wrong: message names the JSON path ("$.fit[2].points: …") */
  MQLW_MODEL_ERROR_VERSION,       /* written by a newer MQL Workbench */
  MQLW_MODEL_ERROR_IO,
} MqlwModelError;
GQuark mqlw_model_error_quark (void);

typedef enum {
  MQLW_MATCH_EQUALS = 1,     /* value equals values[0] (case-insensitive for text) */
  MQLW_MATCH_IN_SET,         /* value is one of values */
  MQLW_MATCH_RANGE,          /* min ≤ value ≤ max; NAN bound = open */
  MQLW_MATCH_EMAIL_DOMAIN,   /* the part after '@' is one of values (or a subdomain of one) */
  MQLW_MATCH_MISSING,        /* the value is missing */
  MQLW_MATCH_NOT_IN,         /* a value is present and is none of values (a missing value never matches) */
  MQLW_MATCH_CONTAINS,       /* text containing any of values, case-insensitive (text columns only) */
} MqlwMatchOp;

#define MQLW_MATCH_LAST MQLW_MATCH_CONTAINS

/* A condition on one column: used by fit rules and disqualifiers. */
typedef struct {
  char        *field;
  MqlwMatchOp  op;
  GStrv        values;       /* EQUALS, IN_SET, EMAIL_DOMAIN, NOT_IN, CONTAINS */
  double       min, max;     /* RANGE */
} MqlwMatch;

typedef struct {
  char      *id;             /* stable, unique within the model */
  char      *label;          /* "Seniority VP or C-level" */
  gboolean   enabled;
  MqlwMatch  match;
  double     points;         /* may be negative (penalties) */
} MqlwFitRule;

typedef struct {
  char      *id;
  char      *label;          /* "Pricing page visit" */
  gboolean   enabled;
  char      *activity;       /* activity count column */
  double     points;         /* per occurrence; negative for careers page, unsubscribe */
  double     cap;            /* largest |points| the activity can give; NAN = no cap */
  char      *date_column;    /* nullable: the dataset's activity date for this activity, else the general one */
  gboolean   decay;          /* apply the model's recency decay */
} MqlwBehaviourRule;

typedef enum {
  MQLW_DECAY_NONE = 0,
  MQLW_DECAY_STEPS,
  MQLW_DECAY_HALF_LIFE,
} MqlwDecayKind;

typedef struct {
  double max_age_days;       /* this factor applies while age ≤ max_age_days */
  double factor;
} MqlwDecayStep;

typedef struct {
  MqlwDecayKind  kind;
  GArray        *steps;      /* MqlwDecayStep, ascending max_age_days */
  double         beyond;     /* factor past the last step (seed 003: 0.2) */
  double         half_life_days;
} MqlwDecay;

typedef struct {
  gboolean enabled;
  double   min_fit[MQLW_N_GRADES - 1];   /* fit ≥ min_fit[A] → A, ≥ [B] → B, ≥ [C] → C, else D */
  double   multiplier[MQLW_N_GRADES];    /* applied to behaviour; 1.0 when unused */
} MqlwGrading;

typedef struct {
  gboolean   score;                       /* total ≥ threshold */
  gboolean   grade_behaviour;
  MqlwGrade  grade_behaviour_min_grade;   /* seed 002: B */
  double     behaviour_min;               /* seed 002: 50 */
  gboolean   hand_raiser;
  GStrv      hand_raiser_activities;      /* count columns: demo_requests, contact_sales */
  MqlwGrade  hand_raiser_min_grade;       /* seed 002: "a competitor requesting a demo isn't an MQL" */
} MqlwPaths;

typedef struct {
  char      *id;
  char      *label;          /* "Competitor domain" */
  gboolean   enabled;
  char      *reason;         /* competitor | student | partner | source | other */
  MqlwMatch  match;
} MqlwDisqualifier;

typedef struct _MqlwModel MqlwModel;

struct _MqlwModel {
  /*< public >*/
  char        *name;
  char        *description;
  char        *score_column;      /* nullable: calibrate an existing score; fit/behaviour ignored */
  GStrv        unscored_when_missing;   /* never NULL: columns whose absence (all of them) leaves a lead
                                           unscored; JSON "unscored_when_missing", written only when set */
  GPtrArray   *fit;               /* MqlwFitRule* */
  GPtrArray   *behaviour;         /* MqlwBehaviourRule* */
  MqlwDecay    decay;
  MqlwGrading  grading;
  MqlwPaths    paths;
  GPtrArray   *disqualifiers;     /* MqlwDisqualifier* */
  double       threshold;
  double       capacity_per_month;   /* NAN = not set */
  /*< private >*/
  gatomicrefcount ref_count;
};

MqlwModel  *mqlw_model_new             (void);   /* empty: score path only, threshold 0 */
MqlwModel  *mqlw_model_ref             (MqlwModel   *self);
void        mqlw_model_unref           (MqlwModel   *self);
MqlwModel  *mqlw_model_copy            (const MqlwModel *self);   /* deep */
gboolean    mqlw_model_equal           (const MqlwModel *a,
                                        const MqlwModel *b);

MqlwModel  *mqlw_model_from_json       (const char  *json,
                                        gssize       len,
                                        GError     **error);
/* @path "-" reads standard input. */
MqlwModel  *mqlw_model_load            (const char  *path,
                                        GError     **error);
/* Canonical form: fixed key order, no insignificant whitespace when !pretty,
 * numbers in their shortest form (mqlw-json-text.h); the same model always
 * gives the same bytes. Sign-off digests cover them: never change them. */
char       *mqlw_model_to_json         (const MqlwModel *self,
                                        gboolean     pretty);
/* The same as a json-glib tree: whole numbers below 10^15 as integers, the
 * rest as doubles, NaN as null (the tree the canonical text reads back as). */
JsonNode   *mqlw_model_to_node         (const MqlwModel *self);
gboolean    mqlw_model_save            (const MqlwModel *self,
                                        const char  *path,
                                        GError     **error);

/* Every number of the model is finite (NaN only where it means "not set":
 * capacity, a cap, a range's open bound); otherwise MQLW_MODEL_ERROR_INVALID
 * naming the JSON path ("$.fit[2].points"). Reading JSON and saving check it;
 * so should anything that stores a model built another way. */
gboolean    mqlw_model_check_numbers   (const MqlwModel *self,
                                        GError     **error);
/* The same rule as a JSON path: NULL when every number may be held, else the
 * path of the first that may not ("$.threshold"), for callers (the project
 * store) that word their own message. */
char       *mqlw_model_find_bad_number (const MqlwModel *self);

/* Builders, for tests and the GUI; they return the new rule owned by the model.
 * @points must be finite, @cap finite or NAN (critical and NULL otherwise). */
MqlwFitRule       *mqlw_model_add_fit          (MqlwModel   *self,
                                                const char  *id,
                                                const char  *field,
                                                MqlwMatchOp  op,
                                                double       points);
MqlwBehaviourRule *mqlw_model_add_behaviour    (MqlwModel   *self,
                                                const char  *id,
                                                const char  *activity,
                                                double       points,
                                                double       cap);
MqlwDisqualifier  *mqlw_model_add_disqualifier (MqlwModel   *self,
                                                const char  *id,
                                                const char  *reason,
                                                const char  *field,
                                                MqlwMatchOp  op);
/* Sets the seed 003 step table. */
void        mqlw_decay_set_seed003     (MqlwDecay   *decay);
double      mqlw_decay_factor          (const MqlwDecay *decay,
                                        double       age_days);  /* NAN age → 1.0 */

const char *mqlw_match_op_to_string    (MqlwMatchOp  op);        /* "equals", "in", "range", "email_domain", "missing",
                                                                    "not_in", "contains" */
gboolean    mqlw_match_op_from_string  (const char  *text,
                                        MqlwMatchOp *op);
/* Plain-language description of a fit rule / disqualifier ("Seniority is VP or C-level"). */
char       *mqlw_match_describe        (const MqlwMatch *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwModel, mqlw_model_unref)

G_END_DECLS
