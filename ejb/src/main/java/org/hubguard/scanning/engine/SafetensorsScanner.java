package org.hubguard.scanning.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * safetensors: an 8-byte little-endian header length, a JSON header, then tensor bytes. Nothing in it runs when
 * loaded; the header is validated as the safetensors library does (known dtypes, shapes, contiguous in-order
 * offsets covering the data exactly), so a file that only looks like safetensors is not called safe.
 */
final class SafetensorsScanner {

    private static final long MAX_HEADER = 100_000_000;
    /** Bits per element of each dtype the safetensors format defines. */
    private static final Map<String, Integer> BITS = Map.ofEntries(
            Map.entry("BOOL", 8), Map.entry("F4", 4), Map.entry("F6_E2M3", 6), Map.entry("F6_E3M2", 6), Map.entry("U8", 8),
            Map.entry("I8", 8), Map.entry("F8_E5M2", 8), Map.entry("F8_E4M3", 8), Map.entry("F8_E8M0", 8), Map.entry("I16", 16),
            Map.entry("U16", 16), Map.entry("F16", 16), Map.entry("BF16", 16), Map.entry("I32", 32), Map.entry("U32", 32),
            Map.entry("F32", 32), Map.entry("C64", 64), Map.entry("F64", 64), Map.entry("I64", 64), Map.entry("U64", 64));

    private record Tensor(String name, BigInteger start, BigInteger end, BigInteger bytes) {
    }

    private SafetensorsScanner() {
    }

    @SuppressWarnings("unchecked")
    static String scan(ScanContext ctx, RandomAccessSource data, String at) throws IOException, Malformed {
        long n = ZipArchive.le64(ZipArchive.read(data, 0, 8), 0);
        if (n < 0 || n > MAX_HEADER || n > data.size() - 8) {
            throw new Malformed("safetensors header length " + Long.toUnsignedString(n) + " is out of range");
        }
        String text = PythonText.utf8(ZipArchive.read(data, 8, (int) n), false);
        if (text == null) {
            throw new Malformed("safetensors header is not UTF-8");
        }
        List<String> duplicates = new ArrayList<>();
        if (!(Json.parse(text, duplicates::add) instanceof Map<?, ?> header)) {
            throw new Malformed("safetensors header is not a JSON object");
        }
        if (!duplicates.isEmpty()) {
            ctx.format(at, Rating.SUSPICIOUS, "safetensors header names " + duplicates.get(0) + " twice: readers keep different ones");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> meta) || !meta.values().stream().allMatch(v -> v instanceof String)) {
                    throw new Malformed("safetensors __metadata__ is not a map of strings");
                }
                continue;
            }
            tensors.add(tensor(name, e.getValue()));
        }
        tensors.sort(Comparator.comparing(Tensor::start).thenComparing(Tensor::end));
        BigInteger position = BigInteger.ZERO;
        for (Tensor t : tensors) {
            if (!t.start().equals(position) || t.end().compareTo(t.start()) < 0) {
                throw new Malformed("safetensors tensor " + t.name() + ": offsets overlap or leave a gap");
            }
            if (!t.end().subtract(t.start()).equals(t.bytes())) {
                throw new Malformed("safetensors tensor " + t.name() + ": offsets do not match its shape and dtype");
            }
            position = t.end();
        }
        if (!position.add(BigInteger.valueOf(8 + n)).equals(BigInteger.valueOf(data.size()))) {
            throw new Malformed("safetensors data does not end where the header says (" + position + " bytes of tensors, "
                    + (data.size() - 8 - n) + " in the file)");
        }
        ctx.format(at, Rating.INNOCUOUS, "safetensors: " + tensors.size() + " tensors, header valid; nothing in it runs when loaded");
        return "safetensors";
    }

    private static Tensor tensor(String name, Object value) throws Malformed {
        if (!(value instanceof Map<?, ?> info)) {
            throw new Malformed("safetensors tensor " + name + " is not an object");
        }
        Integer bits = info.get("dtype") instanceof String d ? BITS.get(d) : null;
        if (bits == null) {
            throw new Malformed("safetensors tensor " + name + " has an unknown dtype " + info.get("dtype"));
        }
        if (!(info.get("shape") instanceof List<?> shape) || !(info.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2) {
            throw new Malformed("safetensors tensor " + name + " lacks a shape or two data offsets");
        }
        BigInteger elements = BigInteger.ONE;
        for (Object dim : shape) {
            elements = elements.multiply(unsigned(dim, name));
        }
        BigInteger totalBits = elements.multiply(BigInteger.valueOf(bits));
        if (totalBits.mod(BigInteger.valueOf(8)).signum() != 0 || totalBits.bitLength() > 66) {
            throw new Malformed("safetensors tensor " + name + " does not fill whole bytes");
        }
        return new Tensor(name, unsigned(offsets.get(0), name), unsigned(offsets.get(1), name), totalBits.shiftRight(3));
    }

    private static BigInteger unsigned(Object value, String name) throws Malformed {
        if (value instanceof Json.Num num && num.text().matches("0|[1-9][0-9]{0,19}")) {
            BigInteger v = new BigInteger(num.text());
            if (v.bitLength() <= 64) {
                return v;
            }
        }
        throw new Malformed("safetensors tensor " + name + ": " + value + " is not a size");
    }
}
