/**
 * curl as the reference tool of {@code ferry bench --backend remote --compare curl}: the bytes
 * Ferry read in a row, fetched again by parallel curl processes with ranged GETs, timed and
 * charged with the processes' CPU time.
 */
package io.ferry.bench.curl;
