/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project.h — a workshop's project: one sqlite3 file (.mqlw).
 *
 * It holds the imported dataset (each column as a BLOB of its typed array, with
 * its dictionary as a BLOB, so reopening is a few blob reads and no parse), the
 * mapping, the source file's name and SHA-256, the model as numbered versions
 * (time, author, comment), named scenarios, sign-offs and an export log.
 *
 * The in-memory MqlwProject is the document; nothing touches the file until
 * mqlw_project_save(). Editing is plain and fast (main thread); open and save
 * are blocking and meant for a worker thread (GTask), with a GCancellable and
 * a progress callback called from that thread. The caller must not change a
 * project while a save of it runs (the window keeps it read-only meanwhile).
 * A project is not thread-safe otherwise.
 *
 * Versions. Version numbers start at 1 and only grow. The HEAD (last) version
 * is what "the current model" means. A version is a DRAFT until it is signed;
 * a signed version is FROZEN: it cannot be replaced, and saving edits with
 * mqlw_project_save_model() then appends a new draft instead.
 *
 * Saving. Every save is ONE sqlite transaction on the file itself
 * (BEGIN IMMEDIATE … COMMIT, rollback journal, synchronous=FULL): a crash, a
 * kill or a full disk during the save leaves the previously saved project as
 * it was (sqlite rolls a hot journal back on the next open), and the error
 * says so. The dataset is written only when it changed since the last save,
 * so saving edits of a 1 M-lead project stays quick. A first save, Save As and
 * the recovery copy write a new file next to the target (mqlw-safe-write.h:
 * never over a folder, a device or a file being read) and rename it over the
 * target only once it is complete.
 *
 * Nothing is stored that would not read back: a model holding a number that
 * is not finite (mqlw_model_find_bad_number), or a sign-off that does not parse, is
 * refused with MQLW_PROJECT_ERROR_SAVE naming the version and the JSON path.
 *
 * Two writers. A save takes the project's lock (mqlw-project-lock.h) and
 * checks, in its transaction, that the file is still the one this project
 * was read from (a random revision written by every save): if another
 * program saved it meanwhile the save is refused (CHANGED) instead of
 * dropping that program's change. A read-modify-write that must not fail so
 * (the CLI's set-model, sign, export) opens with mqlw_project_open_for_update,
 * which takes the lock before reading and keeps it until the project is
 * freed: a second writer waits its turn (BUSY after the wait).
 *
 * Integrity on open. The whole read is one sqlite read transaction (a
 * consistent snapshot while another program saves). A file shorter than its
 * pages is refused (cut short); every column, outcome and dictionary carries
 * an XXH3-64 of its bytes (a CRC-32 in schema-3 files), every model version,
 * sign-off and scenario a CRC-32, each checked as it is read (a checksum that
 * is missing is damage). From schema 6 each column's and outcome's
 * description (name, type, role, width, counts) has its own XXH3, and the
 * file counts its columns, outcomes, versions, sign-offs and scenarios:
 * rows deleted or described anew by hand are found.
 * A damaged dataset, mapping or table refuses the whole project (DAMAGED,
 * naming the table, column or version); a damaged model version, sign-off or
 * scenario does not: the rest opens, the part is listed by
 * mqlw_project_dup_damage () and kept as it is stored when the project is
 * saved again (a damaged draft is replaced by saving a model over it; a
 * version whose sign-off is damaged stays frozen). Opening also removes
 * temporaries that an interrupted save left in the project's folder.
 *
 * Schema: PRAGMA user_version (MQLW_PROJECT_SCHEMA_VERSION), PRAGMA
 * application_id 0x4D514C57 ("MQLW"), a `migrations` table recording each
 * migration applied; a file from a newer schema is refused with a clear error.
 * An older file is read as it is and migrated by its next save. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-mapping.h"
#include "mqlw-model.h"
#include "mqlw-signoff.h"

G_BEGIN_DECLS

#define MQLW_PROJECT_SCHEMA_VERSION 7   /* 2: trusted approver cards; 3: checksums; 4: XXH3 of the data;
                                           5: columns stored at their compact width;
                                           6: checksums of each column's description, a count of the parts;
                                           7: blobs last in their rows (read without walking them) */
#define MQLW_PROJECT_APPLICATION_ID 0x4D514C57   /* "MQLW" */
#define MQLW_PROJECT_SUFFIX         ".mqlw"

#define MQLW_PROJECT_ERROR (mqlw_project_error_quark ())
typedef enum {
  MQLW_PROJECT_ERROR_IO = 1,         /* cannot read or create the file */
  MQLW_PROJECT_ERROR_NOT_PROJECT,    /* not an sqlite file, or sqlite but not an MQL Workbench project */
  MQLW_PROJECT_ERROR_DAMAGED,        /* a project, but damaged (corrupt pages, missing tables, bad blobs) */
  MQLW_PROJECT_ERROR_NEWER,          /* "made by a newer MQL Workbench (schema 7); this one reads up to 1" */
  MQLW_PROJECT_ERROR_SAVE,           /* the save failed; the message says the saved project is unchanged */
  MQLW_PROJECT_ERROR_FROZEN,         /* a signed version cannot be changed */
  MQLW_PROJECT_ERROR_NOT_FOUND,      /* no such version or scenario */
  MQLW_PROJECT_ERROR_NO_DATASET,     /* the project has no lead history yet */
  MQLW_PROJECT_ERROR_CANCELLED,
  MQLW_PROJECT_ERROR_BUSY,           /* another program is changing it; the wait ran out */
  MQLW_PROJECT_ERROR_CHANGED,        /* another program saved it since it was opened; nothing was saved */
} MqlwProjectError;
GQuark mqlw_project_error_quark (void);

typedef struct {
  guint        number;      /* 1, 2, … */
  MqlwModel   *model;       /* owned; do not modify (copy, edit, save_model); NULL when damaged */
  GDateTime   *created;     /* UTC */
  char        *author;      /* never NULL, may be empty */
  char        *comment;     /* never NULL, may be empty */
  MqlwSignoff *signoff;     /* NULL for a draft (or a damaged sign-off); set = frozen */
  char        *damage;      /* NULL, or why it cannot be read ("model version 3 cannot be read: …") */
} MqlwModelVersion;

typedef struct {
  char       *name;         /* unique: "Marketing proposal" */
  MqlwModel  *model;
  char       *comment;
  GDateTime  *updated;
} MqlwScenario;

typedef struct {
  GDateTime *at;
  char      *kind;          /* "model", "buckets", "sweep", "chart", "report", … */
  char      *path;
  char      *sha256;        /* of the written file; may be empty */
  guint      version;       /* model version exported; 0 = none */
} MqlwExportRecord;

typedef struct _MqlwProject MqlwProject;

/* An unsaved project over @dataset (ref taken); @mapping nullable (copied). */
MqlwProject  *mqlw_project_new            (MqlwDataset        *dataset,
                                           const MqlwMapping  *mapping);
MqlwProject  *mqlw_project_ref            (MqlwProject        *self);
void          mqlw_project_unref          (MqlwProject        *self);

/* Opens @path. Errors name the file: NOT_PROJECT, DAMAGED, NEWER, IO. */
MqlwProject  *mqlw_project_open           (const char         *path,
                                           MqlwProgressFunc    progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* Opens @path to change it: takes the project's lock first (waiting its turn
 * behind another writer: BUSY when the wait runs out) and keeps it until the
 * project is freed or mqlw_project_unlock (). */
MqlwProject  *mqlw_project_open_for_update (const char        *path,
                                            MqlwProgressFunc   progress,
                                            gpointer           progress_data,
                                            GCancellable      *cancellable,
                                            GError           **error);
void          mqlw_project_unlock         (MqlwProject        *self);
/* The parts that could not be read when the project was opened and are still
 * there: translated sentences, one per part (empty when none). */
GPtrArray    *mqlw_project_dup_damage     (MqlwProject        *self);
/* TRUE when @path ends in .mqlw or starts with the sqlite header (for the CLI
 * and the Open dialog, which accept a project wherever they accept a CSV). */
gboolean      mqlw_project_is_project_file (const char        *path);

/* The longest project file name: sqlite's journal beside it, "NAME-journal",
 * must fit a file name too (255 bytes). */
#define MQLW_PROJECT_FILE_NAME_MAX  (255 - 8)
/* Checks @path as a project's file before any work: a target the saves would
 * refuse (mqlw_safe_write_check), or a name over MQLW_PROJECT_FILE_NAME_MAX
 * (MQLW_SAFE_WRITE_ERROR_NAME_TOO_LONG). Every save checks it too. */
gboolean      mqlw_project_check_target   (const char         *path,
                                           GError            **error);

/* Saves to the project's own file (it must have one: see save_as). One
 * transaction; on failure the file holds the previous save and the project
 * stays unsaved (dirty). */
gboolean      mqlw_project_save           (MqlwProject        *self,
                                           MqlwProgressFunc    progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* Writes the whole project to @path (atomic rename) and makes @path its file. */
gboolean      mqlw_project_save_as        (MqlwProject        *self,
                                           const char         *path,
                                           MqlwProgressFunc    progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           GError            **error);
/* Writes a full copy to @path (atomic rename) without changing the project's
 * file or its unsaved state: the window's autosaved recovery copy. */
gboolean      mqlw_project_write_copy     (MqlwProject        *self,
                                           const char         *path,
                                           MqlwProgressFunc    progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           GError            **error);

const char   *mqlw_project_get_path       (MqlwProject        *self);   /* NULL until saved */
gboolean      mqlw_project_is_dirty       (MqlwProject        *self);   /* changes not saved yet */
/* Project-level time stamps and the schema the file was read from. */
GDateTime    *mqlw_project_get_created    (MqlwProject        *self);
guint         mqlw_project_get_file_schema(MqlwProject        *self);   /* 0 before the first save/open */

MqlwDataset  *mqlw_project_get_dataset    (MqlwProject        *self);   /* borrowed */
const MqlwMapping *mqlw_project_get_mapping (MqlwProject      *self);   /* nullable */
/* Replaces the lead history (a re-import); the next save rewrites it. */
void          mqlw_project_set_dataset    (MqlwProject        *self,
                                           MqlwDataset        *dataset,
                                           const MqlwMapping  *mapping);

/* The period the history covers, in months, when the user states it (the
 * per-month figures divide by it); NAN when not stated (then the created
 * dates give it, or it is unknown). Saved in the project. */
double        mqlw_project_get_months     (MqlwProject        *self);
void          mqlw_project_set_months     (MqlwProject        *self,
                                           double              months);

/* ---- model versions ---------------------------------------------------- */

guint                   mqlw_project_get_n_versions (MqlwProject *self);
/* By number (1-based); NULL when there is none. */
const MqlwModelVersion *mqlw_project_get_version    (MqlwProject *self,
                                                     guint        number);
/* The head version, or NULL when the project has no model yet. */
const MqlwModelVersion *mqlw_project_get_head       (MqlwProject *self);
/* The head's model (borrowed), or NULL (none yet, or the head is damaged). */
MqlwModel              *mqlw_project_get_model      (MqlwProject *self);

/* "Save the model": if the head is a draft it is replaced (new time, author,
 * comment); if it is signed, or there is none, a new draft is appended. A model
 * equal to the head's changes nothing. Returns the head's number. @model is
 * copied. */
guint    mqlw_project_save_model      (MqlwProject  *self,
                                       MqlwModel    *model,
                                       const char   *author,
                                       const char   *comment);
/* Always appends a new draft; returns its number. */
guint    mqlw_project_add_version     (MqlwProject  *self,
                                       MqlwModel    *model,
                                       const char   *author,
                                       const char   *comment);
/* Replaces version @number in place: MQLW_PROJECT_ERROR_FROZEN if it is signed,
 * NOT_FOUND if there is no such version. */
gboolean mqlw_project_replace_version (MqlwProject  *self,
                                       guint         number,
                                       MqlwModel    *model,
                                       const char   *author,
                                       const char   *comment,
                                       GError      **error);

/* Signs version @number (0 = the head) over the project's dataset: see
 * mqlw_signoff_create for the rules (both teams) and the cost (a calibration).
 * Freezes the version and records the sign-off; returns it (borrowed). */
MqlwSignoff *mqlw_project_sign        (MqlwProject  *self,
                                       guint         number,
                                       GPtrArray    *approvers,
                                       const char   *notes,
                                       const GDate  *signed_on,
                                       const GDate  *review_on,
                                       const char   *bucket_spec,   /* the scheme on show; nullable */
                                       GCancellable *cancellable,
                                       GError      **error);
/* The latest sign-off of any version, or NULL. */
MqlwSignoff *mqlw_project_get_latest_signoff (MqlwProject *self);
/* Call after adding a key signature to one of the project's sign-offs
 * (mqlw_signoff_add_signature): the next save writes it. */
void         mqlw_project_signoff_changed   (MqlwProject *self);

/* ---- scenarios --------------------------------------------------------- */

/* MqlwScenario*, in the order they were added. */
GPtrArray          *mqlw_project_get_scenarios    (MqlwProject *self);
const MqlwScenario *mqlw_project_get_scenario     (MqlwProject *self,
                                                   const char  *name);
/* Adds or replaces the scenario @name (@model copied). */
void                mqlw_project_set_scenario     (MqlwProject *self,
                                                   const char  *name,
                                                   MqlwModel   *model,
                                                   const char  *comment);
gboolean            mqlw_project_remove_scenario  (MqlwProject *self,
                                                   const char  *name);

/* ---- trusted approver cards -------------------------------------------- */

/* The approver cards (mqlw-keys.h) whose keys this project trusts: char*
 * lines in normal form, in the order added. Checking an export against the
 * project uses them as its allowed_signers list. */
GPtrArray *mqlw_project_get_trusted_cards   (MqlwProject *self);
/* Adds @card (read leniently, kept in normal form); MQLW_KEYS_ERROR_CARD when
 * it cannot be read. A card the project trusts already changes nothing. */
gboolean   mqlw_project_add_trusted_card    (MqlwProject *self,
                                             const char  *card,
                                             GError     **error);
/* Removes the card at @index; FALSE when there is none. */
gboolean   mqlw_project_remove_trusted_card (MqlwProject *self,
                                             guint        index);
/* The cards as the text of an allowed_signers file ("" without cards). */
char      *mqlw_project_get_allowed_signers (MqlwProject *self);

/* ---- export log -------------------------------------------------------- */

GPtrArray *mqlw_project_get_exports  (MqlwProject *self);   /* MqlwExportRecord*, oldest first */
/* Records an export (saved with the next save); @sha256 nullable. */
void       mqlw_project_log_export   (MqlwProject *self,
                                      const char  *kind,
                                      const char  *path,
                                      const char  *sha256,
                                      guint        version);

/* SHA-256 (hex) of a file's bytes, for the export log. NULL with @error. */
char      *mqlw_file_sha256          (const char  *path,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwProject, mqlw_project_unref)

G_END_DECLS
