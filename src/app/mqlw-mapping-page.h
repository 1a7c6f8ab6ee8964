/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

#define MQLW_TYPE_MAPPING_PAGE (mqlw_mapping_page_get_type ())
G_DECLARE_FINAL_TYPE (MqlwMappingPage, mqlw_mapping_page, MQLW, MAPPING_PAGE, GtkWidget)

/* Shows a CSV preview (first rows, each column's detected type and role, the
 * outcome set-up, the problems with their lines) and lets the user correct the
 * mapping. Emits "import" (mapping.import) or "cancel" (mapping.cancel).
 * Each yes/no outcome column has a switch "A blank cell means not reached"
 * (MqlwColumnSpec.blank_is_no) saying what detection found; flipping it emits
 * "mapping-changed" (the owner previews the file again with the mapping and
 * hands the result to update_problems) and is undone by mapping.undo (the
 * window's Ctrl+Z while the page is on show). The Dates group's "Date order"
 * (detect, month first, day first: MqlwMapping.date_order, the CLI's
 * --date-order) is changed and undone the same way. */
void               mqlw_mapping_page_set_preview (MqlwMappingPage *self,
                                                  const char      *path,
                                                  MqlwCsvPreview  *preview);   /* takes ownership */
/* A re-import: the blank-cell choices @saved (nullable) made for columns of
 * the same name, and its date order when it names one (MDY or DMY), applied
 * after set_preview; each change is undone as the user's are, and
 * "mapping-changed" is emitted when anything changed. */
void               mqlw_mapping_page_apply_saved (MqlwMappingPage   *self,
                                                  const MqlwMapping *saved);
/* Takes back the newest change (a blank-cell switch, the date order); FALSE
 * when there is none. "can-undo" says whether there is one. */
gboolean           mqlw_mapping_page_undo        (MqlwMappingPage *self);
gboolean           mqlw_mapping_page_can_undo    (MqlwMappingPage *self);
/* The problems of a second preview read with get_mapping (); takes @preview. */
void               mqlw_mapping_page_update_problems (MqlwMappingPage *self,
                                                      MqlwCsvPreview  *preview);
const char        *mqlw_mapping_page_get_path    (MqlwMappingPage *self);
/* The mapping to import with: the detected one plus the user's overrides. */
const MqlwMapping *mqlw_mapping_page_get_mapping (MqlwMappingPage *self);
/* Overrides one column (what the row's drop-downs do). */
void               mqlw_mapping_page_set_column  (MqlwMappingPage *self,
                                                  const char      *name,
                                                  MqlwColumnType   type,
                                                  MqlwColumnRole   role,
                                                  MqlwStage        stage);

G_END_DECLS
