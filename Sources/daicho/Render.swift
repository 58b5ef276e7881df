// Output of read commands: JSON objects with stable snake_case fields for
// machines, and aligned tables (by display width) for people.

import CellKit
import DaichoCore
import Foundation

/// A JSON value built by hand so field names and order are ours, not Codable's.
typealias JSONObject = [String: Any]

func jsonString(_ value: Any) -> String {
    if let text = JSONWriter.write(value) { return jsonEscapingControls(text) }
    let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    return jsonEscapingControls(String(decoding: data, as: UTF8.self))
}

func iso(_ d: Date?) -> Any { d.map { Timestamp.format($0) } ?? NSNull() }
func orNull(_ s: String?) -> Any { s ?? NSNull() }

extension Context {
    func json(_ m: Medium, in ledger: Ledger) -> JSONObject {
        let d = m.data
        var o: JSONObject = [
            // A medium erased for reuse is back in storage empty: its data category is cleared (001 付紙第4 1(5)).
            "registration": d.registration, "kind": d.kind.rawValue,
            "category": ledger.life.erased[d.registration] == nil ? d.category.rawValue : NSNull(),
            "class": d.classification.rawValue, "restrictions": d.restrictions.map(\.rawValue), "secret": d.secret,
            "model": orNull(d.model), "serial": orNull(d.serial), "capacity": orNull(d.capacity), "location": orNull(d.location),
            "encrypted": d.encrypted, "write_protected": d.writeProtected, "origin": d.origin,
            "status": m.status.rawValue, "status_label": m.status.label(lang),
            "registered_at": iso(m.registeredAt), "registered_by": m.registeredBy,
            "holder": orNull(ledger.holder(of: m)), "due": iso(ledger.due(of: m)),
            "overdue": ledger.isOverdue(m, at: now), "open_request": orNull(m.openRequest),
            "request_state": orNull(m.openRequest.flatMap { ledger.requests[$0]?.state.rawValue }),
            "open_case": orNull(m.openCase), "from_unit": orNull(d.fromUnit), "their_registration": orNull(d.theirRegistration),
            // The rule book (Rules.swift): a check due since it came back (001 第3-3), 読後廃棄 due, restrictions not known.
            "check_due": m.checkDue, "clean_check": m.hasCleanCheck, "disposal_due": m.disposalDue,
            "unknown_restrictions": ledger.unknownRestrictions(of: m).map(\.rawValue),
            // 登録日 as the register has it: an imported one, else the day it was registered here.
            "registered_on": (d.registeredOn ?? Day(m.registeredAt, in: timeZone)).iso,
            "import_sha256": orNull(d.importFile), "import_line": d.importLine.map { $0 as Any } ?? NSNull(),
        ]
        if let s = m.lastScan {
            o["last_scan"] = ["at": iso(s.at), "by": s.by, "result": s.result.rawValue] as JSONObject
        } else {
            o["last_scan"] = NSNull()
        }
        return o
    }

    func json(_ u: UseEntry) -> JSONObject {
        ["id": u.seq, "registration": u.registration, "user": u.user, "purpose": u.purpose, "where": orNull(u.place),
         "start": iso(u.start), "until": iso(u.until), "end": iso(u.end), "ended_by": orNull(u.endedBy),
         "note": orNull(u.endNote), "overdue": u.isOverdue(at: now), "check": u.check.map { $0 as Any } ?? NSNull()]
    }

    func json(_ q: TakeoutRequest) -> JSONObject {
        ["id": q.id, "kind": q.kind.rawValue, "registration": q.registration, "subject": q.registration,
         "requester": q.requester, "requested_at": iso(q.requestedAt), "destination": q.destination, "purpose": q.purpose,
         "from": iso(q.from), "until": iso(q.until), "transport": orNull(q.transport), "state": q.state.rawValue,
         "decided_by": orNull(q.decision?.by), "decided_at": iso(q.decision?.at),
         "confirmed": (q.decision?.confirmed ?? []).map(\.rawValue), "comment": orNull(q.decision?.comment),
         "departed_at": iso(q.departedAt), "departed_by": orNull(q.departedBy),
         "returned_at": iso(q.returnedAt), "returned_by": orNull(q.returnedBy), "return_note": orNull(q.returnNote),
         "overdue": q.isOverdue(at: now), "age_hours": Int(now.timeIntervalSince(q.requestedAt) / 3600)]
    }

    func json(_ p: Person) -> JSONObject {
        ["login": p.login, "name": p.name, "roles": p.roles.map(\.rawValue), "title": orNull(p.title),
         "rank": orNull(p.rank), "section": orNull(p.section), "enrolled_at": iso(p.enrolledAt), "enrolled_by": p.enrolledBy,
         "retired": p.isRetired, "retired_at": iso(p.retired?.at), "retired_reason": orNull(p.retired?.reason),
         "different_person": p.differentPerson]
    }

    func json(_ r: Record, hash: String? = nil) -> JSONObject {
        var o: JSONObject = ["seq": r.seq, "at": iso(r.at), "actor": r.actor, "via": orNull(r.via), "type": r.change.type,
                             "prev": r.prev, "summary": r.summary(lang, timeZone: timeZone)]
        if let full = try? JSONSerialization.jsonObject(with: r.encodedLine()) as? JSONObject { o["data"] = full["data"] }
        if let hash { o["hash"] = hash }
        return o
    }

    /// How long ago, for people: 3日, 5時間, 12分.
    func age(since d: Date) -> String {
        let s = max(0, Int(now.timeIntervalSince(d)))
        if s >= 86400 { return lang.pick("\(s / 86400)日", "\(s / 86400)d") }
        if s >= 3600 { return lang.pick("\(s / 3600)時間", "\(s / 3600)h") }
        return lang.pick("\(s / 60)分", "\(s / 60)m")
    }
}

/// A plain text table aligned by display width (Japanese takes two columns).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    func render() -> String {
        let clean = rows.map { $0.map(TerminalText.sanitize) }
        var widths = headers.map(\.displayWidth)
        // Every column but the last is capped so one long value cannot push the rest off the screen.
        for r in clean {
            for (i, c) in r.enumerated() where i < widths.count {
                widths[i] = max(widths[i], i == widths.count - 1 ? c.displayWidth : min(c.displayWidth, 40))
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let cut = c.displayWidth > widths[i] ? c.truncated(toWidth: widths[i] - 1) + "~" : c
                return i == cells.count - 1 ? cut : cut.padded(toWidth: widths[i])
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(headers)]
        out += clean.map(line)
        return out.joined(separator: "\n")
    }
}

/// `label: value` lines for one item, labels aligned.
func fieldList(_ pairs: [(String, String)]) -> String {
    let w = pairs.map(\.0.displayWidth).max() ?? 0
    return pairs.map { "\($0.0.padded(toWidth: w))  \(TerminalText.sanitize($0.1))" }.joined(separator: "\n")
}
