/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-window-aggregate.c — a warehouse's calibration aggregate in the window:
 * opened beside the leads on show (whose model and columns it keeps for the
 * sample queries), and the sample queries saved one per dialect. */
#define G_LOG_DOMAIN "mqlw-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mqlw-window-private.h"

void
mqlw_window_open_aggregate (MqlwWindow        *self,
                            const char        *path,
                            MqlwModel         *model,
                            const MqlwMapping *schema)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwAggregate) aggregate = NULL;
  g_autoptr(MqlwModel) empty = NULL;
  g_autofree char *base = g_path_get_basename (path);
  MqlwWorkbenchState *state;

  g_return_if_fail (MQLW_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  aggregate = mqlw_aggregate_load (path, &error);
  if (aggregate == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), base);
      _mqlw_window_show_error (self, heading, error);
      return;
    }
  if (model == NULL)
    model = empty = mqlw_model_new ();
  g_clear_pointer (&self->sample_model, mqlw_model_unref);
  g_clear_pointer (&self->sample_schema, mqlw_mapping_free);
  self->sample_model = mqlw_model_copy (model);
  self->sample_schema = schema != NULL ? mqlw_mapping_copy (schema) : NULL;
  state = mqlw_workbench_state_new_from_aggregate (aggregate, model);
  mqlw_workbench_load_state (self->workbench, state);
  mqlw_workbench_set_months (self->workbench, NAN);
  mqlw_project_session_reset (self->session, NULL);
  _mqlw_window_apply_default_buckets (self);
  _mqlw_window_set_page (self, "workbench");
  _mqlw_window_update_project_state (self);
}

void
_mqlw_window_chosen_aggregate (MqlwWindow *self,
                               const char *path)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (self->workbench);
  MqlwModel *model = mqlw_workbench_get_model (self->workbench);
  MqlwProject *project = mqlw_project_session_get_project (self->session);
  g_autoptr(MqlwMapping) schema = NULL;
  MqlwWindow *target = self;

  /* The model and columns of the leads on show give the threshold and the sample queries. */
  if (dataset != NULL && !mqlw_workbench_is_aggregate (self->workbench))
    {
      schema = mqlw_sql_schema_from_dataset (dataset, project != NULL ? mqlw_project_get_mapping (project) : NULL);
      /* Beside them, not instead of them. */
      target = mqlw_window_new (MQLW_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (target));
    }
  else if (self->sample_schema != NULL)
    schema = mqlw_mapping_copy (self->sample_schema);
  mqlw_window_open_aggregate (target, path, model, schema);
}

/* One sample query per dialect into the chosen folder: sample-DIALECT.sql. */
void
_mqlw_window_chosen_sample_folder (MqlwWindow *self,
                                   const char *folder)
{
  g_autoptr(GError) error = NULL;

  for (guint d = 0; d < MQLW_SQL_N_DIALECTS; d++)
    {
      MqlwSqlOptions options = { .dialect = d, .query = MQLW_SQL_QUERY_SAMPLE };
      g_autofree char *name = g_strdup_printf ("sample-%s.sql", mqlw_sql_dialect_to_string (d));
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *sql = mqlw_sql_build (self->sample_model, self->sample_schema, &options, &error);

      if (sql == NULL || !mqlw_export_write_file (path, sql, -1, &error))
        {
          _mqlw_window_show_error (self, _("Could Not Save the Sample Queries"), error);
          return;
        }
    }
  _mqlw_window_show_toast (self, _("Sample queries saved, one per warehouse"), NULL);
}
