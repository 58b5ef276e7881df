// The CLI's JSON output, written directly: the same bytes as Foundation's
// JSONSerialization with [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
// (two-space indent, `"key" : value`, keys in its order), without its cost —
// on Linux it compares keys through NSString for every object, which made
// `media list --json` take 200 ms for 500 media. A value of a type not
// handled here sends the whole document through JSONSerialization instead.

import Foundation

enum JSONWriter {
    /// The document, or nil if it holds a value this writer does not handle.
    static func write(_ value: Any) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        guard write(value, indent: 0, into: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private static func write(_ value: Any, indent: Int, into out: inout [UInt8]) -> Bool {
        let t = type(of: value)
        if t == String.self { string(value as! String, &out); return true }
        if t == Int.self { out.append(contentsOf: String(value as! Int).utf8); return true }
        if t == Bool.self { out.append(contentsOf: ((value as! Bool) ? "true" : "false").utf8); return true }
        if t == NSNull.self { out.append(contentsOf: "null".utf8); return true }
        if let o = value as? [String: Any] {
            out.append(UInt8(ascii: "{"))
            if o.isEmpty { out.append(0x0A); newline(indent, &out); out.append(UInt8(ascii: "}")); return true }
            for (i, key) in sortedKeys(o).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                string(key, &out)
                out.append(contentsOf: " : ".utf8)
                guard write(o[key]!, indent: indent + 1, into: &out) else { return false }
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "}"))
            return true
        }
        if let a = value as? [Any] {
            out.append(UInt8(ascii: "["))
            if a.isEmpty { out.append(0x0A); newline(indent, &out); out.append(UInt8(ascii: "]")); return true }
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                guard write(v, indent: indent + 1, into: &out) else { return false }
            }
            newline(indent, &out)
            out.append(UInt8(ascii: "]"))
            return true
        }
        return false
    }

    private static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = String(b, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Foundation's order of a set of keys, worked out once per set (the objects of a list share theirs).
    nonisolated(unsafe) private static var orders: [[String]: [String]] = [:]
    private static func sortedKeys(_ o: [String: Any]) -> [String] {
        let plain = o.keys.sorted()
        if let known = orders[plain] { return known }
        let order = foundationOrder(plain)
        orders[plain] = order
        return order
    }

    /// The order JSONSerialization's `.sortedKeys` gives, read back from its own output
    /// (`{"a":0,"b":0}`: keys are plain field names, so finding `"key":` is exact).
    private static func foundationOrder(_ keys: [String]) -> [String] {
        let probe = Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
        guard let data = try? JSONSerialization.data(withJSONObject: probe, options: [.sortedKeys, .withoutEscapingSlashes]) else { return keys }
        let text = String(decoding: data, as: UTF8.self)
        var at: [(key: String, offset: Int)] = []
        for k in keys {
            guard let r = text.range(of: "\"" + k + "\":") else { return keys }
            at.append((k, text.distance(from: text.startIndex, to: r.lowerBound)))
        }
        return at.sorted { $0.offset < $1.offset }.map(\.key)
    }
}
