// Amending the register (登録簿): the officer changes a medium's 保管場所,
// 暗号化, 追記禁止, 格付, 取扱制限, 型式, 製造番号, 容量 or 秘 with a reason. Each
// amendment is one new record naming every field it changes, old → new; the
// registration record stays as it was. Loosening a protection (removing a
// restriction, lowering the class, declaring it encrypted) is an ordinary
// amendment by the officer, recorded as such. Central storage locations are a
// list the officer keeps (001 付紙第4 1(2)): once it is kept, a medium's
// location is one of them.

import Foundation

/// The fields `media amend` may change, with their record names.
public enum AmendableField: String, Sendable, CaseIterable, Codable {
    case location, encrypted, writeProtected = "write_protected", classification = "class", restrictions, model, serial, capacity, secret

    public func label(_ lang: Lang) -> String {
        switch self {
        case .location: lang.pick("保管場所", "location")
        case .encrypted: lang.pick("暗号化", "encrypted")
        case .writeProtected: lang.pick("追記禁止", "write-protected")
        case .classification: lang.pick("格付", "class")
        case .restrictions: lang.pick("取扱制限", "restrictions")
        case .model: lang.pick("型式", "model")
        case .serial: lang.pick("製造番号", "serial")
        case .capacity: lang.pick("容量", "capacity")
        case .secret: lang.pick("秘以上", "secret")
        }
    }
}

/// One field changed: its value before and after, as text (`yes`/`no`, `1`-`3`, restrictions joined by `,`; "" for none).
public struct FieldChange: Codable, Equatable, Sendable {
    public var field: AmendableField
    public var from: String
    public var to: String
    public init(field: AmendableField, from: String, to: String) { self.field = field; self.from = from; self.to = to }
}

/// `medium.amended`: the register entry changed by the officer, with the reason.
public struct AmendmentData: Codable, Equatable, Sendable {
    public var registration: String
    public var reason: String
    public var changes: [FieldChange]
    public init(registration: String, reason: String, changes: [FieldChange]) {
        self.registration = registration; self.reason = reason; self.changes = changes
    }
}

/// What `media amend` asks to change (nil: unchanged).
public struct MediumAmendment: Equatable, Sendable {
    public var location: String?
    public var encrypted: Bool?
    public var writeProtected: Bool?
    public var classification: Confidentiality?
    public var restrictions: [String]?
    public var model: String?
    public var serial: String?
    public var capacity: String?
    public var secret: Bool?
    public init() {}
}

extension Ledger {
    public static let storageLocationsKey = "storage.locations"

    /// A location as typed, checked against the central storage list when the officer keeps one (001 付紙第4 1(2)).
    func storageLocation(_ raw: String?) throws(DomainError) -> String? {
        guard let loc = try FieldText.optional(raw, .location) else { return nil }
        if !rules.locations.isEmpty && !rules.locations.contains(loc) { throw .rule(.unknownLocation(loc, known: rules.locations)) }
        return loc
    }

    static func text(_ b: Bool) -> String { b ? "yes" : "no" }
    static func text(_ rs: [Restriction]) -> String { rs.map(\.rawValue).joined(separator: ",") }

    /// The amendment of `reg` as a record, or why not.
    func decideAmend(_ reg: String, reason: String, _ a: MediumAmendment) throws(DomainError) -> Change {
        let m = try medium(reg)
        guard !m.status.isFinal else { throw .wrongState(registration: m.registration, status: m.status) }
        let reason = try FieldText.clean(reason, .reason)
        let d = m.data
        var changes: [FieldChange] = []
        func add(_ f: AmendableField, _ from: String, _ to: String) { if from != to { changes.append(FieldChange(field: f, from: from, to: to)) } }
        if let raw = a.location {
            let loc = try storageLocation(raw) ?? ""
            add(.location, d.location ?? "", loc)
        }
        if let e = a.encrypted { add(.encrypted, Ledger.text(d.encrypted), Ledger.text(e)) }
        if let w = a.writeProtected {
            // A disclosable medium stays write-protected (001 付紙第4 1(1)イ).
            if !w && d.category == .disclosable { throw .disclosableNotWriteProtected }
            add(.writeProtected, Ledger.text(d.writeProtected), Ledger.text(w))
        }
        if let c = a.classification { add(.classification, String(d.classification.rawValue), String(c.rawValue)) }
        if let raws = a.restrictions {
            let rs = try parseRestrictions(raws.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
            add(.restrictions, Ledger.text(d.restrictions), Ledger.text(rs))
        }
        if let s = a.model { add(.model, d.model ?? "", try FieldText.optional(s, .model) ?? "") }
        if let s = a.serial {
            let serial = try FieldText.optional(s, .serial) ?? ""
            if !serial.isEmpty, let other = mediumWithSerial(serial, kind: d.kind), other != m.registration {
                throw .duplicateSerial(serial: serial, registration: other)
            }
            add(.serial, d.serial ?? "", serial)
        }
        if let s = a.capacity { add(.capacity, d.capacity ?? "", try FieldText.optional(s, .capacity) ?? "") }
        if let s = a.secret { add(.secret, Ledger.text(d.secret), Ledger.text(s)) }
        guard !changes.isEmpty else { throw .rule(.nothingToAmend(registration: m.registration)) }
        return .mediumAmended(AmendmentData(registration: m.registration, reason: reason, changes: changes))
    }

    /// Why an amendment written by hand breaks a rule, or nil (Replay.swift).
    func amendViolation(_ d: AmendmentData) -> String? {
        guard let m = media[d.registration] else { return nil }
        if m.status.isFinal { return "\(d.registration) amended while \(m.status.rawValue)" }
        let after = Ledger.amended(m.data, d.changes)
        if after.category == .disclosable && !after.writeProtected { return "\(d.registration) is disclosable but not write-protected" }
        if let serial = after.serial, serial != m.data.serial, let other = mediumWithSerial(serial, kind: after.kind), other != d.registration {
            return "\(d.registration) has the serial \(serial) of \(other)"
        }
        if let loc = after.location, loc != m.data.location, !rules.locations.isEmpty, !rules.locations.contains(loc) {
            return "\(d.registration) moved to \(loc), not a central storage location"
        }
        return nil
    }

    /// The register entry after the changes (a value that cannot be read leaves the field as it was).
    static func amended(_ data: MediumData, _ changes: [FieldChange]) -> MediumData {
        var d = data
        for c in changes {
            let v = c.to
            switch c.field {
            case .location: d.location = v.isEmpty ? nil : v
            case .encrypted: d.encrypted = v == "yes"
            case .writeProtected: d.writeProtected = v == "yes"
            case .classification: d.classification = Int(v).flatMap(Confidentiality.init(rawValue:)) ?? d.classification
            case .restrictions: d.restrictions = v.isEmpty ? [] : v.split(separator: ",").map { Restriction(rawValue: String($0)) }
            case .model: d.model = v.isEmpty ? nil : v
            case .serial: d.serial = v.isEmpty ? nil : v
            case .capacity: d.capacity = v.isEmpty ? nil : v
            case .secret: d.secret = v == "yes"
            }
        }
        return d
    }

    /// Folds an amendment in.
    mutating func applyAmend(_ d: AmendmentData, _ r: Record) throws(InconsistentRecord) {
        guard let m = media[d.registration] else { throw InconsistentRecord(seq: r.seq, reason: "unknown medium \(d.registration)") }
        let after = Ledger.amended(m.data, d.changes)
        if after.serial != m.data.serial {
            if let old = m.data.serial, let key = Ledger.serialKey(old, m.data.kind), serials[key] == m.registration { serials[key] = nil }
            if let new = after.serial, let key = Ledger.serialKey(new, after.kind) { serials[key] = serials[key] ?? m.registration }
        }
        try updateMedium(d.registration, r) { $0.data = after }
    }

    /// `storage.locations` = the central storage locations, comma-separated (001 付紙第4 1(2)); empty: not kept.
    static func parseLocations(_ value: String) -> [String]? {
        var out: [String] = []
        for part in value.split(whereSeparator: { $0 == "," || $0 == "、" }) {
            guard let loc = try? FieldText.clean(String(part), .location) else { return nil }
            if !out.contains(loc) { out.append(loc) }
        }
        return out
    }
}
