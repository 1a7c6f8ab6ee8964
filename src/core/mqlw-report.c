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
#include "mqlw-report-private.h"
#include "mqlw-scorer.h"
#include "mqlw-safe-write.h"

G_DEFINE_QUARK (mqlw-report-error-quark, mqlw_report_error)

/* ---- content ------------------------------------------------------------ */

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_BULLETS,
  BLOCK_STEPS,
  BLOCK_FACTS,        /* label, value, label, value … */
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct {
  BlockKind  kind;
  char      *text;
  char      *subtext;
  GPtrArray *items;      /* char*; tables: header cells then rows, n_columns a row */
  guint      n_columns;
  double     widths[8];  /* table: fractions of the text width */
  guint      right;      /* table: bit per right-aligned column */
  gint       bold_row;   /* table: a data row drawn bold (the agreed threshold), -1 none */
  double     min_row_h;  /* table: room for a signature */
} Block;

struct _MqlwReport {
  MqlwDataset     *dataset;
  MqlwModel       *model;
  MqlwSignoff     *signoff;
  guint            version;
  MqlwScorer      *scorer;
  MqlwCalibration *calibration;
  MqlwBucketTable *table;
  MqlwPreview      preview;
  GPtrArray       *blocks;
};

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->subtext);
  g_clear_pointer (&block->items, g_ptr_array_unref);
  g_free (block);
}

static Block *
add_block (MqlwReport *self,
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

static void add_paragraph (MqlwReport *self, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_paragraph (MqlwReport *self,
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

static void add_item (Block *block, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_item (Block      *block,
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

static char *
format_count (guint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  /* Translators: the thousands separator in lead counts ("12,345"); decimals follow the locale. */
  const char *separator = _(",");

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
format_percent (double rate)
{
  if (!isfinite (rate))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", rate * 100.0);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("—");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%s%.0f", value < 0 ? "−" : "", fabs (value));
  g_ascii_formatd (buf, sizeof buf, "%.2f", fabs (value));
  return g_strdup_printf ("%s%s", value < 0 ? "−" : "", buf);
}

/* "+15", "−50": points as people write them. */
static char *
format_points (double value)
{
  g_autofree char *number = format_number (value);
  return value > 0 ? g_strconcat ("+", number, NULL) : g_steal_pointer (&number);
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
  if (!rate->present || rate->known == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", rate->rate * 100.0);
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

static char *
join_humanized (GStrv        names,
                const char  *last_separator)
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

static const char *
model_name (MqlwModel *model)
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
    g_ptr_array_add (parts, g_strdup_printf (_("its score reaches %s points"), threshold));
  if (paths->grade_behaviour)
    {
      g_autofree char *min = format_number (paths->behaviour_min);
      g_ptr_array_add (parts, g_strdup_printf (_("it has grade %s or better and at least %s behaviour points"),
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
  g_autofree char *title = g_strdup_printf (_("MQL definition: %s"), model_name (model));
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
      g_autofree char *text = g_strdup_printf (_("%s points on the platform score “%s”"), threshold, model->score_column);
      add_fact (facts, _("MQL threshold"), text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("%s points"), threshold);
      add_fact (facts, _("MQL threshold"), text);
    }
  {
    g_autofree char *text = NULL;
    if (isnan (p->mql_per_month))
      text = g_strdup (_("— MQLs a month: the period is unknown (no created date, none stated), so there is no "
                         "capacity check"));
    else if (isnan (p->capacity_per_month))
      text = g_strdup_printf (_("%s MQLs a month (no sales capacity set)"), per_month);
    else
      text = g_strdup_printf (_("%s MQLs a month against a capacity of %.0f (%s)"), per_month, p->capacity_per_month,
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
      g_autofree char *text = g_strdup_printf (_("%s months, as stated"), months);
      add_fact (facts, _("Period"), text);
    }
  else if (self->preview.months_source == MQLW_MONTHS_UNKNOWN)
    add_fact (facts, _("Period"), _("unknown: the data has no created date and no period was stated, so no "
                                    "per-month figure is shown"));
  if (self->table->unscored.leads > 0)
    {
      g_autofree char *scored = format_count (self->table->scored_leads);
      g_autofree char *unscored = format_count (self->table->unscored.leads);
      g_autofree char *text = g_strdup_printf (_("%s; %s leads have no score and are left out of every figure "
                                                 "(their outcomes are in section 2)"), scored, unscored);
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
      text = g_strdup_printf (_("known for %s leads (%s coverage), reached by %s"), known_text, share, reached_text);
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

  mqlw_health_check (self->dataset, mqlw_health_today (), findings);
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
        g_string_append_printf (text, _("Below %.0f %% too early, %.0f–%.0f %% marginal, %.0f–%.0f %% good, %.0f %% "
                                        "and more hot; a bucket with fewer than %u known outcomes is “Too few "
                                        "leads”."),
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
      add_paragraph (self, _("Grade A: %s fit points or more; B: %s or more; C: %s or more; D: below %s.%s"),
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
      add_item (list, _("Scored: a total of %s points or more (%s past leads)."), threshold, count);
    }
  if (paths->grade_behaviour)
    {
      g_autofree char *min = format_number (paths->behaviour_min);
      g_autofree char *count = format_count (p->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR]);
      add_item (list, _("Fit and engaged: grade %s or better and at least %s behaviour points (%s past leads)."),
                mqlw_grade_to_string (paths->grade_behaviour_min_grade), min, count);
    }
  if (paths->hand_raiser)
    {
      g_autofree char *acts = join_humanized (paths->hand_raiser_activities, _(" or "));
      g_autofree char *count = format_count (p->by_path[MQLW_PATH_INDEX_HAND_RAISER]);
      add_item (list, _("Hand-raiser: %s, with grade %s or better — a competitor requesting a demo is not an MQL "
                  "(%s past leads)."), acts, mqlw_grade_to_string (paths->hand_raiser_min_grade), count);
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
      add_paragraph (self, _("A disqualified lead is never an MQL, whatever its score. In the history, %s leads "
                       "were disqualified."), count);
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
    add_paragraph (self, _("At %s points, %s of %s scored past leads (%s) are MQLs; the period of the history is "
                     "unknown, so there is no monthly figure. Among them: %s."), threshold, mql, leads, share,
                   rates->len > 0 ? rates->str : _("no outcomes are known"));
  else
    add_paragraph (self, _("At %s points, %s of %s past leads (%s) are MQLs: %.1f a month over %.0f months of history. "
                     "Among them: %s."), threshold, mql, leads, share, p->mql_per_month, p->months,
                   rates->len > 0 ? rates->str : _("no outcomes are known"));
  if (p->stage[MQLW_STAGE_WON].present && p->wins_total > 0)
    {
      g_autofree char *captured = format_count (p->wins_captured);
      g_autofree char *total = format_count (p->wins_total);
      g_autofree char *missed = format_count (p->wins_missed);
      g_autofree char *wshare = format_percent (p->wins_captured_share);
      add_paragraph (self, _("The line keeps %s of the %s won leads (%s); %s won leads scored below it."),
                     captured, total, wshare, missed);
    }
  if (p->unscored.stage[MQLW_STAGE_WON].present && p->unscored.stage[MQLW_STAGE_WON].reached > 0)
    {
      g_autofree char *won = format_count (p->unscored.stage[MQLW_STAGE_WON].reached);
      add_paragraph (self, _("%s more won leads have no score; they are not counted among the won leads above."), won);
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
  mqlw_calibration_score_range (self->calibration, &lo, &hi);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      double t = model->threshold + offsets[i];
      MqlwPreview q;
      g_autofree char *tt = format_number (t);

      if (offsets[i] != 0 && (t < floor (lo) || t > ceil (hi)))
        continue;
      mqlw_calibration_preview (self->calibration, t, model->capacity_per_month, &q);
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
model_uses_op (MqlwModel   *model,
               MqlwMatchOp  op)
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
    add_item (steps, _("A condition “X is not A or B” is the filter operator %s with the values A and B; leads "
                "with no value in X do not match it."), not_in);
  if (uses_contains)
    add_item (steps, _("A condition “X contains A or B” is the filter operator %s with the values A and B "
                "(any case)."), contains);
}

static void
build_appendix (MqlwReport *self)
{
  MqlwModel *model = self->model;
  g_autofree char *threshold = format_number (model->threshold);
  const MqlwPaths *paths = &model->paths;
  Block *steps;

  add_block (self, BLOCK_PAGE_BREAK, NULL);
  add_block (self, BLOCK_HEADING, _("Appendix: entering this model in your platform"));
  add_paragraph (self, _("Steps for the marketing-operations admin, built from this model's own criteria and numbers. "
                   "Field and activity names are the columns of the data; map them to your platform's properties."));

  /* HubSpot */
  add_block (self, BLOCK_SUBHEADING, _("A. HubSpot"));
  steps = add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“is none of” (and “is known”)"), _("“contains any of”"));
  if (model->score_column != NULL)
    add_item (steps, _("Keep the existing score property “%s” as it is."), model->score_column);
  else
    {
      add_item (steps, _("Settings → Properties → Create property: a Score property “MQL score” (or, in the lead "
                  "scoring tool, a new score with a Fit group and an Engagement group)."));
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = format_points (rule->points);
          add_item (steps, _("Fit group: add the criterion “%s” — %s → %s points."), rule->label, cond, pts);
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL, *cap = NULL;
          if (!rule->enabled)
            continue;
          pts = format_points (rule->points);
          cap = isnan (rule->cap) ? g_strdup (_("no limit")) : format_number (rule->cap);
          add_item (steps, _("Engagement group: add “%s” (event %s) → %s points each time, score limit %s."),
                    rule->label, rule->activity, pts, cap);
        }
      if (model->decay.kind != MQLW_DECAY_NONE)
        add_item (steps, _("Engagement group: switch on score decay closest to this model's (see section 3)."));
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      add_item (steps, _("Create an active list “Not MQL: %s” with the filter %s."), d->label, cond);
    }
  add_item (steps, _("Automation → Workflows → Contact-based workflow “MQL”: enrollment trigger “MQL score is greater "
              "than or equal to %s”%s; exclude contacts in the “Not MQL” lists; action “Set property value: Lifecycle "
              "stage = Marketing qualified lead”."), threshold, paths->score ? "" : _(" (score path off: use only the "
                                                                                     "triggers below)"));
  if (paths->hand_raiser)
    {
      g_autofree char *acts = join_humanized (paths->hand_raiser_activities, _(" or "));
      double floor_fit = grade_floor_fit (model, paths->hand_raiser_min_grade);
      g_autofree char *fit = format_number (floor_fit);
      add_item (steps, _("Add an OR trigger to the same workflow: form submission “%s” AND fit score at least %s "
                  "(grade %s)."), acts, isnan (floor_fit) ? "—" : fit, mqlw_grade_to_string (paths->hand_raiser_min_grade));
    }
  if (paths->grade_behaviour)
    {
      double floor_fit = grade_floor_fit (model, paths->grade_behaviour_min_grade);
      g_autofree char *fit = format_number (floor_fit);
      g_autofree char *min = format_number (paths->behaviour_min);
      add_item (steps, _("Add an OR trigger: fit score at least %s AND engagement score at least %s."),
                isnan (floor_fit) ? "—" : fit, min);
    }

  /* Marketo */
  add_block (self, BLOCK_SUBHEADING, _("B. Marketo Engage"));
  steps = add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“is not” (and “is not empty”)"), _("“contains”"));
  add_item (steps, _("Admin → Field Management: use the “Lead Score” field, and create score fields “Behavior Score” "
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
          pts = format_points (rule->points);
          add_item (steps, _("Smart campaign “Fit – %s”: Smart List trigger “Lead is Created” or “Data Value Changes” "
                      "on %s, filter %s; Flow “Change Score”: Demographic Score %s and Lead Score %s; run once per "
                      "person."), rule->label, rule->match.field, cond, pts, pts);
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL;
          if (!rule->enabled)
            continue;
          pts = format_points (rule->points);
          if (isnan (rule->cap) || rule->points == 0)
            add_item (steps, _("Smart campaign “Behavior – %s”: trigger on the %s activity; Flow “Change Score”: "
                        "Behavior Score %s and Lead Score %s; each person can run through every time."),
                      rule->label, rule->activity, pts, pts);
          else
            add_item (steps, _("Smart campaign “Behavior – %s”: trigger on the %s activity; Flow “Change Score”: "
                        "Behavior Score %s and Lead Score %s; qualification: at most %.0f times per person (cap %g "
                        "points)."), rule->label, rule->activity, pts, pts, floor (rule->cap / fabs (rule->points)),
                      rule->cap);
        }
      if (model->decay.kind != MQLW_DECAY_NONE)
        add_item (steps, _("Batch campaign “Behavior decay”, weekly: people with no activity in the last 30 days; "
                    "Flow “Change Score” lowers Behavior Score and Lead Score (see section 3 for the rates)."));
    }
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      add_item (steps, _("Smart list “Not MQL – %s”: %s."), d->label, cond);
    }
  add_item (steps, _("Trigger campaign “MQL”: trigger “Score is Changed” (Lead Score), filter “Lead Score at least %s” "
              "and not member of the “Not MQL” smart lists; Flow “Change Data Value”: Lead Status = MQL, then "
              "“Change Revenue Stage” to MQL and “Interesting Moment”."), threshold);
  if (paths->hand_raiser)
    {
      g_autofree char *acts = join_humanized (paths->hand_raiser_activities, _(" or "));
      add_item (steps, _("Add a second trigger to the MQL campaign: “Fills Out Form” (%s) with a filter on the "
                  "Demographic Score of grade %s."), acts, mqlw_grade_to_string (paths->hand_raiser_min_grade));
    }

  /* Pardot */
  add_block (self, BLOCK_SUBHEADING, _("C. Account Engagement (Pardot)"));
  steps = add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“is not” (and “is not empty”)"), _("“contains”"));
  if (model->score_column == NULL)
    {
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL;
          if (!rule->enabled)
            continue;
          pts = format_points (rule->points);
          add_item (steps, _("Automation → Scoring rules (or a page action / completion action): “%s” (%s) → %s "
                      "points%s."), rule->label, rule->activity, pts,
                    isnan (rule->cap) ? "" : _("; stop adding once the cap of this activity is reached"));
        }
      add_item (steps, _("Automation → Grading → Profiles: create the profile “MQL definition”. Each criterion "
                  "moves the grade by thirds of a letter; this model's fit points convert at 10 points = ⅓ letter:"));
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          int thirds;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = format_points (rule->points);
          thirds = (int) CLAMP (round (rule->points / 10.0), -3, 3);
          if (thirds >= 0)
            add_item (steps, _("Grading criterion “%s”: %s → raise the grade by %d/3 of a letter (%s fit points)."),
                      rule->label, cond, thirds, pts);
          else
            add_item (steps, _("Grading criterion “%s”: %s → lower the grade by %d/3 of a letter (%s fit points)."),
                      rule->label, cond, -thirds, pts);
        }
    }
  if (model->grading.enabled)
    {
      g_autofree char *a = format_number (model->grading.min_fit[0]);
      g_autofree char *b = format_number (model->grading.min_fit[1]);
      g_autofree char *c = format_number (model->grading.min_fit[2]);
      add_item (steps, _("The grades A–D of this model: A from %s fit points, B from %s, C from %s, D below."), a, b, c);
    }
  add_item (steps, _("Automation → Automation rules: rule “MQL”, match all: Prospect score is greater than or equal to "
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
      add_item (steps, _("Add to the MQL rule: NOT (%s) — %s."), cond, d->label);
    }

  /* Mautic */
  add_block (self, BLOCK_SUBHEADING, _("D. Mautic"));
  steps = add_block (self, BLOCK_STEPS, NULL);
  add_operator_hint (self, steps, _("“not including” (and “not empty”)"), _("“contains”"));
  add_item (steps, _("Stages → New: create the stages “Lead”, “MQL” and “Disqualified”."));
  if (model->score_column == NULL)
    {
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *pts = NULL;
          if (!rule->enabled)
            continue;
          pts = format_points (rule->points);
          add_item (steps, _("Points → Manage actions → New: “%s” (%s) changes points by %s%s."), rule->label,
                    rule->activity, pts, isnan (rule->cap) ? "" : _(", repeatable until the activity's cap"));
        }
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *cond = NULL, *pts = NULL;
          if (!rule->enabled)
            continue;
          cond = describe_fit (rule);
          pts = format_points (rule->points);
          add_item (steps, _("Campaign “Fit scoring”: condition “Contact field value” %s → action “Adjust contact "
                      "points” by %s."), cond, pts);
        }
    }
  add_item (steps, _("Points → Manage triggers → New: trigger “MQL” at %s points; events “Change contact's stage” to "
              "MQL, “Modify contact's segments” (add to “MQL”) and send the sales notification e-mail."), threshold);
  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *d = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *cond = NULL;
      if (!d->enabled)
        continue;
      cond = mqlw_match_describe (&d->match);
      add_item (steps, _("Campaign “Disqualify”: condition %s → “Change contact's stage” to Disqualified (%s)."),
                cond, d->label);
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
mqlw_report_new (MqlwDataset  *dataset,
                 MqlwModel    *model,
                 MqlwSignoff  *signoff,
                 guint         version,
                 GError      **error)
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
      JsonObject *metrics = json_node_get_object (signoff->metrics);
      const char *text = json_object_has_member (metrics, "bucket_spec")
                         ? json_object_get_string_member (metrics, "bucket_spec") : NULL;

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

  self = g_new0 (MqlwReport, 1);
  self->dataset = mqlw_dataset_ref (dataset);
  self->model = mqlw_model_ref (model);
  self->signoff = signoff != NULL ? mqlw_signoff_ref (signoff) : NULL;
  self->version = version;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  self->scorer = mqlw_scorer_new (dataset, model, &local);
  if (self->scorer == NULL)
    {
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_SCORE,
                   _("The model cannot score this data: %s"), local->message);
      return NULL;
    }
  self->calibration = mqlw_calibration_new (mqlw_scorer_get_scores (self->scorer), &dataset->outcomes,
                                            model->paths.score);
  if (!isnan (options->months))
    mqlw_calibration_set_months (self->calibration, options->months);
  spec = choose_bucket_spec (options, signoff);
  self->table = mqlw_calibration_buckets (self->calibration, spec, &options->cuts, &local);
  if (self->table == NULL)
    {
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_SCORE, "%s", local->message);
      return NULL;
    }
  mqlw_calibration_preview (self->calibration, model->threshold, model->capacity_per_month, &self->preview);

  build_glance (self);
  build_data (self);
  build_health (self);
  build_buckets (self);
  build_criteria (self);
  build_paths (self);
  build_threshold (self);
  build_signoff (self);
  mqlw_report_build_analytics (self);
  build_appendix (self);
  return g_steal_pointer (&self);
}

void
mqlw_report_free (MqlwReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->table, mqlw_bucket_table_free);
  g_clear_pointer (&self->calibration, mqlw_calibration_free);
  g_clear_pointer (&self->scorer, mqlw_scorer_free);
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

/* ---- PDF ---------------------------------------------------------------- */

#define PAGE_W    595.276   /* A4 in points */
#define PAGE_H    841.890
#define MARGIN_X  56.0
#define MARGIN_T  64.0
#define MARGIN_B  70.0
#define TEXT_W    (PAGE_W - 2 * MARGIN_X)
#define FONT      "Lato, DejaVu Sans, Sans"

typedef struct {
  cairo_t    *cr;
  gboolean    draw;
  double      y;
  guint       page;
  guint       n_pages;
  MqlwReport *report;
} Doc;

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

#define COLOR_TEXT    0x1d2330
#define COLOR_MUTED   0x5f6877
#define COLOR_ACCENT  0x1c5fa8
#define COLOR_RULE    0xc9d3e0
#define COLOR_HEAD_BG 0xe6edf7
#define COLOR_ZEBRA   0xf5f7fb
#define COLOR_FACT_BG 0xf2f5fa

static PangoLayout *
make_layout (Doc        *doc,
             const char *text,
             double      size,
             gboolean    bold,
             double      width,
             PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (desc, (gint) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
show_layout (Doc         *doc,
             PangoLayout *layout,
             double       x,
             double       y,
             guint32      color)
{
  if (!doc->draw)
    return;
  cairo_save (doc->cr);
  set_rgb (doc->cr, color);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
  cairo_restore (doc->cr);
}

static void
draw_page_furniture (Doc *doc)
{
  g_autofree char *left = NULL, *right = NULL;
  g_autoptr(PangoLayout) l = NULL;
  g_autoptr(PangoLayout) r = NULL;
  g_autoptr(PangoLayout) top = NULL;
  MqlwReport *report = doc->report;
  g_autofree char *head = NULL;

  if (!doc->draw)
    return;
  left = g_strdup_printf (_("MQL definition · %s"), model_name (report->model));
  right = g_strdup_printf (_("Page %u of %u"), doc->page, doc->n_pages);
  l = make_layout (doc, left, 8, FALSE, TEXT_W * 0.7, PANGO_ALIGN_LEFT);
  r = make_layout (doc, right, 8, FALSE, TEXT_W * 0.3, PANGO_ALIGN_RIGHT);
  cairo_save (doc->cr);
  set_rgb (doc->cr, COLOR_RULE);
  cairo_set_line_width (doc->cr, 0.6);
  cairo_move_to (doc->cr, MARGIN_X, PAGE_H - 46);
  cairo_line_to (doc->cr, PAGE_W - MARGIN_X, PAGE_H - 46);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);
  show_layout (doc, l, MARGIN_X, PAGE_H - 40, COLOR_MUTED);
  show_layout (doc, r, MARGIN_X + TEXT_W * 0.7, PAGE_H - 40, COLOR_MUTED);

  if (doc->page > 1)
    {
      head = report->signoff != NULL
             ? g_strdup_printf (_("Signed off · digest %.16s…"), report->signoff->digest)
             : g_strdup (_("Draft — not signed off"));
      top = make_layout (doc, head, 8, FALSE, TEXT_W, PANGO_ALIGN_RIGHT);
      show_layout (doc, top, MARGIN_X, 34, COLOR_MUTED);
    }
}

static void
new_page (Doc *doc)
{
  draw_page_furniture (doc);
  if (doc->draw)
    cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN_T;
}

static void
ensure_space (Doc   *doc,
              double height)
{
  if (doc->y + height > PAGE_H - MARGIN_B && doc->y > MARGIN_T)
    new_page (doc);
}

static void
render_paragraph (Doc        *doc,
                  const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (doc, text, 10, FALSE, TEXT_W, PANGO_ALIGN_LEFT);
  double h;

  pango_layout_set_spacing (layout, (int) (2.5 * PANGO_SCALE));
  h = layout_height (layout);
  ensure_space (doc, h);
  show_layout (doc, layout, MARGIN_X, doc->y, COLOR_TEXT);
  doc->y += h + 8;
}

static void
render_list (Doc         *doc,
             const Block *block,
             gboolean     numbered)
{
  for (guint i = 0; i < block->items->len; i++)
    {
      g_autofree char *mark = numbered ? g_strdup_printf ("%u.", i + 1) : g_strdup ("•");
      g_autoptr(PangoLayout) m = make_layout (doc, mark, 10, numbered, 18, PANGO_ALIGN_RIGHT);
      g_autoptr(PangoLayout) t = make_layout (doc, g_ptr_array_index (block->items, i), 10, FALSE, TEXT_W - 26,
                                              PANGO_ALIGN_LEFT);
      double h;

      pango_layout_set_spacing (t, (int) (2 * PANGO_SCALE));
      h = layout_height (t);
      ensure_space (doc, h);
      show_layout (doc, m, MARGIN_X, doc->y, numbered ? COLOR_ACCENT : COLOR_TEXT);
      show_layout (doc, t, MARGIN_X + 26, doc->y, COLOR_TEXT);
      doc->y += h + 5;
    }
  doc->y += 4;
}

static void
render_facts (Doc         *doc,
              const Block *block)
{
  const double label_w = 130, pad = 8;
  double total = 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i + 1 < block->items->len; i += 2)
    {
      PangoLayout *l = make_layout (doc, g_ptr_array_index (block->items, i), 9.5, TRUE, label_w - pad, PANGO_ALIGN_LEFT);
      PangoLayout *v = make_layout (doc, g_ptr_array_index (block->items, i + 1), 9.5, FALSE,
                                    TEXT_W - label_w - 2 * pad, PANGO_ALIGN_LEFT);
      double h = MAX (layout_height (l), layout_height (v)) + 6;

      g_ptr_array_add (labels, l);
      g_ptr_array_add (values, v);
      g_array_append_val (heights, h);
      total += h;
    }
  /* A short box stays whole; a long one may continue on the next page. */
  ensure_space (doc, MIN (total + 2 * pad, 300));
  {
    double box_top = doc->y;
    doc->y += pad;
    for (guint i = 0; i < labels->len; i++)
      {
        double h = g_array_index (heights, double, i);
        if (doc->y + h > PAGE_H - MARGIN_B)
          {
            if (doc->draw)
              {
                cairo_save (doc->cr);
                set_rgb (doc->cr, COLOR_ACCENT);
                cairo_rectangle (doc->cr, MARGIN_X, box_top, 3, doc->y - box_top);
                cairo_fill (doc->cr);
                cairo_restore (doc->cr);
              }
            new_page (doc);
            box_top = doc->y;
            doc->y += pad;
          }
        if (doc->draw)
          {
            cairo_save (doc->cr);
            set_rgb (doc->cr, COLOR_FACT_BG);
            cairo_rectangle (doc->cr, MARGIN_X, doc->y - (i == 0 ? pad : 0), TEXT_W,
                             h + (i == 0 ? pad : 0) + (i + 1 == labels->len ? pad : 0));
            cairo_fill (doc->cr);
            cairo_restore (doc->cr);
          }
        show_layout (doc, g_ptr_array_index (labels, i), MARGIN_X + pad + 6, doc->y, COLOR_MUTED);
        show_layout (doc, g_ptr_array_index (values, i), MARGIN_X + label_w + pad, doc->y, COLOR_TEXT);
        doc->y += h;
      }
    doc->y += pad;
    if (doc->draw)
      {
        cairo_save (doc->cr);
        set_rgb (doc->cr, COLOR_ACCENT);
        cairo_rectangle (doc->cr, MARGIN_X, box_top, 3, doc->y - box_top);
        cairo_fill (doc->cr);
        cairo_restore (doc->cr);
      }
  }
  doc->y += 10;
}

static double
table_row_height (Doc          *doc,
                  const Block  *block,
                  guint         row,
                  gboolean      bold,
                  PangoLayout **cells)
{
  double h = 0;

  for (guint c = 0; c < block->n_columns; c++)
    {
      const char *text = g_ptr_array_index (block->items, row * block->n_columns + c);
      double w = block->widths[c] * TEXT_W - 10;
      cells[c] = make_layout (doc, text, 9, bold, w,
                              (block->right & (1u << c)) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      h = MAX (h, layout_height (cells[c]));
    }
  return MAX (h + 8, row > 0 ? block->min_row_h : 0);
}

static void
draw_table_row (Doc          *doc,
                const Block  *block,
                PangoLayout **cells,
                double        h,
                guint32       background,
                guint32       color)
{
  double x = MARGIN_X;

  if (doc->draw && background != 0)
    {
      cairo_save (doc->cr);
      set_rgb (doc->cr, background);
      cairo_rectangle (doc->cr, MARGIN_X, doc->y, TEXT_W, h);
      cairo_fill (doc->cr);
      cairo_restore (doc->cr);
    }
  for (guint c = 0; c < block->n_columns; c++)
    {
      show_layout (doc, cells[c], x + 5, doc->y + 4, color);
      x += block->widths[c] * TEXT_W;
      g_object_unref (cells[c]);
    }
  if (doc->draw)
    {
      cairo_save (doc->cr);
      set_rgb (doc->cr, COLOR_RULE);
      cairo_set_line_width (doc->cr, 0.5);
      cairo_move_to (doc->cr, MARGIN_X, doc->y + h);
      cairo_line_to (doc->cr, MARGIN_X + TEXT_W, doc->y + h);
      cairo_stroke (doc->cr);
      cairo_restore (doc->cr);
    }
  doc->y += h;
}

static void
render_table (Doc         *doc,
              const Block *block)
{
  guint n_rows = block->items->len / block->n_columns;
  PangoLayout *cells[8];
  double header_h;

  if (n_rows <= 1)
    return;
  header_h = table_row_height (doc, block, 0, TRUE, cells);
  for (guint c = 0; c < block->n_columns; c++)
    g_object_unref (cells[c]);
  /* Keep the header with at least two rows. */
  ensure_space (doc, header_h + 40);
  header_h = table_row_height (doc, block, 0, TRUE, cells);
  draw_table_row (doc, block, cells, header_h, COLOR_HEAD_BG, COLOR_TEXT);
  for (guint r = 1; r < n_rows; r++)
    {
      gboolean bold = block->bold_row == (gint) (r - 1);
      double h = table_row_height (doc, block, r, bold, cells);

      if (doc->y + h > PAGE_H - MARGIN_B)
        {
          PangoLayout *head[8];
          double hh;

          new_page (doc);
          hh = table_row_height (doc, block, 0, TRUE, head);
          draw_table_row (doc, block, head, hh, COLOR_HEAD_BG, COLOR_TEXT);
        }
      draw_table_row (doc, block, cells, h, bold ? 0xfff3d6 : (r % 2 == 0 ? COLOR_ZEBRA : 0), COLOR_TEXT);
    }
  doc->y += 12;
}

static void
render_chart (Doc *doc)
{
  /* The chart's own fonts are sized for a 96 dpi screen: draw it at screen
   * size and scale it into the text width. */
  const double chart_w = 760, chart_h = 400;
  double scale = TEXT_W / chart_w;
  double h = chart_h * scale;
  MqlwChartStyle style;

  ensure_space (doc, h + 10);
  if (doc->draw)
    {
      mqlw_chart_style_init (&style);
      cairo_save (doc->cr);
      cairo_translate (doc->cr, MARGIN_X, doc->y);
      cairo_scale (doc->cr, scale, scale);
      cairo_rectangle (doc->cr, 0, 0, chart_w, chart_h);
      cairo_clip (doc->cr);
      mqlw_chart_draw (doc->cr, chart_w, chart_h, doc->report->table, doc->report->model->threshold, &style, NULL);
      cairo_restore (doc->cr);
    }
  doc->y += h + 12;
}

static void
render_blocks (Doc *doc)
{
  MqlwReport *self = doc->report;

  doc->page = 1;
  doc->y = MARGIN_T;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case BLOCK_TITLE:
          {
            g_autoptr(PangoLayout) title = make_layout (doc, block->text, 22, TRUE, TEXT_W, PANGO_ALIGN_LEFT);
            g_autoptr(PangoLayout) sub = make_layout (doc, block->subtext, 12, FALSE, TEXT_W, PANGO_ALIGN_LEFT);
            if (doc->draw)
              {
                cairo_save (doc->cr);
                set_rgb (doc->cr, COLOR_ACCENT);
                cairo_rectangle (doc->cr, 0, 0, PAGE_W, 14);
                cairo_fill (doc->cr);
                cairo_restore (doc->cr);
              }
            show_layout (doc, title, MARGIN_X, doc->y, COLOR_TEXT);
            doc->y += layout_height (title) + 4;
            show_layout (doc, sub, MARGIN_X, doc->y, self->signoff != NULL ? COLOR_ACCENT : 0xa0522d);
            doc->y += layout_height (sub) + 10;
            if (doc->draw)
              {
                cairo_save (doc->cr);
                set_rgb (doc->cr, COLOR_RULE);
                cairo_set_line_width (doc->cr, 1);
                cairo_move_to (doc->cr, MARGIN_X, doc->y);
                cairo_line_to (doc->cr, MARGIN_X + TEXT_W, doc->y);
                cairo_stroke (doc->cr);
                cairo_restore (doc->cr);
              }
            doc->y += 14;
          }
          break;
        case BLOCK_HEADING:
        case BLOCK_SUBHEADING:
          {
            gboolean major = block->kind == BLOCK_HEADING;
            g_autoptr(PangoLayout) layout = make_layout (doc, block->text, major ? 15 : 11.5, TRUE, TEXT_W,
                                                         PANGO_ALIGN_LEFT);
            double h = layout_height (layout);
            const Block *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL;

            doc->y += major ? 10 : 4;
            /* Never alone at the foot of a page; a chart comes along with its heading. */
            ensure_space (doc, h + (next != NULL && next->kind == BLOCK_CHART ? TEXT_W * 400 / 760 + 20 : 70));
            show_layout (doc, layout, MARGIN_X, doc->y, major ? COLOR_ACCENT : COLOR_TEXT);
            doc->y += h + (major ? 8 : 5);
          }
          break;
        case BLOCK_PARAGRAPH:
          render_paragraph (doc, block->text);
          break;
        case BLOCK_BULLETS:
          render_list (doc, block, FALSE);
          break;
        case BLOCK_STEPS:
          render_list (doc, block, TRUE);
          break;
        case BLOCK_FACTS:
          render_facts (doc, block);
          break;
        case BLOCK_TABLE:
          render_table (doc, block);
          break;
        case BLOCK_CHART:
          render_chart (doc);
          break;
        case BLOCK_PAGE_BREAK:
          if (doc->y > MARGIN_T)
            new_page (doc);
          break;
        default:
          break;
        }
    }
  draw_page_furniture (doc);
  if (doc->draw)
    cairo_show_page (doc->cr);
}

typedef struct {
  MqlwSafeWrite *sw;
  GError        *error;      /* the first write error */
} PdfSink;

static cairo_status_t
write_pdf_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfSink *sink = closure;

  if (sink->error != NULL || !mqlw_safe_write_append (sink->sw, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
mqlw_report_write_pdf (MqlwReport  *self,
                       const char  *path,
                       guint       *n_pages,
                       GError     **error)
{
  g_autoptr(MqlwSafeWrite) sw = NULL;
  PdfSink sink = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  Doc doc = { .report = self };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written next to the target and renamed, so a failure leaves no half file. */
  sw = mqlw_safe_write_begin (path, error);
  if (sw == NULL)
    return FALSE;
  sink.sw = sw;
  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, &sink, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("MQL definition"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "MQL Workbench " PACKAGE_VERSION);
  doc.cr = cairo_create (surface);

  /* First pass counts the pages for "Page n of N"; the second draws. */
  doc.draw = FALSE;
  render_blocks (&doc);
  doc.n_pages = doc.page;
  doc.draw = TRUE;
  render_blocks (&doc);

  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_WRITE, _("Could not write “%s”: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!mqlw_safe_write_commit (g_steal_pointer (&sw), error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = doc.n_pages;
  return TRUE;
}

/* ---- Markdown ----------------------------------------------------------- */

static void
append_cell (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

char *
mqlw_report_to_markdown (MqlwReport *self,
                         const char *chart_name)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (self->blocks, i);

      switch (block->kind)
        {
        case BLOCK_TITLE:
          g_string_append_printf (out, "# %s\n\n*%s*\n\n", block->text, block->subtext);
          break;
        case BLOCK_HEADING:
          g_string_append_printf (out, "## %s\n\n", block->text);
          break;
        case BLOCK_SUBHEADING:
          g_string_append_printf (out, "### %s\n\n", block->text);
          break;
        case BLOCK_PARAGRAPH:
          g_string_append_printf (out, "%s\n\n", block->text);
          break;
        case BLOCK_BULLETS:
        case BLOCK_STEPS:
          for (guint k = 0; k < block->items->len; k++)
            {
              if (block->kind == BLOCK_STEPS)
                g_string_append_printf (out, "%u. %s\n", k + 1, (const char *) g_ptr_array_index (block->items, k));
              else
                g_string_append_printf (out, "- %s\n", (const char *) g_ptr_array_index (block->items, k));
            }
          g_string_append_c (out, '\n');
          break;
        case BLOCK_FACTS:
          g_string_append (out, "| | |\n|---|---|\n");
          for (guint k = 0; k + 1 < block->items->len; k += 2)
            {
              g_string_append (out, "| **");
              append_cell (out, g_ptr_array_index (block->items, k));
              g_string_append (out, "** | ");
              append_cell (out, g_ptr_array_index (block->items, k + 1));
              g_string_append (out, " |\n");
            }
          g_string_append_c (out, '\n');
          break;
        case BLOCK_TABLE:
          {
            guint n_rows = block->items->len / block->n_columns;
            if (n_rows <= 1)
              break;
            for (guint r = 0; r < n_rows; r++)
              {
                gboolean bold = r > 0 && block->bold_row == (gint) (r - 1);
                g_string_append (out, "|");
                for (guint c = 0; c < block->n_columns; c++)
                  {
                    g_string_append (out, bold ? " **" : " ");
                    append_cell (out, g_ptr_array_index (block->items, r * block->n_columns + c));
                    g_string_append (out, bold ? "** |" : " |");
                  }
                g_string_append_c (out, '\n');
                if (r == 0)
                  {
                    g_string_append (out, "|");
                    for (guint c = 0; c < block->n_columns; c++)
                      g_string_append (out, (block->right & (1u << c)) ? "---:|" : "---|");
                    g_string_append_c (out, '\n');
                  }
              }
            g_string_append_c (out, '\n');
          }
          break;
        case BLOCK_CHART:
          if (chart_name != NULL)
            g_string_append_printf (out, "![%s](%s)\n\n", _("Conversion by score, threshold marked"), chart_name);
          break;
        case BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
mqlw_report_write_markdown (MqlwReport  *self,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *dir = NULL, *base = NULL, *stem = NULL, *chart_name = NULL, *chart_path = NULL, *text = NULL;
  g_autoptr(GError) local = NULL;
  MqlwChartStyle style;
  char *dot;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  stem = g_strdup (base);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  chart_name = g_strdup_printf ("%s-chart.png", stem);
  chart_path = g_build_filename (dir, chart_name, NULL);
  mqlw_chart_style_init (&style);
  /* Both targets are checked before either is written. */
  if (!mqlw_safe_write_check (path, error))
    return FALSE;
  if (!mqlw_chart_export (chart_path, MQLW_CHART_FORMAT_PNG, 1200, 640, self->table, self->model->threshold,
                          &style, &local))
    {
      if (local->domain == MQLW_SAFE_WRITE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_WRITE, _("Could not write the chart: %s"), local->message);
      return FALSE;
    }
  text = mqlw_report_to_markdown (self, chart_name);
  return mqlw_safe_write_contents (path, text, -1, error);
}

gboolean
mqlw_report_write (MqlwReport  *self,
                   const char  *path,
                   GError     **error)
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
  return self->scorer;
}

MqlwCalibration *
mqlw_report_get_calibration (MqlwReport *self)
{
  return self->calibration;
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
