/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-model-edit.h — a model's criteria by id, whatever their kind.
 *
 * A model keeps its criteria in three arrays, one a kind (fit rules,
 * behaviour rules, disqualifiers); its public struct and its canonical JSON
 * stay that way, since sign-off digests are taken over that JSON. These calls
 * let the window and the workbench read and change a criterion by its id
 * without a loop over each array:
 *
 *   - a read-only view (MqlwCriterion) of any criterion: kind, id, label,
 *     switch, condition, points, cap — borrowed from the model, valid until
 *     the model changes;
 *   - edits in place: points, cap, on/off, label, condition, activity; remove,
 *     move within its kind, insert a copy of another model's criterion;
 *   - a new id no criterion of the model has yet.
 *
 * Ids are unique within one kind (mqlw_model_from_json refuses repeats), not
 * across kinds: a call names the kind, or MQLW_CRITERION_ANY for the first
 * criterion with the id that can take the call, looking at fit rules, then
 * behaviour rules, then disqualifiers. An edit returns FALSE (and changes
 * nothing) when there is no such criterion. */
#pragma once

#include "mqlw-model.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_CRITERION_ANY = 0,          /* lookups only: any kind */
  MQLW_CRITERION_FIT,
  MQLW_CRITERION_BEHAVIOUR,
  MQLW_CRITERION_DISQUALIFIER,
} MqlwCriterionKind;

#define MQLW_CRITERION_LAST MQLW_CRITERION_DISQUALIFIER

/* One criterion as a reader sees it; the strings belong to the model. */
typedef struct {
  MqlwCriterionKind  kind;
  guint              index;      /* in its kind's array */
  const char        *id;
  const char        *label;      /* nullable */
  gboolean           enabled;
  const MqlwMatch   *match;      /* fit rules and disqualifiers; NULL for behaviour */
  const char        *column;     /* the column it reads: the match's field or the activity */
  double             points;     /* fit and behaviour (per occurrence); 0 for a disqualifier */
  double             cap;        /* behaviour; NAN = no cap, and for the other kinds */
  gboolean           decay;      /* behaviour: the model's recency decay applies */
} MqlwCriterion;

guint     mqlw_model_get_n_criteria        (const MqlwModel   *self,
                                            MqlwCriterionKind  kind);
void      mqlw_model_get_nth_criterion     (const MqlwModel   *self,
                                            MqlwCriterionKind  kind,
                                            guint              index,
                                            MqlwCriterion     *criterion);
/* @kind MQLW_CRITERION_ANY: the first with @id, fit → behaviour → disqualifier.
 * @criterion is nullable (only whether there is one). */
gboolean  mqlw_model_find_criterion        (const MqlwModel   *self,
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            MqlwCriterion     *criterion);

/* Edits of one criterion: the first with @id of @kind (MQLW_CRITERION_ANY:
 * of a kind that can take the edit, fit → behaviour → disqualifier). */
gboolean  mqlw_model_set_criterion_points  (MqlwModel         *self,   /* fit, behaviour */
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            double             points);
gboolean  mqlw_model_set_criterion_cap     (MqlwModel         *self,   /* behaviour; NAN = no cap */
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            double             cap);
gboolean  mqlw_model_set_criterion_enabled (MqlwModel         *self,
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            gboolean           enabled);
gboolean  mqlw_model_set_criterion_label   (MqlwModel         *self,
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            const char        *label);
/* Fit rules and disqualifiers: the condition becomes a copy of @match. */
gboolean  mqlw_model_set_criterion_match   (MqlwModel         *self,
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            const MqlwMatch   *match);
gboolean  mqlw_model_set_criterion_activity (MqlwModel        *self,   /* behaviour */
                                             MqlwCriterionKind kind,
                                             const char       *id,
                                             const char       *activity);
gboolean  mqlw_model_remove_criterion      (MqlwModel         *self,
                                            MqlwCriterionKind  kind,
                                            const char        *id);
/* To @position within its kind (past the end: the last place). */
gboolean  mqlw_model_move_criterion        (MqlwModel         *self,
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            guint              position);
/* A copy of @from's criterion @id of @kind (not ANY) at @position of @self's
 * array of that kind (past the end: appended), e.g. to put back a criterion
 * an earlier model had. FALSE when @from has no such criterion or @self has
 * one of that kind with that id already. */
gboolean  mqlw_model_insert_criterion      (MqlwModel         *self,
                                            const MqlwModel   *from,
                                            MqlwCriterionKind  kind,
                                            const char        *id,
                                            guint              position);

/* An id for a new criterion named @name that no criterion of any kind has:
 * @name in lower case, with spaces, hyphens, dots and slashes as "_"
 * ("Job Title" → "job_title"), then "_2", "_3", … while taken. */
char     *mqlw_model_make_criterion_id     (const MqlwModel   *self,
                                            const char        *name);

/* TRUE when @a and @b have the same criteria in the same order and the same
 * everything else, differing at most in the criteria's points, caps and
 * switches, the threshold and the capacity: the changes a view can show in
 * place without new rows. */
gboolean  mqlw_model_same_shape            (const MqlwModel   *a,
                                            const MqlwModel   *b);

G_END_DECLS
