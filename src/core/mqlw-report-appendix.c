/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's platform appendix: the agreed model as the settings of each
 * marketing automation platform, step by step. */
#define G_LOG_DOMAIN "mqlw-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mqlw-format.h"
#include "mqlw-report-private.h"

/* ---- platform appendix ------------------------------------------------- */

static char *
describe_fit (const MqlwFitRule *rule)
{
  return mqlw_match_describe (&rule->match);
}

static double
grade_floor_fit (MqlwModel *model,
                 MqlwGrade  grade)
{
  if (!model->grading.enabled || grade >= MQLW_GRADE_D)
    return NAN;
  return model->grading.min_fit[grade];
}

/* TRUE when an enabled fit rule or disqualifier of @model uses @op. */
static gboolean
model_uses_op (MqlwModel  *model,
               MqlwMatchOp op)
{
  for (guint i = 0; i < model->fit->len; i++)
    {
      const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
      if (rule->enabled && model->score_column == NULL && rule->match.op == op)
        return TRUE;
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      if (d->enabled && d->match.op == op)
        return TRUE;
    }
  return FALSE;
}

/* How the platform's filters say "is not" and "contains", when the model uses them. */
static void
add_operator_hint (MqlwReport *self,
                   Block      *steps,
                   const char *not_in,
                   const char *contains)
{
  gboolean uses_not_in = model_uses_op (self->model, MQLW_MATCH_NOT_IN);
  gboolean uses_contains = model_uses_op (self->model, MQLW_MATCH_CONTAINS);

  if (uses_not_in)
    mqlw_report_add_item (steps, _("A condition “X is not A or B” is the filter operator %s with the values A and B; leads "
                "with no value in X do not match it."), not_in);
  if (uses_contains)
    mqlw_report_add_item (steps, _("A condition “X contains A or B” is the filter operator %s with the values A and B "
                "(any case)."), contains);
}

void
mqlw_report_build_appendix (MqlwReport *self)
{
  MqlwModel *model = self->model;
  g_autofree char *threshold = mqlw_report_format_number (model->threshold);
  const MqlwPaths *paths = &model->paths;
  Block *steps;

  mqlw_report_add_block (self, BLOCK_PAGE_BREAK, NULL);
  mqlw_report_add_block (self, BLOCK_HEADING, _("Appendix: entering this model in your platform"));
  mqlw_report_add_paragraph (self, _("Steps for the marketing-operations admin, built from this model's own criteria and numbers. "
                   "Field and activity names are the columns of the data; map them to your platform's properties."));

  /* HubSpot */
  mqlw_report_add_block (self, BLOCK_SUBHEADING, _("A. HubSpot"));
  steps = mqlw_report_add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“is none of” (and “is known”)"), _("“contains any of”"));
  if (model->score_column != NULL)
    mqlw_report_add_item (steps, _("Keep the existing score property “%s” as it is."), model->score_column);
  else
    {
      mqlw_report_add_item (steps, _("Settings → Properties → Create property: a Score property “MQL score” (or, in the lead "
                  "scoring tool, a new score with a Fit group and an Engagement group)."));
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = mqlw_report_format_points (rule->points);
          mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "Fit group: add the criterion “%s” — %s → %s point.",
                                                                     "Fit group: add the criterion “%s” — %s → %s points.", mqlw_format_plural_n (rule->points, 2)), rule->label, cond, pts);
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL, *cap = NULL;
          if (!rule->enabled)
            continue;
          pts = mqlw_report_format_points (rule->points);
          cap = isnan (rule->cap) ? g_strdup (_("no limit")) : mqlw_report_format_number (rule->cap);
          mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "Engagement group: add “%s” (event %s) → %s point each time, score limit %s.",
                                                                     "Engagement group: add “%s” (event %s) → %s points each time, score limit %s.", mqlw_format_plural_n (rule->points, 2)),
                    rule->label, rule->activity, pts, cap);
        }
      if (model->decay.kind != MQLW_DECAY_NONE)
        mqlw_report_add_item (steps, _("Engagement group: switch on score decay closest to this model's (see section 3)."));
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      mqlw_report_add_item (steps, _("Create an active list “Not MQL: %s” with the filter %s."), d->label, cond);
    }
  mqlw_report_add_item (steps, _("Automation → Workflows → Contact-based workflow “MQL”: enrollment trigger “MQL score is greater "
              "than or equal to %s”%s; exclude contacts in the “Not MQL” lists; action “Set property value: Lifecycle "
              "stage = Marketing qualified lead”."), threshold, paths->score ? "" : _(" (score path off: use only the "
                                                                                     "triggers below)"));
  if (paths->hand_raiser)
    {
      g_autofree char *acts = mqlw_report_join_humanized (paths->hand_raiser_activities, _(" or "));
      double floor_fit = grade_floor_fit (model, paths->hand_raiser_min_grade);
      g_autofree char *fit = mqlw_report_format_number (floor_fit);
      mqlw_report_add_item (steps, _("Add an OR trigger to the same workflow: form submission “%s” AND fit score at least %s "
                  "(grade %s)."), acts, isnan (floor_fit) ? "—" : fit, mqlw_grade_to_string (paths->hand_raiser_min_grade));
    }
  if (paths->grade_behaviour)
    {
      double floor_fit = grade_floor_fit (model, paths->grade_behaviour_min_grade);
      g_autofree char *fit = mqlw_report_format_number (floor_fit);
      g_autofree char *min = mqlw_report_format_number (paths->behaviour_min);
      mqlw_report_add_item (steps, _("Add an OR trigger: fit score at least %s AND engagement score at least %s."),
                isnan (floor_fit) ? "—" : fit, min);
    }

  /* Marketo */
  mqlw_report_add_block (self, BLOCK_SUBHEADING, _("B. Marketo Engage"));
  steps = mqlw_report_add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“is not” (and “is not empty”)"), _("“contains”"));
  mqlw_report_add_item (steps, _("Admin → Field Management: use the “Lead Score” field, and create score fields “Behavior Score” "
              "and “Demographic Score”."));
  if (model->score_column == NULL)
    {
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = mqlw_report_format_points (rule->points);
          mqlw_report_add_item (steps, _("Smart campaign “Fit – %s”: Smart List trigger “Lead is Created” or “Data Value Changes” "
                      "on %s, filter %s; Flow “Change Score”: Demographic Score %s and Lead Score %s; run once per "
                      "person."), rule->label, rule->match.field, cond, pts, pts);
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL;
          if (!rule->enabled)
            continue;
          pts = mqlw_report_format_points (rule->points);
          if (isnan (rule->cap) || rule->points == 0)
            mqlw_report_add_item (steps, _("Smart campaign “Behavior – %s”: trigger on the %s activity; Flow “Change Score”: "
                        "Behavior Score %s and Lead Score %s; each person can run through every time."),
                      rule->label, rule->activity, pts, pts);
          else
            mqlw_report_add_item (steps, _("Smart campaign “Behavior – %s”: trigger on the %s activity; Flow “Change Score”: "
                        "Behavior Score %s and Lead Score %s; qualification: at most %.0f times per person (cap %g "
                        "points)."), rule->label, rule->activity, pts, pts, floor (rule->cap / fabs (rule->points)),
                      rule->cap);
        }
      if (model->decay.kind != MQLW_DECAY_NONE)
        mqlw_report_add_item (steps, _("Batch campaign “Behavior decay”, weekly: people with no activity in the last 30 days; "
                    "Flow “Change Score” lowers Behavior Score and Lead Score (see section 3 for the rates)."));
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      mqlw_report_add_item (steps, _("Smart list “Not MQL – %s”: %s."), d->label, cond);
    }
  mqlw_report_add_item (steps, _("Trigger campaign “MQL”: trigger “Score is Changed” (Lead Score), filter “Lead Score at least %s” "
              "and not member of the “Not MQL” smart lists; Flow “Change Data Value”: Lead Status = MQL, then "
              "“Change Revenue Stage” to MQL and “Interesting Moment”."), threshold);
  if (paths->hand_raiser)
    {
      g_autofree char *acts = mqlw_report_join_humanized (paths->hand_raiser_activities, _(" or "));
      mqlw_report_add_item (steps, _("Add a second trigger to the MQL campaign: “Fills Out Form” (%s) with a filter on the "
                  "Demographic Score of grade %s."), acts, mqlw_grade_to_string (paths->hand_raiser_min_grade));
    }

  /* Pardot */
  mqlw_report_add_block (self, BLOCK_SUBHEADING, _("C. Account Engagement (Pardot)"));
  steps = mqlw_report_add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“is not” (and “is not empty”)"), _("“contains”"));
  if (model->score_column == NULL)
    {
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL;
          if (!rule->enabled)
            continue;
          pts = mqlw_report_format_points (rule->points);
          mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "Automation → Scoring rules (or a page action / completion action): “%s” (%s) → %s point%s.",
                                                                     "Automation → Scoring rules (or a page action / completion action): “%s” (%s) → %s points%s.", mqlw_format_plural_n (rule->points, 2)), rule->label, rule->activity, pts,
                    isnan (rule->cap) ? "" : _("; stop adding once the cap of this activity is reached"));
        }
      mqlw_report_add_item (steps, _("Automation → Grading → Profiles: create the profile “MQL definition”. Each criterion "
                  "moves the grade by thirds of a letter; this model's fit points convert at 10 points = ⅓ letter:"));
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          int thirds;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = mqlw_report_format_points (rule->points);
          thirds = (int) CLAMP (round (rule->points / 10.0), -3, 3);
          if (thirds >= 0)
            mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "Grading criterion “%s”: %s → raise the grade by %d/3 of a letter (%s fit point).",
                                                                       "Grading criterion “%s”: %s → raise the grade by %d/3 of a letter (%s fit points).", mqlw_format_plural_n (rule->points, 2)),
                      rule->label, cond, thirds, pts);
          else
            mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "Grading criterion “%s”: %s → lower the grade by %d/3 of a letter (%s fit point).",
                                                                       "Grading criterion “%s”: %s → lower the grade by %d/3 of a letter (%s fit points).", mqlw_format_plural_n (rule->points, 2)),
                      rule->label, cond, -thirds, pts);
        }
    }
  if (model->grading.enabled)
    {
      g_autofree char *a = mqlw_report_format_number (model->grading.min_fit[0]);
      g_autofree char *b = mqlw_report_format_number (model->grading.min_fit[1]);
      g_autofree char *c = mqlw_report_format_number (model->grading.min_fit[2]);
      mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "The grades A–D of this model: A from %s fit point, B from %s, C from %s, D below.",
                                                                 "The grades A–D of this model: A from %s fit points, B from %s, C from %s, D below.", mqlw_format_plural_n (model->grading.min_fit[0], 2)), a, b, c);
    }
  mqlw_report_add_item (steps, _("Automation → Automation rules: rule “MQL”, match all: Prospect score is greater than or equal to "
              "%s%s%s; actions: change the prospect's lifecycle field to MQL, assign to the sales queue, notify the "
              "owner. Repeat the rule so later qualifiers are caught."), threshold,
            paths->hand_raiser || paths->grade_behaviour ? _(" and Prospect grade is greater than or equal to ") : "",
            paths->hand_raiser ? mqlw_grade_to_string (paths->hand_raiser_min_grade)
            : paths->grade_behaviour ? mqlw_grade_to_string (paths->grade_behaviour_min_grade) : "");
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      mqlw_report_add_item (steps, _("Add to the MQL rule: NOT (%s) — %s."), cond, d->label);
    }

  /* Mautic */
  mqlw_report_add_block (self, BLOCK_SUBHEADING, _("D. Mautic"));
  steps = mqlw_report_add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“not including” (and “not empty”)"), _("“contains”"));
  mqlw_report_add_item (steps, _("Stages → New: create the stages “Lead”, “MQL” and “Disqualified”."));
  if (model->score_column == NULL)
    {
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL;
          if (!rule->enabled)
            continue;
          pts = mqlw_report_format_points (rule->points);
          mqlw_report_add_item (steps, _("Points → Manage actions → New: “%s” (%s) changes points by %s%s."), rule->label,
                    rule->activity, pts, isnan (rule->cap) ? "" : _(", repeatable until the activity's cap"));
        }
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = mqlw_report_format_points (rule->points);
          mqlw_report_add_item (steps, _("Campaign “Fit scoring”: condition “Contact field value” %s → action “Adjust contact "
                      "points” by %s."), cond, pts);
        }
    }
  mqlw_report_add_item (steps, g_dngettext (GETTEXT_PACKAGE, "Points → Manage triggers → New: trigger “MQL” at %s point; events “Change contact's stage” to MQL, “Modify contact's segments” (add to “MQL”) and send the sales notification e-mail.",
                                                             "Points → Manage triggers → New: trigger “MQL” at %s points; events “Change contact's stage” to MQL, “Modify contact's segments” (add to “MQL”) and send the sales notification e-mail.", mqlw_format_plural_n (model->threshold, 2)), threshold);
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      mqlw_report_add_item (steps, _("Campaign “Disqualify”: condition %s → “Change contact's stage” to Disqualified (%s)."),
                cond, d->label);
    }
}
