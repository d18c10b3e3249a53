/**
 * fio as the reference tool of {@code ferry bench --compare fio}: the job equivalent to a row,
 * running fio as a child process, and reading its terse output. See docs/design/fio-mapping.md.
 */
package io.ferry.bench.fio;
