// CV4L2: the libv4l2 / videodev2 surface Swift cannot import directly.
// Only static inline wrappers and static const constants live here, each with the reason.
#ifndef GAITLIVE_CV4L2_SHIM_H
#define GAITLIVE_CV4L2_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/videodev2.h>
#include <libv4l2.h>
#include <libv4lconvert.h>
#include <libv4l-plugin.h>
#include <unistd.h>

// v4l2_open is C-variadic, so Swift marks it unavailable: a fixed-arity wrapper.
static inline int cv4l2_open(const char *path, int flags) { return v4l2_open(path, flags); }

// v4l2_ioctl is C-variadic: a fixed-arity wrapper that also retries on EINTR.
static inline int cv4l2_xioctl(int fd, unsigned long request, void *arg) {
    int r;
    do { r = v4l2_ioctl(fd, request, arg); } while (r == -1 && errno == EINTR);
    return r;
}

// open(2) is C-variadic too; this opens the node and hands it to libv4l2 with format conversion off,
// so ENUM_FMT lists what the camera really sends (MJPEG is decoded by libv4lconvert explicitly).
static inline int cv4l2_open_native(const char *path, int flags) {
    int fd = open(path, flags);
    if (fd < 0) return fd;
    struct v4l2_capability cap;
    // libv4l2 prints its own message for a node that is not a V4L2 device: ask first, quietly.
    if (ioctl(fd, VIDIOC_QUERYCAP, &cap) < 0) { int e = errno; close(fd); errno = e; return -1; }
    if (v4l2_fd_open(fd, V4L2_DISABLE_CONVERSION) < 0) { int e = errno; close(fd); errno = e; return -1; }
    return fd;
}

// libv4lconvert will not start without a V4L2 device to query. To decode JPEG frames without a
// camera (tests, benchmarks), these device operations answer its capability query and nothing else.
static inline int cv4l2_nodevice_ioctl(void *priv, int fd, unsigned long request, void *arg) {
    (void)priv; (void)fd;
    if (request == VIDIOC_QUERYCAP) {
        struct v4l2_capability *c = arg;
        __builtin_memset(c, 0, sizeof *c);
        c->capabilities = c->device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
        return 0;
    }
    errno = EINVAL;
    return -1;
}
static inline struct v4lconvert_data *cv4l2_convert_create_without_device(void) {
    static const struct libv4l_dev_ops ops = { .ioctl = cv4l2_nodevice_ioctl };
    return v4lconvert_create_with_dev_ops(-1, NULL, &ops);
}

// Kept beside open/ioctl so every libv4l2 call is visibly paired (libv4l2 tracks its fds).
static inline int cv4l2_close(int fd) { return v4l2_close(fd); }

// v4l2_mmap/v4l2_munmap must be used on libv4l2 fds (it may emulate formats); off_t is a typedef Swift sees fine,
// the wrapper keeps the call site symmetric with the others.
static inline void *cv4l2_mmap(size_t length, int fd, int64_t offset) {
    return v4l2_mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)offset);
}
static inline int cv4l2_munmap(void *start, size_t length) { return v4l2_munmap(start, length); }

// MAP_FAILED is a cast macro ((void *)-1) that Swift does not import.
static inline int cv4l2_is_map_failed(const void *p) { return p == MAP_FAILED; }

// VIDIOC_* requests are function-like _IOWR macros, which Swift does not import.
static const unsigned long CV4L2_VIDIOC_QUERYCAP = VIDIOC_QUERYCAP;
static const unsigned long CV4L2_VIDIOC_ENUM_FMT = VIDIOC_ENUM_FMT;
static const unsigned long CV4L2_VIDIOC_ENUM_FRAMESIZES = VIDIOC_ENUM_FRAMESIZES;
static const unsigned long CV4L2_VIDIOC_ENUM_FRAMEINTERVALS = VIDIOC_ENUM_FRAMEINTERVALS;
static const unsigned long CV4L2_VIDIOC_G_FMT = VIDIOC_G_FMT;
static const unsigned long CV4L2_VIDIOC_S_FMT = VIDIOC_S_FMT;
static const unsigned long CV4L2_VIDIOC_TRY_FMT = VIDIOC_TRY_FMT;
static const unsigned long CV4L2_VIDIOC_G_PARM = VIDIOC_G_PARM;
static const unsigned long CV4L2_VIDIOC_S_PARM = VIDIOC_S_PARM;
static const unsigned long CV4L2_VIDIOC_REQBUFS = VIDIOC_REQBUFS;
static const unsigned long CV4L2_VIDIOC_QUERYBUF = VIDIOC_QUERYBUF;
static const unsigned long CV4L2_VIDIOC_QBUF = VIDIOC_QBUF;
static const unsigned long CV4L2_VIDIOC_DQBUF = VIDIOC_DQBUF;
static const unsigned long CV4L2_VIDIOC_STREAMON = VIDIOC_STREAMON;
static const unsigned long CV4L2_VIDIOC_STREAMOFF = VIDIOC_STREAMOFF;
static const unsigned long CV4L2_VIDIOC_QUERYCTRL = VIDIOC_QUERYCTRL;
static const unsigned long CV4L2_VIDIOC_QUERYMENU = VIDIOC_QUERYMENU;
static const unsigned long CV4L2_VIDIOC_G_CTRL = VIDIOC_G_CTRL;
static const unsigned long CV4L2_VIDIOC_S_CTRL = VIDIOC_S_CTRL;
static const unsigned long CV4L2_VIDIOC_S_EXT_CTRLS = VIDIOC_S_EXT_CTRLS;
static const unsigned long CV4L2_VIDIOC_G_EXT_CTRLS = VIDIOC_G_EXT_CTRLS;
static const unsigned long CV4L2_VIDIOC_QUERY_EXT_CTRL = VIDIOC_QUERY_EXT_CTRL;

// V4L2_PIX_FMT_* are v4l2_fourcc(...) function-like macros, which Swift does not import.
static const uint32_t CV4L2_PIX_FMT_YUYV = V4L2_PIX_FMT_YUYV;
static const uint32_t CV4L2_PIX_FMT_GREY = V4L2_PIX_FMT_GREY;
static const uint32_t CV4L2_PIX_FMT_NV12 = V4L2_PIX_FMT_NV12;
static const uint32_t CV4L2_PIX_FMT_YUV420 = V4L2_PIX_FMT_YUV420;
static const uint32_t CV4L2_PIX_FMT_MJPEG = V4L2_PIX_FMT_MJPEG;
static const uint32_t CV4L2_PIX_FMT_JPEG = V4L2_PIX_FMT_JPEG;
static const uint32_t CV4L2_PIX_FMT_RGB24 = V4L2_PIX_FMT_RGB24;
static const uint32_t CV4L2_PIX_FMT_UYVY = V4L2_PIX_FMT_UYVY;
static const uint32_t CV4L2_PIX_FMT_NV21 = V4L2_PIX_FMT_NV21;
static const uint32_t CV4L2_PIX_FMT_YVU420 = V4L2_PIX_FMT_YVU420;

// Control ids are plain enum-like macros built from V4L2_CID_BASE sums, which Swift imports
// inconsistently (some as Int32, some not at all): fixed-type constants instead.
static const uint32_t CV4L2_CID_EXPOSURE_AUTO = V4L2_CID_EXPOSURE_AUTO;
static const uint32_t CV4L2_CID_EXPOSURE_ABSOLUTE = V4L2_CID_EXPOSURE_ABSOLUTE;
static const uint32_t CV4L2_CID_GAIN = V4L2_CID_GAIN;
static const uint32_t CV4L2_CID_AUTO_WHITE_BALANCE = V4L2_CID_AUTO_WHITE_BALANCE;
static const uint32_t CV4L2_CID_POWER_LINE_FREQUENCY = V4L2_CID_POWER_LINE_FREQUENCY;
static const uint32_t CV4L2_CTRL_FLAG_NEXT_CTRL = V4L2_CTRL_FLAG_NEXT_CTRL;
static const uint32_t CV4L2_CID_WHITE_BALANCE_TEMPERATURE = V4L2_CID_WHITE_BALANCE_TEMPERATURE;
static const uint32_t CV4L2_CID_AUTOGAIN = V4L2_CID_AUTOGAIN;
static const uint32_t CV4L2_CID_BRIGHTNESS = V4L2_CID_BRIGHTNESS;

// Flag and capability values above 0x7fffffff import as Int32 overflow errors or not at all.
static const uint32_t CV4L2_CAP_DEVICE_CAPS = V4L2_CAP_DEVICE_CAPS;
static const uint32_t CV4L2_CTRL_FLAG_NEXT_COMPOUND = V4L2_CTRL_FLAG_NEXT_COMPOUND;

#endif
