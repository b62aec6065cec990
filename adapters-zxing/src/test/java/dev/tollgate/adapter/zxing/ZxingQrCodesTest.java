package dev.tollgate.adapter.zxing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.tollgate.port.spi.mfa.QrCodes;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ZxingQrCodesTest {

    private static final String OTPAUTH_URI = "otpauth://totp/Tollgate:alice%40example.com"
            + "?secret=JBSWY3DPEHPK3PXP&issuer=Tollgate&algorithm=SHA1&digits=6&period=30";

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final Pattern SQUARE_RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    private static final QrCodes QR_CODES = ZxingQrCodes.create();

    @Test
    void anOtpauthUri_decodesBackFromTheSvg() throws Exception {
        String svg = QR_CODES.svg(OTPAUTH_URI);

        assertThat(decode(modules(svg))).isEqualTo(OTPAUTH_URI);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "x",
            "otpauth://totp/Tollgate:zo%C3%AB?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tollgate",
            "Zoë Øster, 東京 — ünïcödé 🔐",
            "</svg><script>alert('x')</script>&amp;\"<![CDATA[ ]]><!-- -->"})
    void anyText_decodesBackFromTheSvg(String text) throws Exception {
        assertThat(decode(modules(QR_CODES.svg(text)))).isEqualTo(text);
    }

    @Test
    void theSvg_isWellFormedXml_anSvgRoot_withViewBoxBackgroundAndOnePath() throws Exception {
        String svg = QR_CODES.svg(OTPAUTH_URI);

        Document document = parse(svg);
        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo(SVG_NS);
        assertThat(root.getAttribute("shape-rendering")).isEqualTo("crispEdges");
        int size = modules(svg).getWidth();
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + size + " " + size);
        assertThat(root.getAttribute("width")).isEqualTo(String.valueOf(size * ZxingQrCodes.PIXELS_PER_MODULE));

        NodeList rects = root.getElementsByTagNameNS(SVG_NS, "rect");
        assertThat(rects.getLength()).isEqualTo(1);
        Element background = (Element) rects.item(0);
        assertThat(background.getAttribute("fill")).isEqualTo("#ffffff");
        assertThat(background.getAttribute("width")).isEqualTo(String.valueOf(size));
        assertThat(background.getAttribute("height")).isEqualTo(String.valueOf(size));

        NodeList paths = root.getElementsByTagNameNS(SVG_NS, "path");
        assertThat(paths.getLength()).isEqualTo(1);
        assertThat(((Element) paths.item(0)).getAttribute("fill")).isEqualTo("#000000");
        assertThat(root.getChildNodes().getLength()).as("only the background and the path").isEqualTo(2);
    }

    @Test
    void theModules_areZxingsMatrixAtLevelM_withAFourModuleQuietZone() throws Exception {
        BitMatrix drawn = modules(QR_CODES.svg(OTPAUTH_URI));

        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 4);
        assertThat(drawn).isEqualTo(new QRCodeWriter().encode(OTPAUTH_URI, BarcodeFormat.QR_CODE, 0, 0, hints));

        int size = drawn.getWidth();
        for (int i = 0; i < size; i++) {
            for (int q = 0; q < ZxingQrCodes.QUIET_ZONE_MODULES; q++) {
                assertThat(drawn.get(i, q) || drawn.get(q, i) || drawn.get(i, size - 1 - q) || drawn.get(size - 1 - q, i))
                        .as("quiet zone at %d, %d", i, q).isFalse();
            }
        }
        assertThat(drawn.get(4, 4)).as("the finder pattern starts right after the quiet zone").isTrue();
        Result result = new QRCodeReader().decode(bitmap(drawn), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        assertThat(result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL))
                .isEqualTo("M");
    }

    @Test
    void nothingOfTheText_reachesTheSvg() {
        String svg = QR_CODES.svg("<script>alert(\"pwned\")</script>");

        assertThat(svg).doesNotContain("script", "alert", "pwned");
        assertThat(svg).matches("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\\d+\" height=\"\\d+\""
                + " viewBox=\"0 0 \\d+ \\d+\" shape-rendering=\"crispEdges\">"
                + "<rect x=\"0\" y=\"0\" width=\"\\d+\" height=\"\\d+\" fill=\"#ffffff\"/>"
                + "<path fill=\"#000000\" d=\"(M\\d+ \\d+h\\d+v1h-\\d+z)+\"/></svg>");
    }

    @Test
    void theLongestTextThatFits_isDrawn_andOneCharacterMore_isRefused() throws Exception {
        String longest = "a".repeat(2331);

        assertThat(decode(modules(QR_CODES.svg(longest)))).isEqualTo(longest);
        assertThatIllegalArgumentException().isThrownBy(() -> QR_CODES.svg(longest + "a"))
                .withMessageContaining("2332 characters")
                .withMessageContaining("does not fit in a QR code");
    }

    @Test
    void aFarTooLongText_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> QR_CODES.svg("otpauth://" + "x".repeat(10_000)))
                .withMessageContaining("does not fit in a QR code");
    }

    @Test
    void anEmptyOrMissingText_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> QR_CODES.svg("")).withMessageContaining("empty");
        assertThatNullPointerException().isThrownBy(() -> QR_CODES.svg(null));
    }

    /** Reads the dark modules back from the path's squares and runs, in a matrix of the viewBox's size. */
    private static BitMatrix modules(String svg) throws Exception {
        Element root = parse(svg).getDocumentElement();
        String[] viewBox = root.getAttribute("viewBox").split(" ");
        assertThat(viewBox).hasSize(4).startsWith("0", "0");
        BitMatrix matrix = new BitMatrix(Integer.parseInt(viewBox[2]), Integer.parseInt(viewBox[3]));
        String d = ((Element) root.getElementsByTagNameNS(SVG_NS, "path").item(0)).getAttribute("d");
        Matcher square = SQUARE_RUN.matcher(d);
        int end = 0;
        while (square.find()) {
            assertThat(square.start()).as("nothing but squares and runs in the path").isEqualTo(end);
            end = square.end();
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            int run = Integer.parseInt(square.group(3));
            assertThat(square.group(4)).isEqualTo(square.group(3));
            matrix.setRegion(x, y, run, 1);
        }
        assertThat(end).isEqualTo(d.length());
        return matrix;
    }

    /** Decodes like a scan: the modules drawn 4 px each, black on white, through ZXing's detector. */
    private static String decode(BitMatrix modules) throws Exception {
        return new QRCodeReader().decode(bitmap(modules), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static BinaryBitmap bitmap(BitMatrix modules) {
        int scale = 4;
        int width = modules.getWidth() * scale;
        int height = modules.getHeight() * scale;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = modules.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
