/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-project.h"
#include "mqlw-project-session.h"
#include "mqlw-start-page.h"

#define MAX_RECOVERIES 5

struct _MqlwStartPage
{
  AdwBin      parent_instance;

  /* template */
  GtkWidget  *recovery_label;
  GtkListBox *recovery_list;
  GtkWidget  *recent_label;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (MqlwStartPage, mqlw_start_page, ADW_TYPE_BIN)

enum {
  SIGNAL_OPEN_RECENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_recent_row (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  GtkWidget *row = adw_action_row_new ();
  gboolean project = g_str_has_suffix (path, MQLW_PROJECT_SUFFIX);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* "R&D leads.csv" */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (project ? "folder-documents-symbolic" : "x-office-spreadsheet-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_tooltip_text (row, project ? _("Open this project") : _("Import this lead history"));
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);
  return row;
}

static GtkWidget *
create_recovery_row (const MqlwRecovery *r)
{
  g_autofree char *name = r->project_path != NULL ? g_path_get_basename (r->project_path) :
                          r->title != NULL ? g_strdup_printf (_("%s (not saved as a project)"), r->title) :
                          g_strdup (_("Untitled project"));
  g_autofree char *when = g_date_time_format (r->saved, "%-e %b %Y, %H:%M");
  g_autofree char *subtitle = g_strdup_printf (_("Unsaved changes kept at %s"), g_strstrip (when));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *recover = gtk_button_new_with_mnemonic (_("_Recover"));
  GtkWidget *discard = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (recover, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (recover, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (recover), "win.recover");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (recover), "s", r->copy_path);
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (discard, "flat");
  gtk_widget_set_tooltip_text (discard, _("Discard these unsaved changes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Discard these unsaved changes"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "win.discard-recovery");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (discard), "s", r->copy_path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), recover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
  return row;
}

static void
on_recent_row_activated_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            MqlwStartPage *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECENT], 0, path);
}

static void
mqlw_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MQLW_TYPE_START_PAGE);
  G_OBJECT_CLASS (mqlw_start_page_parent_class)->dispose (object);
}

static void
mqlw_start_page_class_init (MqlwStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_start_page_dispose;

  /* A recent project or history was chosen. */
  signals[SIGNAL_OPEN_RECENT] =
    g_signal_new ("open-recent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwStartPage, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwStartPage, recovery_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwStartPage, recent_label);
  gtk_widget_class_bind_template_child (widget_class, MqlwStartPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated_cb);
}

static void
mqlw_start_page_init (MqlwStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mqlw_start_page_set_recent (MqlwStartPage *self,
                            GPtrArray     *paths)
{
  g_return_if_fail (MQLW_IS_START_PAGE (self));
  g_return_if_fail (paths != NULL);

  clear_list (self->recent_list);
  for (guint i = 0; i < paths->len; i++)
    gtk_list_box_append (self->recent_list, create_recent_row (g_ptr_array_index (paths, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), paths->len > 0);
  gtk_widget_set_visible (self->recent_label, paths->len > 0);
}

void
mqlw_start_page_set_recoveries (MqlwStartPage *self,
                                GPtrArray     *recoveries)
{
  g_return_if_fail (MQLW_IS_START_PAGE (self));
  g_return_if_fail (recoveries != NULL);

  clear_list (self->recovery_list);
  for (guint i = 0; i < recoveries->len && i < MAX_RECOVERIES; i++)
    gtk_list_box_append (self->recovery_list, create_recovery_row (g_ptr_array_index (recoveries, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_list), recoveries->len > 0);
  gtk_widget_set_visible (self->recovery_label, recoveries->len > 0);
}
