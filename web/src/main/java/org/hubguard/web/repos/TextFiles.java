package org.hubguard.web.repos;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Tells text from binary the way git does (a NUL byte means binary), and decodes UTF-8 strictly. */
final class TextFiles {

    private TextFiles() {
    }

    /**
     * Browsers submit text areas with CRLF line endings; a file keeps LF unless it used CRLF before
     * (the edit must not rewrite every line).
     */
    static String keepLineEndings(String submitted, boolean fileUsesCrlf) {
        String lf = submitted.replace("\r\n", "\n");
        return fileUsesCrlf ? lf.replace("\n", "\r\n") : lf;
    }

    /** The text, or null when the bytes are binary or not UTF-8. */
    static String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
