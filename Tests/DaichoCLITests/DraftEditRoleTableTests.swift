// The role table's rows for editing drafts (issue 13; RoleTableTests runs them with
// the rest). A draft is edited by its drafter or the officer (002 第19条): the drafts
// here are made by sato (送付リスト) and fuku (送達票), neither in the table, so of the
// table's people only the officer kanri may edit them.

import Foundation
import XCTest

extension RoleTableTests {
    nonisolated(unsafe) static let draftEditTable: [Row] = [
        Row(command: "handover edit", allowed: [.officer], source: "002 第19条: a draft is edited by its drafter or the officer", writes: true) { t in
            ["handover", "edit", t.handover(dispatched: false), "--to", "防衛装備庁 課長"]
        },
        Row(command: "transfer edit", allowed: [.officer], source: "001 付紙第3: the officer keeps the register; 002 第19条", writes: true) { t in
            ["transfer", "edit", t.transfer(dispatched: false), "--to", "第3通信隊"]
        },
    ]
}
