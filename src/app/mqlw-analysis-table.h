/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-analysis-table.h — the parts every Analysis view's page has, built once.
 *
 * A view's template names its parts by id: "spinner", "area" (the chart),
 * "note", and where the view has them "stage_dropdown" (the stage on show),
 * "warnings" (a box of sentences) and "grid" (its table of figures, filled
 * with mqlw_table_fill). The view embeds an MqlwAnalysisTable, binds it with
 * mqlw_analysis_table_class_init (template, CSS name, the parts) and sets it
 * up with mqlw_analysis_table_init after its template: the spinner turns
 * with the pane's runs, the chart is drawn and redrawn with the style, named
 * for a screen reader, and may follow the width; the stage list follows the
 * history; an error without a show_error of the view's own goes in the note.
 * The view only fills in its figures. */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-analysis-pane.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_ANALYSIS_TABLE_STAGE    = 1 << 0,   /* "stage_dropdown" */
  MQLW_ANALYSIS_TABLE_WARNINGS = 1 << 1,   /* "warnings" */
  MQLW_ANALYSIS_TABLE_GRID     = 1 << 2,   /* "grid" */
} MqlwAnalysisTableParts;

/* What choosing another stage does. */
typedef enum {
  MQLW_STAGE_CHANGE_RERUN,    /* the analysis runs again for it */
  MQLW_STAGE_CHANGE_RESHOW,   /* the result holds every stage: shown again */
  MQLW_STAGE_CHANGE_REDRAW,   /* only the chart shows the stage */
} MqlwStageChange;

struct _MqlwAnalysisTable
{
  MqlwAnalysisPane *pane;             /* the view itself, not owned */
  GtkSpinner       *spinner;
  GtkDrawingArea   *area;
  GtkLabel         *note;
  GtkDropDown      *stage_dropdown;   /* NULL without MQLW_ANALYSIS_TABLE_STAGE */
  GtkWidget        *warnings;         /* NULL without … _WARNINGS */
  GtkGrid          *grid;             /* NULL without … _GRID */

  GtkStringList    *stage_model;
  MqlwStage         stages[MQLW_N_STAGES];
  guint             n_stages;
  MqlwStage         stage;            /* the stage on show (SQL first) */
  MqlwStageChange   stage_change;
  gboolean          filling;          /* the stage list is being refilled */
  int               height_min;       /* > 0: the chart's height follows its width */
  int               height_max;
  double            height_ratio;
  int               height_plus;
};

/* In the view's class_init: its template (ui/mqlw-@name-view.ui), its CSS
 * name (@name "view") and @parts bound into the MqlwAnalysisTable at
 * @table_offset in the instance. */
void mqlw_analysis_table_class_init (GtkWidgetClass          *widget_class,
                                     const char              *name,
                                     gssize                   table_offset,
                                     MqlwAnalysisTableParts   parts);
#define MQLW_ANALYSIS_TABLE_CLASS_INIT(widget_class, Type, member, name, parts) \
  mqlw_analysis_table_class_init ((widget_class), (name), G_STRUCT_OFFSET (Type, member), (parts))

/* In the view's init, after its template: @draw paints the chart (with the
 * view as its data), named @chart_label (and @chart_description, nullable)
 * for a screen reader. */
void mqlw_analysis_table_init       (MqlwAnalysisTable       *table,
                                     MqlwAnalysisPane        *pane,
                                     GtkDrawingAreaDrawFunc   draw,
                                     const char              *chart_label,
                                     const char              *chart_description,
                                     MqlwStageChange          stage_change);
/* The chart's height follows its width: width × @ratio + @plus, within
 * @min…@max pixels. */
void mqlw_analysis_table_follow_width (MqlwAnalysisTable     *table,
                                       double                 ratio,
                                       int                    plus,
                                       int                    min,
                                       int                    max);
/* The stages the history has, the one on show kept when it still is there
 * (the pane calls it when the history changes). */
void mqlw_analysis_table_fill_stages (MqlwAnalysisTable      *table);
/* The warnings box: emptied; a sentence added, with a warning sign or as
 * good news. */
void mqlw_analysis_table_clear_messages (MqlwAnalysisTable   *table);
void mqlw_analysis_table_add_message    (MqlwAnalysisTable   *table,
                                         const char          *text,
                                         gboolean             warning);
/* @warnings (char*) each with its sign, or @all_well when there is none. */
void mqlw_analysis_table_show_messages  (MqlwAnalysisTable   *table,
                                         GPtrArray           *warnings,
                                         const char          *all_well);
/* A failed run: the message in the note, the spinner still. */
void mqlw_analysis_table_show_error     (MqlwAnalysisTable   *table,
                                         const GError        *error);

G_END_DECLS
