/**
 * CSV files (module ib-data): users' own tabular data, one sample per row, with a label column
 * chosen by name, index or position ({@link io.ib.data.csv.CsvDatasets},
 * {@link io.ib.data.csv.LabelColumn}). DataVec splits lines into fields; values are checked here and
 * every problem is one line naming the file, line and column.
 */
package io.ib.data.csv;
