/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-model-panel-private.h — what the parts of the model panel share.
 *
 * The panel is one widget in three files, cut the way GNOME Text Editor cuts
 * its page:
 *   mqlw-model-panel.c           the GObject, its model.* actions, the edit
 *                                delay, the row helpers and the sync that
 *                                drives the two parts below a turn at a time
 *   mqlw-model-panel-criteria.c  the fit, behaviour and disqualifier rows: one
 *                                row per criterion id, kept across edits
 *   mqlw-model-panel-settings.c  the setting groups (existing score, decay,
 *                                grades, paths), their setting keys and the
 *                                model.set-setting / model.set-choice actions
 * Adding and editing a criterion is a widget of its own
 * (mqlw-criterion-dialog). The parts reach the panel's fields through this
 * header; what one part offers the others is named _mqlw_model_panel_*.
 * Nothing outside the panel's own files includes it. */
#pragma once

#include <adwaita.h>

#include "mqlw-model-edit.h"
#include "mqlw-model-panel.h"

G_BEGIN_DECLS

/* The criterion groups, in the core's order of kinds. */
#define N_KINDS MQLW_CRITERION_LAST
#define KIND_SLOT(kind) ((kind) - MQLW_CRITERION_FIT)

/* The setting groups, top down. */
enum { GROUP_SCORE, GROUP_DECAY, GROUP_GRADES, GROUP_PATHS, N_SETTING_GROUPS };

/* New rows are built one at a time, at the panel's turn in the window's frame
 * queue: a new row costs several times its building in the frame that first
 * lays it out, so opening a model with many criteria would otherwise hold
 * frames for long. The rows appear top down within a few frames. */

struct _MqlwModelPanel
{
  GtkWidget      parent_instance;

  MqlwWorkbench *workbench;
  GHashTable    *criteria;       /* "kind/id" → Criterion */
  GPtrArray     *criterion_order[3];     /* Criterion, as shown in each group */
  GtkWidget     *criterion_groups[3];    /* fit, behaviour, disqualifiers */
  GtkWidget     *setting_groups[4];      /* existing score, decay, grades, paths */
  char          *group_shapes[4];        /* what each was built for */
  GHashTable    *setting_spins;  /* setting key → GtkSpinButton */
  GHashTable    *choices;        /* setting key → GtkSwitch, GtkCheckButton or AdwComboRow */
  guint          pending_source;
  char          *pending_action;
  char          *pending_id;
  GVariant      *pending_param;
  gboolean       syncing;
  gboolean       may_build_one;  /* this turn has not built its row yet */
  gboolean       incomplete;     /* some rows wait for a later turn */
  GQueue         hidden_rows;    /* rows of a group just built, shown one a turn */
  gboolean       progressive;    /* this sync fills a new history's panel */
  GHashTable    *rule_warnings;  /* rule id → what the data says about it (mqlw-rule-warnings) */
  GCancellable  *warnings_cancellable;

  GtkBox        *groups;
};

/* mqlw-model-panel.c */
void       _mqlw_model_panel_report_error         (MqlwModelPanel *self,
                                                   const GError   *error);
gboolean   _mqlw_model_panel_may_build            (MqlwModelPanel *self);
void       _mqlw_model_panel_hide_new_rows        (MqlwModelPanel *self,
                                                   GtkWidget      *widget);
/* A spin button sending @edit_action (a static string) with @id and its value. */
GtkWidget *_mqlw_model_panel_create_spin          (MqlwModelPanel *self,
                                                   const char     *id,
                                                   double          value,
                                                   double          lower,
                                                   double          upper,
                                                   double          step,
                                                   guint           digits,
                                                   const char     *accessible,
                                                   const char     *edit_action);
/* A switch for criterion @id, or for @path ("grades" or a model.set-path path). */
GtkWidget *_mqlw_model_panel_create_switch        (MqlwModelPanel *self,
                                                   const char     *id,
                                                   const char     *path,
                                                   gboolean        active,
                                                   const char     *accessible);
GtkWidget *_mqlw_model_panel_create_group         (MqlwModelPanel *self,
                                                   const char     *title,
                                                   const char     *description,
                                                   const char     *add_action);
void       _mqlw_model_panel_wrap_at_words        (GtkWidget      *widget);
GtkWidget *_mqlw_model_panel_create_row           (const char     *title,
                                                   const char     *subtitle);
GtkWidget *_mqlw_model_panel_create_expander_row  (const char     *title,
                                                   const char     *subtitle);

/* mqlw-model-panel-criteria.c */
void       _mqlw_model_panel_criterion_free       (gpointer        criterion);
void       _mqlw_model_panel_reconcile_criteria   (MqlwModelPanel    *self,
                                                   MqlwCriterionKind  kind,
                                                   MqlwModel         *model);

/* mqlw-model-panel-settings.c */
void       _mqlw_model_panel_set_setting_action   (GtkWidget      *widget,
                                                   const char     *action_name,
                                                   GVariant       *param);
void       _mqlw_model_panel_set_choice_action    (GtkWidget      *widget,
                                                   const char     *action_name,
                                                   GVariant       *param);
void       _mqlw_model_panel_refresh_setting_group (MqlwModelPanel *self,
                                                    guint           which,
                                                    MqlwModel      *model);
/* Spin buttons, switches, checks and combo rows follow @model's values. */
void       _mqlw_model_panel_sync_settings        (MqlwModelPanel *self,
                                                   MqlwModel      *model);

G_END_DECLS
