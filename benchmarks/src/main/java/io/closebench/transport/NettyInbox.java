package io.closebench.transport;

import io.closebench.schema.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * What a Netty channel's pipeline tells the observer, kept for {@link NettyConnection}'s calls to
 * collect: the bytes read, and the first event that ends the conversation, each stamped with the
 * clock at the moment the handler is called, which is when a Netty program learns it. Events are
 * kept verbatim: {@code ChannelInputShutdownEvent} (the peer's FIN, half-closure allowed),
 * {@code exceptionCaught} (an error, with its exception), {@code channelInactive} (closed without
 * either). In background mode ({@link #watchBy}) bytes and the end go to a {@link WatchHandler}
 * instead, as in a server's other connections.
 *
 * <p>Only the loop's own thread touches it.
 */
final class NettyInbox extends ChannelInboundHandlerAdapter {

    private final LongSupplier clock;
    private final ArrayDeque<ByteBuf> received = new ArrayDeque<>();
    private int readable;
    private long lastDataAt;
    private volatile IoResult end;
    private Throwable endCause;
    private boolean endCollected;
    private volatile boolean closedHere;
    private WatchHandler watcher;

    NettyInbox(LongSupplier clock) {
        this.clock = clock;
    }

    /** From now on, bytes and the end go to {@code handler} (the channel reads by itself). */
    void watchBy(WatchHandler handler) {
        this.watcher = handler;
        while (!received.isEmpty()) {
            ByteBuf b = received.poll();
            handler.bytes(b.nioBuffer(), lastDataAt);
            b.release();
        }
        readable = 0;
        if (end != null && !endCollected) {
            endCollected = true;
            handler.ended(end.outcome(), end.returnedAt(), endCause);
        }
    }

    /** The observer's own program closes the channel: an inactive channel then means CLOSED_LOCALLY. */
    void closingHere() {
        closedHere = true;
    }

    int readable() {
        return readable;
    }

    long lastDataAt() {
        return lastDataAt;
    }

    /** Moves up to {@code dst.remaining()} received bytes into {@code dst}; returns how many. */
    int drainInto(ByteBuffer dst) {
        int moved = 0;
        while (dst.hasRemaining() && !received.isEmpty()) {
            ByteBuf b = received.peek();
            int n = Math.min(dst.remaining(), b.readableBytes());
            int limit = dst.limit();
            dst.limit(dst.position() + n);
            b.readBytes(dst);
            dst.limit(limit);
            moved += n;
            if (!b.isReadable()) {
                received.poll().release();
            }
        }
        readable -= moved;
        return moved;
    }

    /** Whether something waits to be collected: bytes, or an end not yet reported. */
    boolean hasNews() {
        return readable > 0 || (end != null && !endCollected);
    }

    /** The end, the first time it is asked for; null when none came, or it was collected already. */
    IoResult collectEnd() {
        if (end == null || endCollected) {
            return null;
        }
        endCollected = true;
        return end;
    }

    /** When the pipeline told of the end, or {@code Long.MIN_VALUE} before it did. */
    long endAt() {
        IoResult e = end;
        return e == null ? Long.MIN_VALUE : e.returnedAt();
    }

    /** The end that was already collected, or null. */
    IoResult collectedEnd() {
        return endCollected ? end : null;
    }

    void releaseAll() {
        received.forEach(ByteBuf::release);
        received.clear();
        readable = 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long t = clock.getAsLong();
        ByteBuf b = (ByteBuf) msg;
        lastDataAt = t;
        if (watcher != null) {
            watcher.bytes(b.nioBuffer(), t);
            b.release();
            return;
        }
        readable += b.readableBytes();
        received.add(b);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            long t = clock.getAsLong();
            if (!toWatcher(Outcome.EOF, t, null)) {
                end(IoResult.eof(t).toldBy("ChannelInputShutdownEvent"), null);
            }
        } else if (!(evt instanceof ChannelInputShutdownReadComplete)) {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        long t = clock.getAsLong();
        if (!toWatcher(ErrorClassifier.classify(cause), t, cause)) {
            end(IoResult.failed(cause, t).toldBy("exceptionCaught"), cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        long t = clock.getAsLong();
        if (!toWatcher(closedHere ? Outcome.CLOSED_LOCALLY : Outcome.EOF, t, null)
                && end == null) {
            IoResult r = closedHere
                    ? IoResult.failed(new java.nio.channels.ClosedChannelException(), t)
                    : IoResult.eof(t);
            end(r.toldBy("channelInactive"), null);
        }
        ctx.fireChannelInactive();
    }

    /**
     * In background mode the first end goes straight to the watcher, as primitives: nothing is
     * allocated between one watched connection's detection and the next. Returns whether it did.
     */
    private boolean toWatcher(Outcome outcome, long t, Throwable cause) {
        if (watcher == null) {
            return false;
        }
        if (!endCollected) {
            endCollected = true;
            watcher.ended(outcome, t, cause);
        }
        return true;
    }

    private void end(IoResult r, Throwable cause) {
        if (end != null) {
            return;
        }
        end = r;
        endCause = cause;
        if (watcher != null) {
            endCollected = true;
            watcher.ended(r.outcome(), r.returnedAt(), cause);
        }
    }
}
