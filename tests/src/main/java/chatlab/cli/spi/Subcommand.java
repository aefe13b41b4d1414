package chatlab.cli.spi;

/**
 * A subcommand of {@code chatlab} that lives in a module of its own, found with
 * {@link java.util.ServiceLoader} when that module's jar is on the classpath: {@code chatlab bench}
 * (in {@code tests/bench}, which brings Netty, kept out of everything else).
 *
 * <p>An implementation is a picocli {@code @Command} class with a public no-argument constructor,
 * listed in its jar's {@code META-INF/services/chatlab.cli.spi.Subcommand}. It is written like any
 * other subcommand (see the package {@code chatlab.cli}): it reaches the terminal and the checkout
 * through {@code @ParentCommand ChatLab}, and fails with a {@code CommandFailure}.
 */
public interface Subcommand {
}
