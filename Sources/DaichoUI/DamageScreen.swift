// A damaged journal has a screen of its own: which record, which line, at
// what byte offset, why, and what to do. Home puts it first in 要対応; the
// message line's one row could not hold it (it was cut at 80 columns).

import CellKit
import DaichoCore
import Foundation

/// Where and why the journal is damaged, as the store found it.
public struct DamageReport: Equatable, Sendable {
    /// The record's sequence number, where it could be read.
    public var record: Int?
    /// 1-based line of the journal file.
    public var line: Int
    /// Byte offset of that line.
    public var offset: UInt64
    /// The whole message (as `daicho verify` prints it).
    public var message: String
    /// Not damage: written by a newer daicho, read up to there.
    public var newerVersion: Bool
    /// The journal file.
    public var path: String?

    public init(record: Int?, line: Int, offset: UInt64, message: String, newerVersion: Bool = false, path: String? = nil) {
        self.record = record; self.line = line; self.offset = offset; self.message = message
        self.newerVersion = newerVersion; self.path = path
    }
}

extension LedgerStore {
    /// Stores that cannot say where the damage is report only its message.
    public func damageReport(_ lang: Lang) -> DamageReport? { nil }
}

public struct DamageScreen: ScreenModel {
    var offset = 0
    public var scope: Scope { .journal }
    public init() {}
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public func title(_ w: World) -> String {
        w.damageReport?.newerVersion == true ? w.t("新しい版の台帳（読み取り専用）", "A newer version's journal (read-only)")
            : w.t("台帳の損傷（読み取り専用）", "The journal is damaged (read-only)")
    }
    public func hints(_ w: World) -> [UIAction] { [.down, .up] }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        switch action {
        case .back?: return [.pop]
        case .down?, .pageDown?: offset += action == .down ? 1 : max(1, w.bodyRows - 2)
        case .up?, .pageUp?: offset = max(0, offset - (action == .up ? 1 : max(1, w.bodyRows - 2)))
        case .top?: offset = 0
        case .bottom?: offset = Int.max / 2
        default: break
        }
        return []
    }

    func lines(_ w: World) -> [Line] {
        let head = Style(role: .header, attributes: [.bold])
        var out: [Line] = []
        func pair(_ k: String, _ v: String, _ style: Style = .plain) {
            out.append(Line([Span(k.padded(toWidth: 12), style: .role(.muted)), Span(v, style: style)]))
        }
        if let d = w.damageReport {
            pair(w.t("レコード", "record"), d.record.map { "#\($0)" } ?? w.t("（読めません）", "(unreadable)"), Style(role: .error, attributes: [.bold]))
            pair(w.t("行", "line"), "\(d.line)")
            pair(w.t("オフセット", "offset"), w.t("\(d.offset) バイト目から", "byte \(d.offset)"))
            if let p = d.path { pair(w.t("ファイル", "file"), p) }
            out.append(Line([]))
            out.append(Line([Span(w.t("理由", "Reason"), style: head)]))
            out.append(Line([Span(d.message, style: .role(.error))]))
        } else if let m = w.damage {
            out.append(Line([Span(w.t("理由", "Reason"), style: head)]))
            out.append(Line([Span(m, style: .role(.error))]))
        } else {
            out.append(Line([Span(w.t("台帳に損傷はありません", "the journal is not damaged"), style: .role(.ok))]))
            return out
        }
        out.append(Line([]))
        out.append(Line([Span(w.t("対処", "What to do"), style: head)]))
        let steps = w.damageReport?.newerVersion == true
            ? [w.t("この版の daicho では読めない記録があります。daicho を更新してください。", "This daicho cannot read the newer records: update daicho."),
               w.t("それまでの記録は閲覧できます。記録はできません。", "The records before it can be read; nothing can be recorded.")]
            : [w.t("1. 記録はできません（損傷箇所の後に書き足さないため）。閲覧はできます。", "1. Nothing can be recorded (nothing is written after damage); reading works."),
               w.t("2. 情報保証責任者に報告してください。", "2. Report it to the officer."),
               w.t("3. daicho verify で同じ結果か確かめ、控え（印刷した先頭ハッシュ）やバックアップと照合してください。", "3. Run daicho verify, and compare with the printed checkpoints and the backup."),
               w.t("4. 損傷箇所より前の記録は連鎖が保たれています。台帳ファイルは手で直さず、保存してください。", "4. The records before the damage are intact. Do not edit the file by hand; keep it.")]
        for s in steps { out.append(Line([Span(s)])) }
        return out
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let wrapped = TextView.wrap(lines(w), width: area.width)
        let top = min(offset, TextView.maxOffset(count: wrapped.count, height: area.height))
        g.render(TextView(wrapped, offset: top), in: area)
    }
}
