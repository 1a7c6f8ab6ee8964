/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-session.h — the open project behind one window (no widgets).
 *
 * Owns the MqlwProject (the .mqlw document) that goes with a window's
 * MqlwWorkbench: its file, whether there is unsaved work, the autosaved
 * recovery copy. It talks to the workbench only through its public API: the
 * workbench's current model is copied into the project when the project is
 * saved, a version or a scenario is stored, or the model is signed.
 *
 * File work (open, save, save as, sign, recovery copy) runs in a GTask thread,
 * one at a time; while it runs the project is not touched on the main thread
 * ("busy"). An autosave in flight is cancelled when the person starts a file
 * operation, which then waits for it to end. A cancelled operation fails with
 * G_IO_ERROR_CANCELLED (see mqlw-background.h).
 *
 * "Dirty" = the project holds unsaved changes, or the workbench's model differs
 * from the project's head version, or there is data but no project file yet. */
#pragma once

#include <gio/gio.h>

#include "mqlw-core.h"
#include "mqlw-project.h"
#include "mqlw-workbench.h"

G_BEGIN_DECLS

#define MQLW_TYPE_PROJECT_SESSION (mqlw_project_session_get_type ())
G_DECLARE_FINAL_TYPE (MqlwProjectSession, mqlw_project_session, MQLW, PROJECT_SESSION, GObject)

MqlwProjectSession *mqlw_project_session_new            (MqlwWorkbench       *workbench);

MqlwWorkbench      *mqlw_project_session_get_workbench  (MqlwProjectSession  *self);
/* NULL until a project is opened or first needed (saved, versioned, signed). */
MqlwProject        *mqlw_project_session_get_project    (MqlwProjectSession  *self);
/* The mapping the history on show was imported with (from its project when
 * one was opened); NULL when none is known. */
const MqlwMapping  *mqlw_project_session_get_mapping    (MqlwProjectSession  *self);
/* The project's file; NULL while untitled. */
const char         *mqlw_project_session_get_path       (MqlwProjectSession  *self);
/* "leads-5000" for an untitled import, "Workshop" for Workshop.mqlw. */
char               *mqlw_project_session_dup_title      (MqlwProjectSession  *self);
gboolean            mqlw_project_session_is_dirty       (MqlwProjectSession  *self);
gboolean            mqlw_project_session_is_busy        (MqlwProjectSession  *self);
/* 0 … 1 of the file operation in flight. */
double              mqlw_project_session_get_progress   (MqlwProjectSession  *self);
/* Cancels the file operation in flight (the saved file stays as it was). */
void                mqlw_project_session_cancel         (MqlwProjectSession  *self);

/* A new lead history was imported into the workbench: the window now shows an
 * untitled document over it (@mapping nullable, copied); the project is dropped. */
void                mqlw_project_session_reset          (MqlwProjectSession  *self,
                                                         const MqlwMapping   *mapping);
/* Creates the in-memory project over the workbench's data if there is none. */
MqlwProject        *mqlw_project_session_ensure_project (MqlwProjectSession  *self);
/* Copies the workbench's current model into the project (mqlw_project_save_model:
 * replaces a draft head, appends a draft after a signed one). Returns the head. */
guint               mqlw_project_session_store_model    (MqlwProjectSession  *self,
                                                         const char          *author,
                                                         const char          *comment);

/* ---- file operations (GTask thread; @callback on the main thread) -------- */

/* Opens @path off the main thread. Nothing changes until _open_finish, which
 * loads the project's data and head model into the workbench and makes it the
 * session's project — all or nothing. */
void                mqlw_project_session_open_async     (MqlwProjectSession  *self,
                                                         const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mqlw_project_session_open_finish    (MqlwProjectSession  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Stores the current model, then saves to @path (NULL: the project's own file,
 * which must exist). On failure the file holds the previous save. */
void                mqlw_project_session_save_async     (MqlwProjectSession  *self,
                                                         const char          *path,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mqlw_project_session_save_finish    (MqlwProjectSession  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Who signs with which key at this keyboard (copied by the calls below). */
typedef struct {
  const MqlwSigningKey *key;
  const char           *name;         /* an approver of the sign-off */
  MqlwTeam              team;
  const char           *passphrase;   /* nullable */
} MqlwSignRequest;

/* Stores the current model and signs the head version (both teams: see
 * mqlw_signoff_create), then adds @request's key signature (nullable: none);
 * a project with a file is saved right after. _finish returns the sign-off
 * once it is made and saved, even when the key signature then failed: that
 * failure is in @signature_error (the sign-off stays, waiting for it). */
void                mqlw_project_session_sign_async     (MqlwProjectSession  *self,
                                                         GPtrArray           *approvers,
                                                         const char          *notes,
                                                         const GDate         *signed_on,
                                                         const GDate         *review_on,
                                                         const MqlwSignRequest *request,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
MqlwSignoff        *mqlw_project_session_sign_finish    (MqlwProjectSession  *self,
                                                         GAsyncResult        *result,
                                                         GError             **signature_error,
                                                         GError             **error);
/* Adds @request's key signature to @signoff (one of the project's), and saves
 * a project with a file. */
void                mqlw_project_session_add_signature_async  (MqlwProjectSession    *self,
                                                               MqlwSignoff           *signoff,
                                                               const MqlwSignRequest *request,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean            mqlw_project_session_add_signature_finish (MqlwProjectSession    *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

/* Writes the written definition (PDF or Markdown, by @path's ending) of the
 * figures on show: the workbench's model, buckets, verdict cuts and period,
 * with the sign-off that covers the model. The project is not touched (the
 * caller logs the export). */
void                mqlw_project_session_write_report_async  (MqlwProjectSession  *self,
                                                              const char          *path,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            mqlw_project_session_write_report_finish (MqlwProjectSession  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* ---- trusted approver cards --------------------------------------------- */

/* See mqlw_project_add_trusted_card; makes a project when there is none. */
gboolean            mqlw_project_session_add_trusted_card    (MqlwProjectSession *self,
                                                              const char         *card,
                                                              GError            **error);
gboolean            mqlw_project_session_remove_trusted_card (MqlwProjectSession *self,
                                                              guint               index);
/* The project's trusted cards as allowed_signers text ("" without a project). */
char               *mqlw_project_session_get_allowed_signers (MqlwProjectSession *self);

/* ---- versions and scenarios --------------------------------------------- */

/* Appends the current model as a new version; returns its number (the head's
 * when the model equals it). */
guint               mqlw_project_session_add_version    (MqlwProjectSession  *self,
                                                         const char          *author,
                                                         const char          *comment);
/* Puts version @number's model in the workbench (undoable). */
gboolean            mqlw_project_session_open_version   (MqlwProjectSession  *self,
                                                         guint                number,
                                                         GError             **error);
void                mqlw_project_session_save_scenario  (MqlwProjectSession  *self,
                                                         const char          *name,
                                                         const char          *comment);
gboolean            mqlw_project_session_open_scenario  (MqlwProjectSession  *self,
                                                         const char          *name,
                                                         GError             **error);
gboolean            mqlw_project_session_remove_scenario (MqlwProjectSession *self,
                                                          const char         *name);
/* The head's sign-off when the head is signed, else NULL. */
MqlwSignoff        *mqlw_project_session_get_head_signoff (MqlwProjectSession *self);
/* TRUE when the head is signed and the workbench's model differs from it:
 * saving makes a new draft. */
gboolean            mqlw_project_session_is_new_draft   (MqlwProjectSession  *self);
/* The sign-off that covers the workbench's current model exactly, or NULL. */
MqlwSignoff        *mqlw_project_session_get_current_signoff (MqlwProjectSession *self);
/* Records an export in the project's log (when there is a project). */
void                mqlw_project_session_log_export     (MqlwProjectSession  *self,
                                                         const char          *kind,
                                                         const char          *path);

/* ---- autosave and recovery ---------------------------------------------- */

/* Minutes between recovery copies while there is unsaved work; 0 = never.
 * A copy is also written a few seconds after the last edit. */
void                mqlw_project_session_set_autosave_interval (MqlwProjectSession *self,
                                                                guint               minutes);
/* Writes the recovery copy now (tests; the timers call the same code). */
void                mqlw_project_session_autosave_async (MqlwProjectSession  *self,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            mqlw_project_session_autosave_finish (MqlwProjectSession *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);
/* Where this session's recovery copy goes (under $XDG_CACHE_HOME). */
char               *mqlw_project_session_dup_recovery_path (MqlwProjectSession *self);

typedef struct {
  char      *copy_path;      /* the recovery copy */
  char      *project_path;   /* the project it recovers; NULL for untitled work */
  char      *title;          /* the document's name when the copy was written */
  GDateTime *saved;          /* when the copy was written */
} MqlwRecovery;

void                mqlw_recovery_free                   (MqlwRecovery *recovery);
/* Recovery copies worth offering: newer than their project (or untitled),
 * newest first. */
GPtrArray          *mqlw_project_session_list_recoveries (void);
/* Forgets a recovery copy (after it was recovered or declined). */
void                mqlw_project_session_discard_recovery (const char *copy_path);
/* Opens @recovery's copy: like _open_async, but the session keeps the original
 * file as its path (or stays untitled) and is dirty. */
void                mqlw_project_session_recover_async  (MqlwProjectSession  *self,
                                                         const MqlwRecovery  *recovery,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwRecovery, mqlw_recovery_free)

G_END_DECLS
