// What a `:` command printed (the CLI's own output), on a screen of its own:
// `:verify --against …` shows its verdict, `:media list` its table, a refusal
// its reason first. Up/Down scroll, Esc goes back.

import CellKit
import DaichoCore
import Foundation

/// What a command run from the `:` line printed, and why it failed if it did.
public struct CommandRun: Equatable, Sendable {
    public var output: String
    public var failure: String?
    public init(output: String, failure: String? = nil) { self.output = output; self.failure = failure }
}

/// Runs the words of a `:` line as the CLI would (the executable provides it).
public typealias CommandRunner = ([String]) -> CommandRun

public struct ResultScreen: ScreenModel {
    public var command: String
    public var run: CommandRun
    var offset = 0
    public var scope: Scope { .result }
    public init(command: String, run: CommandRun) { self.command = command; self.run = run }
    public func offers(_ action: UIAction, _ w: World) -> Bool { !filterActions.contains(action) }
    public func title(_ w: World) -> String {
        ":" + command + (run.failure == nil ? "" : w.t("（失敗）", " (failed)"))
    }
    public func hints(_ w: World) -> [UIAction] { [.down, .up] }

    func lines(_ w: World) -> [Line] {
        var out: [Line] = []
        // A refusal keeps its reason first.
        if let f = run.failure { out.append(Line([Span(f, style: Style(role: .error, attributes: [.bold]))])) }
        let text = run.output.hasSuffix("\n") ? String(run.output.dropLast()) : run.output
        if !text.isEmpty {
            out += text.split(separator: "\n", omittingEmptySubsequences: false).map { Line([Span(String($0))]) }
        } else if run.failure == nil {
            out.append(Line([Span(w.t("（出力はありません）", "(no output)"), style: .role(.muted))]))
        }
        return out
    }

    public mutating func handle(_ key: Key, action: UIAction?, world w: World) -> [Outcome] {
        let page = max(1, w.bodyRows - 2)
        switch action {
        case .back?: return [.pop]
        case .down?: offset += 1
        case .up?: offset = max(0, offset - 1)
        case .pageDown?: offset += page
        case .pageUp?: offset = max(0, offset - page)
        case .top?: offset = 0
        case .bottom?: offset = Int.max / 2
        default: break
        }
        let count = TextView.wrap(lines(w), width: App.minimumSize.cols).count
        offset = min(offset, TextView.maxOffset(count: count, height: w.bodyRows))
        return []
    }

    public func render(into g: inout Grid, area: Rect, world w: World) {
        let wrapped = TextView.wrap(lines(w), width: area.width)
        g.render(TextView(wrapped, offset: min(offset, TextView.maxOffset(count: wrapped.count, height: area.height))), in: area)
    }
}
