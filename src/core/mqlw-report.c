/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "mqlw-health.h"
#include "mqlw-model-check.h"
#include "mqlw-report.h"
#include "mqlw-calibration.h"
#include "mqlw-chart.h"
#include "mqlw-format.h"
#include "mqlw-report-private.h"
#include "mqlw-scorer.h"
#include "mqlw-safe-write.h"

G_DEFINE_QUARK (mqlw-report-error-quark, mqlw_report_error)

/* The block helpers, shared with the other content files through
 * mqlw-report-private.h, by their short names here. */
#define add_block          mqlw_report_add_block
#define add_paragraph      mqlw_report_add_paragraph
#define add_item           mqlw_report_add_item
#define join_humanized     mqlw_report_join_humanized

/* ---- content ------------------------------------------------------------ */

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->subtext);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_free (block);
}

Block *
mqlw_report_add_block (MqlwReport *self,
                       BlockKind   kind,
                       const char *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = g_strdup (text);
  block->items = g_ptr_array_new_with_free_func (g_free);
  block->bold_row = -1;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
mqlw_report_add_paragraph (MqlwReport *self,
                           const char *format,
                           ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  add_block (self, BLOCK_PARAGRAPH, text);
}

void
mqlw_report_add_item (Block      *block,
                      const char *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (block->items, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
add_fact (Block      *block,
          const char *label,
          const char *value)
{
  g_ptr_array_add (block->items, g_strdup (label));
  g_ptr_array_add (block->items, g_strdup (value));
}

static Block *
add_table (MqlwReport         *self,
           const char * const *header,
           const double       *widths,
           guint               n_columns,
           guint               right)
{
  Block *block = add_block (self, BLOCK_TABLE, NULL);

  g_assert (n_columns <= G_N_ELEMENTS (block->widths));
  block->n_columns = n_columns;
  block->right = right;
  for (guint i = 0; i < n_columns; i++)
    {
      block->widths[i] = widths[i];
      g_ptr_array_add (block->items, g_strdup (_(header[i])));
    }
  return block;
}

/* ---- formatting --------------------------------------------------------- */

/* The report is text to read in a file (Markdown) as much as on a page: the
 * core's formatter in its plain style. */
static char *
format_count (guint64 value)
{
  return mqlw_format_count_as (value, MQLW_FORMAT_PLAIN);
}

static char *
format_percent (double rate)
{
  return mqlw_format_percent_as (rate, 1, MQLW_FORMAT_PLAIN);
}

static char *
format_number (double value)
{
  return mqlw_format_figure (value);
}

static char *
format_points (double value)
{
  return mqlw_format_points (value);
}

static char *
format_rate_with_counts (const MqlwRate *rate)
{
  if (!rate->present)
    return g_strdup (_("no data"));
  if (rate->known == 0)
    return g_strdup (_("— (no known outcomes)"));
  return g_strdup_printf (_("%.1f %% (%" PRIu64 " of %" PRIu64 ")"),
                          rate->rate * 100.0, rate->reached, rate->known);
}

static char *
format_cell_rate (const MqlwRate *rate)
{
  return format_percent (rate->present && rate->known > 0 ? rate->rate : NAN);
}

static char *
format_gdate (const GDate *date)
{
  if (!g_date_valid (date))
    return g_strdup ("—");
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* "demo_requests" → "Demo requests". */
static char *
humanize (const char *name)
{
  char *text = g_strdup (name != NULL ? name : "");

  for (char *p = text; *p; p++)
    if (*p == '_')
      *p = ' ';
  if (text[0] != '\0')
    text[0] = g_ascii_toupper (text[0]);
  return text;
}

char *
mqlw_report_join_humanized (GStrv       names,
                            const char *last_separator)
{
  GString *out = g_string_new (NULL);
  guint n = names != NULL ? g_strv_length (names) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *h = humanize (names[i]);
      if (i > 0)
        g_string_append (out, i + 1 == n ? last_separator : ", ");
      g_string_append (out, i == 0 ? h : names[i]);
    }
  return g_string_free (out, FALSE);
}

const char *
mqlw_report_model_name (MqlwModel *model)
{
  return model->name != NULL && *model->name != '\0' ? model->name : _("Scoring model");
}

static const char *
team_name (MqlwTeam team)
{
  return team == MQLW_TEAM_MARKETING ? C_("team", "marketing") : C_("team", "sales");
}

static const char *
team_title (MqlwTeam team)
{
  return team == MQLW_TEAM_MARKETING ? C_("team", "Marketing") : C_("team", "Sales");
}

/* The disqualifier reasons a model names ("competitor", …), for people. */
static char *
describe_reason (const char *reason)
{
  static const struct { const char *name; const char *label; } reasons[] = {
    { "competitor", NC_("disqualifier reason", "Competitor") },
    { "student", NC_("disqualifier reason", "Student") },
    { "partner", NC_("disqualifier reason", "Partner") },
    { "source", NC_("disqualifier reason", "Source") },
    { "other", NC_("disqualifier reason", "Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reason, reasons[i].name) == 0)
      return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "disqualifier reason", reasons[i].label));
  return humanize (reason);
}

/* ---- sections ----------------------------------------------------------- */

static guint64
count_known (const gint8 *stage,
             guint        n,
             guint64     *reached)
{
  guint64 known = 0;

  *reached = 0;
  for (guint i = 0; i < n; i++)
    {
      known += stage[i] != MQLW_OUTCOME_UNKNOWN;
      *reached += stage[i] == MQLW_OUTCOME_YES;
    }
  return known;
}

static char *
describe_paths (MqlwModel *model)
{
  const MqlwPaths *paths = &model->paths;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *threshold = format_number (model->threshold);
  GString *out = g_string_new (NULL);

  if (paths->score)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "its score reaches %s point",
                                                                           "its score reaches %s points", mqlw_format_plural_n (model->threshold, 2)), threshold));
  if (paths->grade_behaviour)
    {
      g_autofree char *min = format_number (paths->behaviour_min);
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "it has grade %s or better and at least %s behaviour point",
                                                                             "it has grade %s or better and at least %s behaviour points", mqlw_format_plural_n (paths->behaviour_min, 2)),
                                               mqlw_grade_to_string (paths->grade_behaviour_min_grade), min));
    }
  if (paths->hand_raiser)
    {
      g_autofree char *acts = join_humanized (paths->hand_raiser_activities, _(" or "));
      g_ptr_array_add (parts, g_strdup_printf (_("it raised its hand (%s) with grade %s or better"),
                                               acts, mqlw_grade_to_string (paths->hand_raiser_min_grade)));
    }
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: joins the last of the ways a lead qualifies: "…, it has grade B…, or it raised its hand…". */
        g_string_append (out, i + 1 == parts->len ? _(", or ") : ", ");
      g_string_append (out, g_ptr_array_index (parts, i));
    }
  if (parts->len == 0)
    g_string_append (out, _("no qualification path is switched on"));
  return g_string_free (out, FALSE);
}

/* "2 of 2: marketing and sales signed", or what is missing. Not a
 * verification: that takes the trusted cards (mqlw verify). */
static const char *
describe_signature_status (const MqlwSignoff *signoff)
{
  gboolean marketing = mqlw_signoff_team_signed (signoff, MQLW_TEAM_MARKETING);
  gboolean sales = mqlw_signoff_team_signed (signoff, MQLW_TEAM_SALES);

  if (signoff->format_version < 2)
    return _("None: signed before key signatures (digest only)");
  if (marketing && sales)
    return _("Marketing and sales signed with their keys");
  if (marketing)
    return _("Marketing signed; the sales signature is missing");
  if (sales)
    return _("Sales signed; the marketing signature is missing");
  return _("None yet: both teams’ signatures are missing");
}

static void
build_glance (MqlwReport *self)
{
  MqlwModel *model = self->model;
  const MqlwPreview *p = &self->preview;
  Block *facts;
  g_autofree char *threshold = format_number (model->threshold);
  g_autofree char *paths = describe_paths (model);
  g_autofree char *per_month = isnan (p->mql_per_month) ? g_strdup ("—") : g_strdup_printf ("%.0f", p->mql_per_month);
  g_autofree char *title = g_strdup_printf (_("MQL definition: %s"), mqlw_report_model_name (model));
  g_autofree char *subtitle = NULL;
  Block *block;

  if (self->signoff != NULL)
    {
      g_autofree char *date = format_gdate (&self->signoff->signed_on);
      subtitle = g_strdup_printf (_("Agreed by marketing and sales on %s"), date);
    }
  else
    subtitle = g_strdup (_("Draft — not signed off yet"));
  block = add_block (self, BLOCK_TITLE, title);
  block->subtext = g_steal_pointer (&subtitle);

  add_paragraph (self, _("A lead is a Marketing Qualified Lead (MQL) when no disqualifier applies and %s. "
                   "This document is the definition both teams reference: the exact scores, grades and "
                   "exceptions, the evidence from past leads, and who agreed to it."), paths);

  facts = add_block (self, BLOCK_FACTS, NULL);
  if (model->score_column != NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point on the platform score “%s”",
                                                                             "%s points on the platform score “%s”", mqlw_format_plural_n (model->threshold, 2)), threshold, model->score_column);
      add_fact (facts, _("MQL threshold"), text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point",
                                                                             "%s points", mqlw_format_plural_n (model->threshold, 2)), threshold);
      add_fact (facts, _("MQL threshold"), text);
    }
  {
    g_autofree char *text = NULL;
    if (isnan (p->mql_per_month))
      text = g_strdup (_("— MQLs a month: the period is unknown (no created date, none stated), so there is no "
                         "capacity check"));
    else if (isnan (p->capacity_per_month))
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s MQL a month (no sales capacity set)",
                                                            "%s MQLs a month (no sales capacity set)", mqlw_format_plural_n (p->mql_per_month, 0)), per_month);
    else
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s MQL a month against a capacity of %.0f (%s)",
                                                            "%s MQLs a month against a capacity of %.0f (%s)", mqlw_format_plural_n (p->mql_per_month, 0)), per_month, p->capacity_per_month,
                              p->over_capacity ? _("over capacity") : _("within capacity"));
    add_fact (facts, _("Expected volume"), text);
  }
  if (p->stage[MQLW_STAGE_SQL].present)
    {
      g_autofree char *text = format_rate_with_counts (&p->stage[MQLW_STAGE_SQL]);
      add_fact (facts, _("MQL → SQL rate"), text);
    }
  if (p->stage[MQLW_STAGE_ACCEPTED].present)
    {
      g_autofree char *text = format_rate_with_counts (&p->stage[MQLW_STAGE_ACCEPTED]);
      add_fact (facts, _("Sales acceptance"), text);
    }
  if (self->signoff != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *review = format_gdate (&self->signoff->review_on);

      for (guint i = 0; i < self->signoff->approvers->len; i++)
        {
          const MqlwApprover *a = g_ptr_array_index (self->signoff->approvers, i);
          g_string_append_printf (names, "%s%s (%s)", i > 0 ? ", " : "", a->name, team_name (a->team));
        }
      add_fact (facts, _("Approved by"), names->str);
      add_fact (facts, _("Key signatures"), describe_signature_status (self->signoff));
      add_fact (facts, _("Review by"), review);
      add_fact (facts, _("Sign-off digest"), self->signoff->digest);
    }
  else
    add_fact (facts, _("Status"), _("Draft: needs a sign-off by marketing and sales"));
  if (self->version > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", self->version);
      add_fact (facts, _("Model version"), text);
    }
}

static void
build_data (MqlwReport *self)
{
  MqlwDataset *dataset = self->dataset;
  Block *facts;
  g_autofree char *leads = format_count (dataset->n_rows);
  g_autofree char *digest = mqlw_dataset_digest (dataset);

  add_block (self, BLOCK_HEADING, _("1. The lead history behind it"));
  add_paragraph (self, _("The threshold was calibrated on the outcomes of past leads: how many were accepted by "
                   "sales, became SQLs, opportunities and customers. A lead with no recorded outcome counts as "
                   "unknown, never as rejected."));
  facts = add_block (self, BLOCK_FACTS, NULL);
  add_fact (facts, _("File"), dataset->source_name != NULL ? dataset->source_name : "—");
  add_fact (facts, _("SHA-256"), digest);
  add_fact (facts, _("Leads"), leads);
  if (dataset->outcomes.created_days != NULL)
    {
      gint32 lo = G_MAXINT32, hi = G_MININT32;
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          gint32 d = dataset->outcomes.created_days[i];
          if (d == MQLW_DATE_MISSING)
            continue;
          lo = MIN (lo, d);
          hi = MAX (hi, d);
        }
      if (lo <= hi)
        {
          char a[16], b[16];
          g_autofree char *text = NULL;
          mqlw_date_format_iso (lo, a);
          mqlw_date_format_iso (hi, b);
          text = g_strdup_printf (_("%s to %s (%.0f months)"), a, b, mqlw_outcomes_months (&dataset->outcomes));
          add_fact (facts, _("Created"), text);
        }
    }
  if (self->preview.months_source == MQLW_MONTHS_STATED)
    {
      g_autofree char *months = format_number (self->preview.months);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month, as stated",
                                                                             "%s months, as stated", mqlw_format_plural_n (self->preview.months, 2)), months);
      add_fact (facts, _("Period"), text);
    }
  else if (self->preview.months_source == MQLW_MONTHS_UNKNOWN)
    add_fact (facts, _("Period"), _("unknown: the data has no created date and no period was stated, so no "
                                    "per-month figure is shown"));
  if (self->table->unscored.leads > 0)
    {
      g_autofree char *scored = format_count (self->table->scored_leads);
      g_autofree char *unscored = format_count (self->table->unscored.leads);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %s lead has no score and are left out of every figure (their outcomes are in section 2)",
                                                                             "%s; %s leads have no score and are left out of every figure (their outcomes are in section 2)", (gulong) self->table->unscored.leads), scored, unscored);
      add_fact (facts, _("Scored leads"), text);
    }
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      g_autofree char *label = NULL, *text = NULL, *known_text = NULL, *reached_text = NULL, *share = NULL;
      guint64 known, reached;

      label = g_strdup_printf (_("Outcome: %s"), _(mqlw_stage_label (s)));
      if (dataset->outcomes.stage[s] == NULL)
        {
          add_fact (facts, label, _("not in the data"));
          continue;
        }
      known = count_known (dataset->outcomes.stage[s], dataset->n_rows, &reached);
      known_text = format_count (known);
      reached_text = format_count (reached);
      share = format_percent (dataset->n_rows > 0 ? (double) known / dataset->n_rows : NAN);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "known for %s lead (%s coverage), reached by %s",
                                                            "known for %s leads (%s coverage), reached by %s", (gulong) known), known_text, share, reached_text);
      add_fact (facts, label, text);
    }
}

/* Told plainly: the import's warnings (placeholders, joins), the data's health
 * and the rules' warnings; "No problems found" only when there is none. */
static void
build_health (MqlwReport *self)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_autoptr(GPtrArray) warnings = mqlw_model_check (self->model, self->dataset);
  GPtrArray *imported = self->dataset->problems;
  Block *list;

  /* Every column was loaded by mqlw_report_new_full (): no load fails here. */
  mqlw_health_check (self->dataset, mqlw_health_today (), findings, NULL);
  /* The period is told in the facts, with the months stated if any. */
  for (guint i = findings->len; i-- > 0;)
    if (g_strcmp0 (((MqlwProblem *) g_ptr_array_index (findings, i))->kind, "no-created-date") == 0)
      g_ptr_array_remove_index (findings, i);
  add_block (self, BLOCK_SUBHEADING, _("Data health"));
  if (imported->len + findings->len + warnings->len == 0)
    {
      add_paragraph (self, "%s", _("No problems found."));
      return;
    }
  list = add_block (self, BLOCK_BULLETS, NULL);
  for (guint i = 0; i < imported->len; i++)
    add_item (list, "%s", ((MqlwProblem *) g_ptr_array_index (imported, i))->message);
  for (guint i = 0; i < findings->len; i++)
    add_item (list, "%s", ((MqlwProblem *) g_ptr_array_index (findings, i))->message);
  for (guint i = 0; i < warnings->len; i++)
    add_item (list, "%s", ((MqlwRuleWarning *) g_ptr_array_index (warnings, i))->message);
}

static void
build_buckets (MqlwReport *self)
{
  static const char * const header[] = {
    N_("Score"), N_("Leads"), N_("Share"), N_("Acceptance"), N_("SQL"), N_("Opportunity"), N_("Won"), N_("Verdict"),
  };
  static const double widths[] = { 0.13, 0.11, 0.10, 0.13, 0.12, 0.14, 0.11, 0.16 };
  const MqlwBucketTable *table = self->table;
  Block *block;

  add_block (self, BLOCK_HEADING, _("2. Conversion by score"));
  add_block (self, BLOCK_CHART, NULL);
  add_paragraph (self, _("Past leads grouped by the score this model gives them. Bars: leads per score range; lines: "
                   "the share of known outcomes that reached each stage, with 95 %% intervals; the vertical line is "
                   "the MQL threshold."));
  block = add_table (self, header, widths, G_N_ELEMENTS (header), 0x7e);
  for (guint i = 0; i < table->n_buckets; i++)
    {
      const MqlwBucket *bucket = &table->buckets[i];

      g_ptr_array_add (block->items, mqlw_bucket_table_range_label (table, i));
      g_ptr_array_add (block->items, format_count (bucket->leads));
      g_ptr_array_add (block->items, format_percent (bucket->share));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        g_ptr_array_add (block->items, format_cell_rate (&bucket->stage[s]));
      g_ptr_array_add (block->items, g_strdup (_(mqlw_verdict_label (bucket->verdict))));
      if (bucket->lo <= self->model->threshold && self->model->threshold < bucket->hi)
        block->bold_row = (gint) i;
    }
  if (table->unscored.leads > 0)
    {
      /* The leads without a score, on a row of their own: in no bucket. */
      g_ptr_array_add (block->items, g_strdup (_("Unscored")));
      g_ptr_array_add (block->items, format_count (table->unscored.leads));
      g_ptr_array_add (block->items, g_strdup ("—"));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        g_ptr_array_add (block->items, format_cell_rate (&table->unscored.stage[s]));
      g_ptr_array_add (block->items, g_strdup ("—"));
    }
  {
    g_autofree char *follows = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);
    g_autoptr(GString) text = g_string_new (_("Each range runs from its first score up to, not including, the next "
                                              "range's first score. Shares are of the scored leads."));

    g_string_append_c (text, ' ');
    g_string_append (text, follows);
    if (table->verdict_stage < MQLW_N_STAGES)
      {
        g_string_append_c (text, ' ');
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Below %.0f %% too early, %.0f–%.0f %% marginal, %.0f–%.0f %% good, %.0f %% and more hot; a bucket with fewer than %u known outcome is “Too few leads”.",
                                                                    "Below %.0f %% too early, %.0f–%.0f %% marginal, %.0f–%.0f %% good, %.0f %% and more hot; a bucket with fewer than %u known outcomes is “Too few leads”.", table->cuts.min_known),
                                table->cuts.marginal * 100, table->cuts.marginal * 100, table->cuts.good * 100,
                                table->cuts.good * 100, table->cuts.hot * 100, table->cuts.hot * 100,
                                table->cuts.min_known);
      }
    if (table->unscored.leads > 0)
      {
        g_string_append_c (text, ' ');
        g_string_append (text, _("The “Unscored” row holds the leads without a score: they are in no bucket and "
                                 "no figure of this report; their outcomes are shown for comparison."));
      }
    g_string_append_c (text, ' ');
    g_string_append (text, _("The row in bold holds the threshold."));
    add_block (self, BLOCK_PARAGRAPH, text->str);
  }
}

static const char *
decay_sentence (const MqlwDecay *decay,
                char           **owned)
{
  GString *out;

  if (decay->kind == MQLW_DECAY_HALF_LIFE)
    {
      *owned = g_strdup_printf (_("Behaviour points fade with age: they halve every %g days."), decay->half_life_days);
      return *owned;
    }
  if (decay->kind != MQLW_DECAY_STEPS || decay->steps == NULL || decay->steps->len == 0)
    return _("Behaviour points do not fade with age.");
  out = g_string_new (_("Behaviour points fade with the age of the activity: "));
  for (guint i = 0; i < decay->steps->len; i++)
    {
      const MqlwDecayStep *step = &g_array_index (decay->steps, MqlwDecayStep, i);
      if (i > 0)
        g_string_append (out, ", ");
      /* Translators: one step of the fading of behaviour points: "50 % up to 90 days". */
      g_string_append_printf (out, _("%.0f %% up to %g days"), step->factor * 100.0, step->max_age_days);
    }
  /* Translators: ends the list of fading steps: "…, 50 % up to 90 days, 10 % beyond." */
  g_string_append_printf (out, _(", %.0f %% beyond."), decay->beyond * 100.0);
  *owned = g_string_free (out, FALSE);
  return *owned;
}

static void
build_criteria (MqlwReport *self)
{
  MqlwModel *model = self->model;
  g_autofree char *decay_text = NULL;

  add_block (self, BLOCK_HEADING, _("3. How a lead is scored"));
  if (model->score_column != NULL)
    {
      add_paragraph (self, _("Leads are scored by the marketing platform: the score is the column “%s” of the data. "
                       "This definition sets the threshold on that score."), model->score_column);
      return;
    }
  add_paragraph (self, _("Total score = fit points + behaviour points%s. Every criterion below is in force exactly as "
                   "written; negative points are penalties."),
                 model->grading.enabled ? _(" × the grade's multiplier") : "");

  add_block (self, BLOCK_SUBHEADING, _("Fit: who the lead is"));
  {
    static const char * const header[] = { N_("Criterion"), N_("Condition"), N_("Points") };
    static const double widths[] = { 0.30, 0.56, 0.14 };
    Block *table = add_table (self, header, widths, 3, 0x4);
    guint n = 0;

    for (guint i = 0; i < model->fit->len; i++)
      {
        const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
        if (!rule->enabled)
          continue;
        g_ptr_array_add (table->items, g_strdup (rule->label != NULL ? rule->label : rule->id));
        g_ptr_array_add (table->items, mqlw_match_describe (&rule->match));
        g_ptr_array_add (table->items, format_points (rule->points));
        n++;
      }
    if (n == 0)
      {
        g_ptr_array_set_size (table->items, 3);
        add_paragraph (self, _("No fit criteria."));
      }
  }

  add_block (self, BLOCK_SUBHEADING, _("Behaviour: what the lead did"));
  {
    static const char * const header[] = { N_("Activity"), N_("Counted from"), N_("Points each"), N_("At most"), N_("Fades") };
    static const double widths[] = { 0.28, 0.28, 0.15, 0.15, 0.14 };
    Block *table = add_table (self, header, widths, 5, 0xc);
    guint n = 0;

    for (guint i = 0; i < model->behaviour->len; i++)
      {
        const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
        if (!rule->enabled)
          continue;
        g_ptr_array_add (table->items, g_strdup (rule->label != NULL ? rule->label : rule->id));
        g_ptr_array_add (table->items, g_strdup (rule->activity));
        g_ptr_array_add (table->items, format_points (rule->points));
        g_ptr_array_add (table->items, isnan (rule->cap) ? g_strdup (_("no limit"))
                                                          : format_points (copysign (rule->cap, rule->points)));
        g_ptr_array_add (table->items, g_strdup (rule->decay && model->decay.kind != MQLW_DECAY_NONE ? _("yes") : _("no")));
        n++;
      }
    if (n == 0)
      {
        g_ptr_array_set_size (table->items, 5);
        add_paragraph (self, _("No behaviour criteria."));
      }
  }
  add_paragraph (self, "%s", decay_sentence (&model->decay, &decay_text));

  if (model->grading.enabled)
    {
      const MqlwGrading *g = &model->grading;
      g_autofree char *a = format_number (g->min_fit[0]);
      g_autofree char *b = format_number (g->min_fit[1]);
      g_autofree char *c = format_number (g->min_fit[2]);
      gboolean multiplied = FALSE;

      for (guint i = 0; i < MQLW_N_GRADES; i++)
        multiplied |= g->multiplier[i] != 1.0;
      add_block (self, BLOCK_SUBHEADING, _("Grades"));
      add_paragraph (self, g_dngettext (GETTEXT_PACKAGE, "Grade A: %s fit point or more; B: %s or more; C: %s or more; D: below %s.%s",
                                                         "Grade A: %s fit points or more; B: %s or more; C: %s or more; D: below %s.%s", mqlw_format_plural_n (g->min_fit[0], 2)),
                     a, b, c, c, multiplied ? "" : _(" The grade does not change behaviour points."));
      if (multiplied)
        add_paragraph (self, _("Behaviour points are multiplied by %g for grade A, %g for B, %g for C and %g for D."),
                       g->multiplier[0], g->multiplier[1], g->multiplier[2], g->multiplier[3]);
    }
}

static void
build_paths (MqlwReport *self)
{
  MqlwModel *model = self->model;
  const MqlwPaths *paths = &model->paths;
  const MqlwPreview *p = &self->preview;
  g_autofree char *threshold = format_number (model->threshold);
  Block *list;
  guint n = 0;

  add_block (self, BLOCK_HEADING, _("4. Paths to MQL and exceptions"));
  add_paragraph (self, _("A lead becomes an MQL on any of these paths (seed 002, “The Two Paths to MQL”):"));
  list = add_block (self, BLOCK_BULLETS, NULL);
  if (paths->score)
    {
      g_autofree char *count = format_count (p->by_path[MQLW_PATH_INDEX_SCORE]);
      add_item (list, g_dngettext (GETTEXT_PACKAGE, "Scored: a total of %s points or more (%s past lead).",
                                                    "Scored: a total of %s points or more (%s past leads).", (gulong) p->by_path[MQLW_PATH_INDEX_SCORE]), threshold, count);
    }
  if (paths->grade_behaviour)
    {
      g_autofree char *min = format_number (paths->behaviour_min);
      g_autofree char *count = format_count (p->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR]);
      add_item (list, g_dngettext (GETTEXT_PACKAGE, "Fit and engaged: grade %s or better and at least %s behaviour points (%s past lead).",
                                                    "Fit and engaged: grade %s or better and at least %s behaviour points (%s past leads).", (gulong) p->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR]),
                mqlw_grade_to_string (paths->grade_behaviour_min_grade), min, count);
    }
  if (paths->hand_raiser)
    {
      g_autofree char *acts = join_humanized (paths->hand_raiser_activities, _(" or "));
      g_autofree char *count = format_count (p->by_path[MQLW_PATH_INDEX_HAND_RAISER]);
      add_item (list, g_dngettext (GETTEXT_PACKAGE, "Hand-raiser: %s, with grade %s or better — a competitor requesting a demo is not an MQL (%s past lead).",
                                                    "Hand-raiser: %s, with grade %s or better — a competitor requesting a demo is not an MQL (%s past leads).", (gulong) p->by_path[MQLW_PATH_INDEX_HAND_RAISER]), acts, mqlw_grade_to_string (paths->hand_raiser_min_grade), count);
    }
  if (list->items->len == 0)
    add_item (list, _("No path is switched on: no lead becomes an MQL."));

  add_block (self, BLOCK_SUBHEADING, _("Never an MQL"));
  {
    static const char * const header[] = { N_("Disqualifier"), N_("Reason"), N_("Condition") };
    static const double widths[] = { 0.30, 0.16, 0.54 };
    Block *table = add_table (self, header, widths, 3, 0);

    for (guint i = 0; i < model->disqualifiers->len; i++)
      {
        const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
        if (!d->enabled)
          continue;
        g_ptr_array_add (table->items, g_strdup (d->label != NULL ? d->label : d->id));
        g_ptr_array_add (table->items, describe_reason (d->reason != NULL ? d->reason : "other"));
        g_ptr_array_add (table->items, mqlw_match_describe (&d->match));
        n++;
      }
    if (n == 0)
      g_ptr_array_set_size (table->items, 3);
  }
  if (n == 0)
    add_paragraph (self, _("No disqualifiers: every lead can qualify."));
  else
    {
      g_autofree char *count = format_count (p->disqualified);
      add_paragraph (self, g_dngettext (GETTEXT_PACKAGE, "A disqualified lead is never an MQL, whatever its score. In the history, %s lead was disqualified.",
                                                         "A disqualified lead is never an MQL, whatever its score. In the history, %s leads were disqualified.", (gulong) p->disqualified), count);
    }
}

static void
build_threshold (MqlwReport *self)
{
  static const char * const header[] = {
    N_("Threshold"), N_("MQLs"), N_("Per month"), N_("Acceptance"), N_("SQL rate"), N_("Won"), N_("Wins kept"),
  };
  static const double widths[] = { 0.16, 0.13, 0.13, 0.15, 0.14, 0.13, 0.16 };
  static const double offsets[] = { -10, -5, 0, 5, 10 };
  MqlwModel *model = self->model;
  const MqlwPreview *p = &self->preview;
  g_autofree char *threshold = format_number (model->threshold);
  g_autofree char *mql = format_count (p->mql);
  g_autofree char *leads = format_count (p->leads);
  g_autofree char *share = format_percent (p->mql_share);
  g_autoptr(GString) rates = g_string_new (NULL);
  Block *table;
  double lo, hi;

  add_block (self, BLOCK_HEADING, _("5. Why this threshold"));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      g_autofree char *text = NULL;
      if (!p->stage[s].present)
        continue;
      text = format_rate_with_counts (&p->stage[s]);
      g_string_append_printf (rates, "%s%s %s", rates->len > 0 ? "; " : "", _(mqlw_stage_label (s)), text);
    }
  if (isnan (p->mql_per_month))
    add_paragraph (self, g_dngettext (GETTEXT_PACKAGE, "At %s points, %s of %s scored past lead (%s) are MQLs; the period of the history is unknown, so there is no monthly figure. Among them: %s.",
                                                       "At %s points, %s of %s scored past leads (%s) are MQLs; the period of the history is unknown, so there is no monthly figure. Among them: %s.", (gulong) p->leads), threshold, mql, leads, share,
                   rates->len > 0 ? rates->str : _("no outcomes are known"));
  else
    add_paragraph (self, g_dngettext (GETTEXT_PACKAGE, "At %s points, %s of %s past lead (%s) are MQLs: %.1f a month over %.0f months of history. Among them: %s.",
                                                       "At %s points, %s of %s past leads (%s) are MQLs: %.1f a month over %.0f months of history. Among them: %s.", (gulong) p->leads), threshold, mql, leads, share, p->mql_per_month, p->months,
                   rates->len > 0 ? rates->str : _("no outcomes are known"));
  if (p->stage[MQLW_STAGE_WON].present && p->wins_total > 0)
    {
      g_autofree char *captured = format_count (p->wins_captured);
      g_autofree char *total = format_count (p->wins_total);
      g_autofree char *missed = format_count (p->wins_missed);
      g_autofree char *wshare = format_percent (p->wins_captured_share);
      add_paragraph (self, g_dngettext (GETTEXT_PACKAGE, "The line keeps %s of the %s won lead (%s); %s won leads scored below it.",
                                                         "The line keeps %s of the %s won leads (%s); %s won leads scored below it.", (gulong) p->wins_total),
                     captured, total, wshare, missed);
    }
  if (p->unscored.stage[MQLW_STAGE_WON].present && p->unscored.stage[MQLW_STAGE_WON].reached > 0)
    {
      g_autofree char *won = format_count (p->unscored.stage[MQLW_STAGE_WON].reached);
      add_paragraph (self, g_dngettext (GETTEXT_PACKAGE, "%s more won lead has no score; they are not counted among the won leads above.",
                                                         "%s more won leads have no score; they are not counted among the won leads above.", (gulong) p->unscored.stage[MQLW_STAGE_WON].reached), won);
    }
  if (p->stage[MQLW_STAGE_SQL].present && p->stage[MQLW_STAGE_SQL].known > 0)
    {
      double r = p->stage[MQLW_STAGE_SQL].rate;
      add_paragraph (self, _("Seed 002 aims for 30–50 %% of MQLs becoming SQLs: below 30 %% the threshold is too low, "
                       "above 60 %% it may miss opportunities. This threshold gives %.1f %%: %s."), r * 100.0,
                     r < 0.30 ? _("below the band — consider raising it")
                     : r <= 0.50 ? _("inside the band")
                     : r <= 0.60 ? _("above the band, still acceptable")
                     : _("well above the band — consider lowering it"));
    }
  if (p->stage[MQLW_STAGE_ACCEPTED].present && p->stage[MQLW_STAGE_ACCEPTED].known > 0)
    {
      double r = p->stage[MQLW_STAGE_ACCEPTED].rate;
      add_paragraph (self, _("Sales accepted %.1f %% of the MQLs whose outcome is known (%.1f %% of MQLs have one); "
                       "the usual target is 60–75 %%."), r * 100.0,
                     isnan (p->acceptance_coverage) ? 0.0 : p->acceptance_coverage * 100.0);
    }

  add_block (self, BLOCK_SUBHEADING, _("Around the threshold"));
  table = add_table (self, header, widths, G_N_ELEMENTS (header), 0x7e);
  mqlw_calibration_score_range (mqlw_scoring_get_calibration (self->scoring), &lo, &hi);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      double t = model->threshold + offsets[i];
      MqlwPreview q;
      g_autofree char *tt = format_number (t);

      if (offsets[i] != 0 && (t < floor (lo) || t > ceil (hi)))
        continue;
      mqlw_calibration_preview (mqlw_scoring_get_calibration (self->scoring), t,
                                model->capacity_per_month, &q);
      if (offsets[i] == 0)
        table->bold_row = (gint) ((table->items->len / table->n_columns) - 1);
      g_ptr_array_add (table->items, offsets[i] == 0 ? g_strdup_printf (_("%s (agreed)"), tt) : g_strdup (tt));
      g_ptr_array_add (table->items, format_count (q.mql));
      g_ptr_array_add (table->items, isnan (q.mql_per_month) ? g_strdup ("—") : g_strdup_printf ("%.1f", q.mql_per_month));
      g_ptr_array_add (table->items, format_cell_rate (&q.stage[MQLW_STAGE_ACCEPTED]));
      g_ptr_array_add (table->items, format_cell_rate (&q.stage[MQLW_STAGE_SQL]));
      g_ptr_array_add (table->items, format_cell_rate (&q.stage[MQLW_STAGE_WON]));
      g_ptr_array_add (table->items, format_percent (q.wins_captured_share));
    }

  add_block (self, BLOCK_HEADING, _("6. Volume against sales capacity"));
  if (isnan (p->mql_per_month))
    add_paragraph (self, _("Expected volume: — MQLs a month. The history has no created date and no period was "
                     "stated, so the monthly volume and the capacity check are unknown; state the period the history "
                     "covers (mqlw --months, or the field in the window) to get them."));
  else if (isnan (p->capacity_per_month))
    add_paragraph (self, _("Expected volume: %.1f MQLs a month. No sales capacity was set; agree on how many MQLs "
                     "a month sales can follow up within the SLA and record it in the model."), p->mql_per_month);
  else
    add_paragraph (self, _("Expected volume: %.1f MQLs a month. Sales can follow up %.0f a month within the SLA, so "
                     "this definition uses %.0f %% of that capacity: %s."), p->mql_per_month, p->capacity_per_month,
                   p->capacity_per_month > 0 ? p->mql_per_month / p->capacity_per_month * 100.0 : 0.0,
                   p->over_capacity ? _("over capacity — raise the threshold or add sales capacity")
                                    : _("within capacity"));
}

/* "Ed25519 SHA256:… · signed 2025-11-30 14:05 UTC", or why there is none. */
static char *
describe_key_signature (const MqlwSignoff  *signoff,
                        const MqlwApprover *approver)
{
  const MqlwSignature *signature = mqlw_signoff_find_signature (signoff, approver->name);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (signature == NULL || signature->team != approver->team)
    return g_strdup (signoff->format_version < 2 ? _("Not signed with keys (digest only)")
                                                 : _("Not signed with a key yet"));
  when = g_date_time_new_from_iso8601 (signature->signed_at, NULL);
  date = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M UTC") : g_strdup (signature->signed_at);
  return g_strdup_printf (_("Ed25519 key %s\nsigned %s"), signature->fingerprint, date);
}

static void
build_signoff (MqlwReport *self)
{
  MqlwSignoff *signoff = self->signoff;

  add_block (self, BLOCK_HEADING, _("7. Sign-off"));
  if (signoff == NULL)
    {
      add_paragraph (self, _("This definition is a draft. It takes effect once at least one leader from marketing and "
                       "one from sales sign it off (mqlw project sign, or Sign Off in the workbench); the signed "
                       "version is then frozen and gets a review date three months later."));
      return;
    }
  {
    static const char * const header[] = { N_("Name"), N_("Role"), N_("Team"), N_("Key signature") };
    static const double widths[] = { 0.2, 0.19, 0.15, 0.46 };
    Block *table = add_table (self, header, widths, 4, 0);
    Block *facts;

    table->min_row_h = 30;
    g_autofree char *signed_on = format_gdate (&signoff->signed_on);
    g_autofree char *review_on = format_gdate (&signoff->review_on);

    for (guint i = 0; i < signoff->approvers->len; i++)
      {
        const MqlwApprover *a = g_ptr_array_index (signoff->approvers, i);
        g_ptr_array_add (table->items, g_strdup (a->name));
        g_ptr_array_add (table->items, g_strdup (a->role));
        g_ptr_array_add (table->items, g_strdup (team_title (a->team)));
        g_ptr_array_add (table->items, describe_key_signature (signoff, a));
      }
    facts = add_block (self, BLOCK_FACTS, NULL);
    add_fact (facts, _("Signed on"), signed_on);
    add_fact (facts, _("Review on"), review_on);
    add_fact (facts, _("Notes"), *signoff->notes != '\0' ? signoff->notes : "—");
    add_fact (facts, _("Sign-off digest"), signoff->digest);
    add_paragraph (self, _("Each approver signs the whole agreed model (model, threshold, capacity, data digest, "
                     "metrics, approvers, notes and dates) with an Ed25519 key of their own, in OpenSSH’s SSHSIG "
                     "format; the key’s fingerprint identifies the signer. Anyone can check an exported agreed model "
                     "with “mqlw verify FILE --allowed-signers CARDS” (or OpenSSH’s ssh-keygen -Y verify): it reports "
                     "each signature and which part, if any, changed after sign-off. The digest above only says "
                     "whether the file changed since export. Review the definition by %s against fresh conversion "
                     "data (seed 002: reviewed quarterly)."), review_on);
  }
}

void
mqlw_report_options_init (MqlwReportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->buckets = NULL;
  mqlw_verdict_cuts_init_default (&options->cuts);
  options->months = NAN;
}

MqlwReport *
mqlw_report_new (MqlwDataset *dataset,
                 MqlwModel   *model,
                 MqlwSignoff *signoff,
                 guint        version,
                 GError     **error)
{
  MqlwReportOptions options;

  mqlw_report_options_init (&options);
  return mqlw_report_new_full (dataset, model, signoff, version, &options, error);
}

/* The bucket scheme: the caller's, else the one the sign-off recorded, else "auto". */
static MqlwBucketSpec *
choose_bucket_spec (const MqlwReportOptions *options,
                    MqlwSignoff             *signoff)
{
  MqlwBucketSpec *spec = NULL;

  if (options->buckets != NULL)
    return mqlw_bucket_spec_copy (options->buckets);
  if (signoff != NULL && signoff->metrics != NULL && JSON_NODE_HOLDS_OBJECT (signoff->metrics))
    {
      /* Not json_object_get_string_member: it warns on a list or an object. */
      JsonNode *node = json_object_get_member (json_node_get_object (signoff->metrics), "bucket_spec");
      const char *text = node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;

      if (text != NULL)
        spec = mqlw_bucket_spec_parse (text, NULL);
    }
  return spec != NULL ? spec : mqlw_bucket_spec_parse ("auto", NULL);
}

MqlwReport *
mqlw_report_new_full (MqlwDataset             *dataset,
                      MqlwModel               *model,
                      MqlwSignoff             *signoff,
                      guint                    version,
                      const MqlwReportOptions *options,
                      GError                 **error)
{
  g_autoptr(MqlwReport) self = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The report names leads and checks every column (health findings). */
  if (!mqlw_dataset_load_columns (dataset, error))
    return NULL;

  self = g_new0 (MqlwReport, 1);
  self->dataset = mqlw_dataset_ref (dataset);
  self->model = mqlw_model_ref (model);
  self->signoff = signoff != NULL ? mqlw_signoff_ref (signoff) : NULL;
  self->version = version;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  self->scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, &local);
  if (self->scoring == NULL)
    {
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_SCORE,
                   _("The model cannot score this data: %s"), local->message);
      return NULL;
    }
  if (!isnan (options->months))
    mqlw_scoring_set_months (self->scoring, options->months);
  spec = choose_bucket_spec (options, signoff);
  self->table = mqlw_scoring_buckets (self->scoring, spec, &options->cuts, &local);
  if (self->table == NULL)
    {
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_SCORE, "%s", local->message);
      return NULL;
    }
  mqlw_scoring_preview (self->scoring, &self->preview);

  build_glance (self);
  build_data (self);
  build_health (self);
  build_buckets (self);
  build_criteria (self);
  build_paths (self);
  build_threshold (self);
  build_signoff (self);
  mqlw_report_build_analytics (self);
  mqlw_report_build_appendix (self);
  return g_steal_pointer (&self);
}

void
mqlw_report_free (MqlwReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->table, mqlw_bucket_table_free);
  g_clear_pointer (&self->scoring, mqlw_scoring_unref);
  g_clear_pointer (&self->signoff, mqlw_signoff_unref);
  g_clear_pointer (&self->model, mqlw_model_unref);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  g_free (self);
}

gboolean
mqlw_report_format_from_name (const char       *path,
                              MqlwReportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    *format = MQLW_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    *format = MQLW_REPORT_FORMAT_MARKDOWN;
  else
    return FALSE;
  return TRUE;
}

gboolean
mqlw_report_write (MqlwReport *self,
                   const char *path,
                   GError    **error)
{
  MqlwReportFormat format;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!mqlw_report_format_from_name (path, &format))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_FORMAT,
                   _("“%s”: the written definition is a .pdf or a .md (Markdown) file"), name);
      return FALSE;
    }
  if (format == MQLW_REPORT_FORMAT_PDF)
    return mqlw_report_write_pdf (self, path, NULL, error);
  return mqlw_report_write_markdown (self, path, error);
}

/* ---- for the content in other files (mqlw-report-private.h) ------------- */

MqlwDataset *
mqlw_report_get_dataset (MqlwReport *self)
{
  return self->dataset;
}

MqlwModel *
mqlw_report_get_model (MqlwReport *self)
{
  return self->model;
}

MqlwScorer *
mqlw_report_get_scorer (MqlwReport *self)
{
  return mqlw_scoring_get_scorer (self->scoring);
}

MqlwCalibration *
mqlw_report_get_calibration (MqlwReport *self)
{
  return mqlw_scoring_get_calibration (self->scoring);
}

const MqlwBucketTable *
mqlw_report_get_table (MqlwReport *self)
{
  return self->table;
}

void
mqlw_report_add_heading (MqlwReport *self,
                         const char *text)
{
  add_block (self, BLOCK_HEADING, text);
}

void
mqlw_report_add_subheading (MqlwReport *self,
                            const char *text)
{
  add_block (self, BLOCK_SUBHEADING, text);
}

void
mqlw_report_add_text (MqlwReport *self,
                      const char *text)
{
  add_block (self, BLOCK_PARAGRAPH, text);
}

void
mqlw_report_add_bullets (MqlwReport *self,
                         GPtrArray  *items)
{
  Block *block = add_block (self, BLOCK_BULLETS, NULL);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (block->items, g_strdup (g_ptr_array_index (items, i)));
}

void
mqlw_report_add_table (MqlwReport         *self,
                       const char * const *header,
                       const double       *widths,
                       guint               n_columns,
                       guint               right,
                       GPtrArray          *cells,
                       int                 bold_row)
{
  Block *block = add_table (self, header, widths, n_columns, right);

  for (guint i = 0; i < cells->len; i++)
    g_ptr_array_add (block->items, g_strdup (g_ptr_array_index (cells, i)));
  block->bold_row = bold_row;
}

char *
mqlw_report_format_count (guint64 value)
{
  return format_count (value);
}

char *
mqlw_report_format_percent (double fraction)
{
  return format_percent (fraction);
}

char *
mqlw_report_format_number (double value)
{
  return format_number (value);
}

char *
mqlw_report_format_points (double value)
{
  return format_points (value);
}
