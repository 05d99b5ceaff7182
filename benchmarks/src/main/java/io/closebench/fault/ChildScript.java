package io.closebench.fault;

/**
 * What a child peer is told to do.
 *
 * @param readBytes  bytes it reads of what the observer sent first (0: it leaves them unread)
 * @param sendBytes  bytes it sends; for {@link ChildMode#STREAM} the cap it stops at if never killed
 * @param chunk      size of each write
 * @param mode       how it ends
 * @param capSeconds it ends by itself after this long, whatever happens
 */
public record ChildScript(long readBytes, long sendBytes, int chunk, ChildMode mode, int capSeconds) {
}
