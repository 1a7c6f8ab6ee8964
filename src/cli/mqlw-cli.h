/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-cli.h — pieces shared by the mqlw subcommands. The CLI computes no
 * figure itself: it parses options, calls the core, and prints. */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

/* Exit statuses other tools script against. */
enum {
  MQLW_EXIT_OK = 0,
  MQLW_EXIT_USAGE = 1,
  MQLW_EXIT_DATA = 2,
  MQLW_EXIT_MISMATCH = 3,
  MQLW_EXIT_UNTRUSTED = 4,    /* verify: intact, but who signed was not checked (no trusted keys given) */
};

#define MQLW_CLI_ERROR (mqlw_cli_error_quark ())
typedef enum {
  MQLW_CLI_ERROR_USAGE = 1,
} MqlwCliError;
GQuark mqlw_cli_error_quark (void);

typedef enum {
  MQLW_FORMAT_TEXT = 0,
  MQLW_FORMAT_CSV,
  MQLW_FORMAT_JSON,
} MqlwFormat;

/* Options every command that reads lead history accepts. */
typedef struct {
  char    *map_path;
  char   **outcomes;        /* STAGE=COLUMN */
  char    *stage_column;
  char   **stage_values;    /* VALUE=STAGE[:open|closed] */
  char   **joins;           /* FILE:KEY[=FILE_KEY] */
  char   **outcome_files;   /* STAGE=FILE:KEY[=FILE_KEY] */
  char    *date_order;
  char    *delimiter;
  char   **missing_values;  /* VALUE: read as missing in every column */
  char   **blank_no;        /* COLUMN: a blank in this outcome column means "not reached" */
  char   **blank_unknown;   /* COLUMN: a blank in this outcome column stays unknown */
  gboolean quiet;
  gboolean aggregate;       /* FILE is a warehouse's calibration aggregate, not leads */
} MqlwDataOptions;

/* Options that choose the score: a model file or an existing score column. */
typedef struct {
  char   *model_path;
  char   *score_column;
  char   *threshold;        /* text so "not given" is distinguishable */
  char   *capacity;
  char   *months;           /* the period the history covers, when stated */
} MqlwModelOptions;

typedef struct {
  char      *format;
  MqlwFormat parsed;
} MqlwFormatOptions;

GOptionGroup *mqlw_data_option_group   (MqlwDataOptions   *options);
GOptionGroup *mqlw_model_option_group  (MqlwModelOptions  *options);
GOptionEntry *mqlw_format_option_entry (MqlwFormatOptions *options);

void          mqlw_data_options_clear  (MqlwDataOptions   *options);
void          mqlw_model_options_clear (MqlwModelOptions  *options);

/* Everything one command invocation owns; cleared on every return path. */
typedef struct {
  GOptionContext    *context;
  MqlwDataOptions    data;
  MqlwModelOptions   model;
  MqlwFormatOptions  format;
  GOptionEntry      *format_entry;
  char             **rest;
} MqlwInvocation;

void          mqlw_invocation_init     (MqlwInvocation     *inv,
                                        const char         *parameter,
                                        const char         *summary,
                                        const char         *description,
                                        const GOptionEntry *entries,
                                        gboolean            with_data,
                                        gboolean            with_model,
                                        gboolean            with_format);
/* Parses the options and expects exactly @n_files files: @what names the
 * missing one ("name the @what"); NULL means the lead history. */
gboolean      mqlw_invocation_parse    (MqlwInvocation     *inv,
                                        int                 argc,
                                        char              **argv,
                                        guint               n_files,
                                        const char         *what,
                                        GError            **error);
void          mqlw_invocation_clear    (MqlwInvocation     *inv);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MqlwInvocation, mqlw_invocation_clear)

gboolean      mqlw_parse_format        (MqlwFormatOptions *options,
                                        GError           **error);
gboolean      mqlw_parse_number        (const char        *option,
                                        const char        *text,
                                        double            *value,
                                        GError           **error);
/* "30%", "30" and "0.3" all mean 0.30. */
gboolean      mqlw_parse_fraction      (const char        *option,
                                        const char        *text,
                                        double            *value,
                                        GError           **error);

/* Refuses writes over @path for the rest of the command ("-" ignored). */
void          mqlw_protect_input       (const char        *path);

/* Opens a project the command reads (protected against being written over),
 * for a change (holding its lock: mqlw_project_open_for_update) or not, and
 * warns on stderr about each part that could not be read. */
MqlwProject  *mqlw_open_project        (const char        *path,
                                        gboolean           for_update,
                                        GError           **error);

/* Notes that @what (a translated "the model (--model)") reads @path; fails
 * when @path is "-" and standard input is already taken by another input. */
gboolean      mqlw_claim_stdin         (const char        *path,
                                        const char        *what,
                                        GError           **error);
/* A small text input read whole through mqlw-read (never mapped; a folder or
 * a device refused naming @path; more than @max_size bytes refused): "-" is
 * standard input when @what (as for mqlw_claim_stdin) is given, else a file
 * named "-". NUL-terminated; @length (nullable) without the NUL. */
char         *mqlw_cli_read_text       (const char        *path,
                                        const char        *what,
                                        guint64            max_size,
                                        gsize             *length,
                                        GError           **error);
/* Limits for the small text inputs: a passphrase, approver cards, a query. */
#define MQLW_CLI_PASSPHRASE_MAX_BYTES ((guint64) 64 << 10)
#define MQLW_CLI_TEXT_MAX_BYTES       ((guint64) 16 << 20)
/* --buckets (NULL: auto), as a usage error naming the option. */
MqlwBucketSpec *mqlw_parse_buckets     (const char        *text,
                                        GError           **error);
/* --verdict-cuts M,G,H, --verdict-stage STAGE|auto and --min-known N (< 0: not
 * given) into @cuts, from the defaults. */
gboolean      mqlw_parse_verdict_cuts  (const char        *cuts_text,
                                        const char        *stage_text,
                                        int                min_known,
                                        MqlwVerdictCuts   *cuts,
                                        GError           **error);
/* --months N: a positive number of months. */
gboolean      mqlw_parse_months        (const char        *text,
                                        double            *months,
                                        GError           **error);
/* The period for @scored's figures: --months when given (@text), else the
 * one stated in the project just loaded, else the created dates. */
typedef struct _MqlwScored MqlwScored;
gboolean      mqlw_apply_months        (MqlwScored        *scored,
                                        const char        *text,
                                        GError           **error);

/* Reads @path ("-" = stdin) into memory. */
GBytes       *mqlw_read_input          (const char        *path,
                                        GError           **error);

/* The mapping the data options describe, on top of --map. */
MqlwMapping  *mqlw_build_mapping       (const MqlwDataOptions *options,
                                        GError           **error);

/* Imports @path with the data options, with a progress line on a terminal. */
MqlwDataset  *mqlw_load_dataset        (const char        *path,
                                        const MqlwDataOptions *options,
                                        GError           **error);
/* The same for a command that only scores and calibrates with @model: the
 * columns no rule of it reads are checked but not kept (mqlw_import_file_needed). */
MqlwDataset  *mqlw_load_dataset_for_model (const char             *path,
                                           const MqlwDataOptions  *options,
                                           const MqlwModelOptions *model_options,
                                           const MqlwModel        *model,
                                           GError                **error);

/* The model the options describe; --threshold and --capacity override it. */
MqlwModel    *mqlw_build_model         (const MqlwModelOptions *options,
                                        GError           **error);

/* The model's rules against the data (mqlw-model-check.h), on stderr:
 * "mqlw: warning: Seniority VP: no lead has seniority “Senior Manger”; …". */
void          mqlw_print_rule_warnings (const MqlwModel   *model,
                                        MqlwDataset       *dataset);

/* Prints "mqlw: message" on stderr and returns the exit status for @error. */
int           mqlw_report_error        (const GError      *error);
void          mqlw_print_warnings      (GPtrArray         *problems,
                                        const char        *source_name);

/* A scored dataset ready for calibration: an scoring (mqlw-scoring.h)
 * and, for the commands' convenience, its parts (owned by the scoring;
 * scorer NULL from an aggregate). */
struct _MqlwScored {
  MqlwScoring  *scoring;
  MqlwDataset     *dataset;
  MqlwModel       *model;
  MqlwScorer      *scorer;
  MqlwCalibration *calibration;
};

gboolean      mqlw_scored_init         (MqlwScored        *scored,
                                        MqlwDataset       *dataset,
                                        MqlwModel         *model,
                                        GError           **error);
/* The same for a command that reads only the calibration (calibrate, sweep,
 * suggest): no per-lead scores are kept (MQLW_SCORING_TOTALS_ONLY). */
gboolean      mqlw_scored_init_totals_only (MqlwScored    *scored,
                                            MqlwDataset   *dataset,
                                            MqlwModel     *model,
                                            GError       **error);
void          mqlw_scored_clear        (MqlwScored        *scored);
/* The same from a calibration aggregate (mqlw export --what sql-aggregate) at
 * @path ("-" = stdin): no scorer; the dataset only names the file and counts
 * the leads. */
gboolean      mqlw_scored_init_aggregate (MqlwScored      *scored,
                                          const char      *path,
                                          MqlwModel       *model,
                                          GError         **error);

/* ---- signing (mqlw-sign-commands.c) ----------------------------------- */

/* The first line of @path (NULL: none). */
char           *mqlw_cli_read_passphrase   (const char        *path,
                                            GError           **error);
/* The key at @path, or the personal key, made on first use for @name (its
 * approver card is printed on standard error then). */
MqlwSigningKey *mqlw_cli_signing_key       (const char        *path,
                                            const char        *name,
                                            const char        *passphrase,
                                            GError           **error);
/* Like mqlw_report_error, with what to do about a missing passphrase. */
int             mqlw_cli_report_sign_error (const GError      *error);
/* "signed: …" and "not signed yet: …" lines, and whether both teams signed. */
void            mqlw_cli_print_signatures  (const MqlwSignoff *signoff,
                                            const char        *file);
/* The text of the allowed_signers files (or projects' trusted cards) at @paths. */
char           *mqlw_cli_allowed_signers   (char             **paths,
                                            GError           **error);

/* ---- output ------------------------------------------------------------ */

/* The calibration's JSON (mqlw_json_buckets, mqlw_json_preview, …) is
 * mqlw-calibration-json.h's. */
void          mqlw_print_json          (JsonNode          *root);

/* CSV through a small writer that quotes where needed. */
void          mqlw_csv_row             (GString           *out,
                                        const char *const *fields,
                                        guint              n_fields);

void          mqlw_print_buckets_text  (const MqlwBucketTable *table);
void          mqlw_print_buckets_csv   (const MqlwBucketTable *table);
void          mqlw_print_preview_text  (const MqlwPreview *preview,
                                        const char        *heading);
void          mqlw_print_previews_csv  (const MqlwPreview *previews,
                                        guint              n);

G_END_DECLS
