/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-a11y.h"
#include "mqlw-application.h"
#include "mqlw-resources.h"
#include "mqlw-window.h"

#define RESOURCE_BASE "/io/github/mqlworkbench/Workbench"
#define SAMPLE_HISTORY "leads-5000.csv"

struct _MqlwApplication
{
  AdwApplication parent_instance;
  gboolean       open_sample;   /* --sample: the bundled history on the first activation */
};

G_DEFINE_FINAL_TYPE (MqlwApplication, mqlw_application, ADW_TYPE_APPLICATION)

char *
mqlw_application_samples_dir (void)
{
  const char *candidates[] = {
    g_getenv ("MQLW_SAMPLES_DIR"),
    PKGDATADIR "/samples",
    SOURCE_SAMPLES_DIR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *probe = NULL;

      if (candidates[i] == NULL || candidates[i][0] == '\0')
        continue;
      probe = g_build_filename (candidates[i], SAMPLE_HISTORY, NULL);
      if (g_file_test (probe, G_FILE_TEST_IS_REGULAR))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

static MqlwWindow *
get_window (MqlwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (mqlw_window_new (self));
      mqlw_window_restore_state (MQLW_WINDOW (window));
    }
  return MQLW_WINDOW (window);
}

static void
mqlw_application_activate (GApplication *app)
{
  MqlwApplication *self = MQLW_APPLICATION (app);
  MqlwWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  if (self->open_sample)
    {
      self->open_sample = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
    }
}

static int
mqlw_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "sample"))
    MQLW_APPLICATION (app)->open_sample = TRUE;
  /* Go on with the default handling: activate or open. */
  return -1;
}

static void
mqlw_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  /* The desktop file passes %F: a .mqlw project is opened, anything else
   * goes to the CSV import (its mapping page). One window per file. */
  for (int i = 0; i < n_files; i++)
    {
      MqlwWindow *window = mqlw_window_new (MQLW_APPLICATION (app));

      mqlw_window_restore_state (window);
      gtk_window_present (GTK_WINDOW (window));
      mqlw_window_open_file (window, files[i]);
    }
}

static void
on_quit_cb (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_new_window_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  MqlwWindow *window = mqlw_window_new (MQLW_APPLICATION (user_data));

  mqlw_window_restore_state (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_about_cb (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  MqlwApplication *self = user_data;
  const char *developers[] = { _("MQL Workbench contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("MQL Workbench"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("MQL Workbench contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Calibrate the Marketing Qualified Lead threshold from your lead history, together."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your name(s), one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
mqlw_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", on_quit_cb },
    { "about", on_about_cb },
    { "new-window", on_new_window_cb },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control>n", NULL } },
    /* The window's own shortcuts are binding actions on its class. */
  };

  G_APPLICATION_CLASS (mqlw_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  mqlw_a11y_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
mqlw_application_class_init (MqlwApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = mqlw_application_activate;
  app_class->handle_local_options = mqlw_application_handle_local_options;
  app_class->open = mqlw_application_open;
  app_class->startup = mqlw_application_startup;
}

static void
mqlw_application_init (MqlwApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "sample", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Open the bundled sample history with the workshop's starting model"), NULL);
}

MqlwApplication *
mqlw_application_new (const char        *application_id,
                      GApplicationFlags  flags)
{
  static gsize registered = 0;

  g_return_val_if_fail (application_id != NULL, NULL);

  if (g_once_init_enter (&registered))
    {
      mqlw_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return g_object_new (MQLW_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
