/**
 * The {@code ib} command line: one subcommand per task ({@code sweep}), progress on the terminal, a
 * summary table, and user mistakes reported as one line with exit code 2.
 */
package io.ib.cli;
