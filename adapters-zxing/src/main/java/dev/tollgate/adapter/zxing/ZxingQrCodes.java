package dev.tollgate.adapter.zxing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.tollgate.port.spi.mfa.QrCodes;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Draws QR codes as SVG documents, encoded with ZXing's core at error correction level M
 * (about 15% of the code may be damaged) with a quiet zone of {@value #QUIET_ZONE_MODULES}
 * modules, as ISO/IEC 18004 asks.
 *
 * <p>The document is one {@code <svg>} element (no XML declaration, so it can be inlined in
 * HTML as well as served as {@code image/svg+xml}): a white background and one black
 * {@code <path>} of the dark modules, a unit square each, runs of a row merged. Its
 * {@code viewBox} counts modules; it is sized at {@value #PIXELS_PER_MODULE} pixels a module
 * and scales freely. The text reaches the document only as modules, never as characters, so
 * nothing in it can inject markup.
 *
 * <p>ASCII text is encoded as such; other text in UTF-8, announced by an ECI header, so that
 * readers do not take it for ISO-8859-1. Thread-safe: it holds no state.
 */
public final class ZxingQrCodes implements QrCodes {

    /** Light modules around the code, on each side. */
    public static final int QUIET_ZONE_MODULES = 4;

    /** The width and height, in pixels, of one module at the document's own size. */
    public static final int PIXELS_PER_MODULE = 4;

    /** The most bytes a QR code holds at error correction level M (version 40, byte mode). */
    private static final int MAX_BYTES_AT_M = 2331;

    private ZxingQrCodes() {
    }

    /** QR codes at error correction level M with a {@value #QUIET_ZONE_MODULES}-module quiet zone. */
    public static ZxingQrCodes create() {
        return new ZxingQrCodes();
    }

    @Override
    public String svg(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs some text; the text is empty");
        }
        return render(encode(text));
    }

    private static BitMatrix encode(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            // width and height 0: one pixel of the matrix per module, the quiet zone included
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException tooBig) {
            throw new IllegalArgumentException("a text of " + text.length() + " characters ("
                    + text.getBytes(StandardCharsets.UTF_8).length + " bytes in UTF-8) does not fit in a QR code: "
                    + "at error correction M one holds at most " + MAX_BYTES_AT_M + " bytes", tooBig);
        }
    }

    private static String render(BitMatrix matrix) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder svg = new StringBuilder(64 + width * height * 2);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
                .append(" width=\"").append(width * PIXELS_PER_MODULE)
                .append("\" height=\"").append(height * PIXELS_PER_MODULE)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" shape-rendering=\"crispEdges\">")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" fill=\"#ffffff\"/>")
                .append("<path fill=\"#000000\" d=\"");
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < width && matrix.get(x + run, y)) {
                    run++;
                }
                svg.append('M').append(x).append(' ').append(y)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    @Override
    public String toString() {
        return "ZxingQrCodes[error correction M, quiet zone " + QUIET_ZONE_MODULES + "]";
    }
}
