// CTurboJPEG: libjpeg-turbo's TurboJPEG API (Debian's libturbojpeg0-dev, TurboJPEG 2.1), the JPEG
// encoder and decoder behind compressed session video. Only static inline wrappers and static
// const constants live here, each with the reason.
#ifndef GAITLIVE_CTURBOJPEG_SHIM_H
#define GAITLIVE_CTURBOJPEG_SHIM_H

#include <turbojpeg.h>

// The TJSAMP_* and TJPF_* enumerators import as distinct struct types; the calls take int.
static const int CTJ_SAMP_444 = TJSAMP_444;
static const int CTJ_SAMP_422 = TJSAMP_422;
static const int CTJ_SAMP_420 = TJSAMP_420;
static const int CTJ_SAMP_GRAY = TJSAMP_GRAY;
static const int CTJ_PF_GRAY = TJPF_GRAY;
// TJERR_WARNING is an enumerator too (tjGetErrorCode returns int).
static const int CTJ_ERR_WARNING = TJERR_WARNING;

// tjCompressFromYUVPlanes takes a C array of plane pointers, awkward to build from Swift arrays;
// this takes the three planes one by one (cb and cr NULL for a grey picture).
static inline int ctj_compress_planes(tjhandle handle, const unsigned char *y, const unsigned char *cb,
                                      const unsigned char *cr, int width, int yStride, int cStride,
                                      int height, int subsamp, unsigned char **jpeg,
                                      unsigned long *jpegSize, int quality, int flags) {
    const unsigned char *planes[3] = { y, cb, cr };
    int strides[3] = { yStride, cStride, cStride };
    return tjCompressFromYUVPlanes(handle, planes, width, strides, height, subsamp, jpeg, jpegSize,
                                   quality, flags);
}

// tjDecompressToYUVPlanes takes a C array of plane pointers; this takes the three one by one.
static inline int ctj_decompress_planes(tjhandle handle, const unsigned char *jpeg, unsigned long jpegSize,
                                        unsigned char *y, unsigned char *cb, unsigned char *cr,
                                        int width, int yStride, int cStride, int height, int flags) {
    unsigned char *planes[3] = { y, cb, cr };
    int strides[3] = { yStride, cStride, cStride };
    return tjDecompressToYUVPlanes(handle, jpeg, jpegSize, planes, width, strides, height, flags);
}

#endif
