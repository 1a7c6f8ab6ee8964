/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mqlw-application.h"
#include "mqlw-preview-panel.h"
#include "mqlw-window.h"

/* The harness the GUI tests share: the application under test, waiting on
 * the main loop, screenshots into the build dir, and the core driven
 * directly as the reference the window's figures are checked against. */

G_BEGIN_DECLS

#define GUI_TEST_WAIT_TIMEOUT_S 60

typedef gboolean (*GuiTestCondition) (gpointer data);

void             gui_test_init              (int               *argc,
                                             char            ***argv,
                                             const char        *application_id,
                                             GApplicationFlags  flags);
int              gui_test_run               (void);
MqlwApplication *gui_test_get_app           (void);

void             gui_test_wait_until        (GuiTestCondition   condition,
                                             gpointer           data,
                                             const char        *what);
void             gui_test_drain             (void);
void             gui_test_settle            (guint              ms);

char            *gui_test_build_path        (const char        *name);
char            *gui_test_sample_path       (const char        *name);
GdkTexture      *gui_test_render_texture    (GtkWidget         *widget);
void             gui_test_save_screenshot   (GtkWidget         *window,
                                             const char        *name);
/* Appends the text of every visible GtkLabel under @widget to @out, one a line. */
void             gui_test_collect_text      (GtkWidget         *widget,
                                             GString           *out);

MqlwWindow      *gui_test_create_window     (int                width,
                                             int                height);
gboolean         gui_test_has_data          (gpointer           window);
gboolean         gui_test_is_idle           (gpointer           window);

void             gui_test_assert_figure     (MqlwPreviewPanel  *panel,
                                             const char        *id,
                                             char              *expected);

/* The bundled sample history scored from scratch with the workshop's model. */
typedef struct {
  MqlwDataset     *dataset;
  MqlwModel       *model;
  MqlwScorer      *scorer;
  MqlwCalibration *cal;
} GuiTestReference;

void             gui_test_reference_init    (GuiTestReference  *ref);
void             gui_test_reference_clear   (GuiTestReference  *ref);

G_END_DECLS
