/**
 * {@code chatlab bench}: the chat room under load, measured beside a room written on Netty and the
 * seed's Python server (issue 6). Its own Maven module, so that Netty stays out of everything else;
 * the {@code chatlab} command finds {@link chatlab.bench.BenchCommand} as a
 * {@link chatlab.cli.spi.Subcommand} service when this module is on its classpath.
 *
 * <p>Three kinds of process, so that no two share a heap, a garbage collector or a scheduler:
 * <ul>
 *   <li>the benchmark ({@link chatlab.bench.BenchCommand}, {@link chatlab.bench.Benchmark}): runs
 *       each contender in turn, prints progress and the table ({@link chatlab.bench.ResultTable}),
 *       appends JSON lines ({@link chatlab.bench.ResultsFile});</li>
 *   <li>a server ({@link chatlab.bench.ServerMain}: a ChatLab stage, {@link chatlab.bench.StageServer},
 *       or the {@link chatlab.bench.NettyRoom}; or the seed's Python server), which reports its
 *       threads and heap when asked ({@link chatlab.bench.ServerProcess});</li>
 *   <li>the load generator ({@link chatlab.bench.LoadGenerator}): N clients
 *       ({@link chatlab.bench.LoadClient}), each on virtual threads, each checking everything it
 *       receives ({@link chatlab.bench.StreamScanner}, {@link chatlab.bench.Receipts},
 *       {@link chatlab.bench.LatencyHistogram}).</li>
 * </ul>
 * They talk in {@link chatlab.bench.ControlLine}s on standard input and output.
 */
package chatlab.bench;
