// 点検の計数 (001 第6): a stream of registration numbers typed or scanned (a
// barcode scanner types the number and Enter). Each is acknowledged at once,
// on screen and, when it needs a second look, with the terminal's bell:
// sighted, already counted, unknown, expected elsewhere, or not expected.
// Several terminals may count one inventory: the counts shown are the
// ledger's, which another terminal's appends update within a second.
// Opened from home (Enter on an open inventory).

import CellKit
import DaichoCore
import Foundation

public struct CountScreen: ScreenModel {
    public let id: String
    var input = LineEditor(maxLength: 100)
    /// What was counted at this terminal, newest first.
    var recent: [(registration: String, verdict: Ledger.CountVerdict)] = []
    public var scope: Scope { .counting }
    public var capturesText: Bool { true }
    public init(id: String) { self.id = id }

    public func title(_ w: World) -> String {
        w.t("点検 \(id) の計数（登録番号を入力または読取り、Enter）", "Counting \(id) (type or scan a number, Enter)")
    }
    public func hints(_ w: World) -> [UIAction] { [.submit, .back, .help] }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .submit?:
            let text = input.text.trimmingCharacters(in: .whitespaces)
            input = LineEditor(maxLength: 100)
            guard !text.isEmpty else { return [] }
            guard let inv = try? w.ledger.inventory(id) else { return [.message(DomainError.life(.unknownInventory(id)).message(w.lang), .error), .bell] }
            guard inv.status == .open else { return [.message(DomainError.life(.inventoryClosed(id)).message(w.lang), .error), .bell] }
            let reg = (try? w.ledger.medium(text).registration) ?? text
            let verdict = w.ledger.countVerdict(inv, text)
            recent.insert((reg, verdict), at: 0)
            if recent.count > 200 { recent.removeLast() }
            switch verdict {
            case .unknown: return [.message(verdict.message(reg, w.lang), .error), .bell]
            case .alreadyCounted: return [.message(verdict.message(reg, w.lang), .warning), .bell]
            default:
                // Recorded at once, one number a record: another terminal counting sees it too.
                return [.perform(.record(.life(.countInventory(id: inv.id, registrations: [reg]))), success: verdict.message(reg, w.lang), pop: 0)]
                    + (verdict.isProblem ? [.bell] : [])
            }
        default:
            _ = input.handle(key)
            return []
        }
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        guard let inv = try? w.ledger.inventory(id) else {
            g.put(DomainError.life(.unknownInventory(id)).message(w.lang), row: area.row, col: area.col, width: area.width, style: .role(.error))
            return
        }
        var row = area.row
        let locations = inv.locations.isEmpty ? w.t("全保管場所", "every location") : inv.locations.joined(separator: "、")
        g.put(w.t("基準日 \(inv.asOf.iso)　場所 \(locations)　\(inv.status.label(w.lang))", "as of \(inv.asOf.iso), \(locations), \(inv.status.label(w.lang))"),
              row: row, col: area.col, width: area.width, style: .role(.muted))
        row += 1
        g.put(w.t("予定 \(inv.expected.count)　確認 \(inv.sighted.count)　未確認 \(inv.missing.count)　予定外 \(inv.unexpected.count)　記録により所在確認 \(inv.accounted.count)",
                  "expected \(inv.expected.count), sighted \(inv.sighted.count), not yet \(inv.missing.count), unexpected \(inv.unexpected.count), accounted \(inv.accounted.count)"),
              row: row, col: area.col, width: area.width, style: Style(role: .header, attributes: [.bold]))
        row += 2
        let label = w.t("登録番号: ", "number: ")
        let c = g.put(label, row: row, col: area.col, style: Style(role: .header, attributes: [.bold]))
        g.render(TextField(input, isFocused: true, style: .plain), in: Rect(row: row, col: c, height: 1, width: max(1, min(40, area.right - c))))
        row += 2
        g.put(w.t("この端末で計数した番号（新しい順）", "counted at this terminal, newest first"), row: row, col: area.col, width: area.width, style: .role(.muted))
        row += 1
        for (reg, v) in recent where row < area.bottom {
            let style: Style = switch v {
            case .sighted: .role(.ok)
            case .unknown: .role(.error)
            default: .role(.warning)
            }
            g.put("  " + v.message(reg, w.lang), row: row, col: area.col, width: area.width, style: style)
            row += 1
        }
    }
}
