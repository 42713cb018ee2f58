package org.hubguard.it.support;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Files the scanners must catch. */
public final class Samples {

    /** The EICAR antivirus test file (in two parts, so this source is not flagged itself). */
    public static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*").getBytes(StandardCharsets.US_ASCII);

    /** pickle.dumps of an object reducing to os.system (CPython, protocol 4). */
    public static final byte[] OS_SYSTEM_PICKLE = HexFormat.of().parseHex(
            "80049525000000000000008c05706f736978948c0673797374656d9493948c0a6563686f2070776e656494859452942e");

    private Samples() {
    }
}
