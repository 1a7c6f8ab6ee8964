/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-view.h — the "Versions" page: the project's model versions
 * (signed ones marked frozen), its named scenarios and its export log, with
 * buttons for the window's actions (win.save-version, win.open-version,
 * win.save-scenario, win.open-scenario, win.remove-scenario, win.sign-off). */
#pragma once

#include <adwaita.h>

#include "mqlw-project-session.h"

G_BEGIN_DECLS

#define MQLW_TYPE_PROJECT_VIEW (mqlw_project_view_get_type ())
G_DECLARE_FINAL_TYPE (MqlwProjectView, mqlw_project_view, MQLW, PROJECT_VIEW, GtkWidget)

void  mqlw_project_view_set_session (MqlwProjectView    *self,
                                     MqlwProjectSession *session);
/* Workshop mode: larger type (the window's "workshop" class, style.css)
 * in a wider column, as the other pages read from the back of the room. */
void  mqlw_project_view_set_workshop (MqlwProjectView   *self,
                                      gboolean           workshop);
/* Rows shown, for tests: "versions" or "scenarios". */
guint mqlw_project_view_get_n_rows  (MqlwProjectView    *self,
                                     const char         *group);

G_END_DECLS
