// 登録内容の変更 (001 付紙第4; issue 11 "Amending the register"): the officer amends a
// medium's register entry from its page (M). The form opens with the entry as it stands;
// only what is changed is recorded, each field old → new, with a reason, after the
// question every write has. The same rule check as `media amend` (Amend.swift).

import CellKit
import DaichoCore
import Foundation

extension Forms {
    static func amend(_ m: Medium, _ w: World) -> FormScreen {
        let d = m.data, l = w.lang
        let yesNo = [("yes", l.pick("あり", "yes")), ("no", l.pick("なし", "no"))]
        func flag(_ id: String, _ label: String, _ on: Bool) -> FormField {
            var f = FormField(id, label, .choice(yesNo))
            f.choice = on ? 0 : 1
            return f
        }
        var cls = FormField("class", l.pick("格付", "class"), .choice(Confidentiality.allCases.map { (String($0.rawValue), $0.label(l)) }))
        cls.choice = Confidentiality.allCases.firstIndex(of: d.classification) ?? 0
        let fields = [
            FormField("reason", l.pick("変更の理由", "reason"), required: true, maxLength: Field.reason.maxLength),
            FormField("location", l.pick("保管場所", "location"), text: d.location ?? "", maxLength: Field.location.maxLength),
            flag("encrypted", l.pick("暗号化", "encrypted"), d.encrypted),
            flag("write_protected", l.pick("追記禁止", "write-protected"), d.writeProtected),
            cls,
            FormField("restrictions", l.pick("取扱制限（、区切り）", "restrictions (comma list)"),
                      text: d.restrictions.map(\.rawValue).joined(separator: "、"), maxLength: 200),
            FormField("model", l.pick("型式", "model"), text: d.model ?? "", maxLength: Field.model.maxLength),
            FormField("serial", l.pick("製造番号", "serial"), text: d.serial ?? "", maxLength: Field.serial.maxLength),
            FormField("capacity", l.pick("容量", "capacity"), text: d.capacity ?? "", maxLength: Field.capacity.maxLength),
            flag("secret", l.pick("秘", "secret"), d.secret),
        ]
        var form = FormScreen(heading: l.pick("登録内容の変更: \(d.registration)（情報保証責任者）", "Amend the register entry: \(d.registration)"),
                              fields: fields, success: l.pick("登録内容を変更しました", "register entry amended")) { v, w in
            .success(.record(.amend(registration: d.registration, reason: v["reason"], amendment(v, d))))
        }
        form.preview = { v, w in
            let c = changes(v, d, w.lang)
            return c.isEmpty ? w.t("変更する項目を書き換えてください", "change a field to amend it") : c.joined(separator: "  ")
        }
        return form
    }

    /// The restrictions as typed (、 , or ， between them).
    static func restrictionWords(_ s: String) -> [String] {
        s.split { "、,，".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Only what differs from the entry as it stands.
    static func amendment(_ v: FormValues, _ d: MediumData) -> MediumAmendment {
        var a = MediumAmendment()
        if (v.optional("location") ?? "") != (d.location ?? "") { a.location = v["location"] }
        if (v["encrypted"] == "yes") != d.encrypted { a.encrypted = v["encrypted"] == "yes" }
        if (v["write_protected"] == "yes") != d.writeProtected { a.writeProtected = v["write_protected"] == "yes" }
        if let n = Int(v["class"]), let c = Confidentiality(rawValue: n), c != d.classification { a.classification = c }
        let words = restrictionWords(v["restrictions"])
        if words != d.restrictions.map(\.rawValue) { a.restrictions = words }
        if (v.optional("model") ?? "") != (d.model ?? "") { a.model = v["model"] }
        if (v.optional("serial") ?? "") != (d.serial ?? "") { a.serial = v["serial"] }
        if (v.optional("capacity") ?? "") != (d.capacity ?? "") { a.capacity = v["capacity"] }
        if (v["secret"] == "yes") != d.secret { a.secret = v["secret"] == "yes" }
        return a
    }

    /// "保管場所: A → B" for each field changed.
    static func changes(_ v: FormValues, _ d: MediumData, _ l: Lang) -> [String] {
        let a = amendment(v, d)
        func yn(_ b: Bool) -> String { b ? l.pick("あり", "yes") : l.pick("なし", "no") }
        var out: [String] = []
        if let x = a.location { out.append(l.pick("保管場所", "location") + ": \(d.location ?? "-") → \(x.isEmpty ? "-" : x)") }
        if let x = a.encrypted { out.append(l.pick("暗号化", "encrypted") + ": \(yn(d.encrypted)) → \(yn(x))") }
        if let x = a.writeProtected { out.append(l.pick("追記禁止", "write-protected") + ": \(yn(d.writeProtected)) → \(yn(x))") }
        if let x = a.classification { out.append(l.pick("格付", "class") + ": \(d.classification.label(l)) → \(x.label(l))") }
        if let x = a.restrictions {
            out.append(l.pick("取扱制限", "restrictions") + ": \(d.restrictions.isEmpty ? "-" : d.restrictions.map(\.rawValue).joined(separator: "、")) → \(x.isEmpty ? "-" : x.joined(separator: "、"))")
        }
        if let x = a.model { out.append(l.pick("型式", "model") + ": \(d.model ?? "-") → \(x.isEmpty ? "-" : x)") }
        if let x = a.serial { out.append(l.pick("製造番号", "serial") + ": \(d.serial ?? "-") → \(x.isEmpty ? "-" : x)") }
        if let x = a.capacity { out.append(l.pick("容量", "capacity") + ": \(d.capacity ?? "-") → \(x.isEmpty ? "-" : x)") }
        if let x = a.secret { out.append(l.pick("秘", "secret") + ": \(yn(d.secret)) → \(yn(x))") }
        return out
    }
}
