/**
 * Loads any implementation of the lab's stages: the reference solutions, a student's {@code labs/},
 * a catalogued mistake, a submission.
 *
 * <p>An implementation is a folder laid out like {@code labs/} ({@link chatlab.harness.Implementation}).
 * {@link chatlab.harness.StageCompiler} compiles one stage's sources in-process against
 * {@code common/}, into a cache keyed by the sources, and reports a compile error as a short list of
 * problems rather than an exception. {@link chatlab.harness.StageLoader} loads a compiled stage in a
 * class loader of its own and makes its server. The {@code chatlab} command, the student's check and
 * the instructor's grader all go through these few classes.
 */
package chatlab.harness;
