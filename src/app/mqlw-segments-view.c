/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-segments-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"
#include "mqlw-format.h"
#include "mqlw-segments-view.h"
#include "mqlw-suggestion-text.h"

#define MAX_FIELD_VALUES 60

typedef struct {
  char              *field;
  MqlwStage          stage;
  MqlwSuggestOptions suggest;   /* the Suggestions' target, minimum and grain */
} Options;

struct _MqlwSegmentsView
{
  MqlwAnalysisPane parent_instance;

  MqlwAnalysisTable table;   /* spinner, stage, chart, table, note */
  gboolean         filling;
  GPtrArray       *fields;          /* char*: the columns offered */
  char            *field;
  guint            shown;           /* the segment the chart shows; past the end: all leads */
  Options          options;         /* of the run being started; borrows field */

  GtkStringList   *field_model;
  GtkStringList   *segment_model;
  GtkDropDown     *field_dropdown;
  GtkDropDown     *segment_dropdown;
};

G_DEFINE_FINAL_TYPE (MqlwSegmentsView, mqlw_segments_view, MQLW_TYPE_ANALYSIS_PANE)

static gpointer
copy_options (gpointer data)
{
  const Options *options = data;
  Options *copy = g_new (Options, 1);

  *copy = *options;
  copy->field = g_strdup (options->field);
  return copy;
}

static void
free_options (gpointer data)
{
  Options *options = data;

  g_free (options->field);
  g_free (options);
}

/* In the worker. */
static gpointer
compute_segments (const MqlwAnalysisInput *input,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  const Options *options = input->options;
  g_autoptr(MqlwScorer) scorer = mqlw_scorer_new (input->dataset, input->model, error);

  if (scorer == NULL)
    return NULL;
  return mqlw_segments_new (input->dataset, mqlw_scorer_get_scores (scorer), input->model->paths.score,
                            input->model->threshold, options->field, options->stage, input->spec,
                            options->suggest.target_sql_rate, options->suggest.min_known, options->suggest.grain,
                            error);
}

static const MqlwSegments *
get_segments (MqlwSegmentsView *self)
{
  return mqlw_analysis_pane_get_result (MQLW_ANALYSIS_PANE (self));
}

/* Columns a room splits by: sources, regions, size bands — not ids, e-mail
 * addresses or outcomes. */
static gboolean
is_offered (const MqlwColumn *column)
{
  switch (column->role)
    {
    case MQLW_ROLE_LEAD_ID:
    case MQLW_ROLE_EMAIL:
    case MQLW_ROLE_ACCOUNT:
    case MQLW_ROLE_OUTCOME:
    case MQLW_ROLE_STAGE:
    case MQLW_ROLE_DEAL_AMOUNT:
    case MQLW_ROLE_SCORE:
    case MQLW_ROLE_IGNORE:
    case MQLW_ROLE_CREATED_AT:
    case MQLW_ROLE_AS_OF:
    case MQLW_ROLE_ACTIVITY_DATE:
      return FALSE;
    default:
      break;
    }
  if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
    return column->dict != NULL && column->dict->len >= 2 && column->dict->len <= MAX_FIELD_VALUES;
  return column->type != MQLW_COLUMN_TYPE_DATE;
}

static void
fill_fields (MqlwAnalysisPane *pane)
{
  MqlwSegmentsView *self = MQLW_SEGMENTS_VIEW (pane);
  MqlwDataset *dataset = mqlw_workbench_get_dataset (mqlw_analysis_pane_get_workbench (pane));
  guint position = 0;

  self->filling = TRUE;
  g_ptr_array_set_size (self->fields, 0);
  gtk_string_list_splice (self->field_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->field_model)), NULL);
  for (guint i = 0; dataset != NULL && i < dataset->columns->len; i++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, i);

      if (!is_offered (column))
        continue;
      /* A source is what rooms ask about first. */
      if ((self->field != NULL && g_str_equal (column->name, self->field)) ||
          (self->field == NULL && position == 0 && strstr (column->name, "source") != NULL))
        position = self->fields->len;
      g_ptr_array_add (self->fields, g_strdup (column->name));
      gtk_string_list_append (self->field_model, column->name);
    }
  g_free (self->field);
  self->field = self->fields->len > 0 ? g_strdup (g_ptr_array_index (self->fields, position)) : NULL;
  gtk_drop_down_set_selected (self->field_dropdown, position);
  self->filling = FALSE;
}

static const MqlwBucketTable *
shown_table (MqlwSegmentsView   *self,
             const MqlwSegments *seg,
             const char        **title)
{
  if (self->shown < seg->segments->len)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, self->shown);

      *title = s->label;
      return s->buckets;
    }
  *title = _("All leads");
  return seg->pooled;
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  MqlwSegmentsView *self = user_data;
  const MqlwSegments *seg = get_segments (self);
  const MqlwBucketTable *table;
  MqlwChartStyle style;
  const char *title;

  if (seg == NULL)
    return;
  table = shown_table (self, seg, &title);
  if (table == NULL)
    return;
  mqlw_analysis_pane_chart_style (MQLW_ANALYSIS_PANE (self), &style);
  style.stages = 1u << seg->stage;
  style.title = title;
  mqlw_chart_draw (cr, width, height, table, seg->threshold, &style, NULL);
}

static void
add_row (GPtrArray      *cells,
         const char     *label,
         guint64         leads,
         const char     *mql,
         const MqlwRate *mql_rate,
         const MqlwRate *other_rate,
         gboolean        found,
         double          threshold,
         const char     *flag)
{
  g_ptr_array_add (cells, g_strdup (label));
  g_ptr_array_add (cells, mqlw_format_count (leads));
  g_ptr_array_add (cells, g_strdup (mql));
  g_ptr_array_add (cells, mqlw_format_rate (mql_rate));
  g_ptr_array_add (cells, mqlw_format_rate (other_rate));
  g_ptr_array_add (cells, found ? mqlw_format_score (threshold) : g_strdup ("\u2013"));
  g_ptr_array_add (cells, g_strdup (flag));
}

static void
fill_table (MqlwSegmentsView   *self,
            const MqlwSegments *seg)
{
  static const char *header[] = { N_("Segment"), N_("Leads"), N_("MQLs"), N_("Rate of the MQLs"),
                                  N_("Rate of the others"), N_("Best threshold"), N_("Note") };
  const char *titles[G_N_ELEMENTS (header)];
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    titles[i] = _(header[i]);
  for (guint i = 0; i < seg->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, i);
      g_autofree char *mql = mqlw_format_count (s->mql);
      const char *flag = s->reversed ? _("Works the other way")
                       : s->threshold_differs ? _("Another best threshold")
                       : !s->evaluable ? _("Too few known outcomes") : "";

      add_row (cells, s->label, s->leads, mql, &s->mql_rate, &s->other_rate, s->threshold_found, s->threshold, flag);
    }
  add_row (cells, _("All leads"), seg->pooled->scored_leads, "", &seg->mql_rate, &seg->other_rate,
           seg->threshold_found, seg->best_threshold, "");
  mqlw_table_fill (self->table.grid, titles, G_N_ELEMENTS (header), cells, 0x3e, (int) seg->segments->len);
}

static void
fill_segment_list (MqlwSegmentsView   *self,
                   const MqlwSegments *seg)
{
  self->filling = TRUE;
  gtk_string_list_splice (self->segment_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->segment_model)), NULL);
  for (guint i = 0; i < seg->segments->len; i++)
    gtk_string_list_append (self->segment_model, ((MqlwSegment *) g_ptr_array_index (seg->segments, i))->label);
  gtk_string_list_append (self->segment_model, _("All leads"));
  if (self->shown > seg->segments->len)
    self->shown = 0;
  gtk_drop_down_set_selected (self->segment_dropdown, self->shown);
  self->filling = FALSE;
}

static void
fill_note (MqlwSegmentsView   *self,
           const MqlwSegments *seg)
{
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *target = mqlw_format_percent_as (seg->target_rate, 0, MQLW_FORMAT_DISPLAY);

  /* TRANSLATORS: %s is the SQL target, "30 %"; %u the least known outcomes, 20 */
  g_string_append_printf (note, g_dngettext (NULL,
                                             "Each segment's MQLs against its other leads: a score that works reaches the stage "
                                             "more often above the line. Best threshold: the lowest whose MQLs reach a %s SQL "
                                             "rate, over at least %u known outcome, as in Suggestions (for all leads it is the "
                                             "suggestion's threshold). The chart shows one segment's score ranges.",
                                             "Each segment's MQLs against its other leads: a score that works reaches the stage "
                                             "more often above the line. Best threshold: the lowest whose MQLs reach a %s SQL "
                                             "rate, over at least %u known outcomes, as in Suggestions (for all leads it is the "
                                             "suggestion's threshold). The chart shows one segment's score ranges.",
                                             seg->min_known),
                          target, seg->min_known);
  if (seg->unscored > 0)
    {
      g_autofree char *unscored = mqlw_format_count (seg->unscored);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, g_dngettext (NULL, "%s lead without a score is left out.",
                                                 "%s leads without a score are left out.", (gulong) seg->unscored),
                              unscored);
    }
  gtk_label_set_label (self->table.note, note->str);
}

/* A new history: its columns and its stages. */
static gconstpointer
get_options (MqlwAnalysisPane *pane)
{
  MqlwSegmentsView *self = MQLW_SEGMENTS_VIEW (pane);

  self->options.field = self->field;   /* copied by copy_options */
  self->options.stage = self->table.stage;
  /* The best threshold over all leads answers the Suggestions' "Lowest
   * threshold with SQL ≥ 30 %": the same target and steps give the same number. */
  mqlw_suggestion_get_options (mqlw_analysis_pane_get_workbench (pane), &self->options.suggest);
  return &self->options;
}

/* No column to segment by: nothing to compute. */
static gboolean
can_run (MqlwAnalysisPane *pane)
{
  return MQLW_SEGMENTS_VIEW (pane)->field != NULL;
}

static void
show_result (MqlwAnalysisPane *pane,
             gconstpointer     result)
{
  MqlwSegmentsView *self = MQLW_SEGMENTS_VIEW (pane);
  const MqlwSegments *seg = result;

  if (seg == NULL)
    return;
  mqlw_analysis_table_show_messages (&self->table, seg->warnings,
                                     _("The score ranks the leads the same way in every segment."));
  fill_table (self, seg);
  fill_segment_list (self, seg);
  fill_note (self, seg);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

static void
on_field_selected_cb (GtkDropDown      *dropdown,
                      GParamSpec       *pspec,
                      MqlwSegmentsView *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->filling || position >= self->fields->len)
    return;
  g_free (self->field);
  self->field = g_strdup (g_ptr_array_index (self->fields, position));
  self->shown = 0;
  mqlw_analysis_pane_recompute (MQLW_ANALYSIS_PANE (self));
}

static void
on_segment_selected_cb (GtkDropDown      *dropdown,
                        GParamSpec       *pspec,
                        MqlwSegmentsView *self)
{
  if (self->filling)
    return;
  self->shown = gtk_drop_down_get_selected (dropdown);
  gtk_widget_queue_draw (GTK_WIDGET (self->table.area));
}

static void
mqlw_segments_view_dispose (GObject *object)
{
  MqlwSegmentsView *self = MQLW_SEGMENTS_VIEW (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->field, g_free);
  G_OBJECT_CLASS (mqlw_segments_view_parent_class)->dispose (object);
}

static void
mqlw_segments_view_class_init (MqlwSegmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MqlwAnalysisPaneClass *pane_class = MQLW_ANALYSIS_PANE_CLASS (klass);

  object_class->dispose = mqlw_segments_view_dispose;
  pane_class->compute = compute_segments;
  pane_class->result_free = (GDestroyNotify) mqlw_segments_free;
  pane_class->get_options = get_options;
  pane_class->options_copy = copy_options;
  pane_class->options_free = free_options;
  pane_class->can_run = can_run;
  pane_class->show_result = show_result;
  pane_class->data_changed = fill_fields;

  MQLW_ANALYSIS_TABLE_CLASS_INIT (widget_class, MqlwSegmentsView, table, "segments",
                                  MQLW_ANALYSIS_TABLE_STAGE | MQLW_ANALYSIS_TABLE_WARNINGS | MQLW_ANALYSIS_TABLE_GRID);
  gtk_widget_class_bind_template_child (widget_class, MqlwSegmentsView, field_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MqlwSegmentsView, segment_dropdown);
}

static GtkStringList *
attach_model (GtkDropDown *dropdown,
              GCallback    callback,
              gpointer     self)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  g_object_unref (model);
  g_signal_connect (dropdown, "notify::selected", callback, self);
  return model;
}

static void
mqlw_segments_view_init (MqlwSegmentsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mqlw_analysis_table_init (&self->table, MQLW_ANALYSIS_PANE (self), draw_cb, _("One segment's score ranges"), NULL,
                            MQLW_STAGE_CHANGE_RERUN);

  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field_model = attach_model (self->field_dropdown, G_CALLBACK (on_field_selected_cb), self);
  self->segment_model = attach_model (self->segment_dropdown, G_CALLBACK (on_segment_selected_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->field_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Split by"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->segment_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segment"), -1);
}

gboolean
mqlw_segments_view_set_field (MqlwSegmentsView *self,
                              const char       *field)
{
  g_return_val_if_fail (MQLW_IS_SEGMENTS_VIEW (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_str_equal (g_ptr_array_index (self->fields, i), field))
      {
        gtk_drop_down_set_selected (self->field_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
mqlw_segments_view_show_segment (MqlwSegmentsView *self,
                                 guint             index)
{
  g_return_if_fail (MQLW_IS_SEGMENTS_VIEW (self));
  gtk_drop_down_set_selected (self->segment_dropdown, index);
}

const MqlwSegments *
mqlw_segments_view_get_segments (MqlwSegmentsView *self)
{
  g_return_val_if_fail (MQLW_IS_SEGMENTS_VIEW (self), NULL);
  return get_segments (self);
}
