/**
 * The {@code ferry} command (picocli): copy, engines, bench. A thin application over the public
 * APIs of the libraries; it alone decides threads and exit codes.
 */
package io.ferry.cli;
