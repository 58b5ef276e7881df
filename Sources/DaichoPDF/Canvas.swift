// A PDF document drawn with cairo, its text laid out by pango (fontconfig finds
// the Japanese fonts: IPAex from Debian's fonts-ipaexfont-*). No PDF is written
// by hand: cairo writes the file, pango shapes and wraps the text, zint encodes
// the barcodes (Barcode.swift). Everything here measures in millimetres from
// the top left of the page; cairo's own unit (the point, 1/72 inch) stays inside.

import CCairo
import DaichoCore
import Foundation

/// A page size in millimetres.
public struct PageSize: Equatable, Sendable, Codable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
    public static let a4 = PageSize(width: 210, height: 297)
    public static let a4Landscape = PageSize(width: 297, height: 210)
}

/// The typefaces of the forms: 明朝 for the body as the seed's forms are set, ゴシック for headings and labels.
public enum Face: Sendable {
    case mincho, gothic, mono
    var family: String {
        switch self {
        case .mincho: "IPAexMincho"
        case .gothic: "IPAexGothic"
        // The hash: a fixed-width face so that its 64 digits read and copy as they are.
        case .mono: "DejaVu Sans Mono, IPAexGothic"
        }
    }
}

/// How a line of text sits in its width.
public enum TextAlign: Sendable { case left, center, right }

/// A failure to write a document: cairo's own words.
public struct PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

let pointsPerMM = 72.0 / 25.4

/// Accumulates what cairo writes (the document is kept in memory, then written or piped whole).
final class ByteSink {
    var data = Data()
}

/// One PDF document being drawn, page by page.
public final class Document {
    private let sink = ByteSink()
    private let surface: OpaquePointer
    let cr: OpaquePointer
    public private(set) var pageSize: PageSize
    public private(set) var pageCount = 1
    private var finished: Data?

    /// A new document whose first page has `size`. `title` goes into the document's properties.
    public init(size: PageSize, title: String, subject: String? = nil) {
        pageSize = size
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(data, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(),
                                                      size.width * pointsPerMM, size.height * pointsPerMM)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, Document.clean(title))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "daicho")
        if let subject { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, Document.clean(subject)) }
        cr = cairo_create(surface)
        cairo_scale(cr, pointsPerMM, pointsPerMM)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Ends the page and starts another (of `size`, or the same size).
    public func newPage(_ size: PageSize? = nil) {
        cairo_show_page(cr)
        if let size, size != pageSize {
            pageSize = size
            cairo_pdf_surface_set_size(surface, size.width * pointsPerMM, size.height * pointsPerMM)
        }
        pageCount += 1
    }

    /// Finishes the document and returns the PDF's bytes.
    public func finish() throws(PDFError) -> Data {
        if let finished { return finished }
        cairo_show_page(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFError(String(cString: cairo_status_to_string(status))) }
        finished = sink.data
        return sink.data
    }

    // MARK: lines and boxes

    /// A straight line; `dash` in millimetres (on, off).
    public func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, width: Double = 0.25, dash: (Double, Double)? = nil, gray: Double = 0) {
        cairo_save(cr)
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, width)
        if let dash {
            let d = [dash.0, dash.1]
            d.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, 2, 0) }
        }
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    /// A ruled rectangle.
    public func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, width: Double = 0.25, dash: (Double, Double)? = nil) {
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, width)
        if let dash {
            let d = [dash.0, dash.1]
            d.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, 2, 0) }
        }
        cairo_rectangle(cr, x, y, w, h)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    /// A filled rectangle, `gray` from 0 (black) to 1 (white).
    public func fill(_ x: Double, _ y: Double, _ w: Double, _ h: Double, gray: Double = 0) {
        cairo_save(cr)
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_rectangle(cr, x, y, w, h)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    // MARK: text

    /// A laid-out piece of text: pango wraps it within `width` (never cut, never ellipsized).
    final class Layout {
        let layout: OpaquePointer
        init(_ cr: OpaquePointer, _ text: String, size: Double, face: Face, bold: Bool, width: Double?, align: TextAlign, spacing: Double = 0) {
            layout = pango_cairo_create_layout(cr)
            let options = cairo_font_options_create()
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            pango_cairo_context_set_font_options(pango_layout_get_context(layout), options)
            // The page's unit is the millimetre: glyph positions rounded to whole units would be
            // rounded to whole millimetres, and the letters of small Latin text would scatter.
            pango_context_set_round_glyph_positions(pango_layout_get_context(layout), 0)
            cairo_font_options_destroy(options)
            pango_layout_context_changed(layout)
            let desc = pango_font_description_from_string(face.family)
            // Sizes are given in points; the page's unit is the millimetre.
            pango_font_description_set_absolute_size(desc, size / pointsPerMM * Double(daicho_pango_scale()))
            if bold { pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD) }
            pango_layout_set_font_description(layout, desc)
            pango_font_description_free(desc)
            if let width {
                pango_layout_set_width(layout, Int32(max(1, width) * Double(daicho_pango_scale())))
                pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            }
            switch align {
            case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
            case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
            }
            // Extra room between wrapped lines, in millimetres (body paragraphs).
            if spacing > 0 { pango_layout_set_spacing(layout, Int32(spacing * Double(daicho_pango_scale()))) }
            pango_layout_set_text(layout, Document.clean(text), -1)
        }
        deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

        /// Width and height of the ink's logical box, in millimetres.
        var size: (width: Double, height: Double) {
            var w: Int32 = 0, h: Int32 = 0
            pango_layout_get_size(layout, &w, &h)
            let s = Double(daicho_pango_scale())
            return (Double(w) / s, Double(h) / s)
        }
        var lineCount: Int { Int(pango_layout_get_line_count(layout)) }
    }

    /// The size text would take, wrapped within `width` if given.
    public func measure(_ text: String, size: Double, face: Face = .mincho, bold: Bool = false, width: Double? = nil,
                        spacing: Double = 0) -> (width: Double, height: Double) {
        Layout(cr, text, size: size, face: face, bold: bold, width: width, align: .left, spacing: spacing).size
    }

    /// Draws text with its top left at (x, y), wrapped within `width`; returns the height it took.
    @discardableResult
    public func text(_ text: String, x: Double, y: Double, width: Double? = nil, size: Double, face: Face = .mincho,
                     bold: Bool = false, align: TextAlign = .left, spacing: Double = 0) -> Double {
        let l = Layout(cr, text, size: size, face: face, bold: bold, width: width, align: align, spacing: spacing)
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, l.layout)
        cairo_restore(cr)
        return l.size.height
    }

    /// The largest size from `size` down to `minimum` at which `text` fits in `width` on one line
    /// (or the minimum, where it then wraps).
    public func fitting(_ text: String, width: Double, size: Double, minimum: Double, face: Face = .gothic, bold: Bool = false) -> Double {
        var s = size
        while s > minimum, measure(text, size: s, face: face, bold: bold).width > width { s -= 0.25 }
        return max(s, minimum)
    }

    /// The largest size from `size` down to `minimum` at which `text`, wrapped within `width`, is at
    /// most `height` tall (a label's unit name: shrunk to fit its box rather than run into the barcode).
    public func fitting(_ text: String, width: Double, height: Double, size: Double, minimum: Double, face: Face = .gothic) -> Double {
        var s = size
        while s > minimum, measure(text, size: s, face: face, width: width).height > height { s -= 0.25 }
        return max(s, minimum)
    }

    /// Text for the page: control and bidirectional characters shown as `\u{1B}`, never passed
    /// to the layout (records may come from older versions or other units).
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { FieldText.isForbidden($0) && $0 != "\n" }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if FieldText.isForbidden(u) && u != "\n" {
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else { out.append(u) }
        }
        return String(out)
    }
}
