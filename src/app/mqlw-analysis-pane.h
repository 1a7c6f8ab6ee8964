/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-analysis-pane.h — what every view of the Analysis page shares.
 *
 * An abstract widget: it follows a workbench, computes its analysis off the
 * main thread with an MqlwAnalysisJob while it is shown (a change while
 * hidden marks it dirty; it computes on the next map), turns its spinner on
 * while a run is in flight, redraws its charts when the style or workshop
 * mode changes, and says when the figures on show are those of the current
 * model. A view (mqlw-quality-view, …) fills in the class: the analysis
 * itself (compute, in the worker), its options, whether it can run now, and
 * how to show a result or an error; everything else is here once, and the
 * parts of its page in mqlw-analysis-table. The pane disposes the view's
 * template. */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-analysis-job.h"
#include "mqlw-chart.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

typedef struct _MqlwAnalysisTable MqlwAnalysisTable;

#define MQLW_TYPE_ANALYSIS_PANE (mqlw_analysis_pane_get_type ())
G_DECLARE_DERIVABLE_TYPE (MqlwAnalysisPane, mqlw_analysis_pane, MQLW, ANALYSIS_PANE, GtkWidget)

struct _MqlwAnalysisPaneClass
{
  GtkWidgetClass   parent_class;

  /* In the worker: the analysis of the input, or NULL with an error. Required. */
  MqlwAnalysisFunc compute;
  GDestroyNotify   result_free;
  /* The workbench changes (MQLW_WORKBENCH_CHANGED_*) that call for a new run;
   * 0: any change but a model change alone (its figures are not in yet). */
  guint            changes;
  /* The options of the next run, copied with options_copy (NULL: passed as
   * is) and freed with options_free after it. Optional. */
  gconstpointer  (*get_options)      (MqlwAnalysisPane *self);
  GBoxedCopyFunc   options_copy;
  GDestroyNotify   options_free;
  /* Whether a run can start now; a view that says no shows why itself. Optional. */
  gboolean       (*can_run)          (MqlwAnalysisPane *self);
  /* A run started (the spinner is already on). Optional. */
  void           (*started)          (MqlwAnalysisPane *self);
  /* The result on show changed or is to be shown again; @result is NULL
   * while there is none. Required. */
  void           (*show_result)      (MqlwAnalysisPane *self,
                                      gconstpointer     result);
  /* The run failed: the message in place of the figures. Optional with a
   * table (mqlw-analysis-table): the message goes in its note. */
  void           (*show_error)       (MqlwAnalysisPane *self,
                                      const GError     *error);
  /* A new history (and when given the workbench): column lists, after the
   * table's stage list. Optional. */
  void           (*data_changed)     (MqlwAnalysisPane *self);
  /* Workshop mode turned on or off, after the charts were redrawn. Optional. */
  void           (*workshop_changed) (MqlwAnalysisPane *self);
};

void           mqlw_analysis_pane_set_workbench (MqlwAnalysisPane *self,
                                                 MqlwWorkbench    *workbench);
MqlwWorkbench *mqlw_analysis_pane_get_workbench (MqlwAnalysisPane *self);
void           mqlw_analysis_pane_set_workshop  (MqlwAnalysisPane *self,
                                                 gboolean          workshop);
gboolean       mqlw_analysis_pane_get_workshop  (MqlwAnalysisPane *self);
/* The latest result (borrowed), or NULL. */
gconstpointer  mqlw_analysis_pane_get_result    (MqlwAnalysisPane *self);
gboolean       mqlw_analysis_pane_is_busy       (MqlwAnalysisPane *self);
/* For tests: the figures on show are those of the workbench's current model. */
gboolean       mqlw_analysis_pane_is_ready      (MqlwAnalysisPane *self);

/* For the views. */
/* The view's shared parts (mqlw_analysis_table_init calls it); not owned. */
void           mqlw_analysis_pane_set_table     (MqlwAnalysisPane  *self,
                                                 MqlwAnalysisTable *table);
/* The spinner that turns while a run is in flight. */
void           mqlw_analysis_pane_set_spinner   (MqlwAnalysisPane *self,
                                                 GtkSpinner       *spinner);
/* A drawing area redrawn when the style or workshop mode changes. */
void           mqlw_analysis_pane_add_chart     (MqlwAnalysisPane *self,
                                                 GtkWidget        *area);
/* The chart style on screen: dark, high contrast (or workshop), font scale. */
void           mqlw_analysis_pane_chart_style   (MqlwAnalysisPane *self,
                                                 MqlwChartStyle   *style);
/* Runs now (an option changed and the view wants its figures). */
void           mqlw_analysis_pane_recompute     (MqlwAnalysisPane *self);
/* Runs now when shown, else when next shown. */
void           mqlw_analysis_pane_queue_recompute (MqlwAnalysisPane *self);
/* Calls show_result again with the result there is (another stage chosen). */
void           mqlw_analysis_pane_show_result   (MqlwAnalysisPane *self);

G_END_DECLS
