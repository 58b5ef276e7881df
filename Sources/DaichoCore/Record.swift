// One journal record: a line of JSON. See JOURNAL_FORMAT.md at the top of the
// repository for the grammar. The domain knows how a record is spelled; the
// storage module knows files, locks and hashes.

import Foundation

/// A record as stored: sequence number, UTC time, actor, previous hash, change.
public struct Record: Equatable, Sendable {
    /// The version of the record layout (`v`), and of the journal format (header `format`).
    public static let formatVersion = 1
    /// `prev` of the first record: 64 zeros.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// 0 for the header, then 1, 2, 3 … without gaps.
    public var seq: Int
    /// When it was written (stored as UTC, whole seconds).
    public var at: Date
    /// The enrolled person the record is written for.
    public var actor: String
    /// The login that actually ran the command when it differs (root using `--as`).
    public var via: String?
    /// SHA-256 (hex) of the previous record's line bytes.
    public var prev: String
    public var change: Change
    /// Seconds the writer's clock read earlier than the record before (an NTP step back): time
    /// only moves forward, so `at` is the previous record's time and this says by how much the
    /// clock was behind (`clock_behind`, JOURNAL_FORMAT.md). Nil when the clock was not behind.
    public var clockBehind: Int?

    public init(seq: Int, at: Date, actor: String, via: String? = nil, prev: String, change: Change, clockBehind: Int? = nil) {
        self.seq = seq; self.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
        self.actor = actor; self.via = via; self.prev = prev; self.change = change; self.clockBehind = clockBehind
    }
}

/// Why a line could not be read as a record.
public struct RecordDecodingError: Error, Equatable, Sendable {
    public var reason: String
}

extension Record {
    private struct Envelope: Codable {
        var v: Int
        var seq: Int
        var type: String
        var at: String
        var actor: String
        var via: String?
        var prev: String
        var clock_behind: Int?
    }

    private static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        return e
    }
    private static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = Timestamp.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "bad time \(s)")
            }
            return date
        }
        return d
    }

    /// The line (without newline) this record is stored as. Keys are sorted,
    /// so the same record always gives the same bytes.
    ///
    /// Spelled by the hand-written RecordWriter (RecordWriter.swift), which
    /// writes exactly the bytes `encodedLineWithFoundation` writes.
    public func encodedLine() -> Data {
        RecordWriter.line(self)
    }

    /// The line as JSONEncoder spells it: the reference the fast writer is tested against.
    func encodedLineWithFoundation() -> Data {
        // The envelope and the change are encoded separately and joined, so
        // `data` is always the last key and the envelope stays readable.
        let enc = Record.encoder()
        let env = Envelope(v: Record.formatVersion, seq: seq, type: change.type, at: Timestamp.format(at),
                           actor: actor, via: via, prev: prev, clock_behind: clockBehind)
        // Encoding these plain structs cannot fail.
        var head = try! enc.encode(env)
        let data = try! change.encodedData(enc)
        head.removeLast() // "}"
        head.append(contentsOf: Array(",\"data\":".utf8))
        head.append(data)
        head.append(UInt8(ascii: "}"))
        return head
    }

    /// Reads one line. Unknown types or versions are errors: a ledger must not skip what it cannot read.
    ///
    /// Lines as daicho writes them are read by a strict hand-written reader
    /// (RecordReader.swift); anything it is not sure of goes through
    /// `decodeWithFoundation`, which gives the same result or the error.
    public static func decode(line: Data) throws -> Record {
        if let r = RecordReader.read(line) { return r }
        return try decodeWithFoundation(line: line)
    }

    /// Reads one line with JSONDecoder: the reference reading, and the one for
    /// every line the fast reader declines.
    static func decodeWithFoundation(line: Data) throws -> Record {
        let dec = decoder()
        let env: Envelope
        do { env = try dec.decode(Envelope.self, from: line) } catch {
            throw RecordDecodingError(reason: "not a record: \(error)")
        }
        guard env.v == formatVersion else { throw RecordDecodingError(reason: "unsupported record version \(env.v)") }
        guard let at = Timestamp.parse(env.at) else { throw RecordDecodingError(reason: "bad time \(env.at)") }
        let change: Change
        do { change = try Change.decode(type: env.type, from: line, decoder: dec) } catch let e as RecordDecodingError {
            throw e
        } catch {
            throw RecordDecodingError(reason: "bad \(env.type) data: \(error)")
        }
        return Record(seq: env.seq, at: at, actor: env.actor, via: env.via, prev: env.prev, change: change, clockBehind: env.clock_behind)
    }
}

/// The `data` member of a record line.
private struct DataField<T: Decodable>: Decodable { var data: T }

extension Change {
    fileprivate func encodedData(_ enc: JSONEncoder) throws -> Data {
        switch self {
        case .header(let d): try enc.encode(d)
        case .personEnrolled(let d): try enc.encode(d)
        case .rolesChanged(let d): try enc.encode(d)
        case .personEdited(let d): try enc.encode(d)
        case .personRetired(let d): try enc.encode(d)
        case .officerChanged(let d): try enc.encode(d)
        case .mediumRegistered(let d): try enc.encode(d)
        case .virusChecked(let d): try enc.encode(d)
        case .mediumLost(let d): try enc.encode(d)
        case .mediumFound(let d): try enc.encode(d)
        case .useStarted(let d): try enc.encode(d)
        case .useEnded(let d): try enc.encode(d)
        case .takeoutRequested(let d): try enc.encode(d)
        case .requestApproved(let d): try enc.encode(d)
        case .requestRejected(let d): try enc.encode(d)
        case .requestWithdrawn(let d): try enc.encode(d)
        case .takeoutDeparted(let d): try enc.encode(d)
        case .takeoutReturned(let d): try enc.encode(d)
        case .recordCorrected(let d): try enc.encode(d)
        case .configured(let d): try enc.encode(d)
        case .mediumAmended(let d): try enc.encode(d)
        case .handoverDrafted(let d), .handoverEdited(let d): try enc.encode(d)
        case .handoverDispatched(let d): try enc.encode(d)
        case .handoverReceived(let d): try enc.encode(d)
        case .handoverReminded(let d), .handoverAcknowledged(let d), .handoverRecalled(let d): try enc.encode(d)
        case .handoverReturned(let d), .handoverDestroyed(let d): try enc.encode(d)
        case .handoverIncoming(let d): try enc.encode(d)
        case .transferDrafted(let d), .transferEdited(let d): try enc.encode(d)
        case .transferDispatched(let d): try enc.encode(d)
        case .transferReceived(let d): try enc.encode(d)
        case .transferIncoming(let d): try enc.encode(d)
        case .transferRecalled(let d): try enc.encode(d)
        case .handoverLate(let d), .transferLate(let d): try enc.encode(d)
        case .life(let d): try d.encodedData(enc)
        case .exceptionRequested(let d): try enc.encode(d)
        case .correctionRequested(let d): try enc.encode(d)
        }
    }

    fileprivate static func decode(type: String, from line: Data, decoder: JSONDecoder) throws -> Change {
        func d<T: Decodable>(_: T.Type) throws -> T { try decoder.decode(DataField<T>.self, from: line).data }
        switch type {
        case "ledger.header": return .header(try d(HeaderData.self))
        case "person.enrolled": return .personEnrolled(try d(PersonData.self))
        case "person.roles_changed": return .rolesChanged(try d(RolesData.self))
        case "person.edited": return .personEdited(try d(PersonEditData.self))
        case "person.retired": return .personRetired(try d(RetirementData.self))
        case "person.officer_changed": return .officerChanged(try d(OfficerChangeData.self))
        case "medium.registered": return .mediumRegistered(try d(MediumData.self))
        case "medium.scanned": return .virusChecked(try d(ScanData.self))
        case "medium.lost": return .mediumLost(try d(LostData.self))
        case "medium.found": return .mediumFound(try d(LostData.self))
        case "use.started": return .useStarted(try d(UseStartData.self))
        case "use.ended": return .useEnded(try d(UseEndData.self))
        case "takeout.requested": return .takeoutRequested(try d(TakeoutRequestData.self))
        case "request.approved": return .requestApproved(try d(DecisionData.self))
        case "request.rejected": return .requestRejected(try d(RejectionData.self))
        case "request.withdrawn": return .requestWithdrawn(try d(WithdrawalData.self))
        case "takeout.departed": return .takeoutDeparted(try d(MovementData.self))
        case "takeout.returned": return .takeoutReturned(try d(MovementData.self))
        case "record.corrected": return .recordCorrected(try d(CorrectionData.self))
        case "ledger.configured": return .configured(try d(ConfigData.self))
        case "medium.amended": return .mediumAmended(try d(AmendmentData.self))
        case "handover.drafted": return .handoverDrafted(try d(HandoverDraftData.self))
        case "handover.edited": return .handoverEdited(try d(HandoverDraftData.self))
        case "handover.dispatched": return .handoverDispatched(try d(HandoverDispatchData.self))
        case "handover.received": return .handoverReceived(try d(HandoverReceiptData.self))
        case "handover.reminded": return .handoverReminded(try d(HandoverNoteData.self))
        case "handover.acknowledged": return .handoverAcknowledged(try d(HandoverNoteData.self))
        case "handover.returned": return .handoverReturned(try d(HandoverDisposalData.self))
        case "handover.destroyed": return .handoverDestroyed(try d(HandoverDisposalData.self))
        case "handover.recalled": return .handoverRecalled(try d(HandoverNoteData.self))
        case "handover.incoming": return .handoverIncoming(try d(HandoverIncomingData.self))
        case "transfer.drafted": return .transferDrafted(try d(TransferDraftData.self))
        case "transfer.edited": return .transferEdited(try d(TransferDraftData.self))
        case "transfer.dispatched": return .transferDispatched(try d(TransferDispatchData.self))
        case "transfer.received": return .transferReceived(try d(TransferReceiptData.self))
        case "transfer.incoming": return .transferIncoming(try d(TransferIncomingData.self))
        case "transfer.recalled": return .transferRecalled(try d(TransferRecallData.self))
        case "handover.late": return .handoverLate(try d(LateArrivalData.self))
        case "transfer.late": return .transferLate(try d(LateArrivalData.self))
        case "exception.requested": return .exceptionRequested(try d(ExceptionRequestData.self))
        case "correction.requested": return .correctionRequested(try d(CorrectionRequestData.self))
        default:
            if let c = try LifeChange.decode(type: type, from: line, decoder: decoder) { return .life(c) }
            throw RecordDecodingError(reason: "unknown record type \(type)")
        }
    }
}

/// UTC instants as `2026-11-25T06:23:43Z`.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let c = Civil(epochSeconds: t)
        return c.iso + "Z"
    }
    /// Parses exactly the form `format` writes.
    public static func parse(_ s: String) -> Date? {
        let b = Array(s.utf8)
        guard b.count == 20, b[19] == UInt8(ascii: "Z"), let c = Civil(isoBytes: b[0..<19]) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(c.epochSeconds))
    }
}
