/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-scenario-compare-view.h — "Compare Scenarios": two or three of the
 * project's scenarios side by side with today's model (the model as
 * opened), as mqlw-scenario-compare.h computes and writes them; and the
 * headline figures of each scenario for the project's scenario list.
 *
 * The models are scored off the main thread (mqlw_scoring_new_async, one per
 * model, then the swap sets in a worker): a spinner and a count while they
 * are, the core's message when one does not fit the data; a change of the
 * checked scenarios or closing the dialog cancels the work under way.
 *
 * The dialog is modal, keyboard reachable (a check button per scenario, at
 * most three on), Esc closes it; it follows the window's workshop mode (the
 * room's type sizes) and the colour scheme. It only shows: every number and
 * its text come from the core. */
#pragma once

#include <adwaita.h>

#include "mqlw-core.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

/* Opens the dialog over @parent for @project's scenarios, with @first (nullable)
 * checked first and then the others in order, up to three. Returns the
 * dialog (owned by GTK). */
GtkWidget *mqlw_scenario_compare_view_present (GtkWidget     *parent,
                                               MqlwWorkbench *workbench,
                                               MqlwProject   *project,
                                               const char    *first);

/* TRUE while the models are being scored (the table is not on show yet). */
gboolean   mqlw_scenario_compare_view_is_busy (GtkWidget *dialog);

/* Checks (or unchecks) the scenario @name in the dialog; the table follows. */
void       mqlw_scenario_compare_view_set_checked (GtkWidget  *dialog,
                                                   const char *name,
                                                   gboolean    checked);

/* What the dialog shows in row @row_id ("sql", see
 * mqlw_scenario_comparison_table), column @column (0 today, 1… the
 * scenarios), @part "value", "note" or "change"; NULL if none. */
const char *mqlw_scenario_compare_view_get_text (GtkWidget  *dialog,
                                                 const char *row_id,
                                                 guint       column,
                                                 const char *part);

/* The label behind that text (its style classes: change-good, change-bad). */
GtkWidget  *mqlw_scenario_compare_view_get_label (GtkWidget  *dialog,
                                                  const char *row_id,
                                                  guint       column,
                                                  const char *part);

/* @model's figures over @dataset (mqlw_scenario_headline), kept for the
 * next time the list is filled; FALSE when it cannot be scored there. */
gboolean   mqlw_scenario_headline_figures (MqlwDataset *dataset,
                                           MqlwModel   *model,
                                           double       months,
                                           MqlwPreview *preview);

/* "8 MQLs (▲ +2) · SQL rate 71.4 % (▼ −8.6 pts)": @scenario's headline
 * figures against @today (the model as opened), scored over @dataset;
 * NULL when it cannot be scored there. */
char      *mqlw_scenario_headline_text  (MqlwDataset       *dataset,
                                         MqlwModel         *scenario,
                                         const MqlwPreview *today,
                                         double             months);

G_END_DECLS
