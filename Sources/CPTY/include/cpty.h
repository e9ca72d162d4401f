// cpty: the few POSIX calls that Swift cannot make safely or at all.
//
// - Starting a child on a new pseudo-terminal. Between fork() and exec() only async-signal-safe
//   calls are allowed in a threaded process, so that part is written in C.
// - Decoding wait status (waitid), which Swift sees only as opaque macros.
// - Signal handlers for the player itself: SIGHUP/SIGTERM (and SIGINT unless it is forwarded)
//   end every process group the player started, then the player dies of the same signal.
//
// All functions return -1 and set errno on failure unless documented otherwise.
#ifndef RUNBOOK_CPTY_H
#define RUNBOOK_CPTY_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Where rb_pty_spawn failed, written to *failure_stage.
enum {
    RB_SPAWN_OK = 0,
    RB_SPAWN_FAILED_PTY = 1,    ///< opening or configuring the pseudo-terminal (parent side)
    RB_SPAWN_FAILED_FORK = 2,   ///< fork() itself
    RB_SPAWN_FAILED_CHDIR = 3,  ///< chdir(cwd) in the child; the child exited 126
    RB_SPAWN_FAILED_EXEC = 4,   ///< execve in the child; the child exited 127
    RB_SPAWN_FAILED_SETUP = 5,  ///< setsid / controlling terminal in the child
};

/// Starts `file` with `argv`/`envp` on a new pseudo-terminal of `rows` x `cols`.
///
/// The child runs in a new session and process group (pgid == sid == pid) with the pty slave as
/// its controlling terminal and as fds 0, 1 and 2; every other fd is closed on exec. All signal
/// dispositions are reset to SIG_DFL and the signal mask is emptied. If `cwd` is not NULL the
/// child changes to it first (on failure it writes a message to the terminal and exits 126).
/// If `file` contains no '/', it is searched with execvpe (glibc searches the *parent's* PATH);
/// callers should pass a resolved path. When exec fails the child prints
/// "runbook: cannot run FILE: REASON" to the terminal and exits 127.
///
/// The terminal starts with the kernel defaults (canonical mode, echo, ONLCR: "\n" written by the
/// child reaches the master as "\r\n") plus IUTF8, and with the suspend character (Ctrl-Z)
/// disabled, since nobody could resume a stopped job.
///
/// The parent waits (briefly) until the child has exec'd: a failure of chdir or exec is reported
/// as a return of -1 with errno set to the child's errno and *failure_stage set; the child has
/// then already been reaped. On success returns the pid and stores the master fd, which is
/// O_NONBLOCK and FD_CLOEXEC, in *master_fd.
pid_t rb_pty_spawn(const char *file, char *const argv[], char *const envp[], const char *cwd,
                   unsigned short rows, unsigned short cols, int *master_fd, int *failure_stage);

/// Sets the window size of the terminal behind `fd` (TIOCSWINSZ); the kernel sends SIGWINCH to
/// its foreground process group.
int rb_pty_resize(int fd, unsigned short rows, unsigned short cols);

/// Reads the window size of the terminal behind `fd` (TIOCGWINSZ).
int rb_pty_get_size(int fd, unsigned short *rows, unsigned short *cols);

/// Flags for rb_wait.
enum {
    RB_WAIT_NOHANG = 1,  ///< return 0 at once if the child has not exited yet
    RB_WAIT_PEEK = 2,    ///< leave the child a zombie (WNOWAIT): its pid and pgid stay reserved
};

/// Waits for the child `pid` to exit (stopped children are not reported). Returns 1 and fills
/// *exited (1 if it called exit, 0 if a signal ended it), *code (exit status) and *signal
/// (terminating signal), 0 if RB_WAIT_NOHANG was given and it is still running, -1 on error
/// (ECHILD: not our child or already reaped).
int rb_wait(pid_t pid, int flags, int *exited, int *code, int *signal);

/// kill(-pgid, sig). Refuses pgid <= 1 with EINVAL, so a bad value never signals everything.
int rb_kill_group(pid_t pgid, int sig);

/// pidfd_open(2): an fd that poll() reports readable once `pid` has exited. -1 if unsupported.
int rb_pidfd_open(pid_t pid);

/// Lists live (not zombie) processes whose process group or session is `id`, excluding `id`
/// itself, by scanning /proc. Stores up to `max` pids in `out` and returns how many there are
/// in total (which may exceed `max`), or -1 if /proc cannot be read.
int rb_list_group_members(pid_t id, pid_t *out, int max);

// ---- Registry of process groups and the player's own signal handlers ----

/// Remembers `pgid` (a child we have not reaped yet, so the id cannot be reused) so the signal
/// handlers and rb_registry_terminate_all end it. Returns -1 (ENOSPC) when 256 are registered.
int rb_registry_add(pid_t pgid);

/// Forgets `pgid`. Call it before reaping the group leader.
void rb_registry_remove(pid_t pgid);

/// 1 if `pgid` is registered, else 0.
int rb_registry_contains(pid_t pgid);

/// Number of registered groups.
int rb_registry_count(void);

/// Sends SIGHUP, SIGTERM and SIGCONT to every registered group (and to the other members of its
/// session), waits up to `grace_ms` for them to go, then SIGKILLs what is left. Async-signal-safe.
/// Reaps nothing and does not unregister; returns how many groups were registered.
int rb_registry_terminate_all(int grace_ms);

/// Installs handlers for SIGHUP, SIGTERM, SIGINT and SIGQUIT: each ends all registered groups
/// (rb_registry_terminate_all with a 500 ms grace), deletes the rb_cleanup_dir_add directories,
/// restores the terminal saved by
/// rb_signals_save_terminal, then re-raises the signal with the default action, so the player
/// dies of it (a shell sees 128+sig). While an interrupt fd is set (rb_signals_set_interrupt_fd),
/// SIGINT instead writes one byte to that fd and the player keeps running. Also registers an
/// atexit hook that ends all registered groups and deletes those directories. Safe to call more
/// than once.
int rb_signals_install(void);

/// SIGINT forwarding target for rb_signals_install: a non-blocking pipe write end, or -1 to let
/// SIGINT end the player like SIGTERM.
void rb_signals_set_interrupt_fd(int fd);

/// Saves the termios of `fd` (e.g. the player's own terminal, before raw mode) so the fatal-signal
/// handler can restore it before dying. Pass -1 to forget.
int rb_signals_save_terminal(int fd);

/// Remembers a private, flat directory (a shell session's state) to delete, with the files in
/// it, when the player dies of a signal handled by rb_signals_install or exits through atexit.
/// Up to 32 directories, paths up to 255 bytes; returns -1 (ENOSPC/ENAMETOOLONG) otherwise.
int rb_cleanup_dir_add(const char *path);

/// Forgets a directory given to rb_cleanup_dir_add (call it when deleting it yourself).
void rb_cleanup_dir_remove(const char *path);

/// Creates a pipe with both ends O_NONBLOCK and FD_CLOEXEC (fds[0] read, fds[1] write).
int rb_pipe_nonblocking(int fds[2]);

/// Watches SIGWINCH: installs a handler that writes a byte to a non-blocking pipe and then calls the
/// handler that was there before (ncurses' own), so a poll(2) loop sees every resize at once, even
/// one that arrives while it is not sleeping. Returns the pipe's read end, or -1 with errno set.
/// Calling it again returns the same descriptor.
int rb_winch_watch(void);

#ifdef __cplusplus
}
#endif

#endif
