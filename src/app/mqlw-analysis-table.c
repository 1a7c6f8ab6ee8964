/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-analysis-table.h"
#include "mqlw-analysis-widgets.h"

static void
bind_part (GtkWidgetClass *widget_class,
           const char     *id,
           gssize          offset)
{
  gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, offset);
}

void
mqlw_analysis_table_class_init (GtkWidgetClass         *widget_class,
                                const char             *name,
                                gssize                  table_offset,
                                MqlwAnalysisTableParts  parts)
{
  g_autofree char *resource = g_strdup_printf ("/io/github/mqlworkbench/Workbench/mqlw-%s-view.ui", name);
  g_autofree char *css_name = g_strconcat (name, "view", NULL);

  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  bind_part (widget_class, "spinner", table_offset + G_STRUCT_OFFSET (MqlwAnalysisTable, spinner));
  bind_part (widget_class, "area", table_offset + G_STRUCT_OFFSET (MqlwAnalysisTable, area));
  bind_part (widget_class, "note", table_offset + G_STRUCT_OFFSET (MqlwAnalysisTable, note));
  if (parts & MQLW_ANALYSIS_TABLE_STAGE)
    bind_part (widget_class, "stage_dropdown", table_offset + G_STRUCT_OFFSET (MqlwAnalysisTable, stage_dropdown));
  if (parts & MQLW_ANALYSIS_TABLE_WARNINGS)
    bind_part (widget_class, "warnings", table_offset + G_STRUCT_OFFSET (MqlwAnalysisTable, warnings));
  if (parts & MQLW_ANALYSIS_TABLE_GRID)
    bind_part (widget_class, "grid", table_offset + G_STRUCT_OFFSET (MqlwAnalysisTable, grid));
  gtk_widget_class_set_css_name (widget_class, g_intern_string (css_name));
}

static void
on_stage_selected_cb (GtkDropDown       *dropdown,
                      GParamSpec        *pspec,
                      MqlwAnalysisTable *table)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (table->filling || position >= table->n_stages)
    return;
  table->stage = table->stages[position];
  switch (table->stage_change)
    {
    case MQLW_STAGE_CHANGE_RERUN:
      mqlw_analysis_pane_recompute (table->pane);
      break;
    case MQLW_STAGE_CHANGE_RESHOW:
      mqlw_analysis_pane_show_result (table->pane);
      break;
    case MQLW_STAGE_CHANGE_REDRAW:
    default:
      gtk_widget_queue_draw (GTK_WIDGET (table->area));
      break;
    }
}

static void
on_area_resize_cb (GtkDrawingArea    *area,
                   int                width,
                   int                height,
                   MqlwAnalysisTable *table)
{
  int wanted = CLAMP ((int) (width * table->height_ratio) + table->height_plus, table->height_min, table->height_max);

  if (gtk_drawing_area_get_content_height (area) != wanted)
    gtk_drawing_area_set_content_height (area, wanted);
}

void
mqlw_analysis_table_init (MqlwAnalysisTable      *table,
                          MqlwAnalysisPane       *pane,
                          GtkDrawingAreaDrawFunc  draw,
                          const char             *chart_label,
                          const char             *chart_description,
                          MqlwStageChange         stage_change)
{
  g_return_if_fail (table != NULL && MQLW_IS_ANALYSIS_PANE (pane));
  g_return_if_fail (table->spinner != NULL && table->area != NULL && table->note != NULL);

  table->pane = pane;
  table->stage = MQLW_STAGE_SQL;
  table->stage_change = stage_change;
  mqlw_analysis_pane_set_table (pane, table);
  mqlw_analysis_pane_set_spinner (pane, table->spinner);
  gtk_drawing_area_set_draw_func (table->area, draw, pane, NULL);
  mqlw_analysis_pane_add_chart (pane, GTK_WIDGET (table->area));
  gtk_accessible_update_property (GTK_ACCESSIBLE (table->area), GTK_ACCESSIBLE_PROPERTY_LABEL, chart_label, -1);
  if (chart_description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (table->area),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, chart_description, -1);
  if (table->stage_dropdown != NULL)
    {
      table->stage_model = gtk_string_list_new (NULL);
      gtk_drop_down_set_model (table->stage_dropdown, G_LIST_MODEL (table->stage_model));
      g_object_unref (table->stage_model);   /* the drop-down holds it */
      g_signal_connect (table->stage_dropdown, "notify::selected", G_CALLBACK (on_stage_selected_cb), table);
      gtk_accessible_update_property (GTK_ACCESSIBLE (table->stage_dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stage"), -1);
    }
}

void
mqlw_analysis_table_follow_width (MqlwAnalysisTable *table,
                                  double             ratio,
                                  int                plus,
                                  int                min,
                                  int                max)
{
  g_return_if_fail (table != NULL && table->area != NULL && min > 0 && max >= min);

  table->height_ratio = ratio;
  table->height_plus = plus;
  table->height_min = min;
  table->height_max = max;
  g_signal_connect (table->area, "resize", G_CALLBACK (on_area_resize_cb), table);
}

void
mqlw_analysis_table_fill_stages (MqlwAnalysisTable *table)
{
  MqlwDataset *dataset;
  guint position;

  g_return_if_fail (table != NULL);

  if (table->stage_dropdown == NULL)
    return;
  dataset = mqlw_workbench_get_dataset (mqlw_analysis_pane_get_workbench (table->pane));
  table->filling = TRUE;
  position = mqlw_stage_list_fill (table->stage_model, table->stages, &table->n_stages,
                                   dataset != NULL ? &dataset->outcomes : NULL, table->stage);
  gtk_drop_down_set_selected (table->stage_dropdown, position);
  if (table->n_stages > 0)
    table->stage = table->stages[position];
  table->filling = FALSE;
}

void
mqlw_analysis_table_clear_messages (MqlwAnalysisTable *table)
{
  GtkWidget *child;

  g_return_if_fail (table != NULL && table->warnings != NULL);

  while ((child = gtk_widget_get_first_child (table->warnings)) != NULL)
    gtk_box_remove (GTK_BOX (table->warnings), child);
}

void
mqlw_analysis_table_add_message (MqlwAnalysisTable *table,
                                 const char        *text,
                                 gboolean           warning)
{
  GtkWidget *row, *label;

  g_return_if_fail (table != NULL && table->warnings != NULL);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  label = gtk_label_new (text);
  if (warning)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (row), icon);
    }
  else
    gtk_widget_add_css_class (label, "success");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (table->warnings), row);
}

void
mqlw_analysis_table_show_messages (MqlwAnalysisTable *table,
                                   GPtrArray         *warnings,
                                   const char        *all_well)
{
  g_return_if_fail (table != NULL && table->warnings != NULL);

  mqlw_analysis_table_clear_messages (table);
  if (warnings == NULL || warnings->len == 0)
    mqlw_analysis_table_add_message (table, all_well, FALSE);
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    mqlw_analysis_table_add_message (table, g_ptr_array_index (warnings, i), TRUE);
}

void
mqlw_analysis_table_show_error (MqlwAnalysisTable *table,
                                const GError      *error)
{
  g_return_if_fail (table != NULL && error != NULL);

  gtk_label_set_label (table->note, error->message);
  gtk_spinner_set_spinning (table->spinner, FALSE);
}
