package chatlab.grading;

import chatlab.grading.host.Sandbox;
import chatlab.suite.IsolatedSuiteRunner;
import java.util.Optional;

/**
 * How far the grader isolates a submission on this machine. Always: a trusted driver JVM that
 * runs the properties and alone decides results, and the student's code in a JVM of its own with a
 * memory cap. Where Linux allows unprivileged user namespaces: both in a fresh network namespace
 * with only loopback up, and the student JVM in a mount namespace where nothing but a scratch folder
 * is writable.
 *
 * @param whyNoNetworkNamespace empty when the network namespace is used; otherwise why not
 * @param whyFilesWritable      empty when the student JVM's files are read-only; otherwise why not
 */
public record Isolation(Optional<String> whyNoNetworkNamespace, Optional<String> whyFilesWritable) {

    /** Finds out what this machine allows (the probe runs once per process). */
    public static Isolation probe() {
        return new Isolation(Sandbox.whyNotIsolated(), Sandbox.whyFilesWritable());
    }

    /** The runner's settings, isolated as far as this machine allows. */
    public IsolatedSuiteRunner.Settings apply(IsolatedSuiteRunner.Settings settings) {
        return settings.withStudentJvm().withSandbox();
    }

    /** One line for the instructor. */
    public String describe() {
        StringBuilder line = new StringBuilder("Isolation: a trusted driver JVM, each student's code in a JVM of its own");
        line.append(whyNoNetworkNamespace.isEmpty() ? ", in a network namespace with only loopback"
                : "; no network namespace (" + whyNoNetworkNamespace.get() + ")");
        line.append(whyFilesWritable.isEmpty() ? ", its files read-only but a scratch folder."
                : "; its files are not read-only (" + whyFilesWritable.get() + ").");
        return line.toString();
    }
}
