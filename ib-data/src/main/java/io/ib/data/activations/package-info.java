/**
 * Activations recorded by another framework (module ib-data): a directory of {@code .npy} arrays in
 * the layout of docs/import.md read, checked and turned into an ib run directory by
 * {@link io.ib.data.activations.ActivationImport} ({@code ib import}). Every problem of a dump is one
 * line naming its file.
 */
package io.ib.data.activations;
