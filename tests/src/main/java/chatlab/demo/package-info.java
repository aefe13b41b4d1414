/**
 * Classroom demonstrations, measured on the machine they run on.
 *
 * <p>{@code chatlab demo accept-loop} answers the analysis question of seed 000 ("how does the
 * server differ with {@code accept()} inside an infinite loop or outside it?") by experiment: it
 * starts the servers of stages 1, 2 and 3 in turn, lets a few scripted clients arrive at each
 * ({@link chatlab.demo.StageMeasurement}, {@link chatlab.demo.DemoClient}), records what each client
 * saw ({@link chatlab.demo.ClientRecord}), and computes what happened ({@link chatlab.demo.Outcome}):
 * nothing in a conclusion is written in advance. The results are drawn as timelines in the
 * terminal ({@link chatlab.demo.TerminalReport}) and in an HTML page with SVG for a projector
 * ({@link chatlab.demo.HtmlReport}).
 */
package chatlab.demo;
