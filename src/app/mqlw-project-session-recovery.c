/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project session's autosave and recovery copies: a copy of the unsaved
 * work with a sidecar naming what it recovers (see
 * mqlw-project-session-private.h). */
#define G_LOG_DOMAIN "mqlw-project-session"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mqlw-project-session-private.h"

/* ---- autosave and recovery ---------------------------------------------- */

static gboolean
autosave_interval_cb (gpointer user_data)
{
  MqlwProjectSession *self = user_data;

  if (self->task == NULL && self->edits != self->edits_autosaved && mqlw_project_session_is_dirty (self))
    mqlw_project_session_autosave_async (self, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

void
_mqlw_project_session_restart_interval (MqlwProjectSession *self)
{
  g_clear_handle_id (&self->interval_source, g_source_remove);
  if (self->autosave_minutes > 0)
    self->interval_source = g_timeout_add_seconds (self->autosave_minutes * 60, autosave_interval_cb, self);
}

void
mqlw_project_session_set_autosave_interval (MqlwProjectSession *self,
                                            guint               minutes)
{
  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));

  if (self->autosave_minutes == minutes)
    return;
  self->autosave_minutes = minutes;
  _mqlw_project_session_restart_interval (self);
  if (minutes == 0)
    g_clear_handle_id (&self->idle_source, g_source_remove);
}

char *
mqlw_project_session_dup_recovery_path (MqlwProjectSession *self)
{
  g_autofree char *dir = _mqlw_project_session_dup_recovery_dir ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);

  if (self->path != NULL)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->path, -1);
      name = g_strconcat ("project-", digest, MQLW_PROJECT_SUFFIX, NULL);
    }
  else
    name = g_strconcat ("untitled-", self->untitled_id, MQLW_PROJECT_SUFFIX, NULL);
  return g_build_filename (dir, name, NULL);
}

static void
on_autosave_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MqlwProjectSession *self = MQLW_PROJECT_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (!mqlw_project_session_autosave_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not write the recovery copy: %s", error->message);
}

void
mqlw_project_session_autosave_async (MqlwProjectSession  *self,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = _mqlw_project_session_dup_recovery_dir ();
  g_autofree char *sidecar = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));

  g_clear_object (&self->autosave_cancellable);
  self->autosave_cancellable = g_cancellable_new ();
  task = _mqlw_project_session_new_op_task (self, OP_AUTOSAVE, self->autosave_cancellable,
                      callback != NULL ? callback : on_autosave_done_cb, user_data);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another file operation is still running; try again when it has finished."));
      return;
    }
  if (mqlw_project_session_store_model (self, NULL, NULL) == 0 && self->project == NULL)
    {
      g_task_return_new_error (task, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NO_DATASET, "%s",
                               _("There is no lead history to keep a copy of yet."));
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not create the folder “%s” for recovery copies: %s"),
                               dir, g_strerror (saved_errno));
      return;
    }
  op = g_task_get_task_data (task);
  op->project = mqlw_project_ref (self->project);
  op->path = mqlw_project_session_dup_recovery_path (self);
  /* Which project the copy recovers, beside it. */
  sidecar = _mqlw_project_session_dup_sidecar_path (op->path);
  if (self->path != NULL)
    g_key_file_set_string (keys, RECOVERY_GROUP, "project", self->path);
  g_key_file_set_string (keys, RECOVERY_GROUP, "copy", op->path);
  {
    g_autofree char *title = mqlw_project_session_dup_title (self);
    g_key_file_set_string (keys, RECOVERY_GROUP, "title", title);
  }
  g_key_file_save_to_file (keys, sidecar, NULL);
  self->edits_autosaved = self->edits;
  _mqlw_project_session_start_task (self, task);
}

gboolean
mqlw_project_session_autosave_finish (MqlwProjectSession  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  _mqlw_project_session_finish_task (self, task);
  return g_task_propagate_boolean (task, error);
}

void
mqlw_recovery_free (MqlwRecovery *recovery)
{
  if (recovery == NULL)
    return;
  g_free (recovery->copy_path);
  g_free (recovery->project_path);
  g_free (recovery->title);
  g_clear_pointer (&recovery->saved, g_date_time_unref);
  g_free (recovery);
}

static gint64
get_mtime (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return -1;
  return (gint64) st.st_mtime;
}

static int
compare_recoveries (gconstpointer a,
                    gconstpointer b)
{
  const MqlwRecovery *ra = *(const MqlwRecovery **) a;
  const MqlwRecovery *rb = *(const MqlwRecovery **) b;

  return -g_date_time_compare (ra->saved, rb->saved);
}

GPtrArray *
mqlw_project_session_list_recoveries (void)
{
  g_autofree char *dir_path = _mqlw_project_session_dup_recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_recovery_free);
  const char *name;

  if (dir == NULL)
    return found;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *copy = NULL;
      g_autofree char *sidecar = NULL;
      g_autoptr(GKeyFile) keys = g_key_file_new ();
      MqlwRecovery *recovery;
      gint64 copy_time, project_time;

      if (!g_str_has_suffix (name, MQLW_PROJECT_SUFFIX))
        continue;
      copy = g_build_filename (dir_path, name, NULL);
      sidecar = _mqlw_project_session_dup_sidecar_path (copy);
      if (!g_key_file_load_from_file (keys, sidecar, G_KEY_FILE_NONE, NULL))
        continue;
      copy_time = get_mtime (copy);
      if (copy_time < 0)
        continue;
      recovery = g_new0 (MqlwRecovery, 1);
      recovery->copy_path = g_steal_pointer (&copy);
      recovery->project_path = g_key_file_get_string (keys, RECOVERY_GROUP, "project", NULL);
      recovery->title = g_key_file_get_string (keys, RECOVERY_GROUP, "title", NULL);
      recovery->saved = g_date_time_new_from_unix_local (copy_time);
      project_time = recovery->project_path != NULL ? get_mtime (recovery->project_path) : -1;
      /* Only a copy newer than its project holds work that would be lost. */
      if (recovery->project_path != NULL && project_time >= 0 && project_time > copy_time)
        {
          mqlw_project_session_discard_recovery (recovery->copy_path);
          mqlw_recovery_free (recovery);
          continue;
        }
      g_ptr_array_add (found, recovery);
    }
  g_ptr_array_sort (found, compare_recoveries);
  return found;
}

void
mqlw_project_session_discard_recovery (const char *copy_path)
{
  g_autofree char *sidecar = NULL;

  g_return_if_fail (copy_path != NULL);

  if (!g_str_has_suffix (copy_path, MQLW_PROJECT_SUFFIX))
    return;
  sidecar = _mqlw_project_session_dup_sidecar_path (copy_path);
  g_remove (copy_path);
  g_remove (sidecar);
}
