/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project-session"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mqlw-background.h"
#include "mqlw-project-session-private.h"

#define IDLE_AUTOSAVE_S   30   /* a recovery copy this long after the last edit */

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The document's file; no export of this window may be written over it. */
static void
set_path (MqlwProjectSession *self,
          const char         *path)
{
  char *old = self->path;

  self->path = g_strdup (path);
  if (old != NULL)
    mqlw_safe_write_unprotect (old);
  if (path != NULL)
    mqlw_safe_write_protect (path, _("the project open in this window"));
  g_free (old);
}

G_DEFINE_FINAL_TYPE (MqlwProjectSession, mqlw_project_session, G_TYPE_OBJECT)

static void
op_free (Op *op)
{
  g_clear_pointer (&op->project, mqlw_project_unref);
  g_clear_pointer (&op->state, mqlw_workbench_state_free);
  g_free (op->path);
  g_free (op->logical_path);
  g_clear_pointer (&op->approvers, g_ptr_array_unref);
  g_free (op->notes);
  g_free (op->bucket_spec);
  g_clear_pointer (&op->key, mqlw_signing_key_free);
  g_free (op->signer);
  if (op->passphrase != NULL)
    memset (op->passphrase, 0, strlen (op->passphrase));
  g_free (op->passphrase);
  g_clear_pointer (&op->signoff, mqlw_signoff_unref);
  g_clear_error (&op->signature_error);
  g_free (op);
}

void
_mqlw_project_session_op_set_request (Op                    *op,
                                      const MqlwSignRequest *request)
{
  if (request == NULL || request->key == NULL || request->name == NULL)
    return;
  op->key = mqlw_signing_key_copy (request->key);
  op->signer = g_strdup (request->name);
  op->signer_team = request->team;
  op->passphrase = g_strdup (request->passphrase);
}

static void on_progress (double fraction, gpointer user_data);

/* Saves @op's project to its file, when it has one. */
static gboolean
save_op_project (Op           *op,
                 GCancellable *cancellable,
                 GError      **error)
{
  if (op->path == NULL)
    return TRUE;
  if (g_strcmp0 (op->path, mqlw_project_get_path (op->project)) == 0)
    return mqlw_project_save (op->project, on_progress, op->session, cancellable, error);
  return mqlw_project_save_as (op->project, op->path, on_progress, op->session, cancellable, error);
}

/* ---- helpers ------------------------------------------------------------ */

void
_mqlw_project_session_emit_changed (MqlwProjectSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_task (MqlwProjectSession *self,
          GTask              *task)
{
  gboolean was_busy = self->task != NULL;

  g_set_object (&self->task, task);
  if (was_busy != (self->task != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  MqlwProjectSession *self = user_data;

  g_atomic_int_set (&self->progress, (gint) CLAMP (fraction * 10000.0, 0, 10000));
}

char *
_mqlw_project_session_dup_recovery_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "mql-workbench", "recovery", NULL);
}

char *
_mqlw_project_session_dup_sidecar_path (const char *copy_path)
{
  g_autofree char *stem = g_strndup (copy_path, strlen (copy_path) - strlen (MQLW_PROJECT_SUFFIX));

  return g_strconcat (stem, ".ini", NULL);
}

/* ---- workbench ---------------------------------------------------------- */

static gboolean
autosave_idle_cb (gpointer user_data)
{
  MqlwProjectSession *self = user_data;

  self->idle_source = 0;
  if (self->task == NULL && self->edits != self->edits_autosaved && mqlw_project_session_is_dirty (self))
    mqlw_project_session_autosave_async (self, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* The period stated in the window goes into the project (saved with it);
 * not while a save or sign-off works on the project. */
static void
sync_months (MqlwProjectSession *self)
{
  double months = mqlw_workbench_get_months (self->workbench);
  double stored;

  if (self->project == NULL || self->task != NULL)
    return;
  stored = mqlw_project_get_months (self->project);
  if (stored != months && !(isnan (stored) && isnan (months)))
    mqlw_project_set_months (self->project, months);
}

static void
on_workbench_changed_cb (MqlwWorkbench *workbench,
                         guint          change,
                         gpointer       user_data)
{
  MqlwProjectSession *self = user_data;

  sync_months (self);
  if (change & (MQLW_WORKBENCH_CHANGED_MODEL | MQLW_WORKBENCH_CHANGED_STRUCTURE |
                MQLW_WORKBENCH_CHANGED_SCORES | MQLW_WORKBENCH_CHANGED_THRESHOLD))
    {
      self->edits++;
      g_clear_handle_id (&self->idle_source, g_source_remove);
      if (self->autosave_minutes > 0)
        self->idle_source = g_timeout_add_seconds (IDLE_AUTOSAVE_S, autosave_idle_cb, self);
    }
  _mqlw_project_session_emit_changed (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
mqlw_project_session_dispose (GObject *object)
{
  MqlwProjectSession *self = (MqlwProjectSession *) object;

  g_clear_handle_id (&self->interval_source, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->autosave_cancellable != NULL)
    g_cancellable_cancel (self->autosave_cancellable);
  if (self->workbench != NULL)
    g_signal_handlers_disconnect_by_data (self->workbench, self);
  g_clear_object (&self->workbench);

  G_OBJECT_CLASS (mqlw_project_session_parent_class)->dispose (object);
}

static void
mqlw_project_session_finalize (GObject *object)
{
  MqlwProjectSession *self = (MqlwProjectSession *) object;

  g_clear_pointer (&self->project, mqlw_project_unref);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  g_clear_object (&self->task);
  g_clear_object (&self->pending);
  g_clear_object (&self->autosave_cancellable);
  set_path (self, NULL);
  g_free (self->untitled_id);

  G_OBJECT_CLASS (mqlw_project_session_parent_class)->finalize (object);
}

static void
mqlw_project_session_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MqlwProjectSession *self = MQLW_PROJECT_SESSION (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->task != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mqlw_project_session_class_init (MqlwProjectSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mqlw_project_session_dispose;
  object_class->finalize = mqlw_project_session_finalize;
  object_class->get_property = mqlw_project_session_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The project, its file, its versions or its unsaved state changed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mqlw_project_session_init (MqlwProjectSession *self)
{
  self->untitled_id = g_uuid_string_random ();
  self->autosave_minutes = 2;
}

MqlwProjectSession *
mqlw_project_session_new (MqlwWorkbench *workbench)
{
  MqlwProjectSession *self;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (workbench), NULL);

  self = g_object_new (MQLW_TYPE_PROJECT_SESSION, NULL);
  self->workbench = g_object_ref (workbench);
  g_signal_connect (workbench, "changed", G_CALLBACK (on_workbench_changed_cb), self);
  _mqlw_project_session_restart_interval (self);
  return self;
}

/* ---- state -------------------------------------------------------------- */

MqlwWorkbench *
mqlw_project_session_get_workbench (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  return self->workbench;
}

MqlwProject *
mqlw_project_session_get_project (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  return self->project;
}

const char *
mqlw_project_session_get_path (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  return self->path;
}

char *
mqlw_project_session_dup_title (MqlwProjectSession *self)
{
  g_autofree char *base = NULL;
  MqlwDataset *dataset;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);

  if (self->path != NULL)
    base = g_path_get_basename (self->path);
  else if ((dataset = mqlw_workbench_get_dataset (self->workbench)) != NULL && dataset->source_name != NULL)
    base = g_path_get_basename (dataset->source_name);
  else
    return g_strdup (_("Untitled Project"));
  if (strrchr (base, '.') != NULL && strrchr (base, '.') != base)
    *strrchr (base, '.') = '\0';
  return g_steal_pointer (&base);
}

/* A damaged version holds no model, so it holds none of ours. */
gboolean
_mqlw_project_session_version_holds (const MqlwModelVersion *version,
                                     MqlwModel              *model)
{
  return version != NULL && version->model != NULL && mqlw_model_equal (version->model, model);
}

gboolean
mqlw_project_session_is_dirty (MqlwProjectSession *self)
{
  const MqlwModelVersion *head;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);

  if (!mqlw_workbench_has_data (self->workbench))
    return FALSE;
  if (self->project == NULL)
    return !mqlw_model_equal (mqlw_workbench_get_model (self->workbench),
                              mqlw_workbench_get_baseline (self->workbench));
  if (self->recovered || self->path == NULL || mqlw_project_is_dirty (self->project))
    return TRUE;
  head = mqlw_project_get_head (self->project);
  return head == NULL || !_mqlw_project_session_version_holds (head, mqlw_workbench_get_model (self->workbench));
}

gboolean
mqlw_project_session_is_busy (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  return self->task != NULL;
}

double
mqlw_project_session_get_progress (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), 0);
  return g_atomic_int_get (&self->progress) / 10000.0;
}

void
mqlw_project_session_cancel (MqlwProjectSession *self)
{
  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));

  if (self->task != NULL && g_task_get_cancellable (self->task) != NULL)
    g_cancellable_cancel (g_task_get_cancellable (self->task));
}

void
mqlw_project_session_reset (MqlwProjectSession *self,
                            const MqlwMapping  *mapping)
{
  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));

  g_clear_pointer (&self->project, mqlw_project_unref);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  set_path (self, NULL);
  if (mapping != NULL)
    self->mapping = mqlw_mapping_copy (mapping);
  g_free (self->untitled_id);
  self->untitled_id = g_uuid_string_random ();
  self->recovered = FALSE;
  self->edits_autosaved = self->edits;
  _mqlw_project_session_emit_changed (self);
}

const MqlwMapping *
mqlw_project_session_get_mapping (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  return self->mapping;
}

MqlwProject *
mqlw_project_session_ensure_project (MqlwProjectSession *self)
{
  MqlwDataset *dataset;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  g_return_val_if_fail (self->task == NULL, NULL);

  dataset = mqlw_workbench_get_dataset (self->workbench);
  if (dataset == NULL)
    return self->project;
  if (self->project == NULL)
    self->project = mqlw_project_new (dataset, self->mapping);
  else if (mqlw_project_get_dataset (self->project) != dataset)
    mqlw_project_set_dataset (self->project, dataset, self->mapping);   /* a re-import */
  sync_months (self);
  return self->project;
}

guint
mqlw_project_session_store_model (MqlwProjectSession *self,
                                  const char         *author,
                                  const char         *comment)
{
  MqlwProject *project;
  guint head;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), 0);
  g_return_val_if_fail (self->task == NULL, 0);

  if (!(project = mqlw_project_session_ensure_project (self)))
    return 0;
  head = mqlw_project_save_model (project, mqlw_workbench_get_model (self->workbench),
                                  author != NULL ? author : "", comment != NULL ? comment : "");
  _mqlw_project_session_emit_changed (self);
  return head;
}

static MqlwModel *
create_fallback_model (MqlwDataset *dataset)
{
  MqlwModel *model = mqlw_model_new ();
  MqlwColumn *score = mqlw_dataset_find_role (dataset, MQLW_ROLE_SCORE);

  if (score != NULL)
    model->score_column = g_strdup (score->name);
  return model;
}

/* The head's model, or when the head is damaged the newest one that reads
 * (the window lists the damage); NULL when there is none. */
static MqlwModel *
newest_readable_model (MqlwProject *project)
{
  for (guint n = mqlw_project_get_n_versions (project); n >= 1; n--)
    {
      const MqlwModelVersion *version = mqlw_project_get_version (project, n);
      if (version->model != NULL)
        return mqlw_model_copy (version->model);
    }
  return NULL;
}

/* ---- the worker --------------------------------------------------------- */

static void
run_op_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  mqlw_background_thread_begin ();
  switch (op->kind)
    {
    case OP_OPEN:
      op->project = mqlw_project_open (op->path, on_progress, op->session, cancellable, &error);
      ok = op->project != NULL;
      /* The figures too, so that the main thread only swaps them in. */
      if (ok)
        {
          MqlwDataset *dataset = mqlw_project_get_dataset (op->project);
          g_autoptr(MqlwModel) model = NULL;

          if (dataset == NULL)
            {
              g_set_error (&error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NO_DATASET,
                           _("“%s” holds no lead history yet."), op->path);
              ok = FALSE;
              break;
            }
          model = newest_readable_model (op->project);
          if (model == NULL)
            model = create_fallback_model (dataset);
          op->state = mqlw_workbench_state_new (dataset, model, NULL, cancellable, &error);
          if (op->state == NULL)
            {
              g_prefix_error (&error, _("The project “%s” opened, but its model does not fit its data: "), op->path);
              ok = FALSE;
            }
          /* The ids and e-mails a reopen leaves in the file are loaded by
           * what reads them: on their worker (segments, report, save as), or
           * through mqlw_workbench_load_columns_async () for the window. */
        }
      break;

    case OP_SAVE:
      if (op->path != NULL)
        ok = mqlw_project_save_as (op->project, op->path, on_progress, op->session, cancellable, &error);
      else
        ok = mqlw_project_save (op->project, on_progress, op->session, cancellable, &error);
      break;

    case OP_SIGN:
      {
        MqlwSignoff *signoff;

        signoff = mqlw_project_sign (op->project, 0, op->approvers, op->notes,
                                     op->has_signed_on ? &op->signed_on : NULL,
                                     op->has_review_on ? &op->review_on : NULL,
                                     op->bucket_spec, cancellable, &error);
        ok = signoff != NULL;
        /* The approver at the keyboard signs with their key; when that fails,
         * the sign-off stays and waits for the signature. */
        if (ok && op->key != NULL &&
            mqlw_signoff_add_signature (signoff, op->key, op->signer, op->signer_team, op->passphrase, NULL,
                                        cancellable, &op->signature_error) == NULL)
          g_assert (op->signature_error != NULL);
        /* Signed and kept: a project with a file is saved at once. */
        if (ok && !(ok = save_op_project (op, cancellable, &error)))
          g_prefix_error (&error, _("The model is signed, but the project could not be saved: "));
      }
      break;

    case OP_ADD_SIGNATURE:
      ok = mqlw_signoff_add_signature (op->signoff, op->key, op->signer, op->signer_team, op->passphrase, NULL,
                                       cancellable, &error) != NULL;
      if (ok)
        {
          mqlw_project_signoff_changed (op->project);
          if (!(ok = save_op_project (op, cancellable, &error)))
            g_prefix_error (&error, _("The signature was added, but the project could not be saved: "));
        }
      break;

    case OP_AUTOSAVE:
      ok = mqlw_project_write_copy (op->project, op->path, NULL, NULL, cancellable, &error);
      break;
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    mqlw_background_return_error (task, error);
}

GTask *
_mqlw_project_session_new_op_task (MqlwProjectSession  *self,
                                   OpKind               kind,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->session = self;
  op->kind = kind;
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_set_source_tag (task, GINT_TO_POINTER (kind));
  return task;
}

/* Runs @task now, or once a cancelled autosave has ended. Refuses a second
 * operation while one the person started is running. */
void
_mqlw_project_session_start_task (MqlwProjectSession *self,
                                  GTask              *task)
{
  Op *op = g_task_get_task_data (task);

  if (self->task != NULL)
    {
      Op *running = g_task_get_task_data (self->task);

      if (running->kind == OP_AUTOSAVE && op->kind != OP_AUTOSAVE && self->pending == NULL)
        {
          self->pending = g_object_ref (task);
          g_cancellable_cancel (self->autosave_cancellable);
          return;
        }
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another file operation is still running; try again when it has finished."));
      return;
    }
  g_atomic_int_set (&self->progress, 0);
  set_task (self, task);
  g_task_run_in_thread (task, run_op_thread);
}

/* Called by every _finish: the operation is over, start the one waiting. */
void
_mqlw_project_session_finish_task (MqlwProjectSession *self,
                                   GTask              *task)
{
  if (self->task == task)
    set_task (self, NULL);
  if (self->task == NULL && self->pending != NULL)
    {
      g_autoptr(GTask) pending = g_steal_pointer (&self->pending);
      Op *op = g_task_get_task_data (pending);

      /* Prepared on the main thread before it was queued: refresh the model. */
      if (op->kind == OP_SAVE || op->kind == OP_SIGN)
        mqlw_project_save_model (op->project, mqlw_workbench_get_model (self->workbench), "", "");
      _mqlw_project_session_start_task (self, pending);
    }
}

/* ---- open --------------------------------------------------------------- */

void
mqlw_project_session_open_async (MqlwProjectSession  *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (path != NULL);

  task = _mqlw_project_session_new_op_task (self, OP_OPEN, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->path = g_strdup (path);
  op->logical_path = g_strdup (path);
  _mqlw_project_session_start_task (self, task);
}

void
mqlw_project_session_recover_async (MqlwProjectSession  *self,
                                    const MqlwRecovery  *recovery,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (recovery != NULL);

  task = _mqlw_project_session_new_op_task (self, OP_OPEN, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->path = g_strdup (recovery->copy_path);
  op->logical_path = g_strdup (recovery->project_path);
  op->recover = TRUE;
  _mqlw_project_session_start_task (self, task);
}

gboolean
mqlw_project_session_open_finish (MqlwProjectSession  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  GTask *task = G_TASK (result);
  Op *op = g_task_get_task_data (task);

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  _mqlw_project_session_finish_task (self, task);
  /* All or nothing: the workbench keeps its state unless everything worked. */
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  mqlw_workbench_load_state (self->workbench, g_steal_pointer (&op->state));

  g_clear_pointer (&self->project, mqlw_project_unref);
  self->project = g_steal_pointer (&op->project);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  if (mqlw_project_get_mapping (self->project) != NULL)
    self->mapping = mqlw_mapping_copy (mqlw_project_get_mapping (self->project));
  set_path (self, op->logical_path);
  /* The period the project states, before anything could store the old one in it. */
  {
    MqlwProject *project = g_steal_pointer (&self->project);

    mqlw_workbench_set_months (self->workbench, mqlw_project_get_months (project));
    self->project = project;
  }
  self->recovered = op->recover;
  if (op->recover)
    mqlw_project_session_discard_recovery (op->path);
  self->edits_autosaved = self->edits;
  _mqlw_project_session_emit_changed (self);
  return TRUE;
}

/* ---- save --------------------------------------------------------------- */

void
mqlw_project_session_save_async (MqlwProjectSession  *self,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MqlwProject *project;
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));

  task = _mqlw_project_session_new_op_task (self, OP_SAVE, cancellable, callback, user_data);
  if (path == NULL && self->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                               _("Choose where to save the project first."));
      return;
    }
  if (self->task != NULL && self->pending != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another file operation is still running; try again when it has finished."));
      return;
    }
  if (self->task == NULL)
    mqlw_project_session_store_model (self, NULL, NULL);
  project = self->project;
  if (project == NULL)
    {
      g_task_return_new_error (task, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NO_DATASET, "%s",
                               _("There is no lead history to save yet."));
      return;
    }
  op = g_task_get_task_data (task);
  op->project = mqlw_project_ref (project);
  /* Save As, a first save, or the first save after a recovery: write a whole new file. */
  if (path != NULL)
    op->path = g_strdup (path);
  else if (g_strcmp0 (mqlw_project_get_path (project), self->path) != 0)
    op->path = g_strdup (self->path);
  _mqlw_project_session_start_task (self, task);
}

gboolean
mqlw_project_session_save_finish (MqlwProjectSession  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  GTask *task = G_TASK (result);
  Op *op = g_task_get_task_data (task);

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  _mqlw_project_session_finish_task (self, task);
  if (!g_task_propagate_boolean (task, error))
    {
      _mqlw_project_session_emit_changed (self);
      return FALSE;
    }
  if (op->path != NULL)
    {
      g_autofree char *old_copy = mqlw_project_session_dup_recovery_path (self);

      set_path (self, op->path);
      mqlw_project_session_discard_recovery (old_copy);
    }
  self->recovered = FALSE;
  {
    g_autofree char *copy = mqlw_project_session_dup_recovery_path (self);
    mqlw_project_session_discard_recovery (copy);
  }
  self->edits_autosaved = self->edits;
  _mqlw_project_session_emit_changed (self);
  return TRUE;
}
