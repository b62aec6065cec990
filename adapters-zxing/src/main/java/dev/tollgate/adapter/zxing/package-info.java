/**
 * QR codes as SVG documents, encoded with ZXing's core:
 * {@link dev.tollgate.adapter.zxing.ZxingQrCodes}.
 */
package dev.tollgate.adapter.zxing;
