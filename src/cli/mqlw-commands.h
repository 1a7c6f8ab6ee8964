/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mqlw-core.h"

G_BEGIN_DECLS

/* Each takes the arguments after "mqlw" (argv[0] is the command name) and
 * returns the process exit status. */
int mqlw_command_generate  (int argc, char **argv);
int mqlw_command_inspect   (int argc, char **argv);
int mqlw_command_calibrate (int argc, char **argv);
int mqlw_command_sweep     (int argc, char **argv);
int mqlw_command_suggest   (int argc, char **argv);
int mqlw_command_compare   (int argc, char **argv);

/* mqlw-evaluate-command.c */
int mqlw_command_evaluate  (int argc, char **argv);

/* mqlw-weights-command.c */
int mqlw_command_suggest_weights (int argc, char **argv);

/* mqlw-value-command.c */
int mqlw_command_value     (int argc, char **argv);

/* mqlw-maturity-command.c */
int mqlw_command_maturity  (int argc, char **argv);

/* mqlw-segments-command.c */
int mqlw_command_segments  (int argc, char **argv);

/* mqlw-backtest-command.c */
int mqlw_command_backtest  (int argc, char **argv);

/* mqlw-scenarios-command.c */
int mqlw_command_scenarios (int argc, char **argv);

/* mqlw-grid-command.c */
int mqlw_command_grid      (int argc, char **argv);

/* mqlw-project-commands.c */
int mqlw_command_project   (int argc, char **argv);
int mqlw_command_export    (int argc, char **argv);
int mqlw_command_report    (int argc, char **argv);
int mqlw_command_verify    (int argc, char **argv);

/* mqlw-sign-commands.c */
int mqlw_command_sign          (int argc, char **argv);
int mqlw_command_key           (int argc, char **argv);
int mqlw_command_project_trust (int argc, char **argv);

/* mqlw-sql-commands.c */
int mqlw_command_score         (int argc, char **argv);
/* mqlw export --what sql|sql-aggregate|sql-sample: @output NULL or "-" = standard output. */
int mqlw_export_sql            (const char *path,
                                const char *what,
                                const char *dialect,
                                const char *table,
                                const char *map_path,
                                int         sample_size,
                                const char *output);
/* mqlw verify --sql: whether the query file at @path is one of @signoff's
 * signed warehouse queries, said on standard output unless @quiet. */
int mqlw_verify_sql            (const MqlwSignoff *signoff,
                                const char        *path,
                                gboolean           quiet);

G_END_DECLS
