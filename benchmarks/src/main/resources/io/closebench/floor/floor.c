/*
 * closebench native floor: the detection protocol of the Java harness (CaseRunner with an
 * InProcessPeer, scenarios S2-inproc and X1-linger0) written against the kernel and libc only,
 * so that the report can set the Java figures beside what the same machine costs without a JVM.
 *
 *   floor <scenario> <api> <placement> <idle_us> <warmup_reps> <reps>
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
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

static int init_handoff(struct handoff *h)
{
    pthread_condattr_t attributes;
    int err = pthread_condattr_init(&attributes);
    if (err == 0) {
        err = pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    }
    if (err == 0) {
        err = pthread_cond_init(&h->changed, &attributes);
    }
    pthread_condattr_destroy(&attributes);
    return err != 0 ? err : pthread_mutex_init(&h->lock, NULL);
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
