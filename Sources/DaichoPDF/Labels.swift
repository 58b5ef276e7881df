// Labels for the media (001 付紙第4 1(1)): the registration number shown on the
// medium (ア(ｱ)), 「開示」 on disclosable media (イ), 「市販」 on commercial
// content (ウ(ｲ)), with the unit's name, and the number again as a barcode
// (Code 128 and/or QR) that scans back to exactly the registration number, so
// that the inventory and every registration-number field can take a scan.
// Sheet layouts are data (Resources/labels/*.json, or a file of the same shape).

import CCairo
import DaichoCore
import DaichoResources
import Foundation

/// A sheet of labels: every length in millimetres.
public struct LabelSheet: Codable, Equatable, Sendable {
    public struct Size: Codable, Equatable, Sendable { public var width: Double; public var height: Double }
    public struct Margin: Codable, Equatable, Sendable { public var top: Double; public var left: Double }
    public struct Pitch: Codable, Equatable, Sendable { public var x: Double; public var y: Double }
    public enum Codes: String, Codable, Sendable { case code128, qr, both }

    public var name: String
    public var description: String?
    public var page: Size
    public var label: Size
    public var columns: Int
    public var rows: Int
    public var margin: Margin
    /// From one label's top left corner to the next one's; nil: labels touch (the label's size).
    public var pitch: Pitch?
    public var barcode: Codes
    /// Draw each label's edge (for plain paper to cut by hand).
    public var outline: Bool?

    public var perPage: Int { columns * rows }
    var step: Pitch { pitch ?? Pitch(x: label.width, y: label.height) }

    public static let defaultName = "a4-21"

    /// The built-in sheets (Resources/labels).
    public static var builtInNames: [String] { DaichoResources.names("labels", ext: "json") }

    /// A built-in sheet by name, or a JSON file by path.
    public static func load(_ nameOrPath: String) throws(LabelSheetError) -> LabelSheet {
        let data: Data
        if nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") {
            guard let d = FileManager.default.contents(atPath: nameOrPath) else { throw .unreadable(nameOrPath) }
            data = d
        } else {
            guard let d = DaichoResources.data("labels", nameOrPath, ext: "json") else { throw .unknown(nameOrPath, builtInNames) }
            data = d
        }
        let sheet: LabelSheet
        do { sheet = try JSONDecoder().decode(LabelSheet.self, from: data) } catch {
            throw .invalid(nameOrPath, LabelSheet.describe(error))
        }
        try sheet.validate(nameOrPath)
        return sheet
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "「\(key.stringValue)」がありません / missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "「\(c.codingPath.map(\.stringValue).joined(separator: "."))」の値が正しくありません / bad value for \"\(c.codingPath.map(\.stringValue).joined(separator: "."))\""
        case DecodingError.dataCorrupted(let c):
            c.codingPath.isEmpty ? "JSON として読めません / not JSON"
                : "「\(c.codingPath.map(\.stringValue).joined(separator: "."))」の値が正しくありません / bad value for \"\(c.codingPath.map(\.stringValue).joined(separator: "."))\""
        default: "\(error)"
        }
    }

    /// Positive sizes, at least one label, and every label on the page.
    func validate(_ source: String) throws(LabelSheetError) {
        let lengths = [page.width, page.height, label.width, label.height, step.x, step.y]
        guard lengths.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 2000 }), margin.top.isFinite, margin.left.isFinite,
              margin.top >= 0, margin.left >= 0 else { throw .invalid(source, "寸法は正の mm で / lengths must be positive millimetres") }
        guard (1...50).contains(columns), (1...100).contains(rows) else { throw .invalid(source, "columns 1–50, rows 1–100") }
        let right = margin.left + Double(columns - 1) * step.x + label.width
        let bottom = margin.top + Double(rows - 1) * step.y + label.height
        guard right <= page.width + 0.05, bottom <= page.height + 0.05 else {
            throw .invalid(source, "ラベルが用紙からはみ出します（右端 \(fmt(right)) mm、下端 \(fmt(bottom)) mm） / labels run off the page")
        }
        guard label.width >= 15, label.height >= 10 else { throw .invalid(source, "ラベルが小さすぎます（15×10 mm 以上） / labels smaller than 15×10 mm") }
    }

    func fmt(_ d: Double) -> String { String(format: "%.1f", d) }
}

public enum LabelSheetError: Error, Equatable, Sendable {
    case unknown(String, [String])
    case unreadable(String)
    case invalid(String, String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .unknown(let n, let names):
            lang.pick("ラベル用紙「\(n)」はありません（\(names.joined(separator: ", "))、または JSON ファイル）",
                      "no label sheet '\(n)' (\(names.joined(separator: ", ")), or a JSON file)")
        case .unreadable(let p): lang.pick("ラベル用紙の定義を読めません: \(p)", "cannot read the label sheet: \(p)")
        case .invalid(let p, let why): lang.pick("ラベル用紙の定義が正しくありません: \(p): \(why)", "the label sheet is not valid: \(p): \(why)")
        }
    }
}

/// What one label shows.
public struct LabelContent: Equatable, Sendable {
    public var registration: String
    public var unit: String
    /// 「開示」 or 「市販」 (001 付紙第4 1(1)イ, ウ(ｲ)), or nil for business data.
    public var mark: String?
    /// 種別 and 型式, small.
    public var detail: String

    public init(registration: String, unit: String, mark: String?, detail: String) {
        self.registration = registration; self.unit = unit; self.mark = mark; self.detail = detail
    }

    public init(_ m: Medium, unit: String) {
        let mark: String? = switch m.data.category {
        case .disclosable: "開示"
        case .commercial: "市販"
        case .business: nil
        }
        self.init(registration: m.registration, unit: unit, mark: mark,
                  detail: [m.data.kind.label(.ja), m.data.model].compactMap { $0 }.joined(separator: " "))
    }
}

public enum Labels {
    /// A PDF of labels on as many sheets as they need, starting at position `start` (1-based) of the first.
    public static func render(_ labels: [LabelContent], sheet: LabelSheet, start: Int = 1) throws(PDFError) -> Data {
        let size = PageSize(width: sheet.page.width, height: sheet.page.height)
        let doc = Document(size: size, title: "可搬記憶媒体ラベル（\(sheet.name)）")
        var slot = max(0, start - 1) % sheet.perPage
        for (i, l) in labels.enumerated() {
            if i > 0 && slot == 0 { doc.newPage(size) }
            let col = slot % sheet.columns, row = slot / sheet.columns
            let x = sheet.margin.left + Double(col) * sheet.step.x
            let y = sheet.margin.top + Double(row) * sheet.step.y
            draw(l, doc, x: x, y: y, sheet: sheet)
            slot = (slot + 1) % sheet.perPage
        }
        return try doc.finish()
    }

    static func draw(_ l: LabelContent, _ doc: Document, x: Double, y: Double, sheet: LabelSheet) {
        let w = sheet.label.width, h = sheet.label.height
        if sheet.outline == true { doc.box(x, y, w, h, width: 0.15, dash: (1, 1)) }
        let pad = min(2.5, h * 0.08)
        // Code 128 along the bottom (full width: wider modules scan better); QR on the right above it.
        let code128 = sheet.barcode != .qr ? Barcode(l.registration, .code128) : nil
        let wantsQR = sheet.barcode != .code128 || code128 == nil
        let barH = code128 == nil ? 0 : min(10, max(5, h * 0.26))
        let top = y + pad, bottom = y + h - pad - (code128 == nil ? 0 : barH + 1)
        let qr = wantsQR ? Barcode(l.registration, .qr) : nil
        let side = qr == nil ? 0 : min(bottom - top, w * 0.42)
        let tx = x + pad, tw = w - 2 * pad - (qr == nil ? 0 : side + 1.2)
        var ty = top
        // The number: as large as fits on one line.
        let numberSize = doc.fitting(l.registration, width: tw, size: min(14, h * 0.9), minimum: 5, bold: true)
        ty += doc.text(l.registration, x: tx, y: ty, width: tw, size: numberSize, face: .gothic, bold: true)
        if let mark = l.mark {
            // 「開示」「市販」: white on black, so it cannot be missed.
            let ms = min(11, max(6, numberSize * 0.9))
            let mw = doc.measure(mark, size: ms, face: .gothic, bold: true).width + 2
            let mh = doc.measure(mark, size: ms, face: .gothic, bold: true).height + 0.6
            if ty + mh <= bottom {
                doc.fill(tx, ty + 0.4, mw, mh)
                doc.inverseText(mark, x: tx + 1, y: ty + 0.7, size: ms)
                ty += mh + 0.8
            }
        }
        // The unit's name and the kind and model: one line each where they fit, else wrapped and
        // shrunk until they fit the room left (never cut, never over the barcode).
        let small = max(4.5, min(7, h * 0.2))
        let room = max(0, bottom - ty)
        let detail = l.detail.isEmpty ? "" : "\n" + l.detail
        let oneLine = min(doc.fitting(l.unit, width: tw, size: small, minimum: 4.5), l.detail.isEmpty ? small : doc.fitting(l.detail, width: tw, size: small, minimum: 4.5))
        let size = doc.fitting(l.unit + detail, width: tw, height: room, size: oneLine, minimum: 2.5)
        doc.text(l.unit + detail, x: tx, y: ty, width: tw, size: size, face: .gothic)
        if let qr { doc.qr(qr, x: x + w - pad - side, y: top, side: side) }
        if let code128 { doc.bars(code128, x: x + pad, y: y + h - pad - barH, width: w - 2 * pad, height: barH) }
    }
}

extension Document {
    /// White text, for the 「開示」/「市販」 mark drawn on black.
    func inverseText(_ s: String, x: Double, y: Double, size: Double) {
        let l = Layout(cr, s, size: size, face: .gothic, bold: true, width: nil, align: .left)
        cairo_save(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, l.layout)
        cairo_restore(cr)
    }
}
