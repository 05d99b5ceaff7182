package io.closebench.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.closebench.floor.FloorProgram;
import io.closebench.floor.NativeFloor;
import io.closebench.placement.Affinity;
import io.closebench.placement.CpuSet;
import io.closebench.schema.Outcome;
import io.closebench.schema.SigPipe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The C observer's program as a process: its clock is the harness's, its calls come back as the
 * note writes them, SIGPIPE's default disposition kills, and it leaves nothing behind. Skipped with
 * the reason where there is no C compiler.
 */
@Timeout(60)
class NativeObserverProcessTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static Path program() {
        FloorProgram p = NativeFloor.program();
        if (!p.available()) {
            Assumptions.abort("the C observer cannot run here: " + p.unavailableReason());
        }
        return p.executable();
    }

    private static NativeObserverProcess start(NativeObserverProcess.Signals signals) throws IOException {
        return NativeObserverProcess.start(program(), NativeObserverProcess.Api.BLOCKING, signals, Optional.empty());
    }

    @Test
    void itsClockIsTheClockSystemNanoTimeReads() throws IOException {
        try (NativeObserverProcess p = start(NativeObserverProcess.Signals.SIGNAL)) {
            for (int i = 0; i < 20; i++) {
                long before = System.nanoTime();
                long there = p.clock();
                long after = System.nanoTime();
                assertThat(there).as("CLOCK_MONOTONIC read between two System.nanoTime() calls").isBetween(before, after);
            }
        }
    }

    @Test
    void sigpipesDefaultDispositionEndsAProcessWhoseSendGetsEpipe() throws IOException {
        try (NativeObserverProcess p = start(NativeObserverProcess.Signals.SIGNAL)) {
            assertThat(p.sigpipeCheck()).isEqualTo("killed by signal 13 (SIGPIPE)");
        }
    }

    @Test
    void aSendToAPeerThatClosedIsAcceptedThenEpipeWithSigpipeUnlessMsgNosignal() throws Exception {
        for (NativeObserverProcess.Signals signals : NativeObserverProcess.Signals.values()) {
            try (NativeObserverProcess p = start(signals)) {
                NativeObserverProcess.Listening listening = p.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                NativeConnection c;
                try (Socket peer = new Socket(listening.address().getAddress(), listening.address().getPort())) {
                    c = new NativeConnection(p, p.accept(listening.handle(), System.nanoTime() + SECOND), System::nanoTime);
                    assertThat(c.remotePort()).isEqualTo(peer.getLocalPort());
                }
                // the peer's FIN is in; the first send draws its RST, the second meets it
                IoResult first = c.write(ByteBuffer.wrap(new byte[] {1}), System.nanoTime() + SECOND);
                Thread.sleep(20);
                IoResult second = c.write(ByteBuffer.wrap(new byte[] {2}), System.nanoTime() + SECOND);

                assertThat(first.outcome()).isEqualTo(Outcome.NONE);
                assertThat(first.sigpipe()).isEqualTo(SigPipe.NONE);
                assertThat(second.outcome()).isEqualTo(Outcome.BROKEN_PIPE);
                assertThat(second.exceptionClass()).isEqualTo("EPIPE");
                assertThat(second.message()).isEqualTo("32: Broken pipe");
                assertThat(second.sigpipe()).as(signals.name())
                        .isEqualTo(signals == NativeObserverProcess.Signals.SIGNAL ? SigPipe.RAISED : SigPipe.NONE);
                c.close();
                p.close(listening.handle());
            }
        }
    }

    @Test
    void setUpCallsMoveTheBytesBothWays() throws Exception {
        try (NativeObserverProcess p = start(NativeObserverProcess.Signals.SIGNAL)) {
            NativeObserverProcess.Listening listening = p.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket peer = new Socket(listening.address().getAddress(), listening.address().getPort())) {
                NativeConnection c = new NativeConnection(p, p.accept(listening.handle(), System.nanoTime() + SECOND),
                        System::nanoTime);
                assertThat(c.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), System.nanoTime() + SECOND)
                        .bytes()).isEqualTo(5);
                assertThat(new String(peer.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");

                peer.getOutputStream().write(new byte[] {(byte) 0xca, (byte) 0xfe, 0x00});
                long until = System.nanoTime() + SECOND;
                while (c.available() < 3 && System.nanoTime() - until < 0) {
                    Thread.sleep(1);
                }
                assertThat(c.available()).isEqualTo(3);
                ByteBuffer got = ByteBuffer.allocate(16);
                IoResult read = c.read(got, System.nanoTime() + SECOND);
                assertThat(read.bytes()).isEqualTo(3);
                assertThat(got.flip().get()).isEqualTo((byte) 0xca);
                assertThat(got.get()).isEqualTo((byte) 0xfe);
                assertThat(got.get()).isEqualTo((byte) 0x00);

                IoResult nothing = c.read(got.clear(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
                assertThat(nothing.outcome()).isEqualTo(Outcome.TIMEOUT);
                c.close();
            }
            assertThatThrownBy(() -> p.accept(listening.handle(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)))
                    .isInstanceOf(SocketTimeoutException.class);
            p.close(listening.handle());
            assertThatThrownBy(() -> p.available(listening.handle())).isInstanceOf(IOException.class)
                    .hasMessageContaining("EBADF 9");
        }
    }

    @Test
    void closingItEndsTheProcessAndItsThreads() throws IOException {
        NativeObserverProcess p = start(NativeObserverProcess.Signals.SIGNAL);
        ProcessHandle handle = ProcessHandle.of(p.pid()).orElseThrow();
        assertThat(p.threads()).hasSize(2).doesNotHaveDuplicates();

        p.close();

        assertThat(handle.isAlive()).isFalse();
        assertThatThrownBy(p::clock).isInstanceOf(IOException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("closebench-native-"));
    }

    @Test
    void bothItsThreadsRunWhereTheyArePlaced() throws IOException {
        CpuSet allowed = Affinity.allowed();
        CpuSet one = CpuSet.of(allowed.highest());
        try (NativeObserverProcess p = NativeObserverProcess.start(program(), NativeObserverProcess.Api.EPOLL,
                NativeObserverProcess.Signals.SIGNAL, Optional.of(one))) {
            for (int tid : p.threads()) {
                assertThat(Affinity.ofThread(p.pid(), tid)).as("thread " + tid).contains(one);
            }
        }
        try (NativeObserverProcess p = start(NativeObserverProcess.Signals.SIGNAL)) {
            for (int tid : p.threads()) {
                assertThat(Affinity.ofThread(p.pid(), tid)).as("unpinned thread " + tid).contains(allowed);
            }
        }
    }

    @Test
    void aProgramThatEndsAtOnceFailsToStartSayingSo() {
        assertThatThrownBy(() -> NativeObserverProcess.start(Path.of("/bin/false"), NativeObserverProcess.Api.BLOCKING,
                NativeObserverProcess.Signals.SIGNAL, Optional.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("did not start");
    }

    @Test
    void anAnswersErrnoNameIsTheExceptionAndItsNumberAndTextTheMessage() throws IOException {
        IoResult r = NativeObserverProcess.call(
                "7 call decisive RESET recv -1 0 104 ECONNRESET 123456 n/a - Connection reset by peer", "decisive", null);
        assertThat(r.outcome()).isEqualTo(Outcome.RESET);
        assertThat(r.exceptionClass()).isEqualTo("ECONNRESET");
        assertThat(r.message()).isEqualTo("104: Connection reset by peer");
        assertThat(r.returnedAt()).isEqualTo(123456);
        assertThat(r.sigpipe()).isEqualTo(SigPipe.UNKNOWN);

        IoResult eof = NativeObserverProcess.call("8 call read EOF recv 0 0 0 - 99 n/a - ", "read", null);
        assertThat(eof.outcome()).isEqualTo(Outcome.EOF);
        assertThat(eof.exceptionClass()).isEmpty();
        assertThat(eof.message()).isEmpty();
    }
}
