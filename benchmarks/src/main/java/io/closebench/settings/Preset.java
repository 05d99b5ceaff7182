package io.closebench.settings;

import io.closebench.cable.AppHeartbeat;
import io.closebench.cable.Combination;
import io.closebench.cable.ReadDeadline;
import io.closebench.cable.TcpKeepalive;
import io.closebench.cable.UserTimeout;
import io.closebench.schema.Observer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dead-peer detection settings that well-known stacks run with by default, as the mechanisms
 * closebench measures ({@link Combination}), each with where the values are set. A stack whose own
 * detector is an application-level ping (gRPC's HTTP/2 keepalive, client-go's HTTP/2 health check,
 * etcd's Raft heartbeat) is expressed as an {@link AppHeartbeat} with the same deadline after the
 * last byte read: a ping every {@code interval}, the peer declared dead after {@code misses}
 * intervals without an answer. docs/settings.md cites each source and says what the mapping leaves
 * out.
 */
public enum Preset {

    /** Java's own default: nothing set, SO_KEEPALIVE off (and what pgjdbc leaves: tcpKeepAlive=false). */
    JDK("jdk", "Java (java.net.Socket, SocketChannel, Netty) out of the box: SO_KEEPALIVE off",
            Combination.nothing("jdk"), Observer.NIO,
            "JDK: StandardSocketOptions.SO_KEEPALIVE is off unless set; tcp(7)"),

    /** SO_KEEPALIVE on with the kernel's values, as MySQL Connector/J (tcpKeepAlive=true) and libpq leave it. */
    LINUX("linux", "SO_KEEPALIVE on with Linux's defaults: 7200 s + 75 s x 9; tcp_retries2 15, tcp_syn_retries 6",
            Combination.nothing("linux").withKeepalive(new TcpKeepalive(7200, 75, 9)), Observer.NIO,
            "torvalds/linux Documentation/networking/ip-sysctl.rst (tcp_keepalive_time 7200, tcp_keepalive_intvl 75, "
                    + "tcp_keepalive_probes 9, tcp_retries2 15, tcp_syn_retries 6)"),

    /** Go's net package: keepalive on by default since Go 1.13, 15 s + 15 s x 9 since Go 1.23's KeepAliveConfig. */
    GO("go", "Go net.Dialer / net.ListenConfig defaults: keepalive 15 s + 15 s x 9",
            Combination.nothing("go").withKeepalive(new TcpKeepalive(15, 15, 9)), Observer.NIO,
            "golang/go src/net/dial.go (defaultTCPKeepAliveIdle 15 s, defaultTCPKeepAliveInterval 15 s, "
                    + "defaultTCPKeepAliveCount 9; go.dev/issue/31510)"),

    /** Redis's server: tcp-keepalive 300, which anet turns into 300 s + 100 s x 3. */
    REDIS("redis", "Redis server tcp-keepalive 300: keepalive 300 s + 100 s x 3",
            Combination.nothing("redis").withKeepalive(new TcpKeepalive(300, 100, 3)), Observer.NIO,
            "redis/redis redis.conf (tcp-keepalive 300, the default since 3.2.1); src/anet.c anetKeepAlive "
                    + "(TCP_KEEPINTVL = interval/3, TCP_KEEPCNT = 3)"),

    /**
     * gRPC with keepalive on at the least a client may set: a ping after 10 s without a read, the
     * peer dead 20 s later (KEEPALIVE_TIMEOUT), and TCP_USER_TIMEOUT = 20 s (A18), which grpc-java
     * sets through Netty's epoll transport.
     */
    GRPC("grpc", "gRPC keepalive on: KEEPALIVE_TIME 10 s (a client's minimum) + KEEPALIVE_TIMEOUT 20 s; "
            + "TCP_USER_TIMEOUT 20 s (Netty epoll)",
            Combination.nothing("grpc").withHeartbeat(new AppHeartbeat(10_000, 3)).withUserTimeout(new UserTimeout(20_000)),
            Observer.NETTY_EPOLL,
            "grpc/proposal A8-client-side-keepalive.md (KEEPALIVE_TIMEOUT 20 s, minimum KEEPALIVE_TIME 10 s), "
                    + "A018-tcp-user-timeout.md (TCP_USER_TIMEOUT = KEEPALIVE_TIMEOUT; grpc-java via epoll, #5599)"),

    /** Node's http.Agent with keepAlive: setKeepAlive(true, 1000), which libuv turns into 1 s + 1 s x 10. */
    NODE("node", "Node http.Agent keepAlive (keepAliveMsecs 1000) through libuv: keepalive 1 s + 1 s x 10",
            Combination.nothing("node").withKeepalive(new TcpKeepalive(1, 1, 10)), Observer.NIO,
            "nodejs/node lib/_http_agent.js (keepAliveMsecs || 1000; keepSocketAlive: setKeepAlive(true, "
                    + "keepAliveMsecs)); libuv/libuv src/unix/tcp.c uv__tcp_keepalive (TCP_KEEPINTVL 1, TCP_KEEPCNT 10)"),

    /** pgjdbc leaves TCP keepalive off: tcpKeepAlive defaults to false, socketTimeout to 0. */
    PGJDBC("pgjdbc", "PostgreSQL JDBC driver defaults: tcpKeepAlive=false, socketTimeout=0 (nothing set)",
            Combination.nothing("pgjdbc"), Observer.BLOCKING,
            "pgjdbc/pgjdbc pgjdbc/src/main/java/org/postgresql/PGProperty.java (TCP_KEEP_ALIVE \"false\")"),

    /** Kafka's clients time every request: request.timeout.ms 30000, here a 30 s read deadline. */
    KAFKA("kafka", "Kafka client request.timeout.ms 30000: a 30 s timer over a request's answer",
            Combination.nothing("kafka").withReadDeadline(new ReadDeadline(30_000)), Observer.NIO,
            "apache/kafka clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java "
                    + "(REQUEST_TIMEOUT_MS_CONFIG, 30 * 1000)"),

    /** etcd's Raft: a heartbeat every 100 ms, an election after 1000 ms without one. */
    ETCD("etcd", "etcd Raft heartbeat-interval 100 ms, election-timeout 1000 ms",
            Combination.nothing("etcd").withHeartbeat(new AppHeartbeat(100, 10)), Observer.NIO,
            "etcd-io/etcd server/embed/config.go (DefaultTickMs 100, DefaultElectionMs 1000); etcd.io docs, tuning"),

    /** Kubernetes client-go's HTTP/2 health check: a ping after 30 s without a frame, 15 s to answer it. */
    CLIENT_GO("client-go", "Kubernetes client-go HTTP/2 health check: ReadIdleTimeout 30 s + PingTimeout 15 s",
            Combination.nothing("client-go").withHeartbeat(new AppHeartbeat(15_000, 3)), Observer.NIO,
            "kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/net/http.go (readIdleTimeoutSeconds 30, "
                    + "pingTimeoutSeconds 15; HTTP2_READ_IDLE_TIMEOUT_SECONDS, HTTP2_PING_TIMEOUT_SECONDS; PR 95981)");

    private final String id;
    private final String title;
    private final Combination settings;
    private final Observer observer;
    private final String source;

    Preset(String id, String title, Combination settings, Observer observer, String source) {
        this.id = id;
        this.title = title;
        this.settings = settings;
        this.observer = observer;
        this.source = source;
    }

    /** How the command line names it: {@code --preset client-go}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The stack's settings as closebench's mechanisms, named after the preset. */
    public Combination settings() {
        return settings;
    }

    /** The observer model that stands for the stack by default (one whose API can set every part). */
    public Observer observer() {
        return observer;
    }

    /** Where the values are set. */
    public String source() {
        return source;
    }

    public static Optional<Preset> byId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Preset::id).toList();
    }
}
