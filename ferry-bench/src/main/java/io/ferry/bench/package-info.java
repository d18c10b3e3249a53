/**
 * The benchmark engine behind {@code ferry bench}: a sweep over operations and block sizes of the
 * file backend, or of reads from one remote object, in the manner of nixlbench and fio.
 *
 * <p>{@link io.ferry.bench.BenchRunner} runs a {@link io.ferry.bench.BenchConfig} and returns one
 * {@link io.ferry.bench.BenchResult} per row; a {@link io.ferry.bench.BenchListener} follows its
 * progress; {@link io.ferry.bench.TableReporter} prints the results as the nixlbench table, and
 * {@link io.ferry.bench.JsonReporter}, {@link io.ferry.bench.CsvReporter} and
 * {@link io.ferry.bench.HtmlReporter} (a self-contained page with charts, and the charts as PNG
 * files) write them with the {@link io.ferry.bench.RunInfo} that makes a run reproducible: the
 * build, the machine, the file system, the JDK, the configuration and the command line.
 *
 * <p>Each row prepares its transfers once, then posts them round-robin and keeps the configured
 * number in flight, timing prepare, post and completion of each transfer into HdrHistograms
 * without allocating on the timed path.
 *
 * <p>Threads: a run executes on the thread that calls {@link io.ferry.bench.BenchRunner#run},
 * which drives the agent's progress itself unless the config asks for several threads (poll
 * groups); the blocking remote engine runs its requests on virtual threads of the run. Listeners
 * are called on the calling thread. Nulls are refused everywhere unless a method says otherwise.
 */
package io.ferry.bench;
