// The encodings spreadsheets are written in. Japanese Excel saves "CSV" as
// Shift_JIS (Microsoft's CP932, with NEC and IBM extensions) and "CSV UTF-8"
// as UTF-8 with a byte-order mark; it opens a UTF-8 file without the mark as
// CP932, which turns Japanese text into mojibake. Conversion goes through the
// system's iconv (glibc's CP932 module), never through a table of our own.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a spreadsheet's text is encoded.
public enum SheetEncoding: String, Sendable, CaseIterable {
    /// UTF-8; written with a byte-order mark, read with or without one.
    case utf8 = "utf-8"
    /// Shift_JIS as Windows writes it (CP932 / Windows-31J).
    case cp932

    /// Also accepted on the command line: `utf8`, `UTF-8`, `sjis`, `shift_jis`, `windows-31j`, `ms932`.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "cp932", "sjis", "shift-jis", "shiftjis", "windows-31j", "ms932": self = .cp932
        default: return nil
        }
    }

    /// The name people know it by.
    public var label: String { self == .utf8 ? "UTF-8" : "Shift_JIS (CP932)" }
}

/// Why bytes are not the text of a spreadsheet.
public enum SheetTextError: Error, Equatable, Sendable {
    /// A UTF-16 byte-order mark: Excel's 「Unicode テキスト」, tab-separated, not CSV.
    case utf16
    /// A zip archive: an .xlsx workbook given where its CSV was expected.
    case workbook
    /// A NUL byte: not a text file.
    case binary(offset: Int)
    /// Not valid in the encoding asked for (or in either, when none was): the first bad byte.
    case invalid(SheetEncoding?, offset: Int)
}

/// The UTF-8 byte-order mark.
public let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

/// Text read from a spreadsheet file, and how it was encoded.
public struct DecodedText: Sendable {
    public var text: String
    public var encoding: SheetEncoding
    public var hadBOM: Bool
}

public enum SheetText {
    /// Decodes `data`: UTF-8 (a byte-order mark is dropped) unless `encoding` says CP932; with no
    /// encoding given, bytes that are not UTF-8 are read as CP932.
    public static func decode(_ data: Data, encoding forced: SheetEncoding? = nil) throws(SheetTextError) -> DecodedText {
        let bytes = [UInt8](data)
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { throw .utf16 }
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 { throw .workbook }
        if let nul = bytes.firstIndex(of: 0) { throw .binary(offset: nul) }
        let bom = bytes.starts(with: utf8BOM)
        let body = bom ? Array(bytes.dropFirst(3)) : bytes
        if bom || forced == .utf8 {
            guard let s = utf8(body) else { throw .invalid(.utf8, offset: firstInvalidUTF8(body) + (bom ? 3 : 0)) }
            return DecodedText(text: s, encoding: .utf8, hadBOM: bom)
        }
        if forced == nil, let s = utf8(body) { return DecodedText(text: s, encoding: .utf8, hadBOM: false) }
        switch CP932.decode(body) {
        case .success(let s): return DecodedText(text: s, encoding: .cp932, hadBOM: false)
        case .failure(let f): throw .invalid(forced, offset: f.offset)
        }
    }

    private static func utf8(_ b: [UInt8]) -> String? { String(validating: b, as: UTF8.self) }

    /// Where UTF-8 decoding of `b` first fails.
    private static func firstInvalidUTF8(_ b: [UInt8]) -> Int {
        var it = b.makeIterator(), decoder = UTF8(), offset = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u): offset += UTF8.width(u)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// CP932 through iconv. One converter per direction, reused (opening one costs far more than a call).
public final class CP932 {
    private let cd: iconv_t
    private let toCP932: Bool

    /// A converter from UTF-8 to CP932 (`toCP932`) or back; nil if iconv lacks CP932.
    public init?(toCP932: Bool) {
        let cd = toCP932 ? iconv_open("CP932", "UTF-8") : iconv_open("UTF-8", "CP932")
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        self.cd = cd
        self.toCP932 = toCP932
    }

    deinit { iconv_close(cd) }

    public enum Outcome: Equatable {
        case success([UInt8])
        /// The byte offset in the input where conversion stopped.
        case failure(Int)
    }

    /// Converts all of `input`, or says where it could not.
    public func convert(_ input: [UInt8]) -> Outcome {
        // Reset the converter's shift state (CP932 has none, but a failed call may leave it mid-character).
        iconv(cd, nil, nil, nil, nil)
        if input.isEmpty { return .success([]) }
        var inBuf = input.map { CChar(bitPattern: $0) }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2)
        var chunk = [CChar](repeating: 0, count: 64 * 1024)
        var failedAt: Int?
        inBuf.withUnsafeMutableBufferPointer { ib in
            chunk.withUnsafeMutableBufferPointer { cb in
                var ip: UnsafeMutablePointer<CChar>? = ib.baseAddress
                var inLeft = ib.count
                while inLeft > 0 {
                    var op: UnsafeMutablePointer<CChar>? = cb.baseAddress
                    var outLeft = cb.count
                    let r = iconv(cd, &ip, &inLeft, &op, &outLeft)
                    out.append(contentsOf: UnsafeBufferPointer(start: cb.baseAddress, count: cb.count - outLeft).map { UInt8(bitPattern: $0) })
                    if r == -1 {
                        if errno == E2BIG { continue }
                        // EILSEQ (not representable / not valid) or EINVAL (cut off at the end).
                        failedAt = ib.count - inLeft
                        return
                    }
                }
            }
        }
        if let failedAt { return .failure(failedAt) }
        return .success(out)
    }

    /// CP932 bytes as text, or the offset of the first byte that is not CP932.
    public static func decode(_ bytes: [UInt8]) -> Result<String, DecodeFailure> {
        guard let c = CP932(toCP932: false) else { return .failure(DecodeFailure(offset: 0)) }
        switch c.convert(bytes) {
        case .success(let utf8): return .success(String(decoding: utf8, as: UTF8.self))
        case .failure(let at): return .failure(DecodeFailure(offset: at))
        }
    }

    public struct DecodeFailure: Error { public var offset: Int }

    /// `text` in CP932, or the first character CP932 cannot hold.
    public func encode(_ text: String) -> Result<[UInt8], Unrepresentable> {
        switch convert(Array(text.utf8)) {
        case .success(let b): return .success(b)
        case .failure(let at):
            // The character holding the failing byte.
            var offset = 0
            for c in text {
                let n = c.utf8.count
                if at < offset + n { return .failure(Unrepresentable(character: c)) }
                offset += n
            }
            return .failure(Unrepresentable(character: text.last ?? "?"))
        }
    }

    public struct Unrepresentable: Error, Equatable {
        public var character: Character
        public init(character: Character) { self.character = character }
    }
}
