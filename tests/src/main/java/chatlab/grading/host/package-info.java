/**
 * Runs a student's stages in a JVM of their own, so that nothing the student's code does can reach
 * the property driver that decides the grade.
 *
 * <p>The driver (the JVM that runs the graded properties, {@code chatlab.suite.SuiteWorker}) compiles
 * each stage, then asks the {@link chatlab.grading.host.SubmissionHost} in the student JVM to start
 * it, and talks to it over loopback like any client; the host's answers (what the console printed,
 * how closing went) are reported to the properties through {@link chatlab.grading.host.RemoteStage},
 * which the properties cannot tell from a stage of their own JVM. {@link chatlab.grading.host.Sandbox}
 * puts driver and student JVM in Linux namespaces where that is allowed.
 */
package chatlab.grading.host;
