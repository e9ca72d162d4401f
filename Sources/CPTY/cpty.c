// See include/cpty.h for the contract of each function.
#define _GNU_SOURCE
#include "cpty.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <pthread.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

// ---------------------------------------------------------------------------------------------
// Async-signal-safe text helpers (no strerror, no printf after fork or in a signal handler).

static void append_str(char *buf, size_t cap, size_t *len, const char *s) {
    while (s && *s && *len + 1 < cap) buf[(*len)++] = *s++;
    buf[*len] = '\0';
}

static void append_int(char *buf, size_t cap, size_t *len, int value) {
    char digits[16];
    int n = 0;
    unsigned int v = value < 0 ? (unsigned int)(-(long)value) : (unsigned int)value;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v && n < 15);
    if (value < 0 && *len + 1 < cap) buf[(*len)++] = '-';
    while (n > 0 && *len + 1 < cap) buf[(*len)++] = digits[--n];
    buf[*len] = '\0';
}

/// strerror is not async-signal-safe (it may translate and allocate); this covers what exec and
/// chdir report in practice.
static const char *error_text(int err) {
    switch (err) {
    case ENOENT: return "No such file or directory";
    case EACCES: return "Permission denied";
    case EPERM: return "Operation not permitted";
    case ENOTDIR: return "Not a directory";
    case EISDIR: return "Is a directory";
    case ENOEXEC: return "Exec format error";
    case ELOOP: return "Too many levels of symbolic links";
    case ENAMETOOLONG: return "File name too long";
    case ENOMEM: return "Cannot allocate memory";
    case E2BIG: return "Argument list too long";
    case ETXTBSY: return "Text file busy";
    case EIO: return "Input/output error";
    case EMFILE: return "Too many open files";
    case EINVAL: return "Invalid argument";
    default: return NULL;
    }
}

static void write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        buf += n;
        len -= (size_t)n;
    }
}

// ---------------------------------------------------------------------------------------------
// Spawning

struct spawn_failure { int stage; int err; };

/// Moves `fd` to a number >= 3 (keeping FD_CLOEXEC) so dup2 onto 0-2 in the child cannot clobber it.
static int move_high(int fd) {
    if (fd < 0 || fd > 2) return fd;
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    int saved = errno;
    close(fd);
    errno = saved;
    return high;
}

__attribute__((noreturn))
static void child_fail(int report_fd, int stage, int err, const char *what, const char *name, int code) {
    char msg[1024];
    size_t len = 0;
    append_str(msg, sizeof msg, &len, "runbook: ");
    append_str(msg, sizeof msg, &len, what);
    append_str(msg, sizeof msg, &len, name);
    append_str(msg, sizeof msg, &len, ": ");
    const char *text = error_text(err);
    if (text) {
        append_str(msg, sizeof msg, &len, text);
    } else {
        append_str(msg, sizeof msg, &len, "error ");
        append_int(msg, sizeof msg, &len, err);
    }
    append_str(msg, sizeof msg, &len, "\n");
    write_all(2, msg, len);
    struct spawn_failure failure = { stage, err };
    write_all(report_fd, (const char *)&failure, sizeof failure);
    _exit(code);
}

pid_t rb_pty_spawn(const char *file, char *const argv[], char *const envp[], const char *cwd,
                   unsigned short rows, unsigned short cols, int *master_fd, int *failure_stage) {
    int dummy_stage;
    if (!failure_stage) failure_stage = &dummy_stage;
    *failure_stage = RB_SPAWN_OK;
    if (!file || !argv || !envp || !master_fd) { errno = EINVAL; *failure_stage = RB_SPAWN_FAILED_PTY; return -1; }

    // Every fd is O_CLOEXEC from birth: another thread spawning at the same moment must not
    // inherit our pty, or the master would never see EIO when our child exits.
    int master = move_high(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (master < 0) { *failure_stage = RB_SPAWN_FAILED_PTY; return -1; }
    int slave = -1, report[2] = { -1, -1 };
    char slave_name[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, slave_name, sizeof slave_name) != 0) goto pty_failed;
    slave = move_high(open(slave_name, O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (slave < 0) goto pty_failed;

    struct termios tio;
    if (tcgetattr(slave, &tio) == 0) {
#ifdef IUTF8
        tio.c_iflag |= IUTF8;
#endif
        tio.c_cc[VSUSP] = _POSIX_VDISABLE;  // no job control here: nobody could resume a stopped job
        tcsetattr(slave, TCSANOW, &tio);
    }
    struct winsize ws = { .ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0 };
    if (ioctl(slave, TIOCSWINSZ, &ws) != 0) goto pty_failed;

    if (pipe2(report, O_CLOEXEC) != 0) goto pty_failed;
    report[0] = move_high(report[0]);
    report[1] = move_high(report[1]);
    if (report[0] < 0 || report[1] < 0) goto pty_failed;

    // Block every signal across fork so none of the parent's handlers (the registry's, Swift's)
    // runs in the child before the child has reset them.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);

    pid_t pid = fork();
    if (pid == 0) {
        // Child: async-signal-safe calls only from here to exec.
        close(master);
        close(report[0]);
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig < NSIG; sig++) {
            if (sigaction(sig, &dfl, NULL) == 0 || sig == SIGKILL || sig == SIGSTOP) continue;
            // glibc refuses its internal signals (32, 33), which the parent may have ignored;
            // ignored dispositions survive exec, so reset them with the raw system call
            // (an all-zero kernel sigaction is SIG_DFL, no flags, empty mask).
            unsigned long kernel_action[4] = { 0, 0, 0, 0 };
            syscall(SYS_rt_sigaction, sig, kernel_action, NULL, (size_t)(_NSIG / 8));
        }

        if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) != 0) child_fail(report[1], RB_SPAWN_FAILED_SETUP, errno, "cannot set up the terminal for ", file, 127);
        for (int fd = 0; fd <= 2; fd++) {
            if (dup2(slave, fd) < 0) child_fail(report[1], RB_SPAWN_FAILED_SETUP, errno, "cannot set up the terminal for ", file, 127);
        }
        close(slave);
        // Whatever else the parent had open stays out of the new program.
#ifdef SYS_close_range
        if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
#endif
        {
            for (int fd = 3; fd < 4096; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);

        if (cwd && cwd[0] && chdir(cwd) != 0) child_fail(report[1], RB_SPAWN_FAILED_CHDIR, errno, "cannot change to directory ", cwd, 126);
        if (strchr(file, '/')) execve(file, argv, envp);
        else execvpe(file, argv, envp);
        child_fail(report[1], RB_SPAWN_FAILED_EXEC, errno, "cannot run ", file, 127);
    }

    int fork_errno = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(slave);
    close(report[1]);
    if (pid < 0) {
        close(master);
        close(report[0]);
        errno = fork_errno;
        *failure_stage = RB_SPAWN_FAILED_FORK;
        return -1;
    }

    // The report pipe closes on a successful exec; a failing child writes why first.
    struct spawn_failure failure;
    size_t got = 0;
    while (got < sizeof failure) {
        ssize_t n = read(report[0], (char *)&failure + got, sizeof failure - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(report[0]);
    if (got == sizeof failure) {
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
        close(master);
        *failure_stage = failure.stage;
        errno = failure.err;
        return -1;
    }

    int flags = fcntl(master, F_GETFL);
    if (flags >= 0) fcntl(master, F_SETFL, flags | O_NONBLOCK);
    *master_fd = master;
    return pid;

pty_failed: {
        int saved = errno;
        if (slave >= 0) close(slave);
        if (report[0] >= 0) close(report[0]);
        if (report[1] >= 0) close(report[1]);
        close(master);
        errno = saved;
        *failure_stage = RB_SPAWN_FAILED_PTY;
        return -1;
    }
}

int rb_pty_resize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize ws = { .ws_row = rows, .ws_col = cols, .ws_xpixel = 0, .ws_ypixel = 0 };
    return ioctl(fd, TIOCSWINSZ, &ws);
}

int rb_pty_get_size(int fd, unsigned short *rows, unsigned short *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    if (rows) *rows = ws.ws_row;
    if (cols) *cols = ws.ws_col;
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Waiting and signalling

int rb_wait(pid_t pid, int flags, int *exited, int *code, int *signal) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    int options = WEXITED;
    if (flags & RB_WAIT_NOHANG) options |= WNOHANG;
    if (flags & RB_WAIT_PEEK) options |= WNOWAIT;
    while (waitid(P_PID, (id_t)pid, &info, options) != 0) {
        if (errno != EINTR) return -1;
    }
    if (info.si_pid == 0) return 0;
    int is_exit = info.si_code == CLD_EXITED;
    if (exited) *exited = is_exit;
    if (code) *code = is_exit ? info.si_status : 0;
    if (signal) *signal = is_exit ? 0 : info.si_status;
    return 1;
}

int rb_kill_group(pid_t pgid, int sig) {
    if (pgid <= 1) { errno = EINVAL; return -1; }
    return kill(-pgid, sig);
}

int rb_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    int fd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}

/// Parses "/proc/PID/stat" (async-signal-safe: open/read/close only). Returns 1 and the state,
/// process group and session, or 0 if the process is gone.
static int read_stat(pid_t pid, char *state, pid_t *pgrp, pid_t *session) {
    char path[64];
    size_t len = 0;
    append_str(path, sizeof path, &len, "/proc/");
    append_int(path, sizeof path, &len, pid);
    append_str(path, sizeof path, &len, "/stat");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[1024];
    ssize_t n;
    do { n = read(fd, buf, sizeof buf - 1); } while (n < 0 && errno == EINTR);
    close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    // "pid (comm) S ppid pgrp session ..."; comm may contain spaces and ')'.
    char *p = NULL;
    for (ssize_t i = n - 1; i >= 0; i--) if (buf[i] == ')') { p = buf + i; break; }
    if (!p || p[1] != ' ' || !p[2]) return 0;
    *state = p[2];
    p += 3;
    long fields[3] = { 0, 0, 0 };
    for (int f = 0; f < 3; f++) {
        while (*p == ' ') p++;
        int neg = 0;
        if (*p == '-') { neg = 1; p++; }
        long v = 0;
        while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
        fields[f] = neg ? -v : v;
    }
    *pgrp = (pid_t)fields[1];
    *session = (pid_t)fields[2];
    return 1;
}

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/// Calls `visit` for every live (non-zombie) process whose group or session is one of `ids`.
/// Uses getdents64 directly so it is async-signal-safe. Returns the number visited or -1.
static int scan_members(const pid_t *ids, int id_count, void (*visit)(pid_t, void *), void *context) {
    int dir = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return -1;
    char buf[4096] __attribute__((aligned(8)));
    int found = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, dir, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        for (long off = 0; off < n;) {
            struct linux_dirent64 *entry = (struct linux_dirent64 *)(buf + off);
            off += entry->d_reclen;
            const char *name = entry->d_name;
            if (*name < '1' || *name > '9') continue;
            long pid = 0;
            while (*name >= '0' && *name <= '9') pid = pid * 10 + (*name++ - '0');
            if (*name) continue;
            char state;
            pid_t pgrp, session;
            if (!read_stat((pid_t)pid, &state, &pgrp, &session)) continue;
            if (state == 'Z' || state == 'X' || state == 'x') continue;
            for (int i = 0; i < id_count; i++) {
                if (ids[i] > 1 && (pgrp == ids[i] || session == ids[i])) {
                    found++;
                    if (visit) visit((pid_t)pid, context);
                    break;
                }
            }
        }
    }
    close(dir);
    return found;
}

struct collect_context { pid_t *out; int max; int count; };

static void collect_pid(pid_t pid, void *context) {
    struct collect_context *c = context;
    if (c->count < c->max && c->out) c->out[c->count] = pid;
    c->count++;
}

int rb_list_group_members(pid_t id, pid_t *out, int max) {
    struct collect_context context = { out, max, 0 };
    if (scan_members(&id, 1, collect_pid, &context) < 0) return -1;
    return context.count;
}

// ---------------------------------------------------------------------------------------------
// Registry and signal handlers

#define RB_MAX_GROUPS 256
static _Atomic pid_t registry[RB_MAX_GROUPS];
static _Atomic int interrupt_fd = -1;
static _Atomic int saved_terminal_fd = -1;
static struct termios saved_terminal;
static _Atomic int handlers_installed = 0;

int rb_registry_add(pid_t pgid) {
    if (pgid <= 1) { errno = EINVAL; return -1; }
    for (int i = 0; i < RB_MAX_GROUPS; i++) {
        pid_t expected = 0;
        if (atomic_compare_exchange_strong(&registry[i], &expected, pgid)) return 0;
    }
    errno = ENOSPC;
    return -1;
}

void rb_registry_remove(pid_t pgid) {
    for (int i = 0; i < RB_MAX_GROUPS; i++) {
        pid_t expected = pgid;
        if (atomic_compare_exchange_strong(&registry[i], &expected, 0)) return;
    }
}

int rb_registry_contains(pid_t pgid) {
    if (pgid <= 0) return 0;
    for (int i = 0; i < RB_MAX_GROUPS; i++) if (atomic_load(&registry[i]) == pgid) return 1;
    return 0;
}

int rb_registry_count(void) {
    int count = 0;
    for (int i = 0; i < RB_MAX_GROUPS; i++) if (atomic_load(&registry[i]) > 0) count++;
    return count;
}

static int snapshot(pid_t *ids) {
    int count = 0;
    for (int i = 0; i < RB_MAX_GROUPS; i++) {
        pid_t g = atomic_load(&registry[i]);
        if (g > 1) ids[count++] = g;
    }
    return count;
}

static void signal_member(pid_t pid, void *context) {
    kill(pid, *(const int *)context);
}

static void signal_all(const pid_t *ids, int count, int sig) {
    for (int i = 0; i < count; i++) kill(-ids[i], sig);
    // Members of the same session that moved to other process groups (e.g. after `set -m`).
    scan_members(ids, count, signal_member, &sig);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int rb_registry_terminate_all(int grace_ms) {
    pid_t ids[RB_MAX_GROUPS];
    int count = snapshot(ids);
    if (count == 0) return 0;
    signal_all(ids, count, SIGHUP);
    signal_all(ids, count, SIGTERM);
    signal_all(ids, count, SIGCONT);
    long long deadline = now_ms() + (grace_ms > 0 ? grace_ms : 0);
    while (scan_members(ids, count, NULL, NULL) > 0 && now_ms() < deadline) {
        struct timespec step = { 0, 10 * 1000000L };
        nanosleep(&step, NULL);
    }
    if (scan_members(ids, count, NULL, NULL) != 0) signal_all(ids, count, SIGKILL);
    return count;
}

#define RB_MAX_CLEANUP 32
#define RB_CLEANUP_PATH 256
static char cleanup_paths[RB_MAX_CLEANUP][RB_CLEANUP_PATH];
static _Atomic int cleanup_state[RB_MAX_CLEANUP];  // 0 free, 1 being written, 2 in use

int rb_cleanup_dir_add(const char *path) {
    size_t len = path ? strlen(path) : 0;
    if (len == 0 || len >= RB_CLEANUP_PATH) { errno = ENAMETOOLONG; return -1; }
    for (int i = 0; i < RB_MAX_CLEANUP; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&cleanup_state[i], &expected, 1)) {
            memcpy(cleanup_paths[i], path, len + 1);
            atomic_store(&cleanup_state[i], 2);
            return 0;
        }
    }
    errno = ENOSPC;
    return -1;
}

void rb_cleanup_dir_remove(const char *path) {
    if (!path) return;
    for (int i = 0; i < RB_MAX_CLEANUP; i++) {
        int expected = 2;
        if (atomic_load(&cleanup_state[i]) == 2 && strcmp(cleanup_paths[i], path) == 0 &&
            atomic_compare_exchange_strong(&cleanup_state[i], &expected, 0)) return;
    }
}

/// Deletes the files directly inside each registered directory, then the directory.
/// Async-signal-safe (open/getdents64/unlinkat/rmdir).
static void cleanup_dirs(void) {
    for (int i = 0; i < RB_MAX_CLEANUP; i++) {
        int expected = 2;
        if (!atomic_compare_exchange_strong(&cleanup_state[i], &expected, 1)) continue;
        int dir = open(cleanup_paths[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
        if (dir >= 0) {
            char buf[2048] __attribute__((aligned(8)));
            for (;;) {
                long n = syscall(SYS_getdents64, dir, buf, sizeof buf);
                if (n < 0 && errno == EINTR) continue;
                if (n <= 0) break;
                for (long off = 0; off < n;) {
                    struct linux_dirent64 *entry = (struct linux_dirent64 *)(buf + off);
                    off += entry->d_reclen;
                    const char *name = entry->d_name;
                    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
                    unlinkat(dir, name, 0);
                }
            }
            close(dir);
            rmdir(cleanup_paths[i]);
        }
        atomic_store(&cleanup_state[i], 0);
    }
}

static void restore_terminal(void) {
    int fd = atomic_load(&saved_terminal_fd);
    if (fd >= 0) tcsetattr(fd, TCSANOW, &saved_terminal);
}

static void fatal_signal_handler(int sig) {
    int saved_errno = errno;
    if (sig == SIGINT) {
        int fd = atomic_load(&interrupt_fd);
        if (fd >= 0) {
            char byte = 'i';
            ssize_t ignored = write(fd, &byte, 1);
            (void)ignored;
            errno = saved_errno;
            return;
        }
    }
    rb_registry_terminate_all(500);
    cleanup_dirs();
    restore_terminal();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

static void at_exit_hook(void) {
    rb_registry_terminate_all(200);
    cleanup_dirs();
}

int rb_signals_install(void) {
    if (atomic_exchange(&handlers_installed, 1) == 0) atexit(at_exit_hook);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fatal_signal_handler;
    sigemptyset(&sa.sa_mask);
    const int signals[] = { SIGHUP, SIGTERM, SIGINT, SIGQUIT };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&sa.sa_mask, signals[i]);
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &sa, NULL) != 0) return -1;
    }
    return 0;
}

void rb_signals_set_interrupt_fd(int fd) {
    atomic_store(&interrupt_fd, fd);
}

int rb_signals_save_terminal(int fd) {
    if (fd < 0) { atomic_store(&saved_terminal_fd, -1); return 0; }
    atomic_store(&saved_terminal_fd, -1);
    if (tcgetattr(fd, &saved_terminal) != 0) return -1;
    atomic_store(&saved_terminal_fd, fd);
    return 0;
}

int rb_pipe_nonblocking(int fds[2]) {
    return pipe2(fds, O_CLOEXEC | O_NONBLOCK);
}

// ---- SIGWINCH watcher -------------------------------------------------------------------------

static int rb_winch_pipe[2] = {-1, -1};
static struct sigaction rb_winch_previous;

static void rb_winch_handler(int sig, siginfo_t *info, void *context) {
    int saved = errno;
    if (rb_winch_pipe[1] >= 0) {
        char byte = 'w';
        ssize_t ignored = write(rb_winch_pipe[1], &byte, 1);
        (void)ignored;
    }
    if (rb_winch_previous.sa_flags & SA_SIGINFO) {
        if (rb_winch_previous.sa_sigaction) rb_winch_previous.sa_sigaction(sig, info, context);
    } else if (rb_winch_previous.sa_handler != SIG_DFL && rb_winch_previous.sa_handler != SIG_IGN) {
        rb_winch_previous.sa_handler(sig);
    }
    errno = saved;
}

int rb_winch_watch(void) {
    if (rb_winch_pipe[0] >= 0) return rb_winch_pipe[0];
    int fds[2];
    if (rb_pipe_nonblocking(fds) != 0) return -1;
    rb_winch_pipe[0] = fds[0];
    rb_winch_pipe[1] = fds[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = rb_winch_handler;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGWINCH, &action, &rb_winch_previous) != 0) return -1;
    // A parent may have started us with SIGWINCH blocked (a test runner's worker thread, say):
    // resizes would then never arrive.
    sigset_t winch;
    sigemptyset(&winch);
    sigaddset(&winch, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &winch, NULL);
    return rb_winch_pipe[0];
}
