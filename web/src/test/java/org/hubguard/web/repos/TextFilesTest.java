package org.hubguard.web.repos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TextFilesTest {

    @Test
    void browserLineEndingsFollowTheFile() {
        assertEquals("a\nb\n", TextFiles.keepLineEndings("a\r\nb\r\n", false));
        assertEquals("a\r\nb\r\n", TextFiles.keepLineEndings("a\r\nb\r\n", true));
        assertEquals("a\r\nb", TextFiles.keepLineEndings("a\nb", true));
    }

    @Test
    void binaryAndInvalidUtf8AreNotText() {
        assertEquals("héllo\n", TextFiles.decode("héllo\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(TextFiles.decode(new byte[] {'a', 0, 'b'}));
        assertNull(TextFiles.decode(new byte[] {(byte) 0xC3, (byte) 0x28}));
    }
}
