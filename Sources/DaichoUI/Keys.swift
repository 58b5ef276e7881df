// Every user action, listed once with its help (tig's request list); the
// keymaps bind keys to them per screen, falling back to the general map, and
// the help overlay and hint bars are generated from the live keymap.

import CellKit
import DaichoCore

/// The screens, as keymap scopes.
public enum Scope: String, Hashable, Sendable, CaseIterable {
    case setup, home, register, medium, form, approvals, approval, uses, takeouts, journal, people, confirm
    case handovers, handover, transfers, transfer, preview
    /// What a `:` command printed.
    case result
    /// 点検の計数 (InventoryScreens.swift).
    case counting
    /// 例外措置台帳 and one exception (ExceptionScreens.swift).
    case exceptions, exception
    /// かぎ管理簿, 点検の一覧, 亡失事案の一覧と1件 (LifeScreens.swift).
    case keys, inventories, incidents, incident
    /// 設定 (approvers, due days …; PeopleScreens.swift).
    case settings
    /// The decision on a disposal, a correction or a 機密性3 送付リスト (ApprovalScreens.swift).
    case decision
}

/// Everything a user can ask for by key.
public enum UIAction: String, Hashable, Sendable, CaseIterable {
    case up, down, top, bottom, pageUp, pageDown, open, back, quit, help, command
    case filter, nextMatch, prevMatch, sort, reverseSort, statusFilter
    case home, register, approvals, uses, takeouts, journal, people, handovers, transfers
    case newMedium, startUse, endUse, requestTakeout, scan, lost, found, depart, returnMedium
    case approve, reject, toggle, check1, check2, check3, check4, enrol, roles
    case nextField, prevField, submit
    // Handovers (送付リスト/受領書) and transfers (送達票/受領票).
    case newHandover, incomingHandover, newTransfer, incomingTransfer
    case dispatch, editDraft, receive, remind, acknowledge, giveBack, destroy, recall, preview
    case printPDF, printLP
    // Forms with a table of items.
    case addRow, deleteRow, addMedium
    // Exceptions (002 第26–27条).
    case exceptionLedger, requestException
    // 登録内容の変更 (AmendForm.swift).
    case amend
    // The unit's standing duties (LifeScreens.swift): opened from home, the tab bar being full.
    case keys, inventories, incidents
    case addKey, lendKey, returnKey, startInventory, closeInventory, stepIncident, closeIncident
    // People over time and the ledger's settings (PeopleScreens.swift).
    case editPerson, retirePerson, changeOfficer, settings, changeSetting, newSetting
}

extension UIAction {
    func info(_ lang: Lang) -> ActionInfo<UIAction> {
        func a(_ ja: String, _ en: String, hint: (String, String)? = nil, group: (String, String)) -> ActionInfo<UIAction> {
            ActionInfo(self, help: lang.pick(ja, en), hint: hint.map { lang.pick($0.0, $0.1) }, group: lang.pick(group.0, group.1))
        }
        let move = ("移動", "Move"), view = ("画面", "Screens"), work = ("操作", "Actions"), form = ("入力", "Forms")
        switch self {
        case .up: return a("上へ", "up", group: move)
        case .down: return a("下へ", "down", group: move)
        case .top: return a("先頭へ", "first", group: move)
        case .bottom: return a("末尾へ", "last", group: move)
        case .pageUp: return a("前のページ", "page up", group: move)
        case .pageDown: return a("次のページ", "page down", group: move)
        case .open: return a("開く", "open", hint: ("開く", "open"), group: move)
        case .back: return a("戻る", "back", hint: ("戻る", "back"), group: move)
        case .quit: return a("終了", "quit", hint: ("終了", "quit"), group: move)
        case .help: return a("ヘルプ（この画面のキー）", "help (keys of this screen)", hint: ("ヘルプ", "help"), group: move)
        case .command: return a("コマンド入力（CLIと同じ動詞）", "command line (the CLI's verbs)", hint: ("コマンド", "command"), group: move)
        case .filter: return a("絞り込み（入力しながら）", "filter as you type", hint: ("絞込", "filter"), group: move)
        case .nextMatch: return a("次の一致", "next match", group: move)
        case .prevMatch: return a("前の一致", "previous match", group: move)
        case .sort: return a("並べ替え", "sort", hint: ("並替", "sort"), group: move)
        case .reverseSort: return a("並び順を逆に", "reverse the order", group: move)
        case .statusFilter: return a("状態・期限超過で絞り込み", "filter by status or overdue", hint: ("状態", "status"), group: move)
        case .home: return a("ホーム", "home", group: view)
        case .register: return a("登録簿", "register", group: view)
        case .approvals: return a("承認待ち", "approvals", group: view)
        case .uses: return a("使用記録簿", "use log", group: view)
        case .takeouts: return a("持出簿", "take-out log", group: view)
        case .journal: return a("記録（ジャーナル）", "journal", group: view)
        case .people: return a("要員", "people", group: view)
        case .handovers: return a("送付（送付リスト・受領書）", "handovers (lists and receipts)", group: view)
        case .transfers: return a("送達（媒体の送達票・受領票）", "media transfers", group: view)
        case .keys: return a("かぎ管理簿（保持者・期限超過）", "key register (holders, overdue)", hint: ("かぎ", "keys"), group: view)
        case .inventories: return a("点検の一覧（開始・計数・差異報告）", "inventories (start, count, report)", hint: ("点検", "inventories"), group: view)
        case .incidents: return a("亡失事案の一覧（手順・次の手順）", "loss incidents (steps, next step)", hint: ("事案", "incidents"), group: view)
        case .addKey: return a("かぎを登録", "register a key", hint: ("登録", "add"), group: work)
        case .lendKey: return a("かぎの貸出を記録", "record a key lent", hint: ("貸出", "lend"), group: work)
        case .returnKey: return a("かぎの返却を記録", "record a key returned", hint: ("返却", "return"), group: work)
        case .startInventory: return a("点検を開始", "start an inventory", hint: ("開始", "start"), group: work)
        case .closeInventory: return a("点検を完結（差異報告・所在不明は亡失）", "close the inventory (report; missing become lost)", hint: ("完結", "close"), group: work)
        case .stepIncident: return a("次の手順を記録", "record the next step", hint: ("手順", "step"), group: work)
        case .closeIncident: return a("結論を記録して完結", "close with a conclusion", hint: ("完結", "close"), group: work)
        case .newHandover: return a("送付リストを起案", "draft a handover", hint: ("起案", "new"), group: work)
        case .incomingHandover: return a("受領した保護すべき情報を記録", "record protected information received", hint: ("受領", "incoming"), group: work)
        case .newTransfer: return a("送達票を起案（保管中の媒体から）", "draft a transfer (media in storage)", hint: ("起案", "new"), group: work)
        case .incomingTransfer: return a("他部隊からの媒体を受領・登録", "receive and register media from another unit", hint: ("受領", "incoming"), group: work)
        case .dispatch: return a("送達（発送）を記録", "record dispatch", hint: ("送達", "dispatch"), group: work)
        case .receive: return a("返送された受領書・受領票を記録", "record the returned receipt", hint: ("受領書", "receipt"), group: work)
        case .remind: return a("督促を記録", "record a reminder", hint: ("督促", "remind"), group: work)
        case .acknowledge: return a("受領差異を確認（上長）", "acknowledge a discrepancy (supervisor)", hint: ("差異確認", "acknowledge"), group: work)
        case .giveBack: return a("返却を記録（契約終了時）", "record items given back", hint: ("返却", "returned"), group: work)
        case .destroy: return a("廃棄・抹消報告を記録", "record a destruction report", hint: ("廃棄報告", "destroyed"), group: work)
        case .recall: return a("取消（理由が必要）", "recall (reason required)", hint: ("取消", "recall"), group: work)
        case .editDraft: return a("起案中の内容を修正", "edit the draft", hint: ("修正", "edit"), group: work)
        case .preview: return a("印刷プレビュー", "print preview", hint: ("印刷", "print"), group: work)
        case .printPDF: return a("PDF に出力（カレントディレクトリの 案件番号-日時.pdf）", "write a PDF (ID-time.pdf in the current directory)", hint: ("PDF", "PDF"), group: work)
        case .printLP: return a("プリンタで印刷（lp、既定のプリンタ）", "print on the default printer (lp)", hint: ("印刷", "print"), group: work)
        case .addRow: return a("品目の行を追加", "add an item row", hint: ("行追加", "add row"), group: form)
        case .deleteRow: return a("品目の行を削除", "delete the item row", hint: ("行削除", "delete row"), group: form)
        case .addMedium: return a("登録媒体を品目に追加", "add a registered medium", hint: ("媒体追加", "add medium"), group: form)
        case .newMedium: return a("媒体を登録", "register a medium", hint: ("登録", "new"), group: work)
        case .startUse: return a("使用開始", "start a use", hint: ("使用", "use"), group: work)
        case .endUse: return a("使用終了", "end the use", hint: ("終了", "end"), group: work)
        case .requestTakeout: return a("持出申請", "request a take-out", hint: ("持出申請", "take out"), group: work)
        case .scan: return a("ウイルスチェック記録", "record a virus check", hint: ("検査", "scan"), group: work)
        case .lost: return a("亡失報告", "report lost", hint: ("亡失", "lost"), group: work)
        case .found: return a("亡失媒体の発見を記録", "record a lost medium found", hint: ("発見", "found"), group: work)
        case .depart: return a("持出し（出発）を記録", "record departure", hint: ("出発", "depart"), group: work)
        case .returnMedium: return a("返却を記録", "record return", hint: ("返却", "return"), group: work)
        case .approve: return a("許可", "approve", hint: ("許可", "approve"), group: work)
        case .reject: return a("却下（理由が必要）", "reject (reason required)", hint: ("却下", "reject"), group: work)
        case .toggle: return a("選択中の確認項目の切替", "tick or untick the selected check", hint: ("確認", "tick"), group: work)
        case .check1: return a("確認1（必要なデータのみ）の切替", "tick check 1 (data minimal)", group: work)
        case .check2: return a("確認2（複製しない指導）の切替", "tick check 2 (no copy instructed)", group: work)
        case .check3: return a("確認3（ウイルスチェック）の切替", "tick check 3 (virus checked)", group: work)
        case .check4: return a("確認4（暗号化）の切替", "tick check 4 (encrypted)", group: work)
        case .enrol: return a("要員を登録", "enrol a person", hint: ("登録", "enrol"), group: work)
        case .roles: return a("役割を変更", "change roles", hint: ("役割", "roles"), group: work)
        case .editPerson: return a("氏名・官職・階級・所属を変更", "edit name, title, rank, section", hint: ("変更", "edit"), group: work)
        case .retirePerson: return a("転出・退職を記録（理由が必要）", "retire (transfer out, leave; reason required)", hint: ("転出", "retire"), group: work)
        case .changeOfficer: return a("責任者交代（選択中の人へ責任者を引き継ぐ）", "hand the officer role to the selected person", hint: ("交代", "officer"), group: work)
        case .settings: return a("設定（承認者・期限日数など）", "settings (approvers, due days …)", hint: ("設定", "settings"), group: view)
        case .changeSetting: return a("選択中の設定を変更", "change the selected setting", hint: ("変更", "change"), group: work)
        case .newSetting: return a("設定を追加（キーを指定）", "set a setting by key", hint: ("追加", "add"), group: work)
        case .nextField: return a("次の項目", "next field", hint: ("次項目", "next"), group: form)
        case .prevField: return a("前の項目", "previous field", group: form)
        case .submit: return a("確定（記録する）", "confirm (record it)", hint: ("確定", "confirm"), group: form)
        case .amend: return a("登録内容を変更（理由を付けて）", "amend the entry (with a reason)", hint: ("変更", "amend"), group: work)
        case .exceptionLedger: return a("例外措置台帳", "exception ledger", hint: ("例外台帳", "exceptions"), group: view)
        case .requestException: return a("例外措置を申請（規則の一時停止）", "request an exception (suspend a rule)", hint: ("例外申請", "exception"), group: work)
        }
    }
}

/// The keymap of every screen (tig / mutt / hledger-ui conventions).
public func makeKeymap(_ lang: Lang) -> Keymap<Scope, UIAction> {
    var k = Keymap<Scope, UIAction>(actions: UIAction.allCases.map { $0.info(lang) })
    func b(_ keys: [Key], _ a: UIAction, _ scopes: [Scope]? = nil) {
        if let scopes { for s in scopes { try? k.bind(keys, to: a, in: s) } } else { try? k.bind(keys, to: a) }
    }
    // General: movement, screens, help.
    b([.up, .char("k")], .up); b([.down, .char("j")], .down)
    b([.char("g"), .home], .top); b([.char("G"), .end], .bottom)
    b([.pageUp, .ctrl("b")], .pageUp); b([.pageDown, .ctrl("f"), .char(" ")], .pageDown)
    b([.enter], .open); b([.escape, .char("q")], .back); b([.char("?"), .function(1)], .help); b([.char(":")], .command)
    b([.char("1"), .function(2)], .home); b([.char("2"), .function(3)], .register); b([.char("3"), .function(4)], .approvals)
    b([.char("4"), .function(5)], .uses); b([.char("5"), .function(6)], .takeouts); b([.char("6"), .function(7)], .journal)
    b([.char("7"), .function(8)], .people); b([.char("8"), .function(9)], .handovers); b([.char("9"), .function(10)], .transfers)
    b([.char("/")], .filter); b([.char("n")], .nextMatch); b([.char("N")], .prevMatch)
    b([.char("q")], .quit, [.home])
    // Media screens.
    let media: [Scope] = [.register, .medium]
    b([.char("a")], .newMedium, [.register]); b([.char("u")], .startUse, media); b([.char("e")], .endUse, media)
    b([.char("t")], .requestTakeout, media); b([.char("v")], .scan, media); b([.char("L")], .lost, media)
    b([.char("F")], .found, media)
    b([.char("d")], .depart, media); b([.char("r")], .returnMedium, media)
    b([.char("s")], .sort, [.register]); b([.char("S")], .reverseSort, [.register]); b([.char("f")], .statusFilter, [.register, .handovers, .transfers])
    // Approvals.
    b([.char("a")], .approve, [.approval, .exception, .decision]); b([.char("x")], .reject, [.approval, .exception, .decision])
    b([.char("E")], .exceptionLedger, [.approvals]); b([.char("E")], .requestException, media)
    b([.char(" "), .char("c")], .toggle, [.approval])
    // In the decision screen the number keys tick the checks (F-keys still switch screens).
    b([.char("1")], .check1, [.approval]); b([.char("2")], .check2, [.approval])
    b([.char("3")], .check3, [.approval]); b([.char("4")], .check4, [.approval])
    // People.
    b([.char("a")], .enrol, [.people]); b([.char("r")], .roles, [.people])
    b([.char("e")], .editPerson, [.people]); b([.char("x")], .retirePerson, [.people])
    b([.char("O")], .changeOfficer, [.people])
    // Settings, from home and from people (the tab bar is full at 80 columns).
    b([.char("C")], .settings, [.home, .people])
    b([.char("e")], .changeSetting, [.settings]); b([.char("a")], .newSetting, [.settings])
    // Handovers and transfers: the list and the case offer the same actions.
    let cases: [Scope] = [.handovers, .handover, .transfers, .transfer]
    b([.char("a")], .newHandover, [.handovers]); b([.char("i")], .incomingHandover, [.handovers])
    b([.char("a")], .newTransfer, [.transfers]); b([.char("i")], .incomingTransfer, [.transfers])
    b([.char("d")], .dispatch, cases); b([.char("r")], .receive, cases); b([.char("X")], .recall, cases)
    b([.char("p")], .preview, cases); b([.char("e")], .editDraft, cases)
    b([.char("P")], .printPDF, [.preview]); b([.char("l")], .printLP, [.preview])
    let handovers: [Scope] = [.handovers, .handover]
    b([.char("m")], .remind, handovers); b([.char("c")], .acknowledge, handovers)
    b([.char("b")], .giveBack, handovers); b([.char("D")], .destroy, handovers)
    // The standing duties, from home (the tab bar is full at 80 columns), and their actions.
    b([.char("K")], .keys, [.home]); b([.char("I")], .inventories, [.home]); b([.char("E")], .incidents, [.home])
    b([.char("X")], .exceptionLedger, [.home])
    b([.char("M")], .amend, media)
    b([.char("a")], .addKey, [.keys]); b([.char("l")], .lendKey, [.keys]); b([.char("r")], .returnKey, [.keys])
    b([.char("a")], .startInventory, [.inventories]); b([.char("c")], .closeInventory, [.inventories])
    b([.char("s")], .stepIncident, [.incident]); b([.char("c")], .closeIncident, [.incident])
    // Forms with a table of items.
    b([.ctrl("n"), .insert], .addRow, [.form]); b([.ctrl("x")], .deleteRow, [.form]); b([.ctrl("o")], .addMedium, [.form])
    // Counting an inventory: numbers typed or scanned, each ended by Enter.
    b([.enter], .submit, [.counting]); b([.escape], .back, [.counting]); b([.function(1)], .help, [.counting])
    // Forms: typing goes into fields, so only special keys are bound.
    for s in [Scope.form, .setup] {
        b([.tab, .down], .nextField, [s]); b([.backTab, .up], .prevField, [s]); b([.enter, .ctrl("s")], .submit, [s])
        b([.escape], .back, [s]); b([.function(1)], .help, [s])
    }
    return k
}
