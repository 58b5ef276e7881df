import CellKit
import XCTest

final class KeymapTests: UTF8TestCase {
    enum Screen: Hashable, Sendable { case list, detail, form }
    enum Action: Hashable, Sendable { case up, down, open, filter, help, back, quit, lend, save, undeclared }

    func makeKeymap() throws -> Keymap<Screen, Action> {
        var keymap = Keymap<Screen, Action>(actions: [
            ActionInfo(.up, help: "前の行", group: "移動"),
            ActionInfo(.down, help: "次の行", group: "移動"),
            ActionInfo(.open, help: "選択した媒体を開く", hint: "開く", group: "操作"),
            ActionInfo(.filter, help: "絞り込む", hint: "絞込", group: "操作"),
            ActionInfo(.lend, help: "貸し出しを記録する", hint: "貸出", group: "操作"),
            ActionInfo(.save, help: "保存する", hint: "保存", group: "操作"),
            ActionInfo(.help, help: "このヘルプ", hint: "ヘルプ", group: "全般"),
            ActionInfo(.back, help: "前の画面に戻る", hint: "戻る", group: "全般"),
            ActionInfo(.quit, help: "終了する", hint: "終了", group: "全般"),
        ])
        try keymap.bind([.char("k"), .up], to: .up)
        try keymap.bind([.char("j"), .down], to: .down)
        try keymap.bind(.char("?"), to: .help)
        try keymap.bind([.char("q"), .escape], to: .back)
        try keymap.bind(.ctrl("C"), to: .quit)
        try keymap.bind(.enter, to: .open, in: .list)
        try keymap.bind(.char("/"), to: .filter, in: .list)
        try keymap.bind(.char("l"), to: .lend, in: .detail)
        try keymap.bind(.ctrl("s"), to: .save, in: .form)
        try keymap.bind(.escape, to: .back, in: .form)
        try keymap.bind([.char("q"), .char("j"), .char("k"), .char("?")], to: .save, in: .form)
        return keymap
    }

    func testScopeFallsBackToTheGeneralMap() throws {
        let keymap = try makeKeymap()
        XCTAssertEqual(keymap.action(for: .enter, in: .list), .open)
        XCTAssertNil(keymap.action(for: .enter, in: .detail))
        XCTAssertEqual(keymap.action(for: .char("j"), in: .detail), .down)
        XCTAssertEqual(keymap.action(for: .ctrl("c"), in: .detail), .quit)
        XCTAssertEqual(keymap.action(for: .char("\r"), in: .list), .open, "keys are normalized on lookup")
        XCTAssertEqual(keymap.action(for: .char("j"), in: .form), .save, "the scope's own binding wins")
    }

    func testHelpIsGeneratedFromTheLiveBindings() throws {
        let keymap = try makeKeymap()
        XCTAssertEqual(keymap.help(for: .list), [
            HelpEntry(keys: ["k", "Up"], description: "前の行", group: "移動"),
            HelpEntry(keys: ["j", "Down"], description: "次の行", group: "移動"),
            HelpEntry(keys: ["Enter"], description: "選択した媒体を開く", group: "操作"),
            HelpEntry(keys: ["/"], description: "絞り込む", group: "操作"),
            HelpEntry(keys: ["?"], description: "このヘルプ", group: "全般"),
            HelpEntry(keys: ["q", "Esc"], description: "前の画面に戻る", group: "全般"),
            HelpEntry(keys: ["^C"], description: "終了する", group: "全般"),
        ])
        let form = keymap.help(for: .form)
        XCTAssertEqual(form.first { $0.description == "前の行" }?.keys, ["Up"], "k is taken by the form")
        XCTAssertEqual(form.first { $0.description == "保存する" }?.keys, ["^S", "q", "j", "k", "?"])
        XCTAssertEqual(form.first { $0.description == "前の画面に戻る" }?.keys, ["Esc"])
        XCTAssertNil(form.first { $0.description == "このヘルプ" }, "an action with no key left is not listed")
    }

    func testRebindingChangesTheHelp() throws {
        var keymap = try makeKeymap()
        try keymap.bind(.function(1), to: .help)
        try keymap.bind(.char("?"), to: .filter)
        XCTAssertEqual(keymap.help(for: .detail).first { $0.description == "このヘルプ" }?.keys, ["F1"])
        XCTAssertEqual(keymap.help(for: .detail).first { $0.description == "絞り込む" }?.keys, ["?"])
        XCTAssertEqual(keymap.keys(for: .filter, in: .list), [.char("/"), .char("?")])
    }

    func testHintsForTheKeyHintBar() throws {
        let keymap = try makeKeymap()
        XCTAssertEqual(keymap.hints(for: [.open, .filter, .help, .back], in: .list), [
            KeyHint(key: "Enter", label: "開く"), KeyHint(key: "/", label: "絞込"),
            KeyHint(key: "?", label: "ヘルプ"), KeyHint(key: "q", label: "戻る"),
        ])
        XCTAssertEqual(keymap.hints(for: [.open, .lend], in: .detail), [KeyHint(key: "l", label: "貸出")])
    }

    func testUndeclaredActionsAreRefused() throws {
        var keymap = try makeKeymap()
        XCTAssertThrowsError(try keymap.bind(.char("x"), to: .undeclared)) { error in
            XCTAssertEqual(error as? Keymap<Screen, Action>.BindingError, .undeclaredAction(.undeclared))
        }
        XCTAssertNil(keymap.action(for: .char("x"), in: .list))
    }

    func testHelpOverlayUsesTheGeneratedListing() throws {
        let keymap = try makeKeymap()
        let overlay = HelpOverlay(title: "ヘルプ", entries: keymap.help(for: .list))
        let text = overlay.contentLines.map(\.plainText)
        XCTAssertEqual(text, [
            "移動", "k Up    前の行", "j Down  次の行", "",
            "操作", "Enter   選択した媒体を開く", "/       絞り込む", "",
            "全般", "?       このヘルプ", "q Esc   前の画面に戻る", "^C      終了する",
        ])
    }
}
