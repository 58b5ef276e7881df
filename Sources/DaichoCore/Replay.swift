// The rules of the domain, checked again when a record is folded. `decide`
// refuses a command that breaks a rule, so daicho never writes such a record;
// but a journal can be written by hand (or by a forged tool) with every hash
// recomputed. Folding checks each record against the state before it, so such
// a journal is damage at the record that breaks the rule, named by its seq.
//
// Only rules that depend on the ledger are checked here; the text of fields is
// not (records from older versions or other units may hold anything, and every
// output neutralises it instead).

import Foundation

extension Ledger {
    /// Why `r`, well chained as it may be, breaks a rule as things stood before it; nil if it keeps them.
    /// Change types without rules here (and those added later) are not refused by this check.
    public func ruleViolation(_ r: Record) -> String? {
        // The header is checked by the fold itself (first record, only once).
        if case .header = r.change { return nil }
        guard isInitialized else { return nil }
        // Every write names an enrolled person (DOMAIN.md "Every write names the person who made it").
        guard let p = people[r.actor] else { return "written by \(r.actor), who is not enrolled" }
        // A retired person (転出・退職) no longer writes.
        if let gone = p.retired { return "written by \(r.actor), retired at record #\(gone.seq)" }
        if let v = peopleRuleViolation(r, by: p) { return v }
        func needs(_ roles: [Role]) -> String? {
            roles.contains(where: p.has) ? nil
                : "\(r.actor) (\(p.roles.map(\.rawValue).joined(separator: ","))) may not write \(r.change.type): needs \(roles.map(\.rawValue).joined(separator: " or "))"
        }
        let keeper: [Role] = [.clerk, .officer]

        switch r.change {
        case .personEnrolled(let d):
            // The officer enrols people and grants roles (DOMAIN.md roles).
            if let v = needs([.officer]) { return v }
            if d.roles.isEmpty { return "\(d.login) enrolled without a role" }
        case .rolesChanged:
            // The last-officer and auditor rules: peopleRuleViolation (People.swift).
            if let v = needs([.officer]) { return v }
        case .mediumRegistered(let d):
            // The officer keeps the register (001 付紙第4).
            if let v = needs([.officer]) { return v }
            // A disclosable medium is write-protected (001 付紙第4 1(1)イ).
            if d.category == .disclosable && !d.writeProtected { return "\(d.registration) is disclosable but not write-protected" }
            if let serial = d.serial, let other = mediumWithSerial(serial, kind: d.kind) {
                return "\(d.registration) has the serial \(serial) of \(other)"
            }
            // Once the officer keeps a list of central storage locations, a medium is stored in one (001 付紙第4 1(2)).
            if let loc = d.location, !rules.locations.isEmpty, !rules.locations.contains(loc) {
                return "\(d.registration) stored at \(loc), not a central storage location"
            }
            // An imported entry names the row it came from, once (MediaImport.swift); its number is one
            // a label carries, and its 登録日 is not after the import.
            if d.isImported {
                guard let file = d.importFile, MediaImport.isSHA256(file), let line = d.importLine, line >= 1 else {
                    return "\(d.registration) is imported without the file and line it came from"
                }
                if let other = imported(file: file, line: line) { return "line \(line) of \(file.prefix(12)) imported again as \(d.registration) (first as \(other))" }
                if (try? MediaImport.registration(d.registration)) != d.registration { return "imported number \(d.registration) is not one a label carries" }
                if let day = d.registeredOn, day > Day(r.at, in: TimeZone(identifier: "Pacific/Kiritimati") ?? .current) {
                    return "\(d.registration) registered on \(day.iso), after it was imported"
                }
            }
        case .configured, .mediumFound:
            if let v = needs([.officer]) { return v }

        case .virusChecked(let d):
            if let v = needs(keeper) { return v }
            // A check is done in storage, or on a quarantined medium to clear it (001 第3-3).
            if let m = media[d.registration], m.status != .stored && m.status != .quarantined {
                return "\(d.registration) checked while \(m.status.rawValue)"
            }
        case .mediumLost, .useEnded, .takeoutReturned:
            if let v = needs(keeper) { return v }
        case .useStarted(let d):
            if let v = needs(keeper) { return v }
            if let m = media[d.registration] {
                // An infected medium may not be used until cleaned (001 第3-3).
                if m.status == .quarantined { return "\(d.registration) used while quarantined" }
                if let q = m.openRequest, requests[q]?.state == .approved { return "\(d.registration) used while take-out \(q) is approved" }
                // A use rests on a clean check since it last came back, or one recorded with it (001 第3-3).
                if let s = d.scan, s.result != .clean { return "\(d.registration) used with a check that found it infected" }
                if d.scan == nil && !m.hasCleanCheck { return "\(d.registration) used without a clean virus check since it last came back" }
                // 読後廃棄: once read it is due for disposal, not used again (002 別表1).
                if m.disposalDue { return "\(d.registration) used while due for disposal (読後廃棄)" }
            }
            if let until = d.until, until <= r.at { return "use of \(d.registration) ends before it starts" }
        case .takeoutRequested(let d):
            if let v = needs(keeper) { return v }
            if let m = media[d.registration] {
                if let v = exitViolation(m, .takeout, at: r.at) { return v }
                if m.status != .stored && m.status != .inUse { return "take-out of \(d.registration) requested while \(m.status.rawValue)" }
                if let q = m.openRequest { return "take-out of \(d.registration) requested while \(q) is open" }
            }
            if d.until <= r.at || d.until <= d.from { return "take-out \(d.request) ends before it starts" }
        case .exceptionRequested(let d):
            // Anyone who works with media may ask; the auditor only reads (002 第19条).
            if let v = needs([.clerk, .officer, .supervisor]) { return v }
            if let v = exceptionRequestViolation(d, at: r.at) { return v }
        case .correctionRequested(let d):
            if let v = needs([.clerk, .officer, .supervisor]) { return v }
            if let v = correctionRequestViolation(d) { return v }
        case .requestApproved(let d) where requests[d.request] == nil && correctionRequests[d.request] != nil:
            if let v = correctionDecisionViolation(correctionRequests[d.request]!, by: p) { return v }
        case .requestRejected(let d) where requests[d.request] == nil && correctionRequests[d.request] != nil:
            if let v = correctionDecisionViolation(correctionRequests[d.request]!, by: p) { return v }
        case .requestApproved(let d) where requests[d.request] == nil && exceptions[d.request] != nil:
            if let v = exceptionDecisionViolation(exceptions[d.request]!, by: p) { return v }
        case .requestRejected(let d) where requests[d.request] == nil && exceptions[d.request] != nil:
            if let v = exceptionDecisionViolation(exceptions[d.request]!, by: p) { return v }
        case .requestApproved(let d):
            guard let q = requests[d.request] else { return handovers[d.request].flatMap { permissionViolation($0, by: p) } }
            if let v = stepViolation(q, by: p) { return v }
            // The four checks of 001 第3-2, each confirmed.
            let missing = TakeoutCheck.allCases.filter { !d.confirmed.contains($0) }
            if !missing.isEmpty { return "\(d.request) approved without confirming \(missing.map(\.rawValue).joined(separator: ","))" }
            if let m = media[q.registration] {
                if let v = exitViolation(m, .takeout, at: r.at, case: q.id) { return v }
                // 「ウイルスチェックを実施した」 rests on a recorded clean check (001 第3-2, 第3-3).
                if d.confirmed.contains(.virusChecked) && !m.hasCleanCheck {
                    return "\(d.request) confirmed a virus check of \(m.registration) that is not on record"
                }
            }
        case .requestRejected(let d):
            guard let q = requests[d.request] else { return handovers[d.request].flatMap { permissionViolation($0, by: p) } }
            if let v = stepViolation(q, by: p) { return v }
        case .requestWithdrawn(let d):
            if let v = needs(keeper) { return v }
            if let q = requests[d.request], q.requester != r.actor, !p.has(.officer) {
                return "\(r.actor) withdrew \(q.id) of \(q.requester)"
            }
        case .takeoutDeparted(let d):
            if let v = needs(keeper) { return v }
            if let m = media[d.registration] {
                if let v = exitViolation(m, .takeout, at: r.at, case: d.request) { return v }
                // The record names exactly the exceptions it went through under (Exceptions.swift).
                let needed = exitCheck(m, .takeout, at: r.at, case: d.request).exceptions
                if let v = exceptionNamingViolation(needed: needed, named: d.exceptions, record: "take-out of \(d.registration)") { return v }
            }
        case .recordCorrected:
            if let v = needs([.officer, .supervisor]) { return v }
        case .mediumAmended(let d):
            // The officer keeps the register (001 付紙第4); the amended entry keeps its rules.
            if let v = needs([.officer]) { return v }
            if let v = amendViolation(d) { return v }
        case .handoverDrafted(let d):
            // Clerks draft 送付リスト (DOMAIN.md roles); 配布禁止 media are never handed over (002 別表1).
            if let v = needs(keeper) { return v }
            // Every exit passes the one rule book (Rules.swift): media by their own marks, items by the drafter's.
            for reg in d.items.compactMap(\.registration) {
                if let m = media[reg], let v = exitViolation(m, .handover, state: false, at: r.at) { return "\(v) (\(d.handover))" }
            }
            for item in d.items where item.registration == nil {
                if let e = itemRefusal(item) { return "\(d.handover): \(e.message(.en))" }
            }
        case .handoverEdited(let d):
            // A draft is edited by its drafter or the officer (002 第19条); the edited list passes the exit check again (002 別表1).
            if let v = needs(keeper) { return v }
            if let h = handovers[d.handover],
               let v = draftEditViolation(h.id, drafter: h.createdBy, isDraft: h.direction == .outgoing && h.status == .draft, by: p) { return v }
            for reg in d.items.compactMap(\.registration) {
                if let m = media[reg], let v = exitViolation(m, .handover, state: false, at: r.at) { return "\(v) (\(d.handover))" }
            }
            for item in d.items where item.registration == nil {
                if let e = itemRefusal(item) { return "\(d.handover): \(e.message(.en))" }
            }
        case .handoverDispatched(let d):
            if let v = needs(keeper) { return v }
            // 機密性3 information goes outside only with permission (002 第48条3).
            if let h = handovers[d.handover], h.needsPermission, h.permission?.approved != true {
                return "\(d.handover) dispatched with C3 information without permission"
            }
            let regs = handovers[d.handover]?.registrations ?? []
            for reg in regs {
                if let m = media[reg], let v = exitViolation(m, .handover, at: r.at, case: d.handover) { return "\(v) (\(d.handover))" }
            }
            if let v = exceptionNamingViolation(needed: exceptionsUsed(regs, .handover, at: r.at, case: d.handover) ?? [],
                                                named: d.exceptions, record: "dispatch of \(d.handover)") { return v }
        case .transferDrafted(let d):
            if let v = needs([.officer]) { return v }
            for reg in d.media {
                if let m = media[reg], let v = exitViolation(m, .transfer, state: false, at: r.at) { return "\(v) (\(d.transfer))" }
            }
        case .transferEdited(let d):
            if let v = needs([.officer]) { return v }
            if let t = transfers[d.transfer],
               let v = draftEditViolation(t.id, drafter: t.createdBy, isDraft: t.direction == .outgoing && t.status == .draft, by: p) { return v }
            for reg in d.media {
                if let m = media[reg], let v = exitViolation(m, .transfer, state: false, at: r.at) { return "\(v) (\(d.transfer))" }
            }
        case .transferDispatched(let d):
            if let v = needs([.officer]) { return v }
            let regs = transfers[d.transfer]?.media ?? []
            for reg in regs {
                if let m = media[reg], let v = exitViolation(m, .transfer, at: r.at, case: d.transfer) { return "\(v) (\(d.transfer))" }
            }
            if let v = exceptionNamingViolation(needed: exceptionsUsed(regs, .transfer, at: r.at, case: d.transfer) ?? [],
                                                named: d.exceptions, record: "dispatch of \(d.transfer)") { return v }
        case .handoverLate, .transferLate,
             .handoverReceived, .handoverReminded, .handoverReturned, .handoverDestroyed,
             .handoverRecalled, .handoverIncoming, .transferReceived:
            if let v = needs(keeper) { return v }
        case .handoverAcknowledged(let d):
            // A discrepancy is resolved by a decider, never by who recorded the receipt (002 第19条).
            let roles = deciders(for: .discrepancy)
            if !roles.contains(where: p.has) { return "\(r.actor) acknowledged \(d.handover): needs \(roles.map(\.rawValue).joined(separator: " or "))" }
            if let by = handovers[d.handover]?.receipt?.recordedBy, samePerson(by, r.actor) { return "\(r.actor) acknowledged the receipt they recorded for \(d.handover)" }
        case .life(let c):
            if let v = lifeViolation(c, r, p) { return v }
        case .transferRecalled, .transferIncoming:
            // The officer moves media in and out of the register (001 付紙第3).
            if let v = needs([.officer]) { return v }
        default:
            return nil
        }
        return nil
    }

    /// The medium of this kind already registered with this serial (製造番号), if any.
    public func mediumWithSerial(_ serial: String, kind: MediumKind) -> String? {
        Ledger.serialKey(serial, kind).flatMap { serials[$0] }
    }

    /// How a serial is compared: per kind, surrounding space and case ignored; nil for a blank one.
    static func serialKey(_ serial: String, _ kind: MediumKind) -> String? {
        let key = serial.trimmingCharacters(in: .whitespaces).uppercased()
        return key.isEmpty ? nil : kind.rawValue + "\u{1F}" + key
    }
}
