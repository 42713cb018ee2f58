package org.hubguard.scanning.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** .npy headers are read as ast.literal_eval reads them, including the forms numpy never writes. */
class PythonLiteralTest {

    @Test
    void numpyHeaders() throws Exception {
        Object header = PythonLiteral.parse("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }          \n");
        assertEquals(Map.of("descr", "<f8", "fortran_order", false, "shape",
                new PythonLiteral.Tuple(List.of(BigInteger.valueOf(3), BigInteger.valueOf(4)))), header);
    }

    @Test
    void stringsAreDecodedAsPythonDecodesThem() throws Exception {
        assertEquals("|O", PythonLiteral.parse("'|\\x4f'"));
        assertEquals("|O", PythonLiteral.parse("'|' \"O\""), "adjacent literals concatenate");
        assertEquals("|O", PythonLiteral.parse("u'|\\u004f'"));
        assertEquals("|O", PythonLiteral.parse("b'|\\117'"));
        assertEquals("|\\x4f", PythonLiteral.parse("r'|\\x4f'"), "raw strings keep backslashes");
        assertEquals("a", PythonLiteral.parse("'''a'''"));
    }

    @Test
    void tuplesParenthesesAndComments() throws Exception {
        assertEquals(BigInteger.valueOf(3), PythonLiteral.parse("(3)"), "parentheses alone make no tuple");
        assertEquals(new PythonLiteral.Tuple(List.of(BigInteger.valueOf(3))), PythonLiteral.parse("(3,)"));
        assertEquals(new PythonLiteral.Tuple(List.of()), PythonLiteral.parse("()"));
        assertEquals(List.of(BigInteger.valueOf(-1), BigInteger.valueOf(1000)), PythonLiteral.parse("[-1, 1_000] # a comment"));
        assertEquals(PythonLiteral.NONE, PythonLiteral.parse("None"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : List.of("__import__('os')", "{'a': 1", "'unterminated", "b'\\u0041' u'x'", "1.5", "{[1]: 2}", "f'x'",
                "'\\N{LATIN SMALL LETTER O}'", "0x10")) {
            assertThrows(Malformed.class, () -> PythonLiteral.parse(text), text);
        }
    }
}
