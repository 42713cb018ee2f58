package org.hubguard.web.lfs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.hubguard.access.RequestRefusedException;

/** A single {@code Range: bytes=a-b} of a download (the only kind the clients send), or the whole file. */
public record ByteRange(long start, long end, boolean partial) {

    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    /** The range the header asks for within {@code size} bytes; 416 (with Content-Range set) when it cannot be served. */
    public static ByteRange of(String header, long size, HttpServletResponse response) {
        if (header == null || size == 0) {
            return new ByteRange(0, size - 1, false);
        }
        Matcher m = RANGE.matcher(header.trim());
        boolean valid = m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())
                && m.group(1).length() < 19 && m.group(2).length() < 19; // fits a long
        long start = 0;
        long end = size - 1;
        if (valid) {
            if (m.group(1).isEmpty()) { // the last n bytes
                start = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
        }
        if (!valid || start >= size || start > end) {
            response.setHeader("Content-Range", "bytes */" + size);
            throw new RequestRefusedException(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable: " + header);
        }
        return new ByteRange(start, end, true);
    }

    public long length() {
        return end - start + 1;
    }

    /** Sets the status and headers of the answer: 206 with Content-Range for a part, Content-Length always. */
    public void apply(HttpServletResponse response, long size) {
        response.setHeader("Accept-Ranges", "bytes");
        if (partial) {
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        response.setContentLengthLong(size == 0 ? 0 : length());
    }

    /** Copies this range's bytes from {@code in}, which starts at {@link #start()}. */
    public void copy(java.io.InputStream in, java.io.OutputStream out) throws java.io.IOException {
        byte[] buffer = new byte[256 * 1024];
        long left = length();
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
