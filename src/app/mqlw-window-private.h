/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-window-private.h — what the parts of the window share.
 *
 * The window is one GObject in four files, cut the way GNOME Text Editor cuts
 * its window:
 *   mqlw-window.c          the GObject, its template and pages (start,
 *                          mapping, loading, scoring, workbench), workshop mode
 *   mqlw-window-actions.c  every win.* action and its shortcut
 *   mqlw-window-project.c  opening and saving projects, recovery, the
 *                          unsaved-changes guard, recent files, title, banner
 *   mqlw-window-export.c   file choosers and exports
 * The parts reach the window's fields through this header; what one part
 * offers the others is named _mqlw_window_*. Nothing outside the window's
 * own files includes it. */
#pragma once

#include <adwaita.h>

#include "mqlw-analysis-view.h"
#include "mqlw-bucket-view.h"
#include "mqlw-chart-view.h"
#include "mqlw-mapping-page.h"
#include "mqlw-model-panel.h"
#include "mqlw-preview-panel.h"
#include "mqlw-project-session.h"
#include "mqlw-project-view.h"
#include "mqlw-scoring-page.h"
#include "mqlw-start-page.h"
#include "mqlw-sweep-view.h"
#include "mqlw-threshold-bar.h"
#include "mqlw-window.h"

G_BEGIN_DECLS

/* What the loading page waits for. */
typedef enum {
  READING_NONE,
  READING_PREVIEW,
  READING_IMPORT,
} ReadingKind;

/* What an unsaved-changes guard goes on with (Discard, or Save succeeded). */
typedef void (*GuardedFunc) (MqlwWindow *self,
                             const char *arg);

struct _MqlwWindow
{
  AdwApplicationWindow  parent_instance;

  MqlwWorkbench        *workbench;
  GCancellable         *cancellable;
  char                 *previous_page;   /* where Cancel and failures return to */
  char                 *import_path;     /* the CSV being mapped / imported */
  MqlwModel            *pending_model;   /* loaded with the next import (sample) */
  GtkNative            *file_chooser;    /* GtkFileChooserNative while open */
  ReadingKind           reading;         /* what the loading page waits for */
  guint                 reading_serial;  /* the newest read; older ones are dropped */
  guint                 progress_source;
  guint                 hide_header_source;
  gboolean              workshop_mode;
  gboolean              export_current_look;   /* else the light style, for slides and paper */
  gboolean              syncing;

  MqlwProjectSession   *session;
  GSettings            *settings;         /* NULL when the schema is not installed */
  GCancellable         *file_cancellable; /* the project file operation in flight */
  guint                 file_progress_source;
  gboolean              file_pulse;
  gboolean              close_confirmed;
  gboolean              restore_workshop;
  GuardedFunc           after_save;       /* run once the save the guard started succeeded */
  char                 *after_save_arg;
  MqlwModel            *sample_model;     /* an aggregate on show: what its sample queries score, */
  MqlwMapping          *sample_schema;    /* over which columns (NULL: no lead history known) */

  /* template */
  AdwToastOverlay      *toast_overlay;
  char                 *last_toast;
  GtkRevealer          *header_revealer;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  MqlwStartPage        *start_page;
  MqlwMappingPage      *mapping_page;
  MqlwScoringPage      *scoring_page;   /* "How are leads scored?", after a CSV is mapped */
  GtkProgressBar       *progress_bar;
  AdwStatusPage        *loading_page;
  AdwFlap              *flap;
  AdwViewStack         *view_stack;
  MqlwThresholdBar     *threshold_bar;
  GtkWidget            *model_button;
  GtkWidget            *workshop_button;
  GtkWidget            *import_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *menu_button;
  GtkWidget            *export_button;
  GtkWidget            *cancel_button;
  MqlwChartView        *chart_view;
  MqlwBucketView       *bucket_view;
  MqlwModelPanel       *model_panel;
  MqlwPreviewPanel     *preview_panel;
  MqlwSweepView        *sweep_view;
  MqlwAnalysisView     *analysis_view;
  MqlwProjectView      *project_view;
  GtkRevealer          *file_revealer;
  GtkLabel             *file_label;
  GtkProgressBar       *file_progress;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *banner_button;
  GtkWidget            *save_button;
  GtkLabel             *project_label;
  GMenu                *recent_menu;
};

typedef void (*ChosenFunc) (MqlwWindow *self,
                            const char *path);

/* mqlw-window.c */
void _mqlw_window_show_toast (MqlwWindow *self,
                              const char *title,
                              const char *undo_action);
void _mqlw_window_show_error (MqlwWindow   *self,
                              const char   *heading,
                              const GError *error);
void _mqlw_window_set_page (MqlwWindow *self,
                            const char *name);
void _mqlw_window_return_to_previous_page (MqlwWindow *self);
void _mqlw_window_renew_cancellable (MqlwWindow *self);
void _mqlw_window_stop_progress (MqlwWindow *self);
void _mqlw_window_apply_default_buckets (MqlwWindow *self);

/* mqlw-window-buckets.c */
/* The edges in effect ("edges:0,31,51"), when chosen; else NULL. */
char *_mqlw_window_custom_edges   (MqlwWindow *self);
/* For a new history: the preferred buckets, edges kept only while they
 * split its scores; a toast when edges of the previous history were reset. */
void  _mqlw_window_recheck_buckets (MqlwWindow *self,
                                    const char *previous_edges);
void _mqlw_window_show_scoring_page (MqlwWindow *self);
void _mqlw_window_start_preview (MqlwWindow *self,
                                 const char *path);
void _mqlw_window_open_sample_now (MqlwWindow *self,
                                   const char *unused);
void _mqlw_window_reveal_header (MqlwWindow *self,
                                 gboolean    reveal);
void _mqlw_window_set_workshop_mode (MqlwWindow *self,
                                     gboolean    workshop);

/* mqlw-window-actions.c */
void _mqlw_window_class_actions_init (GtkWidgetClass *widget_class);
void _mqlw_window_actions_init (MqlwWindow *self);

/* mqlw-window-project.c */
void _mqlw_window_project_init (MqlwWindow *self);
void _mqlw_window_fill_recent (MqlwWindow *self);
void _mqlw_window_remember_recent (MqlwWindow *self,
                                   const char *path);
void _mqlw_window_chosen_history (MqlwWindow *self,
                                  const char *path);
void _mqlw_window_chosen_model (MqlwWindow *self,
                                const char *path);
void _mqlw_window_update_project_state (MqlwWindow *self);
void _mqlw_window_show_file_progress (MqlwWindow *self,
                                      const char *text,
                                      gboolean    pulse);
void _mqlw_window_set_progress (GtkProgressBar *bar,
                                double          fraction);
void _mqlw_window_hide_file_progress (MqlwWindow *self);
void _mqlw_window_chosen_save_as (MqlwWindow *self,
                                  const char *path);
void _mqlw_window_run_save_as_chooser (MqlwWindow *self);
void _mqlw_window_save_or_choose (MqlwWindow *self);
void _mqlw_window_start_recover (MqlwWindow *self,
                                 const char *copy_path);
void _mqlw_window_guard_unsaved (MqlwWindow  *self,
                                 GuardedFunc  func,
                                 const char  *arg);
void _mqlw_window_chosen_open (MqlwWindow *self,
                               const char *path);

/* mqlw-window-aggregate.c */
void _mqlw_window_chosen_aggregate (MqlwWindow *self,
                                    const char *path);
void _mqlw_window_chosen_sample_folder (MqlwWindow *self,
                                        const char *folder);

/* mqlw-window-export.c */
void _mqlw_window_run_chooser (MqlwWindow           *self,
                               const char           *title,
                               GtkFileChooserAction  action,
                               const char           *accept,
                               const char           *filter_name,
                               const char *const    *patterns,
                               const char           *suggested_name,
                               gboolean              chart,
                               ChosenFunc            func);
/* The exports, each a ChosenFunc (the table in mqlw-window-actions.c). */
void _mqlw_window_export_model_to (MqlwWindow *self,
                                   const char *path);
void _mqlw_window_export_chart_to (MqlwWindow *self,
                                   const char *path);
void _mqlw_window_export_sweep_to (MqlwWindow *self,
                                   const char *path);
void _mqlw_window_export_agreed_to (MqlwWindow *self,
                                    const char *path);
void _mqlw_window_export_buckets_csv_to (MqlwWindow *self,
                                         const char *path);
void _mqlw_window_export_sweep_csv_to (MqlwWindow *self,
                                       const char *path);
void _mqlw_window_export_report_to (MqlwWindow *self,
                                    const char *path);

G_END_DECLS
