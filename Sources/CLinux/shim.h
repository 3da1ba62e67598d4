// CLinux: Linux-only libc headers that Swift's Glibc module does not include.
// Only static inline wrappers and static const constants live here, each with the reason.
#ifndef GAITLIVE_CLINUX_SHIM_H
#define GAITLIVE_CLINUX_SHIM_H

#include <stdint.h>
#include <time.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/timerfd.h>

// <sys/eventfd.h> is not part of Glibc's module map.
static inline int clinux_eventfd(unsigned int initval, int flags) { return eventfd(initval, flags); }
static const int CLINUX_EFD_CLOEXEC = EFD_CLOEXEC;
static const int CLINUX_EFD_NONBLOCK = EFD_NONBLOCK;

// <sys/timerfd.h> is not part of Glibc's module map.
static inline int clinux_timerfd_create(int clockid, int flags) { return timerfd_create(clockid, flags); }
static inline int clinux_timerfd_settime(int fd, int flags, const struct itimerspec *value) {
    return timerfd_settime(fd, flags, value, NULL);
}
static const int CLINUX_TFD_CLOEXEC = TFD_CLOEXEC;
static const int CLINUX_TFD_NONBLOCK = TFD_NONBLOCK;
static const int CLINUX_TFD_TIMER_ABSTIME = TFD_TIMER_ABSTIME;

// prctl is C-variadic (unavailable in Swift); pthread_setname_np needs _GNU_SOURCE.
// Names the calling thread (at most 15 bytes are kept), as top and gdb show it.
static inline int clinux_set_thread_name(const char *name) { return prctl(PR_SET_NAME, name, 0, 0, 0); }

// F_SETPIPE_SZ is defined only with _GNU_SOURCE; FIONREAD is a macro Swift imports as Int32
// while ioctl takes an unsigned long. Both size and drain the console's output-metering pipe.
#include <fcntl.h>
#include <sys/ioctl.h>
static const int CLINUX_F_SETPIPE_SZ = 1031;
static const unsigned long CLINUX_FIONREAD = FIONREAD;

// <pty.h> is not part of Glibc's module map. A pseudo-terminal pair lets the console benchmark
// run curses on a terminal it can read back (bytes written, time to write them).
#include <pty.h>
static inline int clinux_openpty(int *master, int *slave) { return openpty(master, slave, NULL, NULL, NULL); }

#endif
