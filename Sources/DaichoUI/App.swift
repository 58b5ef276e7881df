// The application: a stack of screens, the message line, the help overlay,
// the `:` command line and the status line. `handle` takes a key and returns
// the effects for the runtime to perform; `render` draws everything into a
// grid. Neither touches a terminal or a file.

import CellKit
import DaichoCore
import Foundation

/// What a screen's key handling asks of the app.
public enum Outcome {
    case push(any ScreenModel)
    case pop
    case replace(any ScreenModel)
    /// Perform an effect; on success pop `pop` screens and show `message`.
    case perform(Effect, success: String, pop: Int)
    case message(String, MessageKind)
    case go(UIAction)
    /// Ring the terminal's bell (a number counted that needs a second look).
    case bell
}

/// One screen: its view state, keys and drawing.
public protocol ScreenModel {
    var scope: Scope { get }
    /// The heading line of the screen.
    func title(_ w: World) -> String
    /// Key hints shown at the bottom, most useful first.
    func hints(_ w: World) -> [UIAction]
    /// Handles a key; `action` is what the keymap says it means here.
    mutating func handle(_ key: Key, action: UIAction?, world: World) -> [Outcome]
    func render(into grid: inout Grid, area: Rect, world: World)
    /// Whether printable keys are text for this screen now (a form, a filter being typed).
    var capturesText: Bool { get }
    /// Whether something typed here is not recorded yet (Ctrl-C asks before throwing it away).
    var hasUnsavedInput: Bool { get }
    /// After a write made or touched `id` (a registration number, request or case id): select its row.
    mutating func select(_ id: String, record: Record)
    /// Whether `action` does something on this screen now: help and hints list only those, and
    /// a key for anything else says so and does nothing. (Who may write is checked by the app.)
    func offers(_ action: UIAction, _ w: World) -> Bool
}

extension ScreenModel {
    public var capturesText: Bool { false }
    public var hasUnsavedInput: Bool { false }
    public mutating func select(_ id: String, record: Record) {}
    public func offers(_ action: UIAction, _ w: World) -> Bool { true }
}

/// The filter keys (`/`, `n`, `N`), for screens without a filter to leave out.
let filterActions: Set<UIAction> = [.filter, .nextMatch, .prevMatch]

extension UIAction {
    /// The roles that may do what this action leads to, nil for reading (anyone enrolled).
    /// As the ledger decides them (Ledger.roles(for:), deciders), so that help and hints
    /// offer an auditor no write key and a supervisor only what the configuration lets them decide.
    func roles(_ w: World, in scope: Scope) -> [Role]? {
        let l = w.ledger
        let transfers = scope == .transfers || scope == .transfer
        switch self {
        case .newMedium, .enrol, .roles, .editPerson, .retirePerson, .changeOfficer, .changeSetting, .newSetting, .found, .newTransfer, .incomingTransfer, .amend: return [.officer]
        case .startUse, .endUse, .requestTakeout, .scan, .lost, .depart, .returnMedium: return [.clerk, .officer]
        // Whoever may take some step of the kind (Steps.swift); the screen says why not this one, now.
        // (A `where` binds only the pattern before it: each decision scope is named for both keys.)
        case .approve where scope == .exception, .reject where scope == .exception: return l.possibleDeciders(.exception)
        case .approve where scope == .decision, .reject where scope == .decision:
            return Array(Set([RequestKind.handover, .disposal, .correction].flatMap(l.possibleDeciders))).sorted()
        case .approve, .reject, .toggle, .check1, .check2, .check3, .check4: return l.possibleDeciders(.takeout)
        case .requestException: return [.clerk, .officer, .supervisor]
        case .acknowledge: return l.deciders(for: .discrepancy)
        case .dispatch, .recall: return transfers ? [.officer] : [.clerk, .officer]
        case .newHandover, .incomingHandover, .receive, .remind, .giveBack, .destroy: return [.clerk, .officer]
        case .addKey, .startInventory, .closeInventory, .closeIncident: return [.officer]
        case .lendKey, .returnKey, .stepIncident: return [.clerk, .officer]
        default: return nil
        }
    }
}

/// The top-level screens in the order of their number keys.
let topLevel: [UIAction] = [.home, .register, .approvals, .uses, .takeouts, .journal, .people, .handovers, .transfers]

public struct App {
    public static let minimumSize = Size(rows: 24, cols: 80)
    /// Rows around the body: tabs and title above; hints, status and message below.
    public static let chromeRows = 5

    public private(set) var stack: [any ScreenModel]
    public private(set) var message: (text: String, kind: MessageKind)?
    var helpOffset: Int?
    var commandLine: LineEditor?
    /// The `:` lines entered, oldest first (Up/Down bring them back), and where Up has got to.
    var commandHistory: [String] = []
    var historyIndex: Int?
    /// The CLI's command paths ("media register", "use start", …) from its own definitions, when
    /// the session can run them (`:` lines then run as the CLI's commands); for Tab and `:help`.
    public var commandCatalog: [String] = []
    var canRunCommands = false
    /// The `:` line whose run is in flight.
    var pendingRun: String?
    var confirmingQuit = false
    /// What to do when the effect in flight succeeds.
    var onSuccess: (message: String, pop: Int)?
    let keymap: Keymap<Scope, UIAction>

    public init(world: World) {
        keymap = makeKeymap(world.lang)
        stack = world.ledger.isInitialized ? [HomeScreen()] : [SetupScreen(world: world)]
    }

    public var top: any ScreenModel { stack[stack.count - 1] }
    public var isHelpShown: Bool { helpOffset != nil }

    public mutating func show(_ text: String, _ kind: MessageKind = .info) { message = (text, kind) }
    /// A notice from opening the journal (a torn tail cut off).
    public mutating func showNotice(_ text: String) { show(text, .warning) }

    /// Whether a screen on the stack holds input not recorded yet.
    public var hasUnsavedInput: Bool { stack.contains { $0.hasUnsavedInput } }

    /// Whether the person may use `action` on the top screen now: the screen offers it and
    /// their roles allow what it leads to.
    func available(_ action: UIAction, _ w: World) -> Bool {
        guard top.offers(action, w) else { return false }
        if filterActions.contains(action), top.scope == .form || top.scope == .setup { return false }
        guard let roles = action.roles(w, in: top.scope) else { return true }
        return w.can(roles)
    }

    /// Handles one key and returns the effects to perform.
    public mutating func handle(_ key: Key, world: World) -> [Effect] {
        if key == .resize { return [] }
        if key == .ctrl("c") {
            // A second Ctrl-C, or nothing typed to lose: quit.
            if confirmingQuit || !hasUnsavedInput { return [.quit] }
            confirmingQuit = true
            show(world.t("入力中の内容は記録されていません。破棄して終了しますか？ (y/n)", "What was typed is not recorded. Throw it away and quit? (y/n)"), .warning)
            return []
        }
        if confirmingQuit {
            switch Answer(key) {
            case .yes: return [.quit]
            case .pasted: show(Answer.pastedMessage(world), .warning); return []
            case .no:
                confirmingQuit = false
                show(world.t("終了を取り消しました", "quit cancelled"))
                return []
            case .other:
                // The question is closed and the key does what it does on the screen.
                confirmingQuit = false
                message = nil
            }
        }
        if helpOffset != nil { return handleHelp(key, world) }
        if commandLine != nil { return handleCommandLine(key, world) }

        let scope = top.scope
        // A paste is text for a field or a filter being typed, and nothing anywhere else.
        if case .paste = key, !top.capturesText, scope != .form, scope != .setup {
            show(world.t("貼り付けは入力欄・絞り込みの入力中にだけ使えます（何もしていません）", "a paste goes only into a field or a filter being typed (nothing done)"), .warning)
            return []
        }
        var action = keymap.action(for: key, in: scope)
        // Text goes to the field or filter being typed, not to the keymap; in a form
        // no printable key switches screens (it would throw away what was typed).
        let typing = top.capturesText || scope == .form || scope == .setup
        if typing, case .char = key { action = nil }
        if typing, case .paste = key { action = nil }
        // Outside fields and filters, a key that means nothing here, or an action this screen or
        // this person does not have, does nothing and says so.
        if !typing {
            guard let a = action else {
                if case .unknown = key {
                    show(world.t("このキーはこの画面では使えません（? でキー一覧）", "that key does nothing here (? lists the keys)"), .info)
                } else {
                    show(world.t("キー「\(key.label)」はこの画面では使えません（? でキー一覧）", "'\(key.label)' does nothing here (? lists the keys)"), .info)
                }
                return []
            }
            if !topLevel.contains(a) && a != .help && a != .command && !available(a, world) {
                if let roles = a.roles(world, in: scope), !world.can(roles), top.offers(a, world) {
                    show(DomainError.roleRequired(login: world.actor.login, roles: roles).message(world.lang), .error)
                } else {
                    show(world.t("キー「\(key.label)」はこの画面では使えません（? でキー一覧）", "'\(key.label)' does nothing here (? lists the keys)"), .info)
                }
                return []
            }
        }
        switch action {
        case .help?: helpOffset = 0; return []
        case .command?: commandLine = LineEditor(maxLength: 500); message = nil; return []
        case let a? where topLevel.contains(a):
            // Switching screens would throw away what was typed: say so instead.
            if hasUnsavedInput {
                show(world.t("入力中の内容があります。記録するか Esc で破棄してから移動してください", "there is unsaved input: record it, or Esc to throw it away, before leaving"), .warning)
                return []
            }
            // A message belongs to the screen it was said on.
            message = nil
            return go(a, world)
        default: break
        }
        message = nil
        var s = top
        let outcomes = s.handle(key, action: action, world: world)
        stack[stack.count - 1] = s
        return apply(outcomes, world)
    }

    mutating func apply(_ outcomes: [Outcome], _ world: World) -> [Effect] {
        var effects: [Effect] = []
        for o in outcomes {
            switch o {
            case .push(let s): stack.append(s)
            case .pop:
                if stack.count > 1 { stack.removeLast() }
                else if top.scope == .home { confirmingQuit = true; show(world.t("終了しますか？ (y/n)", "Quit? (y/n)"), .warning) }
                else { stack = [HomeScreen()] }
            case .replace(let s): stack[stack.count - 1] = s
            case let .perform(e, success, pop):
                if e == .quit { effects.append(.quit); continue }
                onSuccess = (success, pop)
                effects.append(e)
            case let .message(t, k): show(t, k)
            case .go(let a): effects += go(a, world)
            case .bell: effects.append(.bell)
            }
        }
        return effects
    }

    /// Switches to a top-level screen (number keys), keeping home at the bottom.
    mutating func go(_ a: UIAction, _ world: World) -> [Effect] {
        guard world.ledger.isInitialized else { return [] }
        let screen: any ScreenModel
        switch a {
        case .register: screen = RegisterScreen()
        case .approvals: screen = ApprovalsScreen()
        case .uses: screen = LogScreen(kind: .uses)
        case .takeouts: screen = LogScreen(kind: .takeouts)
        case .journal: screen = JournalScreen()
        case .people: screen = PeopleScreen()
        case .handovers: screen = HandoversScreen()
        case .transfers: screen = TransfersScreen()
        case .keys: screen = KeysScreen()
        case .inventories: screen = InventoriesScreen()
        case .incidents: screen = IncidentsScreen()
        case .exceptionLedger: screen = ExceptionsScreen()
        default: stack = [HomeScreen()]; return []
        }
        stack = [HomeScreen(), screen]
        return []
    }

    /// The runtime reports how an effect went.
    public mutating func finished(_ result: Result<Record?, EffectFailure>, world: World) {
        switch result {
        case .success(let r):
            if let (text, pop) = onSuccess {
                for _ in 0..<pop where stack.count > 1 { stack.removeLast() }
                // What the write made or touched is named (decided under the lock): 「登録しました: USB-2026-0007」,
                // the request id, the case id; not the record number. The screen below selects its row.
                let id = r.flatMap { $0.change.caseID ?? $0.change.requestID ?? $0.change.registration }
                if let id, !text.contains(id) {
                    show(text + ": " + id, .ok)
                } else {
                    show(text, .ok)
                }
                if let id, let r {
                    var below = top
                    below.select(id, record: r)
                    stack[stack.count - 1] = below
                }
            }
            if !world.ledger.isInitialized || top.scope == .setup { stack = [HomeScreen()] }
        case .failure(let f):
            show(f.message, .error)
        }
        onSuccess = nil
    }

    // MARK: Help and command line

    mutating func handleHelp(_ key: Key, _ world: World) -> [Effect] {
        // Scrolling stops at the last line, so a key back up always moves the text.
        let body = Rect(row: 0, col: 0, height: world.bodyRows, width: App.minimumSize.cols)
        let last = helpOverlay(world).maxOffset(in: body)
        let page = max(1, world.bodyRows - 4)
        switch keymap.action(for: key, in: top.scope) {
        case .down?: helpOffset = min(last, helpOffset! + 1)
        case .up?: helpOffset = max(0, helpOffset! - 1)
        case .pageDown?: helpOffset = min(last, helpOffset! + page)
        case .pageUp?: helpOffset = max(0, helpOffset! - page)
        case .bottom?: helpOffset = last
        case .top?: helpOffset = 0
        default: helpOffset = nil
        }
        return []
    }

    /// The keys of the current screen, its own actions first. A form lists only
    /// what works in a form: there every printable key is typed into the field.
    func helpOverlay(_ w: World) -> HelpOverlay {
        // A form with a table of items also lists its row keys.
        let formKeys: [UIAction] = [.nextField, .prevField, .submit, .back, .help] + top.hints(w)
        let isForm = top.scope == .form || top.scope == .setup
        let allowed = Set(formKeys.map { $0.info(w.lang).help })
        // Only what works here for this person: no write keys for an auditor, no filter where there is none.
        let shown = Set(UIAction.allCases.filter { topLevel.contains($0) || available($0, w) }.map { $0.info(w.lang).help })
        var entries = keymap.help(for: top.scope).filter { (!isForm || allowed.contains($0.description)) && shown.contains($0.description) }
        let order = [w.t("操作", "Actions"), w.t("入力", "Forms"), w.t("移動", "Move"), w.t("画面", "Screens")]
        entries = entries.enumerated().sorted { a, b in
            let ga = order.firstIndex(of: a.element.group ?? "") ?? order.count, gb = order.firstIndex(of: b.element.group ?? "") ?? order.count
            return (ga, a.offset) < (gb, b.offset)
        }.map(\.element)
        if isForm {
            entries.append(HelpEntry(keys: ["Space", "Left", "Right"], description: w.t("選択肢・はい/いいえの切替", "choose an option, toggle yes/no"),
                                     group: w.t("入力", "Forms")))
        }
        var overlay = HelpOverlay(title: w.t("キー一覧: ", "Keys: ") + top.title(w), entries: entries, offset: helpOffset ?? 0,
                                  footer: w.t("何かキーを押すと閉じます", "any key closes"))
        let body = Rect(row: 0, col: 0, height: w.bodyRows, width: App.minimumSize.cols)
        if (helpOffset ?? 0) < overlay.maxOffset(in: body) {
            overlay.footer = w.t("続きは j・PgDn ／ 他のキーで閉じます", "more: j, PgDn / any other key closes")
        }
        return overlay
    }

    mutating func handleCommandLine(_ key: Key, _ world: World) -> [Effect] {
        switch key {
        case .escape: commandLine = nil; historyIndex = nil
        case .up:
            guard !commandHistory.isEmpty else { return [] }
            let i = max(0, (historyIndex ?? commandHistory.count) - 1)
            historyIndex = i
            commandLine!.setText(commandHistory[i])
        case .down:
            guard let i = historyIndex else { return [] }
            if i + 1 < commandHistory.count { historyIndex = i + 1; commandLine!.setText(commandHistory[i + 1]) } else { historyIndex = nil; commandLine!.setText("") }
        case .tab: complete(world)
        case .paste:
            if let refused = TextInput.edit(&commandLine!, key, label: world.t("コマンド", "the command line"), world) { show(refused, .error) }
        case .enter:
            let text = commandLine!.text.trimmingCharacters(in: .whitespaces)
            commandLine = nil
            historyIndex = nil
            guard !text.isEmpty else { return [] }
            if commandHistory.last != text { commandHistory.append(text) }
            if commandHistory.count > 200 { commandHistory.removeFirst(commandHistory.count - 200) }
            let tokens = CommandLineParser.tokenize(text)
            switch tokens.first ?? "" {
            case "q", "quit":
                // `:q` asks like q.
                confirmingQuit = true
                show(hasUnsavedInput ? world.t("入力中の内容は記録されていません。破棄して終了しますか？ (y/n)", "What was typed is not recorded. Throw it away and quit? (y/n)")
                                     : world.t("終了しますか？ (y/n)", "Quit? (y/n)"), .warning)
                return []
            case "help":
                if tokens.count > 1, canRunCommands { pendingRun = text; return [.run(Array(tokens.dropFirst()) + ["--help"])] }
                stack.append(ResultScreen(command: text, run: CommandRun(output: colonHelp(world))))
                return []
            default: break
            }
            switch CommandLineParser.parse(text, world: world) {
            case .failure(let e):
                // The CLI knows every verb and words its own refusals.
                if canRunCommands { pendingRun = text; return [.run(tokens)] }
                show(e.message, .error)
            case .success(let parsed):
                switch parsed {
                case .effect(let e, let ok):
                    if canRunCommands { pendingRun = text; return [.run(tokens)] }
                    return apply([.perform(e, success: ok, pop: 0)], world)
                case .go(let a):
                    // `verify`, and a list with options, print what the CLI prints (`:verify --against …`).
                    if canRunCommands, tokens.first == "verify" || tokens.contains(where: { $0.hasPrefix("--") }) { pendingRun = text; return [.run(tokens)] }
                    return go(a, world)
                case .quit: return [.quit]
                case .open(let reg): stack.append(MediumScreen(registration: reg))
                case .openCase(let raw):
                    // `:handover show HO-1`-style ids are looked up as the CLI does; `:print …` opens the preview.
                    let id = (try? world.ledger.handover(raw).id) ?? (try? world.ledger.transfer(raw).id)
                    guard let id else { show(DomainError.unknownCase(raw).message(world.lang), .error); return [] }
                    if text.split(separator: " ").first == "print" { stack.append(PreviewScreen(id: id)) }
                    else if world.ledger.handovers[id] != nil { stack.append(HandoverScreen(id: id)) }
                    else { stack.append(TransferScreen(id: id)) }
                }
            }
        default:
            _ = commandLine!.handle(key)
        }
        return []
    }

    /// The CLI's commands for `:help`, from its own definitions.
    func colonHelp(_ w: World) -> String {
        var out = [w.t("CLI と同じコマンドを打てます（--data・--as・--lang は画面と同じものが付きます）。",
                       "Type the CLI's commands (the screens' --data, --as and --lang are added)."),
                   w.t("例: :use start USB-2026-0001 --purpose 資料作成   :verify --against 1a2b3c4d5e6f7a8b   :help use start",
                       "e.g. :use start USB-2026-0001 --purpose drafting   :verify --against 1a2b3c4d5e6f7a8b   :help use start"),
                   w.t("書き出し: :export --what media --format csv -o 登録簿.csv（json も。xlsx は -o が必要）",
                       "export: :export --what media --format csv -o media.csv (json too; xlsx needs -o)"),
                   w.t("上下キーで履歴、Tab で補完（コマンド・登録番号・申請番号）、:q で終了。", "Up/Down: history; Tab completes commands, numbers and ids; :q quits."), ""]
        let verbs = commandCatalog.isEmpty ? CommandLineParser.builtinVerbs : commandCatalog
        out.append(w.t("コマンド:", "Commands:"))
        out += verbs.map { "  :" + $0 }
        return out.joined(separator: "\n")
    }

    /// Tab on the `:` line: the command's words, then registration numbers, request and case ids.
    mutating func complete(_ w: World) {
        guard var line = commandLine else { return }
        let text = line.text
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let current = words.popLast() ?? ""
        let paths = (commandCatalog.isEmpty ? CommandLineParser.builtinVerbs : commandCatalog) + ["help", "q"]
        var candidates: [String]
        let typed = words.filter { !$0.isEmpty }
        if typed.isEmpty {
            candidates = paths.map { String($0.split(separator: " ").first ?? "") }
        } else if typed.count == 1, paths.contains(where: { $0.hasPrefix(typed[0] + " ") }) {
            candidates = paths.filter { $0.hasPrefix(typed[0] + " ") }.map { String($0.split(separator: " ")[1]) }
        } else if current.hasPrefix("-") {
            candidates = []
        } else {
            let l = w.ledger
            let upper = current.uppercased()
            candidates = l.media.keys.filter { $0.hasPrefix(upper) } + l.requests.keys.filter { $0.hasPrefix(upper) }
                + l.handovers.keys.filter { $0.hasPrefix(upper) } + l.transfers.keys.filter { $0.hasPrefix(upper) }
        }
        var seen = Set<String>()
        let matches = candidates.filter { $0.uppercased().hasPrefix(current.uppercased()) && seen.insert($0).inserted }.sorted()
        guard let first = matches.first else { show(w.t("補完の候補はありません", "nothing to complete"), .info); return }
        var common = first
        for m in matches.dropFirst() { while !m.hasPrefix(common) { common.removeLast() } }
        let completed = matches.count == 1 ? first + " " : (common.count > current.count ? common : current)
        line.setText((words + [completed]).joined(separator: " "))
        commandLine = line
        if matches.count > 1 {
            let list = matches.prefix(8).joined(separator: " ") + (matches.count > 8 ? w.t(" …ほか\(matches.count - 8)件", " … \(matches.count - 8) more") : "")
            show(list, .info)
        }
    }

    /// The runtime reports what a `:` command printed: it is shown on a screen of its own.
    public mutating func finishedRun(_ run: CommandRun, world: World) {
        let text = pendingRun ?? ""
        pendingRun = nil
        stack.append(ResultScreen(command: text, run: run))
        if let f = run.failure { show(f, .error) } else { show(world.t("実行しました: :", "ran :") + text, .ok) }
    }

    // MARK: Drawing

    public func render(size: Size, world: World) -> Grid {
        var g = Grid(size: size)
        guard size.rows >= App.minimumSize.rows, size.cols >= App.minimumSize.cols else {
            let lines = [world.t("端末が小さすぎます", "The terminal is too small"),
                         world.t("80x24 以上が必要です（現在 \(size.cols)x\(size.rows)）", "needs 80x24 or more (now \(size.cols)x\(size.rows))")]
            for (i, l) in lines.enumerated() where i < size.rows { g.put(l, row: i, col: 0, width: size.cols, style: .role(.warning)) }
            return g
        }
        let area = g.bounds
        let (tabs, rest) = area.splitTop(1)
        let (titleRow, rest2) = rest.splitTop(1)
        let (body, bottom) = rest2.splitBottom(3)
        renderTabs(&g, tabs, world)
        g.render(TitleBar(title: top.title(world), detail: "", style: Style(role: .header, attributes: [.bold])), in: titleRow)
        top.render(into: &g, area: body, world: world)
        let hintArea = bottom.line(0), statusArea = bottom.line(1), messageArea = bottom.line(2)
        var actions = top.hints(world).filter { topLevel.contains($0) || available($0, world) }
        if top.scope != .form && top.scope != .setup { actions += [.help, .command] }
        actions.append(top.scope == .home ? .quit : .back)
        g.render(KeyHintBar(keymap.hints(for: actions, in: top.scope)), in: hintArea)
        renderStatus(&g, statusArea, world)
        if let cl = commandLine {
            g.put(":", row: messageArea.row, col: 0)
            let field = Rect(row: messageArea.row, col: 1, height: 1, width: messageArea.width - 1)
            g.render(TextField(cl, isFocused: true, style: .plain), in: field)
        } else if let m = message {
            g.render(MessageLine(m.text, kind: m.kind), in: messageArea)
        } else if let d = world.damage {
            g.render(MessageLine(d, kind: .error), in: messageArea)
        }
        if helpOffset != nil {
            g.render(helpOverlay(world), in: body)
        }
        return g
    }

    func renderTabs(_ g: inout Grid, _ area: Rect, _ w: World) {
        g.fill(area, style: .role(.title))
        let name = w.t("台帳 ", "daicho ")
        guard w.ledger.isInitialized else {
            g.put(name, row: area.row, col: area.col, style: Style(role: .title, attributes: [.bold]))
            return
        }
        let current = currentTop
        let pending = w.ledger.decisionsWaiting(for: w.actor.login)
        let labels = w.lang == .ja ? ["ホーム", "登録簿", "承認待ち", "使用記録簿", "持出簿", "記録", "要員", "送付", "送達"]
                                   : ["home", "media", "approvals", "uses", "take-outs", "log", "people", "handover", "transfer"]
        let tabs = topLevel.enumerated().map { i, a in
            "\(i + 1)" + labels[i] + (a == .approvals && pending > 0 ? "(\(pending))" : "")
        }
        // Roomy when it fits; at 80 columns one space between tabs, then without the name.
        let width = tabs.map(\.displayWidth).reduce(0, +)
        let layouts = [(name, 2), (name, 1), ("", 1)]
        let (prefix, gap) = layouts.first { $0.0.displayWidth + width + $0.1 * tabs.count + 1 <= area.width } ?? ("", 1)
        var col = g.put(prefix, row: area.row, col: area.col, style: Style(role: .title, attributes: [.bold]))
        var afterCurrent = false
        for (i, a) in topLevel.enumerated() {
            let isCurrent = a == current
            let style = isCurrent ? Style(role: .selected, attributes: [.bold]) : Style(role: .title)
            // The current tab is highlighted with a space either side; one space apart, it
            // shares the space after it with the next tab.
            let text = gap == 2 ? " " + tabs[i] + " " : (afterCurrent ? "" : " ") + tabs[i] + (isCurrent ? " " : "")
            afterCurrent = isCurrent
            col = g.put(text, row: area.row, col: col, width: max(0, area.right - col), style: style)
        }
    }

    /// The top-level screen the stack is under.
    var currentTop: UIAction {
        guard stack.count > 1 else { return .home }
        switch stack[1].scope {
        case .register, .medium: return .register
        case .approvals, .approval: return .approvals
        case .uses: return .uses
        case .takeouts: return .takeouts
        case .journal: return .journal
        case .people: return .people
        case .handovers, .handover: return .handovers
        case .transfers, .transfer: return .transfers
        default: return .home
        }
    }

    func renderStatus(_ g: inout Grid, _ area: Rect, _ w: World) {
        let who: String
        if let p = w.person {
            who = "\(p.name)(\(w.actor.login)) " + p.roles.map { w.roleLabel($0) }.joined(separator: "・")
        } else {
            who = w.actor.login + w.t("（未登録）", " (not enrolled)")
        }
        let head = w.t("先頭 ", "head ") + String(w.headHash.prefix(16)) + (w.damage == nil ? "" : w.t(" 損傷", " DAMAGED"))
        let unit = w.ledger.unit.isEmpty ? w.t("（未設定）", "(no ledger)") : w.ledger.unit
        g.render(TitleBar(title: unit + " | " + who, detail: head, style: .role(.title)), in: area)
    }
}

/// A failed effect, worded for the message line.
public struct EffectFailure: Error, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
