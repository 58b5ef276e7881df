// Providing 機密性3 information outside needs permission before dispatch
// (002 第48条3): a 送付リスト with a 機密性3 item is a request in the approvals
// queue (kind `handover`), decided with `approve ID` / `reject ID` by the
// configured deciders (default the officer), never by its drafter (002 第19条).

import Foundation

extension Handover {
    /// An item at 機密性3 (its medium's own, or as the drafter marked it, 002 第46–47条).
    public var needsPermission: Bool { direction == .outgoing && items.contains { $0.classification == .c3 } }
    /// Waiting for the permission of 002 第48条3.
    public var awaitsPermission: Bool { needsPermission && permission == nil && status == .draft }
}

extension Ledger {
    /// Handovers waiting for `login`'s permission: the step they wait for is theirs (Steps.swift), never the drafter's. Oldest first.
    public func handoverPermissions(for login: String) -> [Handover] {
        allHandovers.filter { $0.awaitsPermission && stepRefusal($0, by: login) == nil }
    }

    /// Approve or reject the dispatch of a 機密性3 送付リスト.
    func decidePermission(_ h: Handover, by actor: Actor, approve: Bool, _ command: Command) throws(DomainError) -> Change {
        // Nobody decides their own request, nor under a second login (002 第19条); then the step it waits for.
        if let why = stepRefusal(h, by: actor.login), case .selfApproval = why { throw why }
        guard h.awaitsPermission else { throw .handoverState(id: h.id, status: h.status) }
        if let why = stepRefusal(h, by: actor.login) { throw why }
        switch command {
        case let .approve(_, _, comment):
            return .requestApproved(DecisionData(request: h.id, confirmed: [], comment: try FieldText.optional(comment, .comment)))
        case let .reject(_, reason):
            return .requestRejected(RejectionData(request: h.id, reason: try FieldText.clean(reason, .reason)))
        default:
            throw .unknownRequest(h.id)
        }
    }

    /// The replay's reason for a permission written by someone who may not give it.
    func permissionViolation(_ h: Handover, by p: Person) -> String? {
        if !h.awaitsPermission { return "\(h.id) is not waiting for permission" }
        return stepViolation(h, by: p)
    }

    /// Folds a decision on a handover's permission.
    mutating func applyPermission(_ id: String, approved: Bool, comment: String?, _ r: Record) throws(InconsistentRecord) {
        guard handovers[id]?.awaitsPermission == true else { throw InconsistentRecord(seq: r.seq, reason: "\(id) is not waiting for permission") }
        handovers[id]!.permission = Decision(approved: approved, by: r.actor, at: r.at, confirmed: [], comment: comment)
        handovers[id]!.history.append(r.seq)
    }
}
