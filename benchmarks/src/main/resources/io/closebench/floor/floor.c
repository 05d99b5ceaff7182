/*
 * closebench native floor: the detection protocol of the Java harness (CaseRunner with an
 * InProcessPeer, scenarios S2-inproc and X1-linger0) written against the kernel and libc only,
 * so that the report can set the Java figures beside what the same machine costs without a JVM.
 * The same program is also the matrix's C observer (NATIVE, NATIVE_EPOLL, NATIVE_NOSIGNAL):
 * "floor observe ...", described further down ("the observer server"), where the harness's Java
 * peers meet an observer written in C on every loopback case.
 *
 *   floor <scenario> <api> <placement> <idle_us> <warmup_reps> <reps>
 *   floor observe <BLOCKING|EPOLL> <SIGNAL|NOSIGNAL> <any|cpu,cpu,...>
 *
 *   scenario   S2-inproc  (peer streams 256 KiB in 1 KiB writes, then close(): EOF)
 *              X1-linger0 (peer streams 16 KiB in 1 KiB writes, SO_LINGER {1, 0}, close(): RST)
 *   api        BLOCKING   read() on a blocking socket sleeps until the outcome
 *              NIO        non-blocking socket in an epoll instance (EPOLLIN, level-triggered, as
 *                         Java's Selector): read(); on EAGAIN epoll_wait(), then read() again
 *              POLL       non-blocking socket: read(); on EAGAIN poll(), then read() again; this
 *                         is what Java's "blocking" Socket does under SO_TIMEOUT (NioSocketImpl's
 *                         timedRead), and closebench's BlockingConnection always sets SO_TIMEOUT
 *   placement  OS         no pinning
 *              SAME_CPU   observer and peer pinned to the highest CPU of the affinity mask
 *              CROSS_CPU  observer on the highest CPU of the mask, peer on the lowest
 *   idle_us    how long the peer waits, once the observer sleeps, before the fault
 *
 * Output (stdout), one record a line, the first word naming it:
 *   kernel <sysname> <release> <version> <machine>
 *   skipped <reason>                         (and nothing more) when the placement is impossible
 *   run scenario=.. api=.. placement=.. idle_us=.. warmup=.. reps=.. observer_cpu=.. peer_cpu=.. affinity=..
 *   outcomes EOF=n RESET=n OTHER_ERROR=n TIMEOUT=n HARNESS_FAILURE=n
 *   detail outcome=<outcome> count=<n> text=<what happened, to the end of the line>   (0 or more)
 *   asleep <repetitions in which the observer was seen asleep at the fault>
 *   latency_ns count=n min=.. p50=.. p90=.. p99=.. max=..   (-1 each when count is 0)
 * Exit status 0 when the repetitions ran (whatever their outcomes), 1 when the set-up failed
 * (message on stderr), 2 for a usage error.
 *
 * Every measured repetition lands in exactly one outcome; none is retried or dropped. Every wait
 * is bounded: a stuck step becomes TIMEOUT or HARNESS_FAILURE, never a hang.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NANOS_PER_MILLI 1000000LL
#define NANOS_PER_SECOND 1000000000LL

/* TIME_WAIT is left by the peer, which closes first; 8 listening addresses give 8 times the
 * 4-tuples, as LoopbackSpread does for the Java harness. */
#define LISTENERS 8
#define READ_BUFFER (64 * 1024)
#define WRITE_SIZE 1024
/* CaseRunner.ASLEEP_WAIT_NANOS: how long the peer waits for the observer to fall asleep. */
#define ASLEEP_WAIT_NS (50 * NANOS_PER_MILLI)
/* ObserverThread.FALLBACK_PAUSE_NANOS: the pause used where /proc cannot tell. */
#define FALLBACK_PAUSE_NS (1 * NANOS_PER_MILLI)
/* Bound of every single step: connect, accept, hand-over, one send, the wait for the outcome. */
#define STEP_NS (1 * NANOS_PER_SECOND)
#define MAX_REPETITIONS 1000000L
#define MAX_IDLE_US 10000000L
#define MAX_DETAILS 16
#define DETAIL_TEXT 200

enum api { API_BLOCKING, API_NIO, API_POLL };
enum placement { PLACE_OS, PLACE_SAME_CPU, PLACE_CROSS_CPU };
/* The names of io.closebench.transport.Outcome, so that both sides count in the same classes. */
enum outcome { OUT_EOF, OUT_RESET, OUT_OTHER_ERROR, OUT_TIMEOUT, OUT_HARNESS_FAILURE, OUT_COUNT };

static const char *const API_NAMES[] = {"BLOCKING", "NIO", "POLL"};
static const char *const PLACEMENT_NAMES[] = {"OS", "SAME_CPU", "CROSS_CPU"};
static const char *const OUTCOME_NAMES[] = {"EOF", "RESET", "OTHER_ERROR", "TIMEOUT", "HARNESS_FAILURE"};

struct scenario {
    const char *id;
    long peer_bytes;
    int abortive;
};

static const struct scenario SCENARIOS[] = {
    {"S2-inproc", 256 * 1024, 0},
    {"X1-linger0", 16 * 1024, 1},
};

struct config {
    const struct scenario *scenario;
    enum api api;
    enum placement placement;
    long idle_us;
    long warmup;
    long reps;
};

/* What the observer found; step and err say where and why when it is not EOF or RESET. */
struct probe_result {
    enum outcome outcome;
    int err;
    const char *step;
    int64_t t1;
    long long bytes;
};

/* Hand-over between the peer (main thread) and the observer, one repetition at a time. */
struct handoff {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* on CLOCK_MONOTONIC, like every deadline here */
    unsigned observer_ready; /* 1 once observer_tid and observer_error are set */
    int observer_error;
    pid_t observer_tid;
    unsigned task; /* number of the latest repetition handed over */
    int task_fd;
    int64_t task_deadline;
    int stop;
    unsigned armed; /* == task once the observer is in its read loop */
    unsigned done;  /* == task once result holds its outcome */
    struct probe_result result;
};

struct rep_result {
    enum outcome outcome;
    int asleep;
    int64_t latency; /* t1 - t0, or -1 when there is no t0 or no outcome */
    char detail[DETAIL_TEXT];
};

struct detail {
    enum outcome outcome;
    long count;
    char text[DETAIL_TEXT];
};

struct run {
    struct config cfg;
    int observer_cpu; /* -1: not pinned */
    int peer_cpu;
    int listeners[LISTENERS];
    struct sockaddr_in listener_addresses[LISTENERS];
    struct handoff handoff;
    char stat_path[64];
    int stat_readable;
    int observer_stuck; /* set once the observer stopped answering: nothing more can run */
    long counts[OUT_COUNT];
    long asleep;
    int64_t *latencies;
    long latency_count;
    struct detail details[MAX_DETAILS];
    int detail_count;
    long details_not_kept;
};

static const char PEER_BLOCK[WRITE_SIZE] = {0};

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NANOS_PER_SECOND + ts.tv_nsec;
}

static struct timespec timespec_of(int64_t ns)
{
    struct timespec ts = {(time_t)(ns / NANOS_PER_SECOND), (long)(ns % NANOS_PER_SECOND)};
    return ts;
}

/* Whole milliseconds left, rounded up as Java's select and SO_TIMEOUT round: never early. */
static int millis_until(int64_t deadline)
{
    int64_t left = deadline - now_ns();
    if (left <= 0) {
        return 0;
    }
    int64_t ms = (left + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

static void sleep_ns(int64_t ns)
{
    struct timespec ts = timespec_of(ns);
    while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR) {
    }
}

/* Thread.onSpinWait() */
static inline void spin_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* ---------------------------------------------------------------- the observer's asleep state */

/* "tid (comm) S ...": comm may hold spaces and parentheses, so the state is after the last ')'. */
static int thread_sleeps(const char *stat_path)
{
    char buffer[1024];
    int fd = open(stat_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    ssize_t n = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (n <= 0) {
        return 0;
    }
    buffer[n] = '\0';
    const char *close_paren = strrchr(buffer, ')');
    return close_paren != NULL && close_paren[1] == ' ' && close_paren[2] == 'S';
}

/* ObserverThread.awaitAsleep: spin on the stat file until the state is S, at most max_ns. */
static int await_asleep(const struct run *r, int64_t max_ns)
{
    if (!r->stat_readable) {
        sleep_ns(FALLBACK_PAUSE_NS);
        return 0;
    }
    int64_t until = now_ns() + max_ns;
    do {
        if (thread_sleeps(r->stat_path)) {
            return 1;
        }
        spin_pause();
    } while (now_ns() < until);
    return 0;
}

/* ---------------------------------------------------------------- sockets */

static int set_nonblocking(int fd, int on)
{
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return -1;
    }
    return fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
}

static int set_timeout(int fd, int option, int64_t ns)
{
    /* 0 would mean "forever": at least a millisecond */
    if (ns < NANOS_PER_MILLI) {
        ns = NANOS_PER_MILLI;
    }
    struct timeval tv = {(time_t)(ns / NANOS_PER_SECOND), (suseconds_t)(ns % NANOS_PER_SECOND / 1000)};
    return setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

static int open_listener(struct sockaddr_in *address)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    socklen_t length = sizeof *address;
    if (fd < 0) {
        return -1;
    }
    if (bind(fd, (const struct sockaddr *)address, sizeof *address) < 0 || listen(fd, 512) < 0
        || getsockname(fd, (struct sockaddr *)address, &length) < 0) {
        int err = errno;
        close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

/* A connect that cannot hang on a full backlog: non-blocking, then poll until the deadline. */
static int connect_bounded(const struct sockaddr_in *to, int64_t deadline)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -1;
    }
    if (connect(fd, (const struct sockaddr *)to, sizeof *to) < 0) {
        struct pollfd p = {fd, POLLOUT, 0};
        int so_error = 0;
        socklen_t length = sizeof so_error;
        if (errno != EINPROGRESS) {
            goto failed;
        }
        int ready = poll(&p, 1, millis_until(deadline));
        if (ready == 0) {
            errno = ETIMEDOUT;
        }
        if (ready <= 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &length) < 0) {
            goto failed;
        }
        if (so_error != 0) {
            errno = so_error;
            goto failed;
        }
    }
    /* the peer writes with blocking sends, each bounded */
    if (set_nonblocking(fd, 0) < 0 || set_timeout(fd, SO_SNDTIMEO, STEP_NS) < 0) {
        goto failed;
    }
    return fd;
failed: {
    int err = errno;
    close(fd);
    errno = err;
    return -1;
}
}

static int accept_bounded(int listener, int64_t deadline)
{
    struct pollfd p = {listener, POLLIN, 0};
    int ready = poll(&p, 1, millis_until(deadline));
    if (ready == 0) {
        errno = ETIMEDOUT;
    }
    if (ready <= 0) {
        return -1;
    }
    return accept4(listener, NULL, NULL, SOCK_CLOEXEC);
}

static int local_port(int fd, int peer)
{
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    int rc = peer ? getpeername(fd, (struct sockaddr *)&address, &length)
                  : getsockname(fd, (struct sockaddr *)&address, &length);
    return rc < 0 ? -1 : ntohs(address.sin_port);
}

/* InProcessPeer.send: "many packets", each write bounded by SO_SNDTIMEO. */
static int send_in_writes(int fd, long bytes)
{
    long sent = 0;
    while (sent < bytes) {
        size_t chunk = WRITE_SIZE - (size_t)(sent % WRITE_SIZE);
        if ((long)chunk > bytes - sent) {
            chunk = (size_t)(bytes - sent);
        }
        ssize_t n = send(fd, PEER_BLOCK, chunk, MSG_NOSIGNAL);
        if (n < 0 && errno != EINTR) {
            return -1;
        }
        if (n > 0) {
            sent += n;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- the observer */

static int prepare_observed(enum api api, int epoll_fd, int fd, int64_t deadline)
{
    switch (api) {
    case API_BLOCKING:
        /* kernel-side bound: the read stays one blocking read, it just cannot sleep forever */
        return set_timeout(fd, SO_RCVTIMEO, deadline - now_ns());
    case API_NIO: {
        struct epoll_event interest = {.events = EPOLLIN, .data.fd = fd};
        if (set_nonblocking(fd, 1) < 0) {
            return -1;
        }
        return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &interest);
    }
    case API_POLL:
        return set_nonblocking(fd, 1);
    }
    return -1;
}

/* After a read said EAGAIN: wait for readiness (NIO, POLL) or re-arm the read's own bound. */
static int await_readable(enum api api, int epoll_fd, int fd, int64_t deadline)
{
    switch (api) {
    case API_BLOCKING:
        /* SO_RCVTIMEO ran out (only on the way to TIMEOUT): what is left of the budget */
        return set_timeout(fd, SO_RCVTIMEO, deadline - now_ns());
    case API_NIO: {
        struct epoll_event events[8];
        int n = epoll_wait(epoll_fd, events, 8, millis_until(deadline));
        return n < 0 && errno != EINTR ? -1 : 0;
    }
    case API_POLL: {
        struct pollfd p = {fd, POLLIN, 0};
        int n = poll(&p, 1, millis_until(deadline));
        return n < 0 && errno != EINTR ? -1 : 0;
    }
    }
    return -1;
}

/* Probe.READ_UNTIL_OUTCOME: read until EOF, an error, or the deadline; t1 right after the read. */
static struct probe_result read_until_outcome(enum api api, int epoll_fd, int fd, int64_t deadline,
                                              char *buffer)
{
    struct probe_result res = {OUT_HARNESS_FAILURE, 0, "read", -1, 0};
    for (;;) {
        ssize_t n = read(fd, buffer, READ_BUFFER);
        if (n > 0) {
            res.bytes += n;
            continue;
        }
        res.t1 = now_ns();
        if (n == 0) {
            res.outcome = OUT_EOF;
            return res;
        }
        int err = errno;
        if (err == EINTR) {
            continue;
        }
        if (err != EAGAIN && err != EWOULDBLOCK) {
            res.outcome = err == ECONNRESET ? OUT_RESET : OUT_OTHER_ERROR;
            res.err = err;
            return res;
        }
        if (res.t1 >= deadline) {
            res.outcome = OUT_TIMEOUT;
            return res;
        }
        if (await_readable(api, epoll_fd, fd, deadline) < 0) {
            res.err = errno;
            res.step = api == API_NIO ? "epoll_wait" : api == API_POLL ? "poll" : "setsockopt SO_RCVTIMEO";
            return res;
        }
    }
}

static void publish_armed(struct handoff *h, unsigned task)
{
    pthread_mutex_lock(&h->lock);
    h->armed = task;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

/* One repetition on the observer's side; the socket is the observer's and it closes it. */
static struct probe_result observe(struct run *r, int epoll_fd, int fd, int64_t deadline,
                                   char *buffer, unsigned task)
{
    struct probe_result res = {OUT_HARNESS_FAILURE, 0, "observer's socket set-up", -1, 0};
    int prepared = prepare_observed(r->cfg.api, epoll_fd, fd, deadline);
    int err = errno;
    /* armed before the first read, as CaseRunner's Armed: "asleep" then means asleep in the probe */
    publish_armed(&r->handoff, task);
    if (prepared == 0) {
        res = read_until_outcome(r->cfg.api, epoll_fd, fd, deadline, buffer);
    } else {
        res.err = err;
    }
    if (r->cfg.api == API_NIO) {
        epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, NULL);
    }
    close(fd);
    return res;
}

static int pin_self(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *observer_main(void *arg)
{
    struct run *r = arg;
    struct handoff *h = &r->handoff;
    int epoll_fd = -1;
    char *buffer = NULL;
    int err = r->observer_cpu >= 0 ? pin_self(r->observer_cpu) : 0;
    if (err == 0 && r->cfg.api == API_NIO && (epoll_fd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        err = errno;
    }
    if (err == 0 && (buffer = malloc(READ_BUFFER)) == NULL) {
        err = ENOMEM;
    }
    pthread_mutex_lock(&h->lock);
    h->observer_tid = (pid_t)syscall(SYS_gettid);
    h->observer_error = err;
    h->observer_ready = 1;
    pthread_cond_broadcast(&h->changed);
    unsigned seen = 0;
    while (err == 0) {
        /* Not timed: the main thread's every step is bounded, and it ends with stop (or exits). */
        while (h->task == seen && !h->stop) {
            pthread_cond_wait(&h->changed, &h->lock);
        }
        if (h->stop) {
            break;
        }
        seen = h->task;
        int fd = h->task_fd;
        int64_t deadline = h->task_deadline;
        pthread_mutex_unlock(&h->lock);
        struct probe_result res = observe(r, epoll_fd, fd, deadline, buffer, seen);
        pthread_mutex_lock(&h->lock);
        h->result = res;
        h->done = seen;
        pthread_cond_broadcast(&h->changed);
    }
    pthread_mutex_unlock(&h->lock);
    free(buffer);
    if (epoll_fd >= 0) {
        close(epoll_fd);
    }
    return NULL;
}

/* ---------------------------------------------------------------- the peer (main thread) */

static unsigned hand_over(struct handoff *h, int fd, int64_t deadline)
{
    pthread_mutex_lock(&h->lock);
    unsigned task = ++h->task;
    h->task_fd = fd;
    h->task_deadline = deadline;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
    return task;
}

/* Waits until *field (armed or done) reaches task, at most until deadline. */
static int await_task(struct handoff *h, const unsigned *field, unsigned task, int64_t deadline)
{
    struct timespec until = timespec_of(deadline);
    int rc = 0;
    pthread_mutex_lock(&h->lock);
    while (*field != task && rc != ETIMEDOUT) {
        rc = pthread_cond_timedwait(&h->changed, &h->lock, &until);
    }
    int reached = *field == task;
    pthread_mutex_unlock(&h->lock);
    return reached;
}

static int observer_finished(struct handoff *h, unsigned task)
{
    pthread_mutex_lock(&h->lock);
    int finished = h->done == task;
    pthread_mutex_unlock(&h->lock);
    return finished;
}

static void describe(const struct probe_result *res, char *text, size_t size)
{
    if (res->outcome == OUT_TIMEOUT) {
        snprintf(text, size, "no outcome by the repetition's deadline (%lld B read)", res->bytes);
    } else if (res->outcome == OUT_OTHER_ERROR || res->outcome == OUT_HARNESS_FAILURE) {
        snprintf(text, size, "%s: %s", res->step, strerror(res->err));
    } else {
        snprintf(text, size, "%s", OUTCOME_NAMES[res->outcome]);
    }
}

static void harness_failure(struct rep_result *out, const char *step, int err)
{
    out->outcome = OUT_HARNESS_FAILURE;
    snprintf(out->detail, sizeof out->detail, "%s: %s", step, strerror(err));
}

/*
 * Collects the observer's result, at most until deadline. An observer that overruns is freed by
 * shutting its socket down (CaseRunner closes it; shutdown cannot race with the observer's own
 * close of the descriptor) and counted as TIMEOUT; one that does not even answer then makes the
 * rest of the run impossible.
 */
static int collect(struct run *r, unsigned task, int fd, int64_t deadline, struct probe_result *res,
                   struct rep_result *out)
{
    struct handoff *h = &r->handoff;
    if (!await_task(h, &h->done, task, deadline)) {
        shutdown(fd, SHUT_RDWR);
        out->outcome = OUT_TIMEOUT;
        snprintf(out->detail, sizeof out->detail,
                 "observer did not return by its deadline; its socket was shut down to free it");
        if (!await_task(h, &h->done, task, now_ns() + STEP_NS)) {
            r->observer_stuck = 1;
        }
        return 0;
    }
    pthread_mutex_lock(&h->lock);
    *res = h->result;
    pthread_mutex_unlock(&h->lock);
    return 1;
}

/* One repetition, CaseRunner.runIn for an OBSERVER_WAITS scenario with an in-process peer. */
static void repetition(struct run *r, unsigned index, struct rep_result *out)
{
    const struct config *cfg = &r->cfg;
    int slot = (int)(index % LISTENERS);
    memset(out, 0, sizeof *out);
    out->latency = -1;
    if (r->observer_stuck) {
        out->outcome = OUT_HARNESS_FAILURE;
        snprintf(out->detail, sizeof out->detail,
                 "not run: the observer thread stopped answering in an earlier repetition");
        return;
    }
    int64_t start = now_ns();
    int client = connect_bounded(&r->listener_addresses[slot], start + STEP_NS);
    if (client < 0) {
        harness_failure(out, "peer's connect", errno);
        return;
    }
    int accepted = accept_bounded(r->listeners[slot], start + STEP_NS);
    if (accepted < 0) {
        harness_failure(out, "accept", errno);
        close(client);
        return;
    }
    if (local_port(accepted, 1) != local_port(client, 0)) {
        /* a connection left in the backlog by an earlier failed repetition */
        out->outcome = OUT_HARNESS_FAILURE;
        snprintf(out->detail, sizeof out->detail, "accepted a connection that is not the peer's");
        close(accepted);
        close(client);
        return;
    }
    /* InProcessPeer.prepare: set before the fault, so that t0 precedes close() only */
    struct linger abortive = {1, 0};
    if (cfg->scenario->abortive && setsockopt(client, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive) < 0) {
        harness_failure(out, "setsockopt SO_LINGER", errno);
        close(accepted);
        close(client);
        return;
    }

    int64_t observer_deadline = now_ns() + STEP_NS + ASLEEP_WAIT_NS + cfg->idle_us * 1000 + STEP_NS;
    unsigned task = hand_over(&r->handoff, accepted, observer_deadline);
    if (!await_task(&r->handoff, &r->handoff.armed, task, now_ns() + STEP_NS)) {
        r->observer_stuck = 1;
        out->outcome = OUT_HARNESS_FAILURE;
        snprintf(out->detail, sizeof out->detail, "the observer thread never started its read loop");
        close(client);
        return;
    }

    const char *problem = NULL;
    int problem_err = 0;
    int64_t t0 = -1;
    if (send_in_writes(client, cfg->scenario->peer_bytes) < 0) {
        problem = "peer's send";
        problem_err = errno;
    } else {
        /* the observer has drained what was sent and sleeps in read/epoll_wait/poll: now the fault */
        out->asleep = await_asleep(r, ASLEEP_WAIT_NS);
        if (cfg->idle_us > 0) {
            sleep_ns(cfg->idle_us * 1000);
            out->asleep = out->asleep && thread_sleeps(r->stat_path);
        }
        if (observer_finished(&r->handoff, task)) {
            problem = "the observer's read ended before the fault";
        } else {
            t0 = now_ns();
            close(client);
            client = -1;
        }
    }
    if (client >= 0) {
        /* after a problem: end the observer's read, whatever the scenario */
        close(client);
    }

    struct probe_result res;
    if (!collect(r, task, accepted, observer_deadline + STEP_NS, &res, out)) {
        return;
    }
    if (problem == NULL && res.t1 >= 0 && res.t1 < t0) {
        /* it returned between the check above and t0 */
        problem = "the observer's read ended before the fault";
    }
    if (problem != NULL) {
        char observed[DETAIL_TEXT / 2];
        describe(&res, observed, sizeof observed);
        out->outcome = OUT_HARNESS_FAILURE;
        snprintf(out->detail, sizeof out->detail, "%s%s%s (observer: %s)", problem,
                 problem_err ? ": " : "", problem_err ? strerror(problem_err) : "", observed);
        return;
    }
    out->outcome = res.outcome;
    if (res.outcome == OUT_EOF || res.outcome == OUT_RESET || res.outcome == OUT_OTHER_ERROR) {
        out->latency = res.t1 - t0;
    }
    if (res.outcome != OUT_EOF && res.outcome != OUT_RESET) {
        describe(&res, out->detail, sizeof out->detail);
    }
}

/* ---------------------------------------------------------------- counting and the summary */

static void count(struct run *r, const struct rep_result *rep)
{
    r->counts[rep->outcome]++;
    r->asleep += rep->asleep;
    if (rep->latency >= 0) {
        r->latencies[r->latency_count++] = rep->latency;
    }
    if (rep->detail[0] == '\0') {
        return;
    }
    for (int i = 0; i < r->detail_count; i++) {
        if (r->details[i].outcome == rep->outcome && strcmp(r->details[i].text, rep->detail) == 0) {
            r->details[i].count++;
            return;
        }
    }
    if (r->detail_count == MAX_DETAILS) {
        r->details_not_kept++;
        return;
    }
    struct detail *d = &r->details[r->detail_count++];
    d->outcome = rep->outcome;
    d->count = 1;
    snprintf(d->text, sizeof d->text, "%s", rep->detail);
}

static int compare_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a;
    int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p percent of the values at or below it. */
static int64_t percentile(const int64_t *sorted, long n, int p)
{
    if (n == 0) {
        return -1;
    }
    long rank = (long)(((long long)p * n + 99) / 100);
    return sorted[rank < 1 ? 0 : rank - 1];
}

static void print_summary(struct run *r)
{
    printf("outcomes");
    for (int o = 0; o < OUT_COUNT; o++) {
        printf(" %s=%ld", OUTCOME_NAMES[o], r->counts[o]);
    }
    printf("\n");
    for (int i = 0; i < r->detail_count; i++) {
        printf("detail outcome=%s count=%ld text=%s\n", OUTCOME_NAMES[r->details[i].outcome],
               r->details[i].count, r->details[i].text);
    }
    if (r->details_not_kept > 0) {
        printf("detail outcome=ANY count=%ld text=(repetitions with further distinct reasons, not kept)\n",
               r->details_not_kept);
    }
    printf("asleep %ld\n", r->asleep);
    long n = r->latency_count;
    qsort(r->latencies, (size_t)n, sizeof *r->latencies, compare_int64);
    printf("latency_ns count=%ld min=%lld p50=%lld p90=%lld p99=%lld max=%lld\n", n,
           (long long)(n ? r->latencies[0] : -1), (long long)percentile(r->latencies, n, 50),
           (long long)percentile(r->latencies, n, 90), (long long)percentile(r->latencies, n, 99),
           (long long)(n ? r->latencies[n - 1] : -1));
}

/* ---------------------------------------------------------------- set-up */

static int index_of(const char *value, const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(value, names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static int parse_long(const char *text, long min, long max, long *value)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max) {
        return -1;
    }
    *value = v;
    return 0;
}

static int parse_arguments(int argc, char **argv, struct config *cfg)
{
    if (argc != 7) {
        return -1;
    }
    cfg->scenario = NULL;
    for (size_t i = 0; i < sizeof SCENARIOS / sizeof SCENARIOS[0]; i++) {
        if (strcmp(argv[1], SCENARIOS[i].id) == 0) {
            cfg->scenario = &SCENARIOS[i];
        }
    }
    int api = index_of(argv[2], API_NAMES, 3);
    int placement = index_of(argv[3], PLACEMENT_NAMES, 3);
    if (cfg->scenario == NULL || api < 0 || placement < 0) {
        return -1;
    }
    cfg->api = (enum api)api;
    cfg->placement = (enum placement)placement;
    return parse_long(argv[4], 0, MAX_IDLE_US, &cfg->idle_us) == 0
                   && parse_long(argv[5], 0, MAX_REPETITIONS, &cfg->warmup) == 0
                   && parse_long(argv[6], 1, MAX_REPETITIONS, &cfg->reps) == 0
               ? 0
               : -1;
}

/* Chooses the CPUs from the process's own mask; returns a reason when the placement is impossible. */
static const char *choose_cpus(struct run *r, char *mask_text, size_t size)
{
    cpu_set_t mask;
    int lowest = -1, highest = -1, cpus = 0;
    size_t used = 0;
    mask_text[0] = '\0';
    if (sched_getaffinity(0, sizeof mask, &mask) < 0) {
        return "sched_getaffinity failed";
    }
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &mask)) {
            lowest = lowest < 0 ? cpu : lowest;
            highest = cpu;
            cpus++;
            if (used < size) {
                used += (size_t)snprintf(mask_text + used, size - used, "%s%d", used ? "," : "", cpu);
            }
        }
    }
    r->observer_cpu = r->peer_cpu = -1;
    switch (r->cfg.placement) {
    case PLACE_OS:
        return NULL;
    case PLACE_SAME_CPU:
        r->observer_cpu = r->peer_cpu = highest;
        return NULL;
    case PLACE_CROSS_CPU:
        if (cpus < 2) {
            static char reason[160];
            snprintf(reason, sizeof reason,
                     "CROSS_CPU needs two CPUs in this process's affinity mask, it holds %d (%s)", cpus, mask_text);
            return reason;
        }
        r->observer_cpu = highest;
        r->peer_cpu = lowest;
        return NULL;
    }
    return "unknown placement";
}

static int fail_setup(const char *what, int err)
{
    fprintf(stderr, "floor: %s: %s\n", what, strerror(err));
    return 1;
}

/* A mutex and a condition whose timed waits run on CLOCK_MONOTONIC, like every deadline here. */
static int init_lock(pthread_mutex_t *lock, pthread_cond_t *changed)
{
    pthread_condattr_t attributes;
    int err = pthread_condattr_init(&attributes);
    if (err == 0) {
        err = pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    }
    if (err == 0) {
        err = pthread_cond_init(changed, &attributes);
    }
    pthread_condattr_destroy(&attributes);
    return err != 0 ? err : pthread_mutex_init(lock, NULL);
}

static int init_handoff(struct handoff *h)
{
    return init_lock(&h->lock, &h->changed);
}

/* ================================================================ the observer server
 *
 *   floor observe <BLOCKING|EPOLL> <SIGNAL|NOSIGNAL> <any|cpu,cpu,...>
 *
 * The harness's observer for the C models (NATIVE, NATIVE_EPOLL, NATIVE_NOSIGNAL): it stays alive for a
 * whole run and owns the observer's sockets; the peer stays in the harness (a Java socket, or a
 * child process). It is driven one line at a time over stdin and answers on stdout; each request
 * starts with a number of the harness's choosing that its answer repeats, so that answers can come
 * out of order (a close while a probe runs). Numbers in ns are CLOCK_MONOTONIC, the clock of
 * System.nanoTime() on Linux (HotSpot's os::javaTimeNanos), so that deadlines and instants are the
 * harness's own.
 *
 *   BLOCKING   blocking socket: recv() and send() sleep in the kernel, bounded by SO_RCVTIMEO and
 *              SO_SNDTIMEO set to what is left of the deadline before each call
 *   EPOLL      non-blocking socket in an epoll instance of its own (EPOLLIN, level-triggered, as
 *              Java's Selector): recv(); on EAGAIN epoll_wait(), then recv() again; a send that
 *              finds the buffer full waits for EPOLLOUT the same way
 *   SIGNAL     send() without flags: SIGPIPE's default disposition stands (the process would end).
 *              Both threads keep SIGPIPE blocked, so that a SIGPIPE the kernel raises for a send
 *              stays pending on the sending thread instead of ending the process; right after every
 *              send that fails, sigtimedwait() takes it: "raised" means the kernel sent SIGPIPE for
 *              that very call. What the default disposition then does is checked by sigpipe_check.
 *   NOSIGNAL   send() with MSG_NOSIGNAL; SIGPIPE blocked and looked for alike
 *   cpus       where both threads run (sched_setaffinity), "any": not pinned
 *
 * Two threads: the main thread reads requests and runs each at once, except probes, which it hands
 * to the observer thread, the one that sleeps in recv/send/epoll_wait. Its kernel id is in the first
 * line, so that the harness reads its state in /proc as it does for a Java observer thread. A close
 * runs on the main thread at once, whatever the observer thread is doing: "another thread closes
 * the socket" (X4) is literally that.
 *
 * First line: 0 ready pid=<pid> main=<tid> observer=<tid> api=<BLOCKING|EPOLL> sigpipe=<SIGNAL|NOSIGNAL>
 * Requests and their answers (<h>: a handle, never reused; <deadline>: absolute ns):
 *   <n> listen <ipv4> <port>                 <n> ok <h> <ipv4> <port>
 *   <n> accept <h> <deadline>                <n> ok <h> <local ipv4> <port> <remote ipv4> <port> | <n> timeout
 *   <n> connect <ipv4> <port> <deadline>     as accept
 *   <n> read <h> <max bytes> <deadline>      <n> call read <call>        (the bytes in hex)
 *   <n> write <h> <deadline> <hex bytes>     <n> call write <call>       (all bytes, or the error)
 *   <n> available <h>                        <n> ok <bytes> (FIONREAD)
 *   <n> close <h>                            <n> ok (also for a handle already closed)
 *   <n> probe <h> <probe> <write chunk> <max writes> <until> <follow-up ns> <announce 0|1> <takes t0 0|1>
 *        one of Probe's five, the same calls as Probe.java, then FollowUp's read and 1-byte write:
 *                                            <n> armed               (when announce: right before its first call)
 *                                            <n> call decisive <call>
 *                                            <n> call next_read <call>
 *                                            <n> call next_write <call>
 *                                            <n> done <t0 or -1> <READ|WRITE> <bytes read> <writes accepted> <bytes written>
 *   <n> clock                                <n> ok <now>
 *   <n> sigpipe_check                        <n> ok <how a forked child with SIGPIPE's default
 *                                            disposition ended after a send that got EPIPE>
 *   a failed request:                        <n> err <errno> <ERRNO_NAME> <strerror text>
 *   <call> = <OUTCOME> <syscall> <return value> <bytes> <errno> <ERRNO_NAME|-> <returned at> <raised|none|n/a> <hex|-> <strerror text>
 * OUTCOME is a word of io.closebench.schema.Outcome. End of stdin ends the program.
 */

#define MAX_HANDLES 256
/* CaseRunner's scratch buffer: the most one read takes, and the probes' write chunk's bound */
#define SCRATCH_BYTES (64 * 1024)
/* Probe.SLOW_READ_BYTES and SLOW_READ_PAUSE_MICROS */
#define SLOW_READ_BYTES (8 * 1024)
#define SLOW_READ_PAUSE_NS (250 * 1000LL)
/* the most a write request or a read answer carries */
#define MAX_TRANSFER (1024 * 1024)
#define MAX_LARGE_WRITE (256L * 1024 * 1024)
#define SIGPIPE_CHECK_NS (2 * NANOS_PER_SECOND)

enum obs_api { OBS_BLOCKING, OBS_EPOLL };
enum obs_outcome {
    OBS_NONE, OBS_EOF, OBS_RESET, OBS_BROKEN_PIPE, OBS_CONNECTION_TIMED_OUT, OBS_NO_ROUTE_TO_HOST,
    OBS_CLOSED_LOCALLY, OBS_TIMEOUT, OBS_OTHER_ERROR
};
static const char *const OBS_OUTCOME_NAMES[] = {"NONE", "EOF", "RESET", "BROKEN_PIPE", "CONNECTION_TIMED_OUT",
                                                "NO_ROUTE_TO_HOST", "CLOSED_LOCALLY", "TIMEOUT", "OTHER_ERROR"};
enum sigpipe_seen { SIGPIPE_NOT_A_SEND, SIGPIPE_NONE, SIGPIPE_RAISED };
static const char *const SIGPIPE_WORDS[] = {"n/a", "none", "raised"};
enum probe_kind { READ_UNTIL_OUTCOME, WRITE_UNTIL_ERROR, WRITE_ONCE_THEN_READ, WRITE_BLOCKED, READ_SLOWLY };
static const char *const PROBE_NAMES[] = {"READ_UNTIL_OUTCOME", "WRITE_UNTIL_ERROR", "WRITE_ONCE_THEN_READ",
                                          "WRITE_BLOCKED", "READ_SLOWLY"};

/* strerrorname_np() is glibc 2.32+ only: the names the note and the socket calls speak of */
static const struct {
    int value;
    const char *name;
} ERRNO_NAMES[] = {
    {EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {EINTR, "EINTR"}, {EIO, "EIO"}, {EBADF, "EBADF"}, {EAGAIN, "EAGAIN"},
    {ENOMEM, "ENOMEM"}, {EACCES, "EACCES"}, {EFAULT, "EFAULT"}, {EBUSY, "EBUSY"}, {EEXIST, "EEXIST"},
    {EINVAL, "EINVAL"}, {ENFILE, "ENFILE"}, {EMFILE, "EMFILE"}, {ENOSPC, "ENOSPC"}, {EPIPE, "EPIPE"},
    {ERANGE, "ERANGE"}, {ENOTSOCK, "ENOTSOCK"}, {EDESTADDRREQ, "EDESTADDRREQ"}, {EMSGSIZE, "EMSGSIZE"},
    {EPROTOTYPE, "EPROTOTYPE"}, {ENOPROTOOPT, "ENOPROTOOPT"}, {EPROTONOSUPPORT, "EPROTONOSUPPORT"},
    {EOPNOTSUPP, "EOPNOTSUPP"}, {EAFNOSUPPORT, "EAFNOSUPPORT"}, {EADDRINUSE, "EADDRINUSE"},
    {EADDRNOTAVAIL, "EADDRNOTAVAIL"}, {ENETDOWN, "ENETDOWN"}, {ENETUNREACH, "ENETUNREACH"},
    {ENETRESET, "ENETRESET"}, {ECONNABORTED, "ECONNABORTED"}, {ECONNRESET, "ECONNRESET"}, {ENOBUFS, "ENOBUFS"},
    {EISCONN, "EISCONN"}, {ENOTCONN, "ENOTCONN"}, {ESHUTDOWN, "ESHUTDOWN"}, {ETIMEDOUT, "ETIMEDOUT"},
    {ECONNREFUSED, "ECONNREFUSED"}, {EHOSTDOWN, "EHOSTDOWN"}, {EHOSTUNREACH, "EHOSTUNREACH"},
    {EALREADY, "EALREADY"}, {EINPROGRESS, "EINPROGRESS"},
};

static const char *errno_name(int err)
{
    for (size_t i = 0; i < sizeof ERRNO_NAMES / sizeof ERRNO_NAMES[0]; i++) {
        if (ERRNO_NAMES[i].value == err) {
            return ERRNO_NAMES[i].name;
        }
    }
    return "ERRNO_UNNAMED";
}

/* The outcome words of the Java models (ErrorClassifier), from errno instead of a message. */
static enum obs_outcome outcome_of_errno(int err)
{
    switch (err) {
    case ECONNRESET:
        return OBS_RESET;
    case EPIPE:
        return OBS_BROKEN_PIPE;
    case ETIMEDOUT:
        return OBS_CONNECTION_TIMED_OUT;
    case EHOSTUNREACH:
        return OBS_NO_ROUTE_TO_HOST;
    case EBADF:
        /* the program's own close() took the descriptor: Java's "Socket closed" */
        return OBS_CLOSED_LOCALLY;
    default:
        return OBS_OTHER_ERROR;
    }
}

/* One socket call as the program made it: what it returned, errno, and whether it raised SIGPIPE. */
struct call {
    enum obs_outcome outcome;
    const char *syscall; /* "recv", "send", "epoll_wait", or "-" where no call was made (deadline passed) */
    long long rc;
    long long bytes;     /* bytes moved: for a write, all of them (partial sends added up), else 0 */
    int err;
    int64_t returned_at;
    enum sigpipe_seen sigpipe;
};

struct handle {
    long id; /* 0: a free slot */
    int fd;
    int epoll_fd; /* EPOLL: the connection's own epoll instance; -1 otherwise */
    int listener;
};

struct probe_task {
    long request;
    int fd;
    int epoll_fd;
    enum probe_kind kind;
    long write_chunk;
    long max_writes;
    int64_t until;
    int64_t follow_up_ns;
    int announce;
    int takes_t0;
};

struct server {
    enum obs_api api;
    int send_flags;
    pthread_mutex_t out_lock;
    pthread_mutex_t lock; /* handles and the hand-over below */
    pthread_cond_t changed;
    struct handle handles[MAX_HANDLES];
    long next_handle;
    int has_task;
    int stop;
    struct probe_task task;
    pid_t main_tid;
    pid_t observer_tid;
    int observer_ready;
    char main_stat[64];
    char *scratch;
    char *large;
    size_t large_size;
};

static struct server SERVER;

/* ---------------------------------------------------------------- answers */

/* Writes one whole line; a harness that is gone ends the program. */
static void put_line(const char *text, size_t length)
{
    pthread_mutex_lock(&SERVER.out_lock);
    size_t done = 0;
    while (done < length) {
        ssize_t n = write(STDOUT_FILENO, text + done, length - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            _exit(0);
        }
        done += (size_t)n;
    }
    pthread_mutex_unlock(&SERVER.out_lock);
}

static void answer(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void answer(const char *format, ...)
{
    char line[1024];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof line - 1, format, args);
    va_end(args);
    if (n < 0) {
        return;
    }
    if ((size_t)n > sizeof line - 2) {
        n = (int)sizeof line - 2;
    }
    line[n] = '\n';
    put_line(line, (size_t)n + 1);
}

static void answer_error(long request, int err)
{
    answer("%ld err %d %s %s", request, err, errno_name(err), strerror(err));
}

static void answer_call(long request, const char *role, const struct call *k, const char *data, size_t data_length)
{
    static const char HEX[] = "0123456789abcdef";
    size_t size = 512 + 2 * data_length;
    char *line = malloc(size);
    if (line == NULL) {
        answer_error(request, ENOMEM);
        return;
    }
    int n = snprintf(line, size, "%ld call %s %s %s %lld %lld %d %s %lld %s ", request, role,
                     OBS_OUTCOME_NAMES[k->outcome], k->syscall, k->rc, k->bytes, k->err,
                     k->err ? errno_name(k->err) : "-", (long long)k->returned_at, SIGPIPE_WORDS[k->sigpipe]);
    size_t at = (size_t)n;
    if (data_length == 0) {
        line[at++] = '-';
    }
    for (size_t i = 0; i < data_length; i++) {
        line[at++] = HEX[(unsigned char)data[i] >> 4];
        line[at++] = HEX[(unsigned char)data[i] & 15];
    }
    n = snprintf(line + at, size - at, " %s\n", k->err ? strerror(k->err) : "");
    put_line(line, at + (size_t)n);
    free(line);
}

/* ---------------------------------------------------------------- SIGPIPE */

static void sigpipe_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGPIPE);
}

/* Takes a SIGPIPE pending on this thread, if there is one: 1 when there was. */
static int take_sigpipe(void)
{
    sigset_t set;
    struct timespec zero = {0, 0};
    sigpipe_set(&set);
    return sigtimedwait(&set, NULL, &zero) == SIGPIPE;
}

/*
 * Whether SIGPIPE's default disposition ends a process whose send gets EPIPE: a forked child, with
 * the default disposition and SIGPIPE unblocked, sends on a loopback connection whose peer has
 * closed (the first send draws the peer's RST, the second gets EPIPE); the parent says how it ended.
 */
static void sigpipe_check(long request)
{
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int64_t deadline = now_ns() + SIGPIPE_CHECK_NS;
    int listener = open_listener(&address);
    if (listener < 0) {
        answer_error(request, errno);
        return;
    }
    int client = connect_bounded(&address, deadline);
    int accepted = client < 0 ? -1 : accept_bounded(listener, deadline);
    int err = errno;
    close(listener);
    if (accepted < 0) {
        if (client >= 0) {
            close(client);
        }
        answer_error(request, err);
        return;
    }
    close(accepted);
    pid_t child = fork();
    if (child == 0) {
        sigset_t set;
        sigpipe_set(&set);
        signal(SIGPIPE, SIG_DFL);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        send(client, "x", 1, 0);
        sleep_ns(20 * NANOS_PER_MILLI);
        ssize_t second = send(client, "x", 1, 0);
        /* still alive: say what the second send returned */
        _exit(second < 0 ? 100 + (errno & 0x3f) : 99);
    }
    close(client);
    if (child < 0) {
        answer_error(request, errno);
        return;
    }
    int status = 0;
    pid_t ended = 0;
    while ((ended = waitpid(child, &status, WNOHANG)) == 0 && now_ns() < deadline) {
        sleep_ns(NANOS_PER_MILLI);
    }
    if (ended == 0) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        answer("%ld ok still running after %lld ms: killed", request, (long long)(SIGPIPE_CHECK_NS / NANOS_PER_MILLI));
    } else if (WIFSIGNALED(status)) {
        answer("%ld ok killed by signal %d (%s)", request, WTERMSIG(status),
               WTERMSIG(status) == SIGPIPE ? "SIGPIPE" : strsignal(WTERMSIG(status)));
    } else {
        answer("%ld ok exited with status %d", request, WEXITSTATUS(status));
    }
}

/* ---------------------------------------------------------------- the calls */

/* The connection the observer thread works on; t0 is taken right before its first socket call. */
struct conn {
    int fd;
    int epoll_fd;
    int64_t *t0; /* NULL, or a slot still -1 until the first call */
};

static inline void mark_t0(const struct conn *c)
{
    if (c->t0 != NULL && *c->t0 < 0) {
        *c->t0 = now_ns();
    }
}

static struct call no_call(enum obs_outcome outcome)
{
    struct call k = {outcome, "-", 0, 0, 0, now_ns(), SIGPIPE_NOT_A_SEND};
    return k;
}

/* EPOLL: waits for events (EPOLLIN or EPOLLOUT) until the deadline; 0 when ready, else the call that ended it. */
static int wait_ready(const struct conn *c, uint32_t events, int64_t deadline, struct call *k)
{
    struct epoll_event interest = {.events = events, .data.fd = c->fd};
    if (events != EPOLLIN && epoll_ctl(c->epoll_fd, EPOLL_CTL_MOD, c->fd, &interest) < 0) {
        k->err = errno;
        k->syscall = "epoll_ctl";
        k->rc = -1;
        k->returned_at = now_ns();
        k->outcome = outcome_of_errno(k->err);
        return -1;
    }
    struct epoll_event ready[4];
    int n;
    do {
        n = epoll_wait(c->epoll_fd, ready, 4, millis_until(deadline));
    } while (n < 0 && errno == EINTR);
    int64_t at = now_ns();
    int err = errno;
    if (events != EPOLLIN) {
        struct epoll_event back = {.events = EPOLLIN, .data.fd = c->fd};
        epoll_ctl(c->epoll_fd, EPOLL_CTL_MOD, c->fd, &back);
    }
    if (n > 0) {
        return 0;
    }
    k->syscall = "epoll_wait";
    k->rc = n;
    k->returned_at = at;
    k->err = n < 0 ? err : 0;
    k->outcome = n < 0 ? outcome_of_errno(err) : OBS_TIMEOUT;
    return -1;
}

/*
 * After a call failed with k->err: 1 to make it again (EINTR; EAGAIN with time left, once EPOLL
 * says events are ready), 0 when k, its outcome now set, is the answer.
 */
static int try_again(const struct conn *c, struct call *k, uint32_t events, int64_t deadline)
{
    if (k->err == EINTR) {
        return 1;
    }
    if (k->err == EAGAIN || k->err == EWOULDBLOCK) {
        if (k->returned_at >= deadline) {
            k->outcome = OBS_TIMEOUT;
            return 0;
        }
        return SERVER.api == OBS_BLOCKING || wait_ready(c, events, deadline, k) == 0;
    }
    k->outcome = outcome_of_errno(k->err);
    return 0;
}

/* Connection.read: what is there, up to length bytes, waiting until the deadline for something. */
static struct call do_read(const struct conn *c, char *buffer, size_t length, int64_t deadline)
{
    for (;;) {
        if (SERVER.api == OBS_BLOCKING) {
            int64_t left = deadline - now_ns();
            if (left <= 0) {
                return no_call(OBS_TIMEOUT);
            }
            /* a kernel-side bound: the read stays one blocking recv() */
            set_timeout(c->fd, SO_RCVTIMEO, left);
        }
        mark_t0(c);
        ssize_t n = recv(c->fd, buffer, length, 0);
        struct call k = {OBS_NONE, "recv", n, n > 0 ? n : 0, 0, now_ns(), SIGPIPE_NOT_A_SEND};
        if (n > 0) {
            return k;
        }
        if (n == 0) {
            k.outcome = OBS_EOF;
            return k;
        }
        k.err = errno;
        if (try_again(c, &k, EPOLLIN, deadline)) {
            continue;
        }
        return k;
    }
}

/* Connection.write: all of the bytes, or the error; waits until the deadline for buffer space. */
static struct call do_write(const struct conn *c, const char *data, size_t length, int64_t deadline)
{
    size_t sent = 0;
    for (;;) {
        if (SERVER.api == OBS_BLOCKING) {
            /* a send is tried even once the deadline has passed, as the Java models' writes are: the
             * bound is for waiting for buffer space (set_timeout makes it at least a millisecond) */
            set_timeout(c->fd, SO_SNDTIMEO, deadline - now_ns());
        }
        mark_t0(c);
        ssize_t n = send(c->fd, data + sent, length - sent, SERVER.send_flags);
        struct call k = {OBS_NONE, "send", n, 0, 0, now_ns(), SIGPIPE_NONE};
        if (n >= 0) {
            sent += (size_t)n;
            if (sent >= length) {
                k.bytes = (long long)sent;
                return k;
            }
            continue;
        }
        k.err = errno;
        /* after t1: a SIGPIPE the kernel raised for this send is pending on this thread now */
        k.sigpipe = take_sigpipe() ? SIGPIPE_RAISED : SIGPIPE_NONE;
        if (try_again(c, &k, EPOLLOUT, deadline)) {
            continue;
        }
        return k;
    }
}

static int ended(const struct call *k)
{
    return k->outcome != OBS_NONE;
}

/* ---------------------------------------------------------------- the probes (observe.Probe) */

struct observed_probe {
    struct call decisive;
    const char *by; /* READ or WRITE */
    long long bytes_read;
    long writes_accepted;
    long long bytes_written;
};

static void obs_read_until_outcome(const struct conn *c, int64_t deadline, size_t read_size, int64_t pause_ns,
                               struct observed_probe *r)
{
    for (;;) {
        struct call k = do_read(c, SERVER.scratch, read_size, deadline);
        if (ended(&k)) {
            r->decisive = k;
            r->by = "READ";
            return;
        }
        r->bytes_read += k.bytes;
        if (pause_ns > 0) {
            sleep_ns(pause_ns);
        }
    }
}

/* Probe.readBuffered: reads while FIONREAD says bytes wait; stops at the first read that ends. */
static long long read_buffered(const struct conn *c, int64_t deadline)
{
    long long read_total = 0;
    int waiting = 0;
    while (ioctl(c->fd, FIONREAD, &waiting) == 0 && waiting > 0) {
        struct call k = do_read(c, SERVER.scratch, SCRATCH_BYTES, deadline);
        if (ended(&k)) {
            break;
        }
        read_total += k.bytes;
    }
    return read_total;
}

static size_t chunk_of(long write_chunk)
{
    return write_chunk < SCRATCH_BYTES ? (size_t)write_chunk : SCRATCH_BYTES;
}

static void run_probe(const struct probe_task *t, const struct conn *c, struct observed_probe *r)
{
    memset(r, 0, sizeof *r);
    r->by = "READ";
    switch (t->kind) {
    case READ_UNTIL_OUTCOME:
        obs_read_until_outcome(c, t->until, SCRATCH_BYTES, 0, r);
        return;
    case WRITE_UNTIL_ERROR: {
        struct call last = no_call(OBS_NONE);
        r->by = "WRITE";
        while (r->writes_accepted < t->max_writes) {
            last = do_write(c, SERVER.scratch, chunk_of(t->write_chunk), t->until);
            if (ended(&last)) {
                break;
            }
            r->writes_accepted++;
            r->bytes_written += last.bytes;
        }
        r->decisive = last;
        return;
    }
    case WRITE_ONCE_THEN_READ: {
        struct call write = do_write(c, SERVER.scratch, chunk_of(t->write_chunk), t->until);
        if (ended(&write)) {
            r->decisive = write;
            r->by = "WRITE";
            r->bytes_read = read_buffered(c, t->until);
            return;
        }
        r->writes_accepted = 1;
        r->bytes_written = write.bytes;
        obs_read_until_outcome(c, t->until, SCRATCH_BYTES, 0, r);
        return;
    }
    case WRITE_BLOCKED: {
        struct call write = do_write(c, SERVER.large, (size_t)t->write_chunk, t->until);
        r->decisive = write;
        r->by = "WRITE";
        if (!ended(&write)) {
            r->writes_accepted = 1;
            r->bytes_written = write.bytes;
        }
        return;
    }
    case READ_SLOWLY:
        obs_read_until_outcome(c, t->until, SLOW_READ_BYTES, SLOW_READ_PAUSE_NS, r);
        return;
    }
}

/*
 * Where the observer takes t0 itself, the main thread that handed it the probe must be asleep again
 * first (in read() on stdin): on a shared CPU its last steps would otherwise land inside t1 - t0.
 */
static void await_main_asleep(void)
{
    int64_t until = now_ns() + ASLEEP_WAIT_NS;
    while (!thread_sleeps(SERVER.main_stat) && now_ns() < until) {
        sched_yield();
    }
}

static void observe_task(const struct probe_task *t)
{
    int64_t t0 = -1;
    struct conn c = {t->fd, t->epoll_fd, t->takes_t0 ? &t0 : NULL};
    struct observed_probe r;
    /* whatever a SIGPIPE was raised for before this probe, it is not one of its calls' */
    while (take_sigpipe()) {
    }
    if (t->takes_t0) {
        await_main_asleep();
    }
    if (t->announce) {
        answer("%ld armed", t->request);
    }
    run_probe(t, &c, &r);
    int64_t follow_up_deadline = now_ns() + t->follow_up_ns;
    c.t0 = NULL;
    struct call next_read = do_read(&c, SERVER.scratch, SCRATCH_BYTES, follow_up_deadline);
    struct call next_write = do_write(&c, SERVER.scratch, 1, follow_up_deadline);
    /* free for the next probe before the answer goes out: the harness sends it once it has this one */
    pthread_mutex_lock(&SERVER.lock);
    SERVER.has_task = 0;
    pthread_mutex_unlock(&SERVER.lock);
    answer_call(t->request, "decisive", &r.decisive, NULL, 0);
    answer_call(t->request, "next_read", &next_read, NULL, 0);
    answer_call(t->request, "next_write", &next_write, NULL, 0);
    answer("%ld done %lld %s %lld %ld %lld", t->request, (long long)t0, r.by, r.bytes_read, r.writes_accepted,
           r.bytes_written);
}

static void *observer_thread(void *unused)
{
    (void)unused;
    struct server *s = &SERVER;
    pthread_mutex_lock(&s->lock);
    s->observer_tid = (pid_t)syscall(SYS_gettid);
    s->observer_ready = 1;
    pthread_cond_broadcast(&s->changed);
    for (;;) {
        while (!s->has_task && !s->stop) {
            pthread_cond_wait(&s->changed, &s->lock);
        }
        if (s->stop) {
            break;
        }
        struct probe_task task = s->task;
        pthread_mutex_unlock(&s->lock);
        observe_task(&task);
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ---------------------------------------------------------------- the requests */

static struct handle *handle_of(long id)
{
    for (int i = 0; i < MAX_HANDLES; i++) {
        if (id > 0 && SERVER.handles[i].id == id) {
            return &SERVER.handles[i];
        }
    }
    return NULL;
}

/* Adds fd (and its epoll instance) to the table; returns the new handle, or -1 with errno. */
static long add_handle(int fd, int epoll_fd, int listener)
{
    pthread_mutex_lock(&SERVER.lock);
    struct handle *free_slot = NULL;
    for (int i = 0; i < MAX_HANDLES && free_slot == NULL; i++) {
        if (SERVER.handles[i].id == 0) {
            free_slot = &SERVER.handles[i];
        }
    }
    long id = -1;
    if (free_slot != NULL) {
        id = ++SERVER.next_handle;
        free_slot->id = id;
        free_slot->fd = fd;
        free_slot->epoll_fd = epoll_fd;
        free_slot->listener = listener;
    }
    pthread_mutex_unlock(&SERVER.lock);
    if (id < 0) {
        errno = EMFILE;
    }
    return id;
}

/* The descriptors behind a handle, or -1 (EBADF: never opened, or closed). */
static int lookup(long id, int listener, int *fd, int *epoll_fd)
{
    pthread_mutex_lock(&SERVER.lock);
    struct handle *h = handle_of(id);
    int found = h != NULL && h->listener == listener;
    if (found) {
        *fd = h->fd;
        *epoll_fd = h->epoll_fd;
    }
    pthread_mutex_unlock(&SERVER.lock);
    if (!found) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

static const char *ip_text(const struct sockaddr_in *a, char *text)
{
    return inet_ntop(AF_INET, &a->sin_addr, text, INET_ADDRSTRLEN);
}

/* A connected socket as the API wants it, in the table; answers ok with its ends, or the error. */
static void answer_connection(long request, int fd)
{
    int epoll_fd = -1;
    if (SERVER.api == OBS_EPOLL) {
        struct epoll_event interest = {.events = EPOLLIN, .data.fd = fd};
        if (set_nonblocking(fd, 1) < 0 || (epoll_fd = epoll_create1(EPOLL_CLOEXEC)) < 0
            || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &interest) < 0) {
            int err = errno;
            if (epoll_fd >= 0) {
                close(epoll_fd);
            }
            close(fd);
            answer_error(request, err);
            return;
        }
    } else if (set_nonblocking(fd, 0) < 0) {
        int err = errno;
        close(fd);
        answer_error(request, err);
        return;
    }
    struct sockaddr_in local, remote;
    socklen_t local_length = sizeof local, remote_length = sizeof remote;
    char local_ip[INET_ADDRSTRLEN], remote_ip[INET_ADDRSTRLEN];
    long id;
    if (getsockname(fd, (struct sockaddr *)&local, &local_length) < 0
        || getpeername(fd, (struct sockaddr *)&remote, &remote_length) < 0
        || (id = add_handle(fd, epoll_fd, 0)) < 0) {
        int err = errno;
        if (epoll_fd >= 0) {
            close(epoll_fd);
        }
        close(fd);
        answer_error(request, err);
        return;
    }
    answer("%ld ok %ld %s %d %s %d", request, id, ip_text(&local, local_ip), ntohs(local.sin_port),
           ip_text(&remote, remote_ip), ntohs(remote.sin_port));
}

static int parse_ipv4(const char *ip, const char *port, struct sockaddr_in *a)
{
    long p;
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    if (ip == NULL || port == NULL || inet_pton(AF_INET, ip, &a->sin_addr) != 1 || parse_long(port, 0, 65535, &p) < 0) {
        return -1;
    }
    a->sin_port = htons((uint16_t)p);
    return 0;
}

static int parse_ns(const char *text, int64_t *value)
{
    char *end;
    if (text == NULL) {
        return -1;
    }
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0') {
        return -1;
    }
    *value = (int64_t)v;
    return 0;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static void request_listen(long request, char **arg)
{
    struct sockaddr_in a;
    if (parse_ipv4(arg[0], arg[1], &a) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int on = 1;
    socklen_t length = sizeof a;
    long id;
    char ip[INET_ADDRSTRLEN];
    /* as java.net.ServerSocket does on Linux */
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0
        || bind(fd, (const struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 512) < 0
        || getsockname(fd, (struct sockaddr *)&a, &length) < 0 || (id = add_handle(fd, -1, 1)) < 0) {
        int err = errno;
        if (fd >= 0) {
            close(fd);
        }
        answer_error(request, err);
        return;
    }
    answer("%ld ok %ld %s %d", request, id, ip_text(&a, ip), ntohs(a.sin_port));
}

static void request_accept(long request, char **arg)
{
    long id;
    int64_t deadline;
    int fd, unused;
    if (arg[0] == NULL || parse_long(arg[0], 1, LONG_MAX, &id) < 0 || parse_ns(arg[1], &deadline) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    if (lookup(id, 1, &fd, &unused) < 0) {
        answer_error(request, errno);
        return;
    }
    int accepted = accept_bounded(fd, deadline);
    if (accepted < 0) {
        if (errno == ETIMEDOUT) {
            answer("%ld timeout", request);
        } else {
            answer_error(request, errno);
        }
        return;
    }
    answer_connection(request, accepted);
}

static void request_connect(long request, char **arg)
{
    struct sockaddr_in to;
    int64_t deadline;
    if (parse_ipv4(arg[0], arg[1], &to) < 0 || parse_ns(arg[2], &deadline) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        answer_error(request, errno);
        return;
    }
    if (connect(fd, (const struct sockaddr *)&to, sizeof to) < 0) {
        struct pollfd p = {fd, POLLOUT, 0};
        int so_error = 0;
        socklen_t length = sizeof so_error;
        int ready = errno == EINPROGRESS ? poll(&p, 1, millis_until(deadline)) : -1;
        if (ready == 0) {
            close(fd);
            answer("%ld timeout", request);
            return;
        }
        if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &length) < 0 || so_error != 0) {
            int err = so_error != 0 ? so_error : errno;
            close(fd);
            answer_error(request, err);
            return;
        }
    }
    answer_connection(request, fd);
}

/* A read or write request runs on the main thread: set-up, outside any t1 - t0. */
static void request_read(long request, char **arg)
{
    long id, max;
    int64_t deadline;
    struct conn c = {-1, -1, NULL};
    if (arg[0] == NULL || parse_long(arg[0], 1, LONG_MAX, &id) < 0 || arg[1] == NULL
        || parse_long(arg[1], 1, MAX_TRANSFER, &max) < 0 || parse_ns(arg[2], &deadline) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    if (lookup(id, 0, &c.fd, &c.epoll_fd) < 0) {
        answer_error(request, errno);
        return;
    }
    char *buffer = malloc((size_t)max);
    if (buffer == NULL) {
        answer_error(request, ENOMEM);
        return;
    }
    struct call k = do_read(&c, buffer, (size_t)max, deadline);
    answer_call(request, "read", &k, buffer, k.outcome == OBS_NONE ? (size_t)k.bytes : 0);
    free(buffer);
}

static void request_write(long request, char **arg)
{
    long id;
    int64_t deadline;
    struct conn c = {-1, -1, NULL};
    const char *hex = arg[2];
    size_t length = hex == NULL ? 0 : strlen(hex);
    if (arg[0] == NULL || parse_long(arg[0], 1, LONG_MAX, &id) < 0 || parse_ns(arg[1], &deadline) < 0 || length == 0
        || length % 2 != 0 || length / 2 > MAX_TRANSFER) {
        answer_error(request, EINVAL);
        return;
    }
    if (lookup(id, 0, &c.fd, &c.epoll_fd) < 0) {
        answer_error(request, errno);
        return;
    }
    char *data = malloc(length / 2);
    if (data == NULL) {
        answer_error(request, ENOMEM);
        return;
    }
    for (size_t i = 0; i < length / 2; i++) {
        int high = hex_value(hex[2 * i]), low = hex_value(hex[2 * i + 1]);
        if (high < 0 || low < 0) {
            free(data);
            answer_error(request, EINVAL);
            return;
        }
        data[i] = (char)(high << 4 | low);
    }
    while (take_sigpipe()) {
    }
    struct call k = do_write(&c, data, length / 2, deadline);
    answer_call(request, "write", &k, NULL, 0);
    free(data);
}

static void request_available(long request, char **arg)
{
    long id;
    int fd, epoll_fd, waiting = 0;
    if (arg[0] == NULL || parse_long(arg[0], 1, LONG_MAX, &id) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    if (lookup(id, 0, &fd, &epoll_fd) < 0 || ioctl(fd, FIONREAD, &waiting) < 0) {
        answer_error(request, errno);
        return;
    }
    answer("%ld ok %d", request, waiting);
}

/* close(): at once, on this thread, whatever the observer thread is doing with the descriptor. */
static void request_close(long request, char **arg)
{
    long id;
    if (arg[0] == NULL || parse_long(arg[0], 1, LONG_MAX, &id) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    pthread_mutex_lock(&SERVER.lock);
    struct handle *h = handle_of(id);
    int fd = -1, epoll_fd = -1;
    if (h != NULL) {
        fd = h->fd;
        epoll_fd = h->epoll_fd;
        h->id = 0;
    }
    pthread_mutex_unlock(&SERVER.lock);
    int rc = fd >= 0 ? close(fd) : 0;
    int err = errno;
    if (epoll_fd >= 0) {
        close(epoll_fd);
    }
    if (rc < 0) {
        answer_error(request, err);
    } else {
        answer("%ld ok", request);
    }
}

static int probe_kind_of(const char *name)
{
    return name == NULL ? -1 : index_of(name, PROBE_NAMES, (int)(sizeof PROBE_NAMES / sizeof PROBE_NAMES[0]));
}

static void request_probe(long request, char **arg)
{
    struct probe_task t = {.request = request};
    long id, announce, takes_t0;
    int kind = probe_kind_of(arg[1]);
    if (arg[0] == NULL || parse_long(arg[0], 1, LONG_MAX, &id) < 0 || kind < 0 || arg[2] == NULL
        || parse_long(arg[2], 1, MAX_LARGE_WRITE, &t.write_chunk) < 0 || arg[3] == NULL
        || parse_long(arg[3], 1, LONG_MAX, &t.max_writes) < 0 || parse_ns(arg[4], &t.until) < 0
        || parse_ns(arg[5], &t.follow_up_ns) < 0 || t.follow_up_ns < 0 || arg[6] == NULL
        || parse_long(arg[6], 0, 1, &announce) < 0 || arg[7] == NULL || parse_long(arg[7], 0, 1, &takes_t0) < 0) {
        answer_error(request, EINVAL);
        return;
    }
    t.kind = (enum probe_kind)kind;
    t.announce = (int)announce;
    t.takes_t0 = (int)takes_t0;
    if (lookup(id, 0, &t.fd, &t.epoll_fd) < 0) {
        answer_error(request, errno);
        return;
    }
    /* the observer thread is idle while the lock is held and has_task is 0: the buffers are this thread's */
    pthread_mutex_lock(&SERVER.lock);
    int err = SERVER.has_task ? EBUSY : 0;
    if (err == 0 && t.kind == WRITE_BLOCKED && SERVER.large_size < (size_t)t.write_chunk) {
        /* allocated once, before the probe, as Probe's LargeBuffer is; its content is never looked at */
        char *large = realloc(SERVER.large, (size_t)t.write_chunk);
        if (large == NULL) {
            err = ENOMEM;
        } else {
            memset(large + SERVER.large_size, 'x', (size_t)t.write_chunk - SERVER.large_size);
            SERVER.large = large;
            SERVER.large_size = (size_t)t.write_chunk;
        }
    }
    if (err == 0) {
        SERVER.task = t;
        SERVER.has_task = 1;
        pthread_cond_broadcast(&SERVER.changed);
    }
    pthread_mutex_unlock(&SERVER.lock);
    if (err != 0) {
        answer_error(request, err);
    }
}

static void request_clock(long request, char **unused)
{
    (void)unused;
    answer("%ld ok %lld", request, (long long)now_ns());
}

static void request_sigpipe_check(long request, char **unused)
{
    (void)unused;
    sigpipe_check(request);
}

/* Every request by its verb; each answers itself (a probe, later, from the observer thread). */
static const struct {
    const char *verb;
    void (*run)(long request, char **arg);
} REQUESTS[] = {
    {"listen", request_listen}, {"accept", request_accept}, {"connect", request_connect},
    {"read", request_read}, {"write", request_write}, {"available", request_available},
    {"close", request_close}, {"probe", request_probe}, {"clock", request_clock},
    {"sigpipe_check", request_sigpipe_check},
};

static int set_cpus(const char *list)
{
    if (strcmp(list, "any") == 0) {
        return 0;
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    char copy[512];
    snprintf(copy, sizeof copy, "%s", list);
    char *save = NULL;
    for (char *cpu = strtok_r(copy, ",", &save); cpu != NULL; cpu = strtok_r(NULL, ",", &save)) {
        long value;
        if (parse_long(cpu, 0, CPU_SETSIZE - 1, &value) < 0) {
            errno = EINVAL;
            return -1;
        }
        CPU_SET((int)value, &set);
    }
    return sched_setaffinity(0, sizeof set, &set);
}

static int observe_main(int argc, char **argv)
{
    struct server *s = &SERVER;
    if (argc != 5 || (strcmp(argv[2], "BLOCKING") != 0 && strcmp(argv[2], "EPOLL") != 0)
        || (strcmp(argv[3], "SIGNAL") != 0 && strcmp(argv[3], "NOSIGNAL") != 0)) {
        fprintf(stderr, "usage: floor observe BLOCKING|EPOLL SIGNAL|NOSIGNAL any|<cpu,cpu,...>\n");
        return 2;
    }
    s->api = strcmp(argv[2], "EPOLL") == 0 ? OBS_EPOLL : OBS_BLOCKING;
    s->send_flags = strcmp(argv[3], "NOSIGNAL") == 0 ? MSG_NOSIGNAL : 0;
    /* SIGPIPE's default disposition, whatever was inherited; blocked in both threads (see above) */
    sigset_t pipe_set;
    sigpipe_set(&pipe_set);
    signal(SIGPIPE, SIG_DFL);
    /* Ctrl-C reaches the whole process group: the harness finishes its repetition, then closes stdin */
    signal(SIGINT, SIG_IGN);
    pthread_sigmask(SIG_BLOCK, &pipe_set, NULL);
    if (set_cpus(argv[4]) < 0) {
        return fail_setup("pinning to the observer's CPUs", errno);
    }
    int err = init_lock(&s->lock, &s->changed);
    if (err != 0 || (err = pthread_mutex_init(&s->out_lock, NULL)) != 0) {
        return fail_setup("mutex/condition set-up", err);
    }
    if ((s->scratch = malloc(SCRATCH_BYTES)) == NULL) {
        return fail_setup("scratch buffer", ENOMEM);
    }
    memset(s->scratch, 'x', SCRATCH_BYTES);
    s->main_tid = (pid_t)syscall(SYS_gettid);
    snprintf(s->main_stat, sizeof s->main_stat, "/proc/self/task/%d/stat", (int)s->main_tid);
    pthread_t observer;
    if ((err = pthread_create(&observer, NULL, observer_thread, NULL)) != 0) {
        return fail_setup("starting the observer thread", err);
    }
    pthread_mutex_lock(&s->lock);
    while (!s->observer_ready) {
        pthread_cond_wait(&s->changed, &s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    answer("0 ready pid=%d main=%d observer=%d api=%s sigpipe=%s", (int)getpid(), (int)s->main_tid,
           (int)s->observer_tid, argv[2], argv[3]);

    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, stdin)) > 0) {
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
            line[--length] = '\0';
        }
        char *save = NULL;
        char *number = strtok_r(line, " ", &save);
        char *verb = strtok_r(NULL, " ", &save);
        char *arg[9] = {0};
        for (int i = 0; i < 8; i++) {
            arg[i] = strtok_r(NULL, " ", &save);
        }
        long request;
        if (number == NULL || parse_long(number, 1, LONG_MAX, &request) < 0 || verb == NULL) {
            answer("0 err %d EINVAL unreadable request", EINVAL);
            continue;
        }
        size_t i = 0;
        while (i < sizeof REQUESTS / sizeof REQUESTS[0] && strcmp(verb, REQUESTS[i].verb) != 0) {
            i++;
        }
        if (i < sizeof REQUESTS / sizeof REQUESTS[0]) {
            REQUESTS[i].run(request, arg);
        } else {
            answer("%ld err %d EINVAL unknown request %s", request, EINVAL, verb);
        }
    }
    /* stdin ended: the harness is done, or gone; a probe still running ends with the process */
    free(line);
    _exit(0);
}

static void print_cpu(const char *name, int cpu)
{
    if (cpu < 0) {
        printf(" %s=any", name);
    } else {
        printf(" %s=%d", name, cpu);
    }
}

int main(int argc, char **argv)
{
    static struct run run;
    struct run *r = &run;
    char mask_text[256];
    struct utsname kernel;
    pthread_t observer;

    if (argc >= 2 && strcmp(argv[1], "observe") == 0) {
        return observe_main(argc, argv);
    }
    if (parse_arguments(argc, argv, &r->cfg) < 0) {
        fprintf(stderr, "usage: floor S2-inproc|X1-linger0 BLOCKING|NIO|POLL OS|SAME_CPU|CROSS_CPU "
                        "<idle_us 0..%ld> <warmup_reps 0..%ld> <reps 1..%ld>\n",
                MAX_IDLE_US, MAX_REPETITIONS, MAX_REPETITIONS);
        return 2;
    }
    if (uname(&kernel) == 0) {
        printf("kernel %s %s %s %s\n", kernel.sysname, kernel.release, kernel.version, kernel.machine);
    } else {
        printf("kernel unknown\n");
    }
    const char *impossible = choose_cpus(r, mask_text, sizeof mask_text);
    if (impossible != NULL) {
        printf("skipped %s\n", impossible);
        return 0;
    }

    r->latencies = calloc((size_t)r->cfg.reps, sizeof *r->latencies);
    if (r->latencies == NULL) {
        return fail_setup("latency array", ENOMEM);
    }
    for (int i = 0; i < LISTENERS; i++) {
        r->listener_addresses[i].sin_family = AF_INET;
        r->listener_addresses[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK + (uint32_t)i);
        r->listener_addresses[i].sin_port = 0;
        if ((r->listeners[i] = open_listener(&r->listener_addresses[i])) < 0) {
            return fail_setup("listener on 127.0.0.x", errno);
        }
    }
    int err = init_handoff(&r->handoff);
    if (err != 0) {
        return fail_setup("mutex/condition set-up", err);
    }
    if (r->peer_cpu >= 0 && (err = pin_self(r->peer_cpu)) != 0) {
        return fail_setup("pinning the peer thread", err);
    }
    if ((err = pthread_create(&observer, NULL, observer_main, r)) != 0) {
        return fail_setup("starting the observer thread", err);
    }
    if (!await_task(&r->handoff, &r->handoff.observer_ready, 1, now_ns() + STEP_NS)) {
        return fail_setup("the observer thread did not start", ETIMEDOUT);
    }
    if (r->handoff.observer_error != 0) {
        return fail_setup("observer thread set-up (pinning, epoll)", r->handoff.observer_error);
    }
    snprintf(r->stat_path, sizeof r->stat_path, "/proc/self/task/%d/stat", (int)r->handoff.observer_tid);
    r->stat_readable = access(r->stat_path, R_OK) == 0;

    printf("run scenario=%s api=%s placement=%s idle_us=%ld warmup=%ld reps=%ld", r->cfg.scenario->id,
           API_NAMES[r->cfg.api], PLACEMENT_NAMES[r->cfg.placement], r->cfg.idle_us, r->cfg.warmup, r->cfg.reps);
    print_cpu("observer_cpu", r->observer_cpu);
    print_cpu("peer_cpu", r->peer_cpu);
    printf(" affinity=%s\n", mask_text);
    fflush(stdout);

    struct rep_result rep;
    unsigned index = 0;
    for (long i = 0; i < r->cfg.warmup; i++) {
        repetition(r, index++, &rep);
    }
    for (long i = 0; i < r->cfg.reps; i++) {
        repetition(r, index++, &rep);
        count(r, &rep);
    }

    print_summary(r);
    fflush(stdout);
    if (!r->observer_stuck) {
        pthread_mutex_lock(&r->handoff.lock);
        r->handoff.stop = 1;
        pthread_cond_broadcast(&r->handoff.changed);
        pthread_mutex_unlock(&r->handoff.lock);
        pthread_join(observer, NULL);
    }
    return 0;
}
