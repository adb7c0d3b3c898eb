/** Progress reporting for long sweeps: a bar with ETA on a terminal, plain periodic lines otherwise. */
package dev.scalebench.progress;
