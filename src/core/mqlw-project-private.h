/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-project-private.h — the project store's rooms and their shared parts.
 * Not for the app; the tests use only the fault-injection hooks at the end.
 *
 * - mqlw-project.c          the document (MqlwProject: versions, scenarios,
 *                           sign-offs, the export log) and what the reader and
 *                           the writer share (opening sqlite, fault injection);
 * - mqlw-project-writer.c   saving: one transaction, the schema and its
 *                           migrations, the documents;
 * - mqlw-project-reader.c   opening: the file's checks, one read
 *                           transaction, the documents;
 * - mqlw-project-dataset.c  the dataset's columns and outcomes as blobs,
 *                           written and read (the storage format);
 * - mqlw-project-integrity.c / -lock.c  checksums and length; the lock. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "mqlw-project.h"
#include "mqlw-project-integrity.h"
#include "mqlw-project-lock.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

struct _MqlwProject {
  gatomicrefcount ref_count;
  char         *path;
  gboolean      dirty;
  gboolean      dataset_dirty;    /* the file does not hold this dataset yet */
  GDateTime    *created;
  guint         file_schema;
  MqlwDataset  *dataset;
  MqlwMapping  *mapping;
  GPtrArray    *versions;         /* MqlwModelVersion* */
  GPtrArray    *scenarios;        /* MqlwScenario* */
  GPtrArray    *exports;          /* MqlwExportRecord* */
  GPtrArray    *damaged_scenarios;  /* StoredRow*: scenarios that could not be read, kept as stored */
  GPtrArray    *log_damage;       /* char*: export log entries that were incomplete */
  char         *revision;         /* the file's revision this project was read from / last saved as */
  MqlwProjectLock *lock;          /* held from open_for_update until freed */
  double        months;           /* the period stated by the user; NAN = none (meta "months") */
  GPtrArray    *trusted_cards;    /* char*: approver cards, normal form */
};

/* A version as the store keeps it: what could not be read stays as stored
 * (sqlite values, written back as they are) so that saving never loses it. */
typedef struct {
  MqlwModelVersion pub;
  sqlite3_value   *raw_model;       /* with its crc, when pub.model is NULL */
  sqlite3_value   *raw_model_crc;
  sqlite3_value   *raw_signoff;     /* with digest and crc, when the sign-off could not be read */
  sqlite3_value   *raw_digest;
  sqlite3_value   *raw_signoff_crc;
} StoredVersion;

/* A scenario row that could not be read. */
typedef struct {
  char          *name;
  char          *damage;
  sqlite3_value *values[5];         /* name, model, comment, updated, crc */
} StoredRow;

static inline StoredVersion *
_mqlw_project_stored (const MqlwModelVersion *version)
{
  return (StoredVersion *) version;
}

MqlwProject      *_mqlw_project_alloc             (void);
MqlwModelVersion *_mqlw_project_version_alloc     (void);
/* Signed: its sign-off is there, readable or not. */
gboolean          _mqlw_project_version_is_frozen (const MqlwModelVersion *version);

/* ---- sqlite, as both the reader and the writer use it ------------------- */

/* Every statement the store runs goes through these (and every blob it
 * opens asks _mqlw_project_injected_fault first), so the test hook can make
 * any one of them fail. */
gboolean _mqlw_project_injected_fault (void);
int      _mqlw_project_step           (sqlite3_stmt *stmt);
int      _mqlw_project_exec           (sqlite3      *db,
                                       const char   *sql);
/* Opened with mmap_size = 0 and a busy timeout (see the definition). */
int      _mqlw_project_open_db        (const char   *path,
                                       int           flags,
                                       sqlite3     **db);

static inline gboolean
_mqlw_project_is_damage (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT;
}

/* ---- the writer (mqlw-project-writer.c) --------------------------------- */

typedef struct {
  sqlite3         *db;
  MqlwProgressFunc progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  guint64          done;
  guint64          total;
  int              code;          /* the failing sqlite code */
  gboolean         cancelled;
  gboolean         changed;       /* another program saved the file since we read it */
  char            *damage;        /* what the page check found */
} MqlwWriter;

/* Each returns FALSE with w->code set (or w->cancelled) on failure. */
gboolean      _mqlw_writer_check     (MqlwWriter *w,
                                      int         code,
                                      int         expected);
gboolean      _mqlw_writer_cancelled (MqlwWriter *w);
void          _mqlw_writer_advance   (MqlwWriter *w,
                                      guint64     bytes);
gboolean      _mqlw_writer_exec      (MqlwWriter *w,
                                      const char *sql);
sqlite3_stmt *_mqlw_writer_prepare   (MqlwWriter *w,
                                      const char *sql);
gboolean      _mqlw_writer_meta      (MqlwWriter *w,
                                      const char *key,
                                      const char *value);

/* ---- the reader (mqlw-project-reader.c) --------------------------------- */

typedef struct {
  sqlite3         *db;
  const char      *path;
  gint64           schema;        /* of the file: what its tables hold */
  MqlwVerifier    *verifier;      /* while the dataset is read */
  MqlwProgressFunc progress;
  gpointer         progress_data;
  GCancellable    *cancellable;
  guint64          done;
  guint64          total;
  gpointer         lazy;          /* at open: the columns left in the file (mqlw-project-dataset.c) */
  const char      *late_column;   /* loading this column after open: the messages say so */
} MqlwReader;

void      _mqlw_reader_set_error    (GError      **error,
                                     const char   *path,
                                     sqlite3      *db,
                                     int           code);
void      _mqlw_reader_set_damaged  (GError      **error,
                                     const char   *path,
                                     const char   *what);
gboolean  _mqlw_reader_next_row     (sqlite3_stmt *stmt,
                                     int          *code);
gboolean  _mqlw_reader_finish_rows  (MqlwReader   *r,
                                     sqlite3_stmt **stmt,
                                     int           code,
                                     GError      **error);
gboolean  _mqlw_reader_int          (MqlwReader   *r,
                                     const char   *sql,
                                     gint64       *value,
                                     GError      **error);
char     *_mqlw_reader_meta         (MqlwReader   *r,
                                     const char   *key);
gboolean  _mqlw_reader_stored_crc   (sqlite3_stmt *stmt,
                                     int           column,
                                     sqlite3_int64 *crc);
gboolean  _mqlw_reader_cancelled    (MqlwReader   *r,
                                     GError      **error);

/* ---- the dataset's storage (mqlw-project-dataset.c) --------------------- */

/* Bytes the dataset's blobs take, for the save's progress. */
guint64      _mqlw_project_dataset_bytes (MqlwDataset *dataset);
gboolean     _mqlw_project_write_dataset (MqlwWriter  *w,
                                          MqlwProject *self);
MqlwDataset *_mqlw_project_read_dataset  (MqlwReader  *r,
                                          GError     **error);

/* ---- test hooks --------------------------------------------------------- */

/* Fault injection: the @n-th sqlite statement step (or exec) from now, counted
 * across every project opened or saved in this process, fails as if the disk
 * had failed (SQLITE_IOERR). 0 switches it off. */
void  mqlw_project_test_fail_at_step (guint n);
/* Steps taken since the last mqlw_project_test_fail_at_step() call. */
guint mqlw_project_test_steps_taken  (void);

G_END_DECLS
