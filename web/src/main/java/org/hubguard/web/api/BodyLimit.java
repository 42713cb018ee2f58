package org.hubguard.web.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.hubguard.access.HubguardException;
import org.hubguard.access.InvalidInputException;
import org.hubguard.access.RequestRefusedException;

/**
 * The API's JSON bodies are small: at most 1 MiB, refused with 413 before more is read (by Content-Length, or
 * as the bytes arrive), so no request can fill the heap; a body the JSON reader cannot take (nested too
 * deep) is a 400. Streams the resource reads itself (the commit API's NDJSON) have their own limits per file.
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    static final int MAX_JSON_BODY = 1024 * 1024;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        if (context.getType() == InputStream.class) {
            return context.proceed();
        }
        String length = context.getHeaders().getFirst("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19 && Long.parseLong(length) > MAX_JSON_BODY) {
            throw tooLarge();
        }
        context.setInputStream(new Limited(context.getInputStream()));
        try {
            return context.proceed();
        } catch (HubguardException | WebApplicationException | JsonException refused) {
            throw refused;
        } catch (RuntimeException unreadable) {
            // e.g. Parsson's "Input is too deeply nested": a bad body, not a server error
            throw new InvalidInputException("The request body could not be read as JSON: " + unreadable.getMessage());
        }
    }

    private static RequestRefusedException tooLarge() {
        return new RequestRefusedException(413, "The request body is larger than " + MAX_JSON_BODY + " bytes.");
    }

    /** Counts what is read and stops past the limit. */
    private static final class Limited extends FilterInputStream {

        private long read;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_JSON_BODY) {
                throw tooLarge();
            }
        }
    }
}
