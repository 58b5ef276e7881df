// Barcodes through libzint: it encodes (Code 128, QR code with its error
// correction and masks), we draw its modules as filled rectangles with cairo, so
// the symbol stays vector-sharp at any printer's resolution. A registration
// number scanned from a label, or a head hash scanned from a form, reads back
// exactly as printed (001 付紙第4 1(1)ア(ｱ): the number shown on the medium).

import CZint
import Foundation

public enum Symbology: String, Sendable, Codable {
    case code128, qr
}

/// An encoded symbol: its dark modules as a grid.
public struct Barcode: Sendable {
    public let symbology: Symbology
    public let rows: Int
    public let columns: Int
    /// Row-major, true where the module is dark.
    let dark: [Bool]

    /// Encodes `text` (its UTF-8 bytes, byte for byte). Code 128 takes ASCII only; nil when zint refuses.
    public init?(_ text: String, _ symbology: Symbology) {
        guard !text.isEmpty else { return nil }
        if symbology == .code128, !text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return nil }
        guard let sym = ZBarcode_Create() else { return nil }
        defer { ZBarcode_Delete(sym) }
        sym.pointee.symbology = symbology == .qr ? daicho_zint_qrcode() : daicho_zint_code128()
        sym.pointee.input_mode = daicho_zint_data_mode()
        // QR: error correction level M (15%), the usual for printed labels.
        if symbology == .qr { sym.pointee.option_1 = 2 }
        let bytes = Array(text.utf8)
        let rc = bytes.withUnsafeBufferPointer { ZBarcode_Encode(sym, $0.baseAddress, Int32($0.count)) }
        guard rc < daicho_zint_error_threshold(), sym.pointee.rows > 0, sym.pointee.width > 0 else { return nil }
        self.symbology = symbology
        rows = Int(sym.pointee.rows)
        columns = Int(sym.pointee.width)
        var d = [Bool](repeating: false, count: rows * columns)
        for r in 0..<rows { for c in 0..<columns { d[r * columns + c] = daicho_zint_module(sym, Int32(r), Int32(c)) != 0 } }
        dark = d
    }

    public func isDark(row: Int, column: Int) -> Bool { dark[row * columns + column] }

    /// Quiet zone on each side, in modules (ISO/IEC 15417: 10 for Code 128; 18004: 4 for QR).
    public var quietZone: Int { symbology == .qr ? 4 : 10 }
}

extension Document {
    /// Draws a QR code as a square of side `side` mm (quiet zone included) with its top left at (x, y).
    public func qr(_ code: Barcode, x: Double, y: Double, side: Double) {
        let modules = Double(code.columns + 2 * code.quietZone)
        let m = side / modules
        let q = Double(code.quietZone)
        for r in 0..<code.rows {
            var c = 0
            while c < code.columns {
                guard code.isDark(row: r, column: c) else { c += 1; continue }
                var run = 1
                while c + run < code.columns, code.isDark(row: r, column: c + run) { run += 1 }
                // A hair of overlap, so that no renderer shows seams between neighbouring modules.
                fill(x + (q + Double(c)) * m, y + (q + Double(r)) * m, Double(run) * m + 0.01, m + 0.01)
                c += run
            }
        }
    }

    /// Draws a one-row symbol (Code 128) `width` mm wide (quiet zones included), bars `height` mm tall.
    public func bars(_ code: Barcode, x: Double, y: Double, width: Double, height: Double) {
        let m = width / Double(code.columns + 2 * code.quietZone)
        let q = Double(code.quietZone)
        var c = 0
        while c < code.columns {
            guard code.isDark(row: 0, column: c) else { c += 1; continue }
            var run = 1
            while c + run < code.columns, code.isDark(row: 0, column: c + run) { run += 1 }
            fill(x + (q + Double(c)) * m, y, Double(run) * m, height)
            c += run
        }
    }

    /// Total width in modules of a one-row symbol with its quiet zones: for choosing a module size.
    public static func modules(_ code: Barcode) -> Int { code.columns + 2 * code.quietZone }
}
