/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-preview-panel"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-format.h"
#include "mqlw-frame-queue.h"
#include "mqlw-preview-panel.h"

#define MAX_SWAP_ROWS 10000

struct _MqlwPreviewPanel
{
  GtkWidget      parent_instance;

  MqlwWorkbench *workbench;
  GHashTable    *figures;    /* id → GtkLabel (value) */
  GHashTable    *captions;   /* id → GtkLabel (caption under a value) */
  GHashTable    *changes;    /* id → GtkLabel (today's value and the change) */
  GPtrArray     *secondary;  /* hidden in workshop mode: the room sees the headline figures */
  gboolean       workshop;

  GtkBox        *figures_box;
  GtkWidget     *empty_label;
  GtkWidget     *swap_button;
  GtkSpinButton *capacity_spin;
  GtkSpinButton *months_spin;
  gboolean       syncing;
  gboolean       pending;    /* figures changed since the last refresh */
  gboolean       roomy;      /* workshop mode with the height of a 1080p projector */
  GtkWidget     *roomy_pair; /* opportunity and won: secondary, but shown when roomy */
  guint          roomy_source;
  gboolean       loading_ids; /* the changed leads wait for the lead ids (busy label) */
};

/* From this height the room gets larger figures (1920×1080 and up). */
#define ROOMY_HEIGHT 900

G_DEFINE_FINAL_TYPE (MqlwPreviewPanel, mqlw_preview_panel, GTK_TYPE_WIDGET)

/* ---- the room's size ---------------------------------------------------- */

static gboolean
apply_roomy_cb (gpointer data)
{
  MqlwPreviewPanel *self = data;
  gboolean roomy = self->workshop && gtk_widget_get_height (GTK_WIDGET (self)) >= ROOMY_HEIGHT;

  self->roomy_source = 0;
  if (roomy == self->roomy)
    return G_SOURCE_REMOVE;
  self->roomy = roomy;
  /* Bigger figures, ranges and changes: a 1080p projector's half-empty
   * column of figures filled, readable from the back (style.css). */
  if (roomy)
    gtk_widget_add_css_class (GTK_WIDGET (self), "roomy");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "roomy");
  /* The room has the height for the opportunity and win rates too. */
  gtk_widget_set_visible (self->roomy_pair, roomy || !self->workshop);
  /* The window asks 420 px in workshop mode, 300 otherwise (mqlw-window.c). */
  if (roomy || self->workshop)
    gtk_widget_set_size_request (GTK_WIDGET (self), roomy ? 560 : 420, -1);
  return G_SOURCE_REMOVE;
}

static void
mqlw_preview_panel_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
mqlw_preview_panel_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  MqlwPreviewPanel *self = MQLW_PREVIEW_PANEL (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  /* The panel scrolls, so its height does not follow its type: no loop. */
  if ((self->workshop && height >= ROOMY_HEIGHT) != self->roomy && self->roomy_source == 0)
    self->roomy_source = g_idle_add (apply_roomy_cb, self);
}

/* ---- building the figures ---------------------------------------------- */

static GtkWidget *
create_card (const char *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "figure-card");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (card), heading);
  return card;
}

/* A value with its caption; @big for the headline figures. */
static GtkWidget *
create_figure (MqlwPreviewPanel *self,
               const char       *id,
               const char       *title,
               gboolean          big)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *value = gtk_label_new ("\u2013");
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_selectable (GTK_LABEL (value), FALSE);
  gtk_widget_add_css_class (value, big ? "figure-value-big" : title != NULL ? "figure-value" : "figure-note");
  /* Figures are short numbers: unwrapped, a new value is one cheap measure
   * (a wrapped label is measured again at several widths on every change).
   * Only the sentence-long note wraps. */
  gtk_label_set_wrap (GTK_LABEL (value), title == NULL);
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "figure-caption");
  gtk_widget_add_css_class (caption, "dim-label");
  if (title != NULL)
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "figure-title");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), caption);
  if (title != NULL)
    {
      GtkWidget *change = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (change), 0);
      gtk_label_set_wrap (GTK_LABEL (change), TRUE);
      gtk_widget_add_css_class (change, "figure-change");
      gtk_widget_add_css_class (change, "numeric");
      gtk_widget_set_visible (change, FALSE);
      gtk_box_append (GTK_BOX (box), change);
      g_hash_table_insert (self->changes, g_strdup (id), change);
    }
  gtk_widget_set_hexpand (box, TRUE);
  g_hash_table_insert (self->figures, g_strdup (id), value);
  g_hash_table_insert (self->captions, g_strdup (id), caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : id, -1);
  return box;
}

static GtkWidget *
create_pair (GtkWidget *a,
             GtkWidget *b)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_box_append (GTK_BOX (row), a);
  gtk_box_append (GTK_BOX (row), b);
  return row;
}

static void
on_capacity_changed_cb (GtkSpinButton    *spin,
                        MqlwPreviewPanel *self)
{
  if (self->syncing)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-capacity", "d", gtk_spin_button_get_value (spin));
}

static GtkWidget *
create_capacity_row (MqlwPreviewPanel *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Sales _capacity a month"));
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1000000, 10);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  /* The mnemonic label names the field (a label of its own would be read twice). */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_widget_add_css_class (label, "figure-title");
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_tooltip_text (spin, _("MQLs a month that sales can follow up within the agreed time; 0 for not set"));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_capacity_changed_cb), self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), spin);
  self->capacity_spin = GTK_SPIN_BUTTON (spin);
  return row;
}

static void
on_months_changed_cb (GtkSpinButton    *spin,
                      MqlwPreviewPanel *self)
{
  if (self->syncing)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-months", "d", gtk_spin_button_get_value (spin));
}

/* The period the history covers, when the data has no created date (or the
 * person knows better): 0 goes back to the created dates. */
static GtkWidget *
create_months_row (MqlwPreviewPanel *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Months of history"));
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1200, 1);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  /* The mnemonic label names the field (a label of its own would be read twice). */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_widget_add_css_class (label, "figure-title");
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_tooltip_text (spin, _("How many months the history covers, for the figures a month; "
                                       "0 takes them from the created dates"));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_months_changed_cb), self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), spin);
  self->months_spin = GTK_SPIN_BUTTON (spin);
  return row;
}

static double
months_shown (const MqlwPreview *p,
              double             stated)
{
  if (!isnan (stated))
    return stated;
  return p->months_source == MQLW_MONTHS_UNKNOWN || isnan (p->months) ? 0 : round (p->months);
}

static GtkWidget *
secondary (MqlwPreviewPanel *self,
           GtkWidget        *widget)
{
  g_ptr_array_add (self->secondary, widget);
  return widget;
}

static void
build_figures (MqlwPreviewPanel *self)
{
  GtkWidget *card;

  card = create_card (_("Marketing Qualified Leads"));
  gtk_box_append (GTK_BOX (card), create_pair (create_figure (self, "mql", _("MQLs"), TRUE),
                                               create_figure (self, "mql-per-month", _("A month"), TRUE)));
  gtk_box_append (GTK_BOX (card), create_figure (self, "capacity", NULL, FALSE));
  gtk_box_append (GTK_BOX (card), secondary (self, create_capacity_row (self)));
  gtk_box_append (GTK_BOX (card), secondary (self, create_months_row (self)));
  gtk_box_append (GTK_BOX (card), secondary (self, create_figure (self, "unscored", NULL, FALSE)));
  gtk_box_append (self->figures_box, card);

  card = create_card (_("Conversion of the MQLs"));
  gtk_box_append (GTK_BOX (card), create_pair (create_figure (self, "accepted", _("Accepted by sales"), FALSE),
                                               create_figure (self, "sql", _("MQL → SQL"), FALSE)));
  self->roomy_pair = secondary (self, create_pair (create_figure (self, "opportunity", _("Opportunity"), FALSE),
                                                   create_figure (self, "won", _("Won"), FALSE)));
  gtk_box_append (GTK_BOX (card), self->roomy_pair);
  gtk_box_append (self->figures_box, card);

  card = create_card (_("Wins"));
  gtk_box_append (GTK_BOX (card), create_pair (create_figure (self, "wins-captured", _("Captured"), FALSE),
                                               create_figure (self, "wins-missed", _("Missed below the line"), FALSE)));
  gtk_box_append (self->figures_box, card);

  card = secondary (self, create_card (_("MQLs by Path")));
  gtk_box_append (GTK_BOX (card), create_pair (create_figure (self, "path-score", _("Score"), FALSE),
                                               create_figure (self, "path-grade-behaviour", _("Grade + behaviour"), FALSE)));
  gtk_box_append (GTK_BOX (card), create_figure (self, "path-hand-raiser", _("Hand-raisers"), FALSE));
  gtk_box_append (self->figures_box, card);

  card = secondary (self, create_card (_("Against the Baseline")));
  gtk_box_append (GTK_BOX (card), create_figure (self, "baseline-mql", _("MQLs in the model as opened"), FALSE));
  gtk_box_append (GTK_BOX (card), create_pair (create_figure (self, "swap-in", _("Swap in"), FALSE),
                                               create_figure (self, "swap-out", _("Swap out"), FALSE)));
  gtk_box_append (self->figures_box, card);
}

/* Workshop mode: the room sees the headline figures (MQLs and a month, the
 * conversion to sales and SQL, the wins), each with its range and its change
 * from today, without scrolling; the editing rows and the detail wait for
 * the desk (every figure's change from today already says what the
 * "Against the Baseline" card says). */
void
mqlw_preview_panel_set_workshop (MqlwPreviewPanel *self,
                                 gboolean          workshop)
{
  g_return_if_fail (MQLW_IS_PREVIEW_PANEL (self));
  self->workshop = workshop;
  if (!workshop && self->roomy && self->roomy_source == 0)
    self->roomy_source = g_idle_add (apply_roomy_cb, self);
  gtk_widget_set_visible (self->swap_button, !workshop && gtk_widget_get_visible (GTK_WIDGET (self->figures_box)));
  for (guint i = 0; i < self->secondary->len; i++)
    {
      GtkWidget *widget = self->secondary->pdata[i];
      gboolean shown = !workshop;

      /* The unscored note shows only when there is one. */
      if (shown && gtk_widget_get_first_child (widget) != NULL && GTK_IS_LABEL (gtk_widget_get_first_child (widget)) &&
          widget == gtk_widget_get_parent (g_hash_table_lookup (self->figures, "unscored")))
        shown = gtk_label_get_text (g_hash_table_lookup (self->figures, "unscored"))[0] != '\0';
      gtk_widget_set_visible (widget, shown || (widget == self->roomy_pair && self->roomy));
    }
}

/* ---- filling them ------------------------------------------------------- */

static void
set_figure (MqlwPreviewPanel *self,
            const char       *id,
            const char       *value,
            const char       *caption)
{
  GtkLabel *label = g_hash_table_lookup (self->figures, id);
  GtkLabel *caption_label = g_hash_table_lookup (self->captions, id);

  g_assert (label != NULL);
  /* Unchanged text costs nothing: no relayout, no redraw. */
  if (g_strcmp0 (gtk_label_get_text (label), value) != 0)
    gtk_label_set_text (label, value);
  if (caption_label != NULL && caption != NULL)
    {
      if (g_strcmp0 (gtk_label_get_text (caption_label), caption) != 0)
        gtk_label_set_text (caption_label, caption);
      if (gtk_widget_get_visible (GTK_WIDGET (caption_label)) != (caption[0] != '\0'))
        gtk_widget_set_visible (GTK_WIDGET (caption_label), caption[0] != '\0');
    }
}

static void
set_css_class (GtkWidget  *widget,
               const char *name,
               gboolean    on)
{
  if (gtk_widget_has_css_class (widget, name) == on)
    return;
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* "today 30.1 % · ▲ +4.1 pts": the value in the model as opened and the
 * change, the arrow and the sign for everyone, the colour (good / bad) on top. */
static void
fill_change (MqlwPreviewPanel *self,
             const char       *id,
             const char       *today,
             const MqlwChange *change,
             gboolean          points,
             gboolean          shown)
{
  GtkLabel *label = g_hash_table_lookup (self->changes, id);
  g_autofree char *magnitude = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *text = NULL;

  g_assert (label != NULL);
  switch (change->direction)
    {
    case MQLW_CHANGE_UNKNOWN:
      text = g_strdup_printf (_("today %s"), today);
      break;
    case MQLW_CHANGE_NONE:
      text = g_strdup_printf (_("today %s · no change"), today);
      break;
    case MQLW_CHANGE_UP:
    case MQLW_CHANGE_DOWN:
      magnitude = points || fabs (change->delta) != floor (fabs (change->delta))
                  ? mqlw_format_number (fabs (change->delta), 1) : mqlw_format_count ((guint64) fabs (change->delta));
      delta = g_strdup_printf ("%s\u00a0%s%s", change->direction == MQLW_CHANGE_UP ? "\u25b2" : "\u25bc",
                               change->direction == MQLW_CHANGE_UP ? "+" : "−", magnitude);
      /* Translators: today's value, then the change ("▲ +4.1") in percentage points. */
      text = points ? g_strdup_printf (_("today %s · %s pts"), today, delta)
                    : g_strdup_printf (_("today %s · %s"), today, delta);
      break;
    }
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
  set_css_class (GTK_WIDGET (label), "change-good", change->good);
  set_css_class (GTK_WIDGET (label), "change-bad", change->bad);
  if (gtk_widget_get_visible (GTK_WIDGET (label)) != shown)
    gtk_widget_set_visible (GTK_WIDGET (label), shown);
}

/* MQLs a month as printed (one decimal), then the difference. */
static void
change_of_month (double      now,
                 double      before,
                 MqlwChange *change)
{
  change->direction = MQLW_CHANGE_UNKNOWN;
  change->delta = NAN;
  change->good = change->bad = FALSE;
  if (!isfinite (now) || !isfinite (before))
    return;
  change->delta = round ((round (now * 10) - round (before * 10))) / 10;
  change->direction = change->delta > 0 ? MQLW_CHANGE_UP : change->delta < 0 ? MQLW_CHANGE_DOWN : MQLW_CHANGE_NONE;
}

static void
fill_changes (MqlwPreviewPanel     *self,
              const MqlwPreview    *p,
              const MqlwComparison *c)
{
  static const struct { const char *id; MqlwStage stage; } rates[] = {
    { "accepted", MQLW_STAGE_ACCEPTED },
    { "sql", MQLW_STAGE_SQL },
    { "opportunity", MQLW_STAGE_OPPORTUNITY },
    { "won", MQLW_STAGE_WON },
  };
  static const char *paths[] = { "path-score", "path-grade-behaviour", "path-hand-raiser" };
  const MqlwPreview *b = &c->baseline;
  MqlwChange mql, month, rate[G_N_ELEMENTS (rates)], wins, missed, path[MQLW_N_PATHS];
  gboolean differs;

  mqlw_change_of_count (p->mql, b->mql, MQLW_CHANGE_NEUTRAL, &mql);
  change_of_month (p->mql_per_month, b->mql_per_month, &month);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    mqlw_change_of_rate (&p->stage[rates[i].stage], &b->stage[rates[i].stage], MQLW_CHANGE_UP_IS_GOOD, &rate[i]);
  mqlw_change_of_share (p->wins_captured_share, b->wins_captured_share, MQLW_CHANGE_UP_IS_GOOD, &wins);
  mqlw_change_of_count (p->wins_missed, b->wins_missed, MQLW_CHANGE_UP_IS_BAD, &missed);
  for (guint i = 0; i < MQLW_N_PATHS; i++)
    mqlw_change_of_count (p->by_path[i], b->by_path[i], MQLW_CHANGE_NEUTRAL, &path[i]);

  /* Before anything differs from today, "today … · no change" on every
   * figure is noise: the lines come once a figure (or a lead) changes, and
   * then every figure has one, "no change" included. */
  differs = c->swap_in + c->swap_out > 0 || mql.direction >= MQLW_CHANGE_UP || month.direction >= MQLW_CHANGE_UP ||
            wins.direction >= MQLW_CHANGE_UP || missed.direction >= MQLW_CHANGE_UP;
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    differs = differs || rate[i].direction >= MQLW_CHANGE_UP;
  for (guint i = 0; i < MQLW_N_PATHS; i++)
    differs = differs || path[i].direction >= MQLW_CHANGE_UP;

  {
    g_autofree char *today = mqlw_format_count (b->mql);

    fill_change (self, "mql", today, &mql, FALSE, differs);
  }
  {
    g_autofree char *today = isnan (b->mql_per_month) ? g_strdup ("—") : mqlw_format_number (b->mql_per_month, 1);

    fill_change (self, "mql-per-month", today, &month, FALSE, differs);
  }
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autofree char *today = mqlw_format_rate (&b->stage[rates[i].stage]);

      fill_change (self, rates[i].id, today, &rate[i], TRUE, differs);
    }
  {
    g_autofree char *today = mqlw_format_percent (b->wins_captured_share);

    fill_change (self, "wins-captured", today, &wins, TRUE, differs);
  }
  {
    g_autofree char *today = mqlw_format_count (b->wins_missed);

    fill_change (self, "wins-missed", today, &missed, FALSE, differs);
  }
  for (guint i = 0; i < MQLW_N_PATHS; i++)
    {
      g_autofree char *today = mqlw_format_count (b->by_path[i]);

      fill_change (self, paths[i], today, &path[i], FALSE, differs);
    }
}

static void
fill_rate (MqlwPreviewPanel *self,
           const char       *id,
           const MqlwRate   *rate)
{
  g_autofree char *value = mqlw_format_rate (rate);
  g_autofree char *interval = mqlw_format_interval (rate);
  g_autofree char *caption = NULL;

  if (interval[0] != '\0')
    /* Translators: the 95 % interval of a rate, for people who never heard of one. */
    caption = g_strdup_printf (_("likely %s"), interval);
  set_figure (self, id, value, caption != NULL ? caption : "");
}

static void
fill_capacity (MqlwPreviewPanel  *self,
               const MqlwPreview *preview)
{
  GtkLabel *label = g_hash_table_lookup (self->figures, "capacity");
  g_autofree char *month = mqlw_format_number (preview->mql_per_month, 0);
  g_autofree char *text = NULL;

  double capacity = isnan (preview->capacity_per_month) ? 0 : preview->capacity_per_month;

  gboolean checked = !isnan (preview->capacity_per_month) && !isnan (preview->mql_per_month);

  set_css_class (GTK_WIDGET (label), "error", checked && preview->over_capacity);
  set_css_class (GTK_WIDGET (label), "success", checked && !preview->over_capacity);
  if (isnan (preview->mql_per_month))
    text = g_strdup (_("No capacity check: the period of the history is unknown"));
  else if (isnan (preview->capacity_per_month))
    text = g_strdup_printf (_("%s a month; no capacity set"), month);
  else
    {
      g_autofree char *capacity_text = mqlw_format_number (preview->capacity_per_month, 0);

      text = g_strdup_printf (_("%s a month against a capacity of %s"), month, capacity_text);
    }
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
  if (gtk_spin_button_get_value (self->capacity_spin) != capacity)
    {
      self->syncing = TRUE;
      gtk_spin_button_set_value (self->capacity_spin, capacity);
      self->syncing = FALSE;
    }
}

static void
refresh (MqlwPreviewPanel *self)
{
  const MqlwPreview *p = mqlw_workbench_get_preview (self->workbench);
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  const MqlwComparison *c;
  static const struct { const char *id; MqlwStage stage; } rates[] = {
    { "accepted", MQLW_STAGE_ACCEPTED },
    { "sql", MQLW_STAGE_SQL },
    { "opportunity", MQLW_STAGE_OPPORTUNITY },
    { "won", MQLW_STAGE_WON },
  };
  static const char *paths[] = { "path-score", "path-grade-behaviour", "path-hand-raiser" };
  gint64 start = g_get_monotonic_time ();

  /* An empty model makes every lead an MQL at 0: no figures (the chart says
   * why, and the panel says so). */
  if (model == NULL || mqlw_model_scores_nothing (model))
    p = NULL;
  if (gtk_widget_get_visible (self->empty_label) != (model != NULL && mqlw_model_scores_nothing (model)))
    gtk_widget_set_visible (self->empty_label, model != NULL && mqlw_model_scores_nothing (model));
  if (gtk_widget_get_visible (GTK_WIDGET (self->figures_box)) != (p != NULL))
    gtk_widget_set_visible (GTK_WIDGET (self->figures_box), p != NULL);
  if (gtk_widget_get_visible (self->swap_button) != (p != NULL && !self->workshop))
    gtk_widget_set_visible (self->swap_button, p != NULL && !self->workshop);
  if (p == NULL)
    return;

  {
    g_autofree char *mql = mqlw_format_count (p->mql);
    g_autofree char *share = mqlw_format_percent (p->mql_share);
    g_autofree char *leads = mqlw_format_count (p->leads);
    gulong n_leads = (gulong) p->leads;
    g_autofree char *caption = p->unscored.leads > 0
      ? g_strdup_printf (g_dngettext (NULL, "%s of %s scored lead", "%s of %s scored leads", n_leads), share, leads)
      : g_strdup_printf (g_dngettext (NULL, "%s of %s lead", "%s of %s leads", n_leads), share, leads);
    g_autofree char *month = isnan (p->mql_per_month) ? g_strdup ("—") : mqlw_format_number (p->mql_per_month, 1);
    g_autofree char *months = mqlw_format_number (p->months, 0);
    g_autofree char *month_caption = NULL;
    double stated = mqlw_workbench_get_months (self->workbench);

    if (p->months_source == MQLW_MONTHS_UNKNOWN)
      month_caption = g_strdup (_("the period is unknown: the data has no created date; enter the months below"));
    else if (p->months_source == MQLW_MONTHS_STATED)
      month_caption = g_strdup_printf (g_dngettext (NULL, "over %s month, as stated", "over %s months, as stated", mqlw_format_plural_n (p->months, 0)), months);
    else
      month_caption = g_strdup_printf (g_dngettext (NULL, "over %s month of history", "over %s months of history", mqlw_format_plural_n (p->months, 0)), months);
    set_figure (self, "mql", mql, caption);
    /* "mql-share" is read back from the caption: keep its value alone there too. */
    g_object_set_data_full (g_hash_table_lookup (self->captions, "mql"), "value", g_strdup (share), g_free);
    set_figure (self, "mql-per-month", month, month_caption);
    fill_capacity (self, p);
    /* The field shows the months in use (18 from the created dates, not 0). */
    if (gtk_spin_button_get_value (self->months_spin) != months_shown (p, stated))
      {
        self->syncing = TRUE;
        gtk_spin_button_set_value (self->months_spin, months_shown (p, stated));
        self->syncing = FALSE;
      }
  }
  {
    /* The leads without a score, left out of every figure here. */
    g_autofree char *note = NULL;

    if (p->unscored.leads > 0)
      {
        g_autofree char *count = mqlw_format_count (p->unscored.leads);
        g_autofree char *sql = mqlw_format_rate (&p->unscored.stage[MQLW_STAGE_SQL]);

        gulong n = (gulong) p->unscored.leads;

        if (p->unscored.stage[MQLW_STAGE_SQL].present)
          note = g_strdup_printf (g_dngettext (NULL, "%s lead has no score and is left out of these figures (its SQL rate: %s).",
                                               "%s leads have no score and are left out of these figures (their SQL rate: %s).", n),
                                  count, sql);
        else
          note = g_strdup_printf (g_dngettext (NULL, "%s lead has no score and is left out of these figures.",
                                               "%s leads have no score and are left out of these figures.", n), count);
      }
    set_figure (self, "unscored", note != NULL ? note : "", "");
    if (gtk_widget_get_visible (gtk_widget_get_parent (g_hash_table_lookup (self->figures, "unscored"))) != (note != NULL && !self->workshop))
      gtk_widget_set_visible (gtk_widget_get_parent (g_hash_table_lookup (self->figures, "unscored")), note != NULL && !self->workshop);
  }

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    fill_rate (self, rates[i].id, &p->stage[rates[i].stage]);
  {
    g_autofree char *coverage = mqlw_format_percent (p->acceptance_coverage);
    g_autofree char *caption = NULL;
    g_autofree char *interval = mqlw_format_interval (&p->stage[MQLW_STAGE_ACCEPTED]);

    /* Unknown acceptance is never counted as rejected: say how much is known. */
    caption = g_strdup_printf (_("known for %s of MQLs%s%s"), coverage,
                               interval[0] ? _(" · likely ") : "", interval);
    set_figure (self, "accepted", gtk_label_get_text (g_hash_table_lookup (self->figures, "accepted")), caption);
    g_object_set_data_full (g_hash_table_lookup (self->captions, "accepted"), "value", g_strdup (coverage), g_free);
  }

  {
    g_autofree char *captured = mqlw_format_percent (p->wins_captured_share);
    g_autofree char *n_captured = mqlw_format_count (p->wins_captured);
    g_autofree char *n_total = mqlw_format_count (p->wins_total);
    g_autofree char *caption = g_strdup_printf (g_dngettext (NULL, "%s of %s win", "%s of %s wins", (gulong) p->wins_total),
                                                    n_captured, n_total);
    g_autofree char *missed = mqlw_format_count (p->wins_missed);

    set_figure (self, "wins-captured", captured, caption);
    set_figure (self, "wins-missed", missed, "");
  }

  for (guint i = 0; i < MQLW_N_PATHS; i++)
    {
      g_autofree char *count = mqlw_format_count (p->by_path[i]);
      set_figure (self, paths[i], count, "");
    }

  c = mqlw_workbench_get_comparison (self->workbench);
  if (c != NULL)
    {
      g_autofree char *base = mqlw_format_count (c->baseline.mql);
      g_autofree char *base_threshold = mqlw_format_score (c->baseline.threshold);
      g_autofree char *base_caption = g_strdup_printf (_("at threshold %s"), base_threshold);
      g_autofree char *in = mqlw_format_count (c->swap_in);
      g_autofree char *out = mqlw_format_count (c->swap_out);
      g_autofree char *in_sql = mqlw_format_rate (&c->swap_in_stage[MQLW_STAGE_SQL]);
      g_autofree char *out_sql = mqlw_format_rate (&c->swap_out_stage[MQLW_STAGE_SQL]);
      g_autofree char *in_caption = g_strdup_printf (_("become MQLs; SQL rate %s"), in_sql);
      g_autofree char *out_caption = g_strdup_printf (_("stop being MQLs; SQL rate %s"), out_sql);

      fill_changes (self, p, c);
      set_figure (self, "baseline-mql", base, base_caption);
      set_figure (self, "swap-in", in, in_caption);
      set_figure (self, "swap-out", out, out_caption);
      if (gtk_widget_get_sensitive (self->swap_button) != (c->swap_in + c->swap_out > 0))
        gtk_widget_set_sensitive (self->swap_button, c->swap_in + c->swap_out > 0);
    }
  g_debug ("preview updated in %.2f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void
flush (MqlwPreviewPanel *self)
{
  mqlw_frame_queue_remove (GTK_WIDGET (self));
  if (!self->pending || self->workbench == NULL)
    return;
  self->pending = FALSE;
  refresh (self);
}

static void
flush_update (GtkWidget *widget)
{
  flush (MQLW_PREVIEW_PANEL (widget));
}

static void
on_workbench_changed_cb (MqlwWorkbench    *workbench,
                         guint             change,
                         MqlwPreviewPanel *self)
{
  if ((change & ~MQLW_WORKBENCH_CHANGED_MODEL) == 0)   /* figures not in yet */
    return;
  /* Shown at the panel's turn in the window's frame queue (see
   * mqlw-frame-queue.c): a threshold move and a worker result landing before
   * it cost one refresh. */
  self->pending = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    mqlw_frame_queue_add (GTK_WIDGET (self), flush_update);
}

static void
mqlw_preview_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mqlw_preview_panel_parent_class)->map (widget);
  /* What changed while hidden, at the panel's turn: not in the frame that
   * shows the page. */
  if (MQLW_PREVIEW_PANEL (widget)->pending)
    mqlw_frame_queue_add (widget, flush_update);
}

static void
mqlw_preview_panel_unmap (GtkWidget *widget)
{
  /* Not drawn: catch up when mapped again. */
  mqlw_frame_queue_remove (widget);
  GTK_WIDGET_CLASS (mqlw_preview_panel_parent_class)->unmap (widget);
}

/* ---- the list of changed leads ------------------------------------------ */

static const char *
describe_outcome (const MqlwOutcomes *outcomes,
                  MqlwStage           stage,
                  guint               row)
{
  if (outcomes->stage[stage] == NULL)
    return "";
  switch (outcomes->stage[stage][row])
    {
    case MQLW_OUTCOME_YES:
      return _("yes");
    case MQLW_OUTCOME_NO:
      return _("no");
    default:
      return _("unknown");
    }
}

static void
append_swaps (GtkStringList      *list,
              const GArray       *rows,
              const char         *change,
              MqlwDataset        *dataset,
              const GArray       *scores)
{
  MqlwColumn *id_column = mqlw_dataset_find_role (dataset, MQLW_ROLE_LEAD_ID);

  if (id_column == NULL)
    id_column = mqlw_dataset_find_role (dataset, MQLW_ROLE_EMAIL);
  /* Not loaded (the project's file failed to give it): the leads by line. */
  if (id_column != NULL && !mqlw_column_is_loaded (id_column))
    id_column = NULL;
  for (guint i = 0; rows != NULL && i < rows->len && i < MAX_SWAP_ROWS; i++)
    {
      guint row = g_array_index (rows, guint, i);
      g_autofree char *id = id_column != NULL ? mqlw_column_format (id_column, row) : NULL;
      g_autofree char *score = mqlw_format_score (scores != NULL && i < scores->len ?
                                                  g_array_index (scores, double, i) : NAN);
      g_autofree char *line = NULL;

      if (id == NULL)
        id = g_strdup_printf (_("line %u"), row + 2);
      /* Tab-separated cells: change, lead, score, accepted, SQL, opportunity, won. */
      line = g_strjoin ("\t", change, id, score,
                        describe_outcome (&dataset->outcomes, MQLW_STAGE_ACCEPTED, row),
                        describe_outcome (&dataset->outcomes, MQLW_STAGE_SQL, row),
                        describe_outcome (&dataset->outcomes, MQLW_STAGE_OPPORTUNITY, row),
                        describe_outcome (&dataset->outcomes, MQLW_STAGE_WON, row),
                        NULL);
      gtk_string_list_append (list, line);
    }
}

static void
on_swap_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
on_swap_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkStringObject *object = gtk_list_item_get_item (item);
  g_auto(GStrv) cells = g_strsplit (gtk_string_object_get_string (object), "\t", -1);
  guint column = GPOINTER_TO_UINT (user_data);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      column < g_strv_length (cells) ? cells[column] : "");
}

static void
present_swaps (MqlwPreviewPanel *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const MqlwComparison *c = mqlw_workbench_get_comparison (self->workbench);
  static const char *titles[] = { N_("Change"), N_("Lead"), N_("Score"), N_("Accepted"),
                                  N_("SQL"), N_("Opportunity"), N_("Won") };
  GtkStringList *list;
  GtkWidget *window, *box, *header, *scrolled, *view;
  GtkNoSelection *selection;

  if (c == NULL)
    return;
  list = gtk_string_list_new (NULL);
  /* The scores are the worker's snapshot: the scorer may be busy with a newer model. */
  append_swaps (list, c->swap_in_rows, _("Swap in"), mqlw_workbench_get_dataset (self->workbench),
                mqlw_workbench_get_swap_scores (self->workbench, TRUE));
  append_swaps (list, c->swap_out_rows, _("Swap out"), mqlw_workbench_get_dataset (self->workbench),
                mqlw_workbench_get_swap_scores (self->workbench, FALSE));

  selection = gtk_no_selection_new (G_LIST_MODEL (list));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_widget_add_css_class (view, "data-table");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_swap_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_swap_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Leads that change"), -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  header = adw_header_bar_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Leads That Change"));
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 560);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_widget_set_name (window, "swaps-window");
  /* Esc closes it, as every dialog. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_window_present (GTK_WINDOW (window));
}

static void
set_loading_ids (MqlwPreviewPanel *self,
                 gboolean          loading)
{
  self->loading_ids = loading;
  gtk_button_set_label (GTK_BUTTON (self->swap_button),
                        loading ? _("Loading Lead Ids…") : _("_Show Changed Leads…"));
}

static void
on_ids_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MqlwPreviewPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean loaded = mqlw_workbench_load_columns_finish (MQLW_WORKBENCH (object), result, &error);

  if (self->workbench == NULL)
    return;   /* disposed meanwhile */
  set_loading_ids (self, FALSE);
  /* A failure is told by the window ("columns-failed"), naming the project file. */
  if (loaded)
    present_swaps (self);
}

/* The list names leads by their ids: a reopened project reads them first, in
 * a thread, with the button saying so meanwhile. */
static void
show_swaps_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  MqlwPreviewPanel *self = MQLW_PREVIEW_PANEL (widget);

  if (self->workbench == NULL || mqlw_workbench_get_comparison (self->workbench) == NULL || self->loading_ids)
    return;
  if (mqlw_workbench_has_columns (self->workbench))
    {
      present_swaps (self);
      return;
    }
  set_loading_ids (self, TRUE);
  mqlw_workbench_load_columns_async (self->workbench, NULL, on_ids_loaded_cb, g_object_ref (self));
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_preview_panel_dispose (GObject *object)
{
  MqlwPreviewPanel *self = (MqlwPreviewPanel *) object;
  GtkWidget *child;

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);
  g_clear_handle_id (&self->roomy_source, g_source_remove);
  mqlw_frame_queue_remove (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_PREVIEW_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mqlw_preview_panel_parent_class)->dispose (object);
}

static void
mqlw_preview_panel_finalize (GObject *object)
{
  MqlwPreviewPanel *self = (MqlwPreviewPanel *) object;

  g_clear_pointer (&self->figures, g_hash_table_unref);
  g_clear_pointer (&self->captions, g_hash_table_unref);
  g_clear_pointer (&self->changes, g_hash_table_unref);
  g_clear_pointer (&self->secondary, g_ptr_array_unref);

  G_OBJECT_CLASS (mqlw_preview_panel_parent_class)->finalize (object);
}

static void
mqlw_preview_panel_class_init (MqlwPreviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_preview_panel_dispose;
  object_class->finalize = mqlw_preview_panel_finalize;
  widget_class->map = mqlw_preview_panel_map;
  widget_class->unmap = mqlw_preview_panel_unmap;
  widget_class->measure = mqlw_preview_panel_measure;
  widget_class->size_allocate = mqlw_preview_panel_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-preview-panel.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "figures", FALSE,
                                             G_STRUCT_OFFSET (MqlwPreviewPanel, figures_box));
  gtk_widget_class_bind_template_child (widget_class, MqlwPreviewPanel, swap_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwPreviewPanel, empty_label);
  gtk_widget_class_install_action (widget_class, "preview.show-swaps", NULL, show_swaps_action);
  gtk_widget_class_set_css_name (widget_class, "previewpanel");
}

static void
mqlw_preview_panel_init (MqlwPreviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->captions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->secondary = g_ptr_array_new ();
  build_figures (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->swap_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the leads that swap in or out"), -1);
}

void
mqlw_preview_panel_set_workbench (MqlwPreviewPanel *self,
                                  MqlwWorkbench    *workbench)
{
  g_return_if_fail (MQLW_IS_PREVIEW_PANEL (self));
  g_return_if_fail (MQLW_IS_WORKBENCH (workbench));

  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_set_object (&self->workbench, workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  refresh (self);
}

const char *
mqlw_preview_panel_get_figure (MqlwPreviewPanel *self,
                               const char       *id)
{
  GtkLabel *label;

  g_return_val_if_fail (MQLW_IS_PREVIEW_PANEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  flush (self);   /* what the next frame shows */
  /* Two figures sit inside a caption; their own value is kept on the label. */
  if (g_str_equal (id, "mql-share"))
    return g_object_get_data (g_hash_table_lookup (self->captions, "mql"), "value");
  if (g_str_equal (id, "acceptance-coverage"))
    return g_object_get_data (g_hash_table_lookup (self->captions, "accepted"), "value");
  label = g_hash_table_lookup (self->figures, id);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/* The change line of figure @id ("today 30.1 % · ▲ +4.1 pts") and whether it
 * reads good or bad; NULL if the figure has none. */
const char *
mqlw_preview_panel_get_change (MqlwPreviewPanel *self,
                               const char       *id,
                               int              *good_or_bad)
{
  GtkWidget *label;

  g_return_val_if_fail (MQLW_IS_PREVIEW_PANEL (self), NULL);
  flush (self);
  label = g_hash_table_lookup (self->changes, id);
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;
  if (good_or_bad != NULL)
    *good_or_bad = gtk_widget_has_css_class (label, "change-good") ? 1 :
                   gtk_widget_has_css_class (label, "change-bad") ? -1 : 0;
  return gtk_label_get_text (GTK_LABEL (label));
}
