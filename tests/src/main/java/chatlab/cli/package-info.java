/**
 * The {@code chatlab} command (picocli): {@link chatlab.cli.ChatLab} and one class per subcommand.
 *
 * <p>A subcommand is a {@code Callable<Integer>} listed in {@link chatlab.cli.ChatLab}'s
 * {@code subcommands}; it reaches the terminal and the checkout through its parent
 * ({@code @ParentCommand ChatLab chatlab}), reports an expected failure by throwing a
 * {@link chatlab.cli.CommandFailure} with one of the {@link chatlab.cli.ExitCodes}, and never calls
 * {@code System.exit}: only {@code main} does, so every command also runs inside a test.
 */
package chatlab.cli;
