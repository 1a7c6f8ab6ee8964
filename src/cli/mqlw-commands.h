/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the arguments after "mqlw" (argv[0] is the command name) and
 * returns the process exit status. */
int mqlw_command_generate  (int argc, char **argv);
int mqlw_command_inspect   (int argc, char **argv);
int mqlw_command_calibrate (int argc, char **argv);
int mqlw_command_sweep     (int argc, char **argv);
int mqlw_command_suggest   (int argc, char **argv);
int mqlw_command_compare   (int argc, char **argv);

/* mqlw-project-commands.c */
int mqlw_command_project   (int argc, char **argv);
int mqlw_command_export    (int argc, char **argv);
int mqlw_command_report    (int argc, char **argv);
int mqlw_command_verify    (int argc, char **argv);

/* mqlw-sign-commands.c */
int mqlw_command_sign          (int argc, char **argv);
int mqlw_command_key           (int argc, char **argv);
int mqlw_command_project_trust (int argc, char **argv);

G_END_DECLS
