/**
 * The {@code scalebench} command line (picocli): {@code sweep}, {@code plan}, {@code doctor}. Maps
 * {@link dev.scalebench.ScalebenchException}s to exit codes (0 success, 2 bad usage or input, 4 runtime failure).
 */
package dev.scalebench.cli;
