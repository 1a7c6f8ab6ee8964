/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-session-private.h — what the parts of the project session share.
 *
 * The session is one GObject in four files:
 *   mqlw-project-session.c          the GObject, its state, the worker that
 *                                   runs every file operation (Op), open and save
 *   mqlw-project-session-signoff.c  signing off, adding key signatures, the
 *                                   trusted approver cards
 *   mqlw-project-session-versions.c versions, scenarios, the export log and
 *                                   the written definition
 *   mqlw-project-session-recovery.c autosave and the recovery copies
 * The parts reach the session's fields through this header; what one part
 * offers the others is named _mqlw_project_session_*. Nothing outside the
 * session's own files includes it. */
#pragma once

#include "mqlw-project-session.h"

G_BEGIN_DECLS

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

/* mqlw-project-session.c */
void      _mqlw_project_session_emit_changed   (MqlwProjectSession     *self);
void      _mqlw_project_session_op_set_request (Op                     *op,
                                                const MqlwSignRequest  *request);
/* A task for an Op of @kind (its task data, freed with the task). */
GTask    *_mqlw_project_session_new_op_task    (MqlwProjectSession     *self,
                                                OpKind                  kind,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
/* Runs @task in the worker, or once the autosave in flight has ended. */
void      _mqlw_project_session_start_task     (MqlwProjectSession     *self,
                                                GTask                  *task);
void      _mqlw_project_session_finish_task    (MqlwProjectSession     *self,
                                                GTask                  *task);
gboolean  _mqlw_project_session_version_holds  (const MqlwModelVersion *version,
                                                MqlwModel              *model);
char     *_mqlw_project_session_dup_recovery_dir (void);
char     *_mqlw_project_session_dup_sidecar_path (const char           *copy_path);

/* mqlw-project-session-recovery.c */
void      _mqlw_project_session_restart_interval (MqlwProjectSession   *self);

G_END_DECLS
