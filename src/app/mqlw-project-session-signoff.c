/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The project session's sign-off: signing the model off, adding key
 * signatures, the trusted approver cards (see mqlw-project-session-private.h). */
#define G_LOG_DOMAIN "mqlw-project-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-project-session-private.h"

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

  task = _mqlw_project_session_new_op_task (self, OP_SIGN, cancellable, callback, user_data);
  _mqlw_project_session_op_set_request (g_task_get_task_data (task), request);
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
  _mqlw_project_session_start_task (self, task);
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

  _mqlw_project_session_finish_task (self, task);
  if (op->signature_error != NULL && g_task_had_error (task) == FALSE)
    g_propagate_error (signature_error, g_steal_pointer (&op->signature_error));
  if (!g_task_propagate_boolean (task, error))
    {
      _mqlw_project_session_emit_changed (self);
      /* Signed but not saved still returns the error; the sign-off is in the project. */
      return NULL;
    }
  signoff = self->project != NULL ? mqlw_project_get_latest_signoff (self->project) : NULL;
  _mqlw_project_session_emit_changed (self);
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

  task = _mqlw_project_session_new_op_task (self, OP_ADD_SIGNATURE, cancellable, callback, user_data);
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
  _mqlw_project_session_op_set_request (op, request);
  _mqlw_project_session_start_task (self, task);
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

  _mqlw_project_session_finish_task (self, task);
  ok = g_task_propagate_boolean (task, error);
  _mqlw_project_session_emit_changed (self);
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
  _mqlw_project_session_emit_changed (self);
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
  _mqlw_project_session_emit_changed (self);
  return removed;
}

char *
mqlw_project_session_get_allowed_signers (MqlwProjectSession *self)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_SESSION (self), NULL);
  return self->project != NULL ? mqlw_project_get_allowed_signers (self->project) : g_strdup ("");
}
