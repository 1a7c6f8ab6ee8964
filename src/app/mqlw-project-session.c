/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project-session"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mqlw-project-session.h"
#include "mqlw-background.h"

#define IDLE_AUTOSAVE_S   30   /* a recovery copy this long after the last edit */
#define RECOVERY_GROUP    "Recovery"

struct _MqlwProjectSession
{
  GObject        parent_instance;

  MqlwWorkbench *workbench;
  MqlwProject   *project;
  MqlwMapping   *mapping;          /* of the untitled import, for the project to come */
  char          *path;             /* the document's file: where Save writes */
  char          *untitled_id;      /* names the recovery copy while untitled */
  gboolean       recovered;        /* opened from a recovery copy: unsaved until saved */
  GTask         *task;             /* the file operation in flight */
  GTask         *pending;          /* waits for a cancelled autosave to end */
  GCancellable  *autosave_cancellable;
  gint           progress;         /* 0 … 10000, written by the worker */
  guint          autosave_minutes;
  guint          interval_source;
  guint          idle_source;
  guint64        edits;            /* model edits seen */
  guint64        edits_autosaved;  /* edits covered by the last recovery copy */
};

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

typedef enum {
  OP_OPEN = 1,
  OP_SAVE,
  OP_SIGN,
  OP_AUTOSAVE,
  OP_ADD_SIGNATURE,
} OpKind;

typedef struct {
  MqlwProjectSession *session;     /* weak: the task holds a ref on its source */
  OpKind              kind;
  MqlwProject        *project;     /* the one worked on (or opened) */
  char               *path;        /* open: the file; save: NULL = own file; autosave: the copy */
  char               *logical_path;/* recover: the original project (or NULL) */
  gboolean            recover;
  GPtrArray          *approvers;
  char               *notes;
  char               *bucket_spec; /* sign: the scheme on show */
  GDate               signed_on;
  GDate               review_on;
  MqlwWorkbenchState *state;       /* open: the workbench's figures, built in the worker */
  gboolean            has_signed_on;
  gboolean            has_review_on;
  MqlwSigningKey     *key;         /* sign, add signature: who signs with which key */
  char               *signer;
  MqlwTeam            signer_team;
  char               *passphrase;
  MqlwSignoff        *signoff;     /* add signature: the one signed */
  GError             *signature_error;   /* sign: made, but the key signature failed */
} Op;

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

static void
op_set_request (Op                    *op,
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

static void
emit_changed (MqlwProjectSession *self)
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

static char *
dup_recovery_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "mql-workbench", "recovery", NULL);
}

static char *
dup_sidecar_path (const char *copy_path)
{
  g_autofree char *stem = g_strndup (copy_path, strlen (copy_path) - strlen (MQLW_PROJECT_SUFFIX));

  return g_strconcat (stem, ".ini", NULL);
}

static void
restart_interval (MqlwProjectSession *self);

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
  emit_changed (self);
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
  restart_interval (self);
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
static gboolean
version_holds (const MqlwModelVersion *version,
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
  return head == NULL || !version_holds (head, mqlw_workbench_get_model (self->workbench));
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
  emit_changed (self);
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
  emit_changed (self);
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

static void start_task (MqlwProjectSession *self,
                        GTask              *task);

static GTask *
new_op_task (MqlwProjectSession  *self,
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
static void
start_task (MqlwProjectSession *self,
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
static void
finish_task (MqlwProjectSession *self,
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
      start_task (self, pending);
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

  task = new_op_task (self, OP_OPEN, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->path = g_strdup (path);
  op->logical_path = g_strdup (path);
  start_task (self, task);
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

  task = new_op_task (self, OP_OPEN, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->path = g_strdup (recovery->copy_path);
  op->logical_path = g_strdup (recovery->project_path);
  op->recover = TRUE;
  start_task (self, task);
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

  finish_task (self, task);
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
  emit_changed (self);
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

  task = new_op_task (self, OP_SAVE, cancellable, callback, user_data);
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
  start_task (self, task);
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

  finish_task (self, task);
  if (!g_task_propagate_boolean (task, error))
    {
      emit_changed (self);
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
  emit_changed (self);
  return TRUE;
}

/* ---- sign --------------------------------------------------------------- */

void
mqlw_project_session_sign_async (MqlwProjectSession  *self,
                                 GPtrArray           *approvers,
                                 const char          *notes,
                                 const GDate         *signed_on,
                                 const GDate         *review_on,
                                 const MqlwSignRequest *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (approvers != NULL);

  task = new_op_task (self, OP_SIGN, cancellable, callback, user_data);
  op_set_request (g_task_get_task_data (task), request);
  if (self->task != NULL && self->pending != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another file operation is still running; try again when it has finished."));
      return;
    }
  if (self->task == NULL)
    mqlw_project_session_store_model (self, NULL, NULL);
  if (self->project == NULL)
    {
      g_task_return_new_error (task, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NO_DATASET, "%s",
                               _("There is no lead history to sign a model over yet."));
      return;
    }
  op = g_task_get_task_data (task);
  op->project = mqlw_project_ref (self->project);
  op->path = g_strdup (self->path);
  op->approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  for (guint i = 0; i < approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (approvers, i);
      g_ptr_array_add (op->approvers, mqlw_approver_new (a->name, a->role, a->team));
    }
  op->notes = g_strdup (notes != NULL ? notes : "");
  /* The sign-off records the bucket scheme on show, not a fixed one. */
  if (mqlw_workbench_get_bucket_spec (self->workbench) != NULL)
    op->bucket_spec = mqlw_bucket_spec_to_string (mqlw_workbench_get_bucket_spec (self->workbench));
  if (signed_on != NULL && g_date_valid (signed_on))
    {
      op->signed_on = *signed_on;
      op->has_signed_on = TRUE;
    }
  if (review_on != NULL && g_date_valid (review_on))
    {
      op->review_on = *review_on;
      op->has_review_on = TRUE;
    }
  start_task (self, task);
}

MqlwSignoff *
mqlw_project_session_sign_finish (MqlwProjectSession  *self,
                                  GAsyncResult        *result,
                                  GError             **signature_error,
                                  GError             **error)
{
  GTask *task = G_TASK (result);
  Op *op = g_task_get_task_data (task);
  MqlwSignoff *signoff;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  finish_task (self, task);
  if (op->signature_error != NULL && g_task_had_error (task) == FALSE)
    g_propagate_error (signature_error, g_steal_pointer (&op->signature_error));
  if (!g_task_propagate_boolean (task, error))
    {
      emit_changed (self);
      /* Signed but not saved still returns the error; the sign-off is in the project. */
      return NULL;
    }
  signoff = self->project != NULL ? mqlw_project_get_latest_signoff (self->project) : NULL;
  emit_changed (self);
  return signoff;
}

void
mqlw_project_session_add_signature_async (MqlwProjectSession    *self,
                                          MqlwSignoff           *signoff,
                                          const MqlwSignRequest *request,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (signoff != NULL);
  g_return_if_fail (request != NULL && request->key != NULL);

  task = new_op_task (self, OP_ADD_SIGNATURE, cancellable, callback, user_data);
  if (self->project == NULL || (self->task != NULL && self->pending != NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("Another file operation is still running; try again when it has finished."));
      return;
    }
  op = g_task_get_task_data (task);
  op->project = mqlw_project_ref (self->project);
  op->path = g_strdup (self->path);
  op->signoff = mqlw_signoff_ref (signoff);
  op_set_request (op, request);
  start_task (self, task);
}

gboolean
mqlw_project_session_add_signature_finish (MqlwProjectSession  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  GTask *task = G_TASK (result);
  gboolean ok;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  finish_task (self, task);
  ok = g_task_propagate_boolean (task, error);
  emit_changed (self);
  return ok;
}

/* ---- trusted approver cards --------------------------------------------- */

gboolean
mqlw_project_session_add_trusted_card (MqlwProjectSession  *self,
                                       const char          *card,
                                       GError             **error)
{
  MqlwProject *project;
  gboolean ok;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);

  if (!(project = mqlw_project_session_ensure_project (self)))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NO_DATASET, "%s",
                   _("Open a lead history or a project first: trusted cards are kept in the project."));
      return FALSE;
    }
  ok = mqlw_project_add_trusted_card (project, card, error);
  emit_changed (self);
  return ok;
}

gboolean
mqlw_project_session_remove_trusted_card (MqlwProjectSession *self,
                                          guint               index)
{
  gboolean removed;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);

  if (self->project == NULL)
    return FALSE;
  removed = mqlw_project_remove_trusted_card (self->project, index);
  emit_changed (self);
  return removed;
}

char *
mqlw_project_session_get_allowed_signers (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  return self->project != NULL ? mqlw_project_get_allowed_signers (self->project) : g_strdup ("");
}

/* ---- versions and scenarios --------------------------------------------- */

guint
mqlw_project_session_add_version (MqlwProjectSession *self,
                                  const char         *author,
                                  const char         *comment)
{
  const MqlwModelVersion *head;
  MqlwProject *project;
  MqlwModel *model;
  guint number;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), 0);
  g_return_val_if_fail (self->task == NULL, 0);

  if (!(project = mqlw_project_session_ensure_project (self)))
    return 0;
  model = mqlw_workbench_get_model (self->workbench);
  head = mqlw_project_get_head (project);
  if (head != NULL && head->signoff == NULL && version_holds (head, model) &&
      head->author[0] == '\0' && head->comment[0] == '\0')
    /* The working draft already holds this model: name it instead of copying it. */
    number = mqlw_project_save_model (project, model, author, comment);
  else if (version_holds (head, model))
    number = head->number;
  else
    number = mqlw_project_add_version (project, model, author != NULL ? author : "",
                                       comment != NULL ? comment : "");
  emit_changed (self);
  return number;
}

gboolean
mqlw_project_session_open_version (MqlwProjectSession  *self,
                                   guint                number,
                                   GError             **error)
{
  const MqlwModelVersion *version;
  g_autoptr(MqlwModel) model = NULL;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);

  if (self->project == NULL || !(version = mqlw_project_get_version (self->project, number)))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   _("The project has no version %u."), number);
      return FALSE;
    }
  if (version->model == NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, "%s", version->damage);
      return FALSE;
    }
  model = mqlw_model_copy (version->model);
  return mqlw_workbench_apply_model (self->workbench, model, MQLW_WORKBENCH_CHANGED_STRUCTURE, error);
}

void
mqlw_project_session_save_scenario (MqlwProjectSession *self,
                                    const char         *name,
                                    const char         *comment)
{
  MqlwProject *project;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (self->task == NULL);

  if (!(project = mqlw_project_session_ensure_project (self)))
    return;
  mqlw_project_set_scenario (project, name, mqlw_workbench_get_model (self->workbench),
                             comment != NULL ? comment : "");
  emit_changed (self);
}

gboolean
mqlw_project_session_open_scenario (MqlwProjectSession  *self,
                                    const char          *name,
                                    GError             **error)
{
  const MqlwScenario *scenario;
  g_autoptr(MqlwModel) model = NULL;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->project == NULL || !(scenario = mqlw_project_get_scenario (self->project, name)))
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   _("The project has no scenario “%s”."), name);
      return FALSE;
    }
  model = mqlw_model_copy (scenario->model);
  return mqlw_workbench_apply_model (self->workbench, model, MQLW_WORKBENCH_CHANGED_STRUCTURE, error);
}

gboolean
mqlw_project_session_remove_scenario (MqlwProjectSession *self,
                                      const char         *name)
{
  gboolean removed;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);

  if (self->project == NULL)
    return FALSE;
  removed = mqlw_project_remove_scenario (self->project, name);
  emit_changed (self);
  return removed;
}

MqlwSignoff *
mqlw_project_session_get_head_signoff (MqlwProjectSession *self)
{
  const MqlwModelVersion *head;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);

  if (self->project == NULL || !(head = mqlw_project_get_head (self->project)))
    return NULL;
  return head->signoff;
}

gboolean
mqlw_project_session_is_new_draft (MqlwProjectSession *self)
{
  const MqlwModelVersion *head;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);

  if (self->project == NULL || !(head = mqlw_project_get_head (self->project)) || head->signoff == NULL)
    return FALSE;
  return !version_holds (head, mqlw_workbench_get_model (self->workbench));
}

MqlwSignoff *
mqlw_project_session_get_current_signoff (MqlwProjectSession *self)
{
  MqlwModel *model;

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);

  if (self->project == NULL)
    return NULL;
  model = mqlw_workbench_get_model (self->workbench);
  for (guint n = mqlw_project_get_n_versions (self->project); n >= 1; n--)
    {
      const MqlwModelVersion *v = mqlw_project_get_version (self->project, n);

      if (v->signoff != NULL && version_holds (v, model))
        return v->signoff;
    }
  return NULL;
}

void
mqlw_project_session_log_export (MqlwProjectSession *self,
                                 const char         *kind,
                                 const char         *path)
{
  const MqlwModelVersion *head;
  g_autofree char *sha = NULL;
  MqlwSignoff *signoff;
  guint version = 0;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (kind != NULL && path != NULL);

  if (self->project == NULL || self->task != NULL)
    return;
  sha = mqlw_file_sha256 (path, NULL);
  if ((signoff = mqlw_project_session_get_current_signoff (self)) != NULL)
    version = signoff->version;
  else if ((head = mqlw_project_get_head (self->project)) != NULL &&
           version_holds (head, mqlw_workbench_get_model (self->workbench)))
    version = head->number;
  mqlw_project_log_export (self->project, kind, path, sha, version);
  emit_changed (self);
}

/* ---- the written definition --------------------------------------------- */

/* What the report shows, taken on the main thread: the window's figures. */
typedef struct {
  char              *path;
  MqlwDataset       *dataset;
  MqlwModel         *model;
  MqlwSignoff       *signoff;
  guint              version;
  MqlwBucketSpec    *buckets;     /* the scheme on show */
  MqlwReportOptions  options;     /* its verdict cuts and stated period */
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_clear_pointer (&job->dataset, mqlw_dataset_unref);
  g_clear_pointer (&job->model, mqlw_model_unref);
  g_clear_pointer (&job->signoff, mqlw_signoff_unref);
  g_clear_pointer (&job->buckets, mqlw_bucket_spec_free);
  g_free (job->path);
  g_free (job);
}

static void
run_report (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(MqlwReport) report = NULL;
  GError *error = NULL;

  mqlw_background_thread_begin ();
  job->options.buckets = job->buckets;
  report = mqlw_report_new_full (job->dataset, job->model, job->signoff, job->version, &job->options, &error);
  if (report == NULL || !mqlw_report_write (report, job->path, &error))
    mqlw_background_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static ReportJob *
new_report_job (MqlwProjectSession *self,
                const char         *path)
{
  MqlwWorkbench *workbench = self->workbench;
  MqlwSignoff *signoff = mqlw_project_session_get_current_signoff (self);
  const MqlwModelVersion *head = self->project != NULL ? mqlw_project_get_head (self->project) : NULL;
  ReportJob *job = g_new0 (ReportJob, 1);

  job->path = g_strdup (path);
  job->dataset = mqlw_dataset_ref (mqlw_workbench_get_dataset (workbench));
  job->model = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  job->signoff = signoff != NULL ? mqlw_signoff_ref (signoff) : NULL;
  job->version = signoff != NULL ? signoff->version : version_holds (head, job->model) ? head->number : 0;
  mqlw_report_options_init (&job->options);
  if (mqlw_workbench_get_bucket_spec (workbench) != NULL)
    job->buckets = mqlw_bucket_spec_copy (mqlw_workbench_get_bucket_spec (workbench));
  mqlw_workbench_get_verdict_cuts (workbench, &job->options.cuts);
  job->options.months = mqlw_workbench_get_months (workbench);
  return job;
}

void
mqlw_project_session_write_report_async (MqlwProjectSession  *self,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *base = NULL;
  MqlwReportFormat format;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (mqlw_workbench_has_data (self->workbench));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mqlw_project_session_write_report_async);
  if (!mqlw_report_format_from_name (path, &format))
    {
      base = g_path_get_basename (path);
      g_task_return_new_error (task, MQLW_REPORT_ERROR, MQLW_REPORT_ERROR_FORMAT,
                               _("“%s” ends in neither .pdf nor .md: choose one of the two."), base);
      return;
    }
  /* The report shows what the window shows: its buckets, verdicts and period. */
  g_task_set_task_data (task, new_report_job (self, path), (GDestroyNotify) report_job_free);
  g_task_run_in_thread (task, run_report);
}

gboolean
mqlw_project_session_write_report_finish (MqlwProjectSession  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- autosave and recovery ---------------------------------------------- */

static gboolean
autosave_interval_cb (gpointer user_data)
{
  MqlwProjectSession *self = user_data;

  if (self->task == NULL && self->edits != self->edits_autosaved && mqlw_project_session_is_dirty (self))
    mqlw_project_session_autosave_async (self, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static void
restart_interval (MqlwProjectSession *self)
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
  restart_interval (self);
  if (minutes == 0)
    g_clear_handle_id (&self->idle_source, g_source_remove);
}

char *
mqlw_project_session_dup_recovery_path (MqlwProjectSession *self)
{
  g_autofree char *dir = dup_recovery_dir ();
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
  g_autofree char *dir = dup_recovery_dir ();
  g_autofree char *sidecar = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  Op *op;

  g_return_if_fail (MQLW_IS_PROJECT_SESSION (self));

  g_clear_object (&self->autosave_cancellable);
  self->autosave_cancellable = g_cancellable_new ();
  task = new_op_task (self, OP_AUTOSAVE, self->autosave_cancellable,
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
  sidecar = dup_sidecar_path (op->path);
  if (self->path != NULL)
    g_key_file_set_string (keys, RECOVERY_GROUP, "project", self->path);
  g_key_file_set_string (keys, RECOVERY_GROUP, "copy", op->path);
  {
    g_autofree char *title = mqlw_project_session_dup_title (self);
    g_key_file_set_string (keys, RECOVERY_GROUP, "title", title);
  }
  g_key_file_save_to_file (keys, sidecar, NULL);
  self->edits_autosaved = self->edits;
  start_task (self, task);
}

gboolean
mqlw_project_session_autosave_finish (MqlwProjectSession  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  finish_task (self, task);
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
  g_autofree char *dir_path = dup_recovery_dir ();
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
      sidecar = dup_sidecar_path (copy);
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
  sidecar = dup_sidecar_path (copy_path);
  g_remove (copy_path);
  g_remove (sidecar);
}
