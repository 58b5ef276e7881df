// `daicho verify`: reads the whole journal as any open does (each line parses,
// carries the next seq, names the previous line's hash, is a known record type,
// and keeps every rule of the domain as it stood then: Ledger.ruleViolation),
// compares it with every checkpoint of a printed form or report, and prints the
// head hash. `--against HASH` looks up a head hash copied from a paper form.

import ArgumentParser
import DaichoCore
import DaichoJournal
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the journal: hash chain, sequence, record types, the domain's rules and the checkpoints; print the head hash.",
        discussion: "Exit 0 if intact, 2 naming the first bad record. --against checks a head hash copied from a paper form.")
    @Option(help: "A head hash from a paper form: the full hash or a unique prefix of at least 16 hex digits.") var against: String?
    @OptionGroup var read: ReadOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try Context(global)
        let lang = ctx.lang
        // Every record folded from the first, never from the snapshot; the snapshot is compared with that fold.
        let j = try ctx.openJournal(snapshot: .check)
        try ctx.requireReaderIfInstalled(j)
        let n = j.ledger.records.count
        var snapshotDiffers: Int?
        if case .differs(let at) = j.snapshotStatus {
            // Screens opened from it showed a state the journal does not hold: remove it (the next open rebuilds it).
            snapshotDiffers = at
            unlink(j.snapshotPath)
        }
        let file: CheckpointFile
        do { file = try j.readCheckpoints() } catch { throw ctx.fail(error) }
        let lookup = against.map { j.lookUp(hash: $0) }
        if let lookup, j.damage == nil {
            switch lookup {
            case .malformed:
                throw CLIFailure(message: lang.pick("--against には16進16桁以上のハッシュを指定してください（8桁では書き換えた台帳を数秒で一致させられます）", "--against needs at least 16 hex digits of a hash (8 can be matched by a rewritten journal in seconds)"),
                                 code: CLIFailure.usage)
            case .ambiguous(let seqs):
                throw CLIFailure(message: lang.pick("ハッシュ「\(against!)」に一致するレコードが複数あります（#\(seqs.map(String.init).joined(separator: ", #"))）。もっと長く指定してください",
                                                    "hash '\(against!)' matches several records (#\(seqs.map(String.init).joined(separator: ", #"))): give more digits"),
                                 code: CLIFailure.usage)
            default: break
            }
        }

        if read.json {
            var o: JSONObject = ["ok": j.damage == nil && file.unreadableLines.isEmpty, "records": n, "head": j.headHash,
                                 "checkpoints": file.checkpoints.count]
            if let d = j.damage {
                o["error"] = d.message(lang); o["bad_seq"] = d.seq ?? NSNull(); o["bad_line"] = d.line
                if case .newerVersion(let v) = d.reason { o["newer_format"] = v }
            }
            if !file.unreadableLines.isEmpty { o["unreadable_checkpoint_lines"] = file.unreadableLines }
            if let lookup, j.damage == nil { o["against"] = json(lookup) }
            // Values the rules cannot read (free-text restrictions of an earlier version): warnings, not damage.
            o["warnings"] = j.damage == nil ? j.ledger.warnings : []
            switch j.snapshotStatus {
            case .matches(let at): o["snapshot"] = ["matches": true, "records": at] as JSONObject
            case .differs(let at): o["snapshot"] = ["matches": false, "records": at, "removed": true] as JSONObject; o["ok"] = false
            case .ignored(let why): o["snapshot"] = ["unusable": why] as JSONObject
            default: break
            }
            out(jsonString(o))
        }
        if let d = j.damage { throw CLIFailure(message: d.message(lang), code: CLIFailure.damaged) }
        if !file.unreadableLines.isEmpty {
            throw CLIFailure(message: lang.pick("\(j.checkpointPath) の \(file.unreadableLines.map(String.init).joined(separator: ",")) 行目は控えとして読めません（改ざんの疑い）",
                                                "\(j.checkpointPath): line \(file.unreadableLines.map(String.init).joined(separator: ",")) is not a checkpoint (altered?)"),
                             code: CLIFailure.damaged)
        }
        if let at = snapshotDiffers {
            throw CLIFailure(message: lang.pick("\(j.snapshotPath) の状態（\(at)件目まで）が台帳から再計算した状態と一致しません（改ざんまたは不具合の疑い）。削除しました。画面は次に開くとき台帳から作り直します",
                                                "\(j.snapshotPath) (the state after \(at) records) differs from the state folded from the journal (altered, or a bug): removed; the next open rebuilds it from the journal"),
                             code: CLIFailure.damaged)
        }
        if case .notFound = lookup {
            throw CLIFailure(message: lang.pick("ハッシュ「\(against!)」のレコードはこの台帳にありません: 台帳が書き換えられたか、別の台帳の控えです",
                                                "no record of this journal has the hash '\(against!)': the journal was rewritten, or the form is from another ledger"),
                             code: CLIFailure.damaged)
        }
        if !read.json {
            out(lang.pick("正常: \(n)件のレコードのハッシュ連鎖・通し番号・記録の種類・業務規則に問題はありません",
                          "OK: the hash chain of \(n) records is intact; sequence, record types and the domain's rules hold"))
            for w in j.ledger.warnings {
                out(lang.pick("警告（損傷ではありません）: ", "warning (not damage): ") + neutralized(w))
            }
            if case .matches(let at) = j.snapshotStatus {
                out(lang.pick("スナップショット: \(at)件目までの状態が台帳と一致", "snapshot: the state after \(at) records agrees with the journal"))
            }
            if let last = file.checkpoints.last {
                out(lang.pick("控え: \(file.checkpoints.count)件と一致（最新 \(ctx.time(last.at)) \(neutralized(last.purpose))）",
                              "checkpoints: \(file.checkpoints.count) agree (latest \(ctx.time(last.at)) \(neutralized(last.purpose)))"))
            }
            switch lookup {
            case .head(let seq, let h)?:
                out(lang.pick("照合: \(h) はレコード #\(seq)、現在の先頭です", "against: \(h) is record #\(seq), the current head"))
            case .earlier(let seq, let h, let later)?:
                out(lang.pick("照合: \(h) はレコード #\(seq) です。その後に \(later) 件記録されています",
                              "against: \(h) is record #\(seq); \(later) records were written after it"))
            default: break
            }
            out(lang.pick("先頭ハッシュ: ", "head: ") + j.headHash)
        }
        // Verification is a report too: the head it printed is kept.
        ctx.checkpoint(j, purpose: "verify")
    }

    private func json(_ l: HashLookup) -> JSONObject {
        switch l {
        case .head(let seq, let h): return ["found": true, "seq": seq, "hash": h, "is_head": true, "later": 0]
        case .earlier(let seq, let h, let later): return ["found": true, "seq": seq, "hash": h, "is_head": false, "later": later]
        default: return ["found": false]
        }
    }
}
