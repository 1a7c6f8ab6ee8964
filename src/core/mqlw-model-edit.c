/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model-edit"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-model-edit.h"

static GPtrArray *
get_array (const MqlwModel   *model,
           MqlwCriterionKind  kind)
{
  switch (kind)
    {
    case MQLW_CRITERION_FIT:
      return model->fit;
    case MQLW_CRITERION_BEHAVIOUR:
      return model->behaviour;
    case MQLW_CRITERION_DISQUALIFIER:
      return model->disqualifiers;
    case MQLW_CRITERION_ANY:
    default:
      g_assert_not_reached ();
    }
}

static void
view_criterion (const MqlwModel   *model,
                MqlwCriterionKind  kind,
                guint              index,
                MqlwCriterion     *c)
{
  gpointer rule = g_ptr_array_index (get_array (model, kind), index);

  memset (c, 0, sizeof *c);
  c->kind = kind;
  c->index = index;
  c->cap = NAN;
  if (kind == MQLW_CRITERION_FIT)
    {
      const MqlwFitRule *fit = rule;

      c->id = fit->id, c->label = fit->label, c->enabled = fit->enabled;
      c->match = &fit->match, c->column = fit->match.field, c->points = fit->points;
    }
  else if (kind == MQLW_CRITERION_BEHAVIOUR)
    {
      const MqlwBehaviourRule *behaviour = rule;

      c->id = behaviour->id, c->label = behaviour->label, c->enabled = behaviour->enabled;
      c->column = behaviour->activity, c->points = behaviour->points, c->cap = behaviour->cap;
      c->decay = behaviour->decay;
    }
  else
    {
      const MqlwDisqualifier *disqualifier = rule;

      c->id = disqualifier->id, c->label = disqualifier->label, c->enabled = disqualifier->enabled;
      c->match = &disqualifier->match, c->column = disqualifier->match.field;
    }
}

/* The index of the rule with @id in @kind's array, or -1. */
static int
index_of (const MqlwModel   *model,
          MqlwCriterionKind  kind,
          const char        *id)
{
  GPtrArray *rules = get_array (model, kind);

  for (guint i = 0; i < rules->len; i++)
    {
      MqlwCriterion c;

      view_criterion (model, kind, i, &c);
      if (g_strcmp0 (c.id, id) == 0)
        return (int) i;
    }
  return -1;
}

/* The first of @kinds (MQLW_CRITERION_ANY-terminated, in order) that is
 * @kind (or any, for MQLW_CRITERION_ANY) with a rule @id. */
static gpointer
find_rule (const MqlwModel         *model,
           const MqlwCriterionKind *kinds,
           MqlwCriterionKind        kind,
           const char              *id,
           MqlwCriterionKind       *found_kind)
{
  for (guint k = 0; kinds[k] != MQLW_CRITERION_ANY; k++)
    {
      int i = kind == MQLW_CRITERION_ANY || kind == kinds[k] ? index_of (model, kinds[k], id) : -1;

      if (i >= 0)
        {
          if (found_kind != NULL)
            *found_kind = kinds[k];
          return g_ptr_array_index (get_array (model, kinds[k]), i);
        }
    }
  return NULL;
}

static const MqlwCriterionKind every_kind[] = {
  MQLW_CRITERION_FIT, MQLW_CRITERION_BEHAVIOUR, MQLW_CRITERION_DISQUALIFIER, MQLW_CRITERION_ANY
};
static const MqlwCriterionKind scored_kinds[] = { MQLW_CRITERION_FIT, MQLW_CRITERION_BEHAVIOUR, MQLW_CRITERION_ANY };
static const MqlwCriterionKind matching_kinds[] = { MQLW_CRITERION_FIT, MQLW_CRITERION_DISQUALIFIER, MQLW_CRITERION_ANY };
static const MqlwCriterionKind behaviour_kind[] = { MQLW_CRITERION_BEHAVIOUR, MQLW_CRITERION_ANY };

guint
mqlw_model_get_n_criteria (const MqlwModel   *self,
                           MqlwCriterionKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, 0);

  if (kind == MQLW_CRITERION_ANY)
    return self->fit->len + self->behaviour->len + self->disqualifiers->len;
  return get_array (self, kind)->len;
}

void
mqlw_model_get_nth_criterion (const MqlwModel   *self,
                              MqlwCriterionKind  kind,
                              guint              index,
                              MqlwCriterion     *criterion)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (kind > MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST);
  g_return_if_fail (index < get_array (self, kind)->len);
  g_return_if_fail (criterion != NULL);

  view_criterion (self, kind, index, criterion);
}

gboolean
mqlw_model_find_criterion (const MqlwModel   *self,
                           MqlwCriterionKind  kind,
                           const char        *id,
                           MqlwCriterion     *criterion)
{
  MqlwCriterionKind found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (find_rule (self, every_kind, kind, id, &found) == NULL)
    return FALSE;
  if (criterion != NULL)
    view_criterion (self, found, (guint) index_of (self, found, id), criterion);
  return TRUE;
}

gboolean
mqlw_model_set_criterion_points (MqlwModel         *self,
                                 MqlwCriterionKind  kind,
                                 const char        *id,
                                 double             points)
{
  MqlwCriterionKind found;
  gpointer rule;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!(rule = find_rule (self, scored_kinds, kind, id, &found)))
    return FALSE;
  if (found == MQLW_CRITERION_FIT)
    ((MqlwFitRule *) rule)->points = points;
  else
    ((MqlwBehaviourRule *) rule)->points = points;
  return TRUE;
}

gboolean
mqlw_model_set_criterion_cap (MqlwModel         *self,
                              MqlwCriterionKind  kind,
                              const char        *id,
                              double             cap)
{
  MqlwBehaviourRule *rule;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!(rule = find_rule (self, behaviour_kind, kind, id, NULL)))
    return FALSE;
  rule->cap = cap;
  return TRUE;
}

gboolean
mqlw_model_set_criterion_enabled (MqlwModel         *self,
                                  MqlwCriterionKind  kind,
                                  const char        *id,
                                  gboolean           enabled)
{
  MqlwCriterionKind found;
  gpointer rule;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!(rule = find_rule (self, every_kind, kind, id, &found)))
    return FALSE;
  if (found == MQLW_CRITERION_FIT)
    ((MqlwFitRule *) rule)->enabled = !!enabled;
  else if (found == MQLW_CRITERION_BEHAVIOUR)
    ((MqlwBehaviourRule *) rule)->enabled = !!enabled;
  else
    ((MqlwDisqualifier *) rule)->enabled = !!enabled;
  return TRUE;
}

/* Every kind's rule starts with its id and label: set through the kind's type. */
static char **
label_slot (gpointer          rule,
            MqlwCriterionKind kind)
{
  if (kind == MQLW_CRITERION_FIT)
    return &((MqlwFitRule *) rule)->label;
  if (kind == MQLW_CRITERION_BEHAVIOUR)
    return &((MqlwBehaviourRule *) rule)->label;
  return &((MqlwDisqualifier *) rule)->label;
}

gboolean
mqlw_model_set_criterion_label (MqlwModel         *self,
                                MqlwCriterionKind  kind,
                                const char        *id,
                                const char        *label)
{
  MqlwCriterionKind found;
  gpointer rule;
  char **slot;
  char *copy;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!(rule = find_rule (self, every_kind, kind, id, &found)))
    return FALSE;
  slot = label_slot (rule, found);
  copy = g_strdup (label);
  g_free (*slot);
  *slot = copy;
  return TRUE;
}

gboolean
mqlw_model_set_criterion_match (MqlwModel         *self,
                                MqlwCriterionKind  kind,
                                const char        *id,
                                const MqlwMatch   *match)
{
  MqlwCriterionKind found;
  MqlwMatch *dest;
  gpointer rule;
  char *field;
  GStrv values;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (match != NULL && match->field != NULL, FALSE);
  g_return_val_if_fail (match->op >= MQLW_MATCH_EQUALS && match->op <= MQLW_MATCH_LAST, FALSE);

  if (!(rule = find_rule (self, matching_kinds, kind, id, &found)))
    return FALSE;
  dest = found == MQLW_CRITERION_FIT ? &((MqlwFitRule *) rule)->match : &((MqlwDisqualifier *) rule)->match;
  /* Copied first: @match may be @dest itself. */
  field = g_strdup (match->field);
  values = g_strdupv (match->values);
  g_free (dest->field);
  g_strfreev (dest->values);
  dest->field = field;
  dest->values = values;
  dest->op = match->op;
  dest->min = match->min;
  dest->max = match->max;
  return TRUE;
}

gboolean
mqlw_model_set_criterion_activity (MqlwModel         *self,
                                   MqlwCriterionKind  kind,
                                   const char        *id,
                                   const char        *activity)
{
  MqlwBehaviourRule *rule;
  char *copy;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (activity != NULL, FALSE);

  if (!(rule = find_rule (self, behaviour_kind, kind, id, NULL)))
    return FALSE;
  copy = g_strdup (activity);
  g_free (rule->activity);
  rule->activity = copy;
  return TRUE;
}

gboolean
mqlw_model_remove_criterion (MqlwModel         *self,
                             MqlwCriterionKind  kind,
                             const char        *id)
{
  MqlwCriterionKind found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (find_rule (self, every_kind, kind, id, &found) == NULL)
    return FALSE;
  g_ptr_array_remove_index (get_array (self, found), (guint) index_of (self, found, id));
  return TRUE;
}

gboolean
mqlw_model_move_criterion (MqlwModel         *self,
                           MqlwCriterionKind  kind,
                           const char        *id,
                           guint              position)
{
  MqlwCriterionKind found;
  GPtrArray *rules;
  gpointer rule;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind >= MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (find_rule (self, every_kind, kind, id, &found) == NULL)
    return FALSE;
  rules = get_array (self, found);
  /* Out without freeing, then in at its new place. */
  rule = g_ptr_array_steal_index (rules, (guint) index_of (self, found, id));
  g_ptr_array_insert (rules, (int) MIN (position, rules->len), rule);
  return TRUE;
}

gboolean
mqlw_model_insert_criterion (MqlwModel         *self,
                             const MqlwModel   *from,
                             MqlwCriterionKind  kind,
                             const char        *id,
                             guint              position)
{
  g_autoptr(MqlwModel) donor = NULL;
  GPtrArray *rules;
  int index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (kind > MQLW_CRITERION_ANY && kind <= MQLW_CRITERION_LAST, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (index_of (from, kind, id) < 0 || index_of (self, kind, id) >= 0)
    return FALSE;
  /* A deep copy of @from gives up its copy of the rule: every model's arrays
   * free their rules the same way. */
  donor = mqlw_model_copy (from);
  index = index_of (donor, kind, id);
  rules = get_array (self, kind);
  g_ptr_array_insert (rules, (int) MIN (position, rules->len),
                      g_ptr_array_steal_index (get_array (donor, kind), (guint) index));
  return TRUE;
}

char *
mqlw_model_make_criterion_id (const MqlwModel *self,
                              const char      *name)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  base = g_strdelimit (g_ascii_strdown (name, -1), " -./", '_');
  for (guint n = 1; ; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s_%u", base, n);

      if (!mqlw_model_find_criterion (self, MQLW_CRITERION_ANY, id, NULL))
        return g_steal_pointer (&id);
    }
}

/* Sets the values a view updates in place (points, cap, switch) of @x's
 * @index-th criterion of @kind to @c's. */
static void
copy_values (MqlwModel           *x,
             MqlwCriterionKind    kind,
             guint                index,
             const MqlwCriterion *c)
{
  gpointer rule = g_ptr_array_index (get_array (x, kind), index);

  if (kind == MQLW_CRITERION_FIT)
    ((MqlwFitRule *) rule)->points = c->points, ((MqlwFitRule *) rule)->enabled = c->enabled;
  else if (kind == MQLW_CRITERION_BEHAVIOUR)
    {
      MqlwBehaviourRule *behaviour = rule;

      behaviour->points = c->points;
      behaviour->cap = c->cap;
      behaviour->enabled = c->enabled;
    }
  else
    ((MqlwDisqualifier *) rule)->enabled = c->enabled;
}

gboolean
mqlw_model_same_shape (const MqlwModel *a,
                       const MqlwModel *b)
{
  g_autoptr(MqlwModel) x = NULL;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  /* @b with @a's values: equal to @a when nothing else differs. */
  x = mqlw_model_copy (b);
  for (MqlwCriterionKind kind = MQLW_CRITERION_FIT; kind <= MQLW_CRITERION_LAST; kind++)
    {
      if (get_array (a, kind)->len != get_array (b, kind)->len)
        return FALSE;
      for (guint i = 0; i < get_array (a, kind)->len; i++)
        {
          MqlwCriterion from, to;

          view_criterion (a, kind, i, &from);
          view_criterion (b, kind, i, &to);
          if (g_strcmp0 (from.id, to.id) != 0)
            return FALSE;
          copy_values (x, kind, i, &from);
        }
    }
  x->threshold = a->threshold;
  x->capacity_per_month = a->capacity_per_month;
  return mqlw_model_equal (a, x);
}
