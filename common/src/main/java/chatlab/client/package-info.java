/**
 * The terminal client: what a person runs to join a chat ({@code ./chatlab client}).
 *
 * <p>{@link chatlab.client.TerminalClient} connects, then one virtual thread reads the socket and
 * another reads the keyboard, so that lines from the server appear while the user is typing: the
 * two directions are independent, as the seed's turn-taking client was not. Every text that comes
 * from the network goes through {@link chatlab.client.TerminalText#escape} before it reaches the
 * screen.
 */
package chatlab.client;
