"""OpenCV's threshold + findContours + moments on every frame of a Y4M video, timed per frame.

The reference the tracking benchmark compares with (scripts/bench-tracking). Reads the luma plane
of each frame, runs one warm-up pass, then times per frame: a fixed binary threshold, external
contours, and the moments of each contour (area and centroid). One thread. Prints the median.
"""
import statistics
import sys
import time

import cv2
import numpy as np


def read_y4m(path):
    with open(path, "rb") as f:
        data = f.read()
    end = data.index(b"\n")
    fields = data[:end].split()
    width = int(next(x[1:] for x in fields if x.startswith(b"W")))
    height = int(next(x[1:] for x in fields if x.startswith(b"H")))
    colour = next((x[1:] for x in fields if x.startswith(b"C")), b"420")
    chroma = 0 if colour.startswith(b"mono") else 2 * ((width + 1) // 2) * ((height + 1) // 2)
    frames, pos = [], end + 1
    while pos < len(data):
        line_end = data.index(b"\n", pos)
        start = line_end + 1
        if start + width * height > len(data):
            break
        frames.append(np.frombuffer(data, np.uint8, width * height, start).reshape(height, width).copy())
        pos = start + width * height + chroma
    return frames


def blobs(gray, threshold):
    _, binary = cv2.threshold(gray, threshold, 255, cv2.THRESH_BINARY)
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        m = cv2.moments(c)
        if m["m00"] > 0:
            out.append((m["m10"] / m["m00"], m["m01"] / m["m00"], m["m00"]))
    return out


def main():
    cv2.setNumThreads(1)
    path = sys.argv[1]
    threshold = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    frames = read_y4m(path)
    if not frames:
        sys.exit(f"opencv-blobs: {path}: no frames")
    for f in frames:
        blobs(f, threshold)
    times, found = [], 0
    for f in frames:
        t0 = time.perf_counter_ns()
        b = blobs(f, threshold)
        t1 = time.perf_counter_ns()
        times.append((t1 - t0) / 1000)
        found += len(b)
    h, w = frames[0].shape
    print(f"{len(frames)} frames {w}x{h}, threshold {threshold}, {found / len(frames):.1f} blobs per frame, "
          f"OpenCV {cv2.__version__}, one thread; median {statistics.median(times):.2f} us, "
          f"mean {statistics.fmean(times):.2f} us")
    print(f"opencv_us_per_frame {statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
