// The changes a record can carry: one per user action, so that an action is
// atomic in the journal (STYLE.md: "If one user action writes several records,
// make it atomic"). Each has a stable type name; field names are snake_case.

import Foundation

/// A person as enrolled: login, name, roles and the optional 官職/階級/所属.
public struct PersonData: Codable, Equatable, Sendable {
    public var login: String
    public var name: String
    public var roles: [Role]
    public var title: String?
    public var rank: String?
    public var section: String?
    /// Set (true) when the officer confirmed that a login enrolled under the 氏名 and 所属 of another
    /// is a different person (`--different-person`); absent otherwise.
    public var differentPerson: Bool?
    enum CodingKeys: String, CodingKey { case login, name, roles, title, rank, section, differentPerson = "different_person" }
    public init(login: String, name: String, roles: [Role], title: String? = nil, rank: String? = nil, section: String? = nil,
                differentPerson: Bool? = nil) {
        self.login = login; self.name = name; self.roles = roles
        self.title = title; self.rank = rank; self.section = section; self.differentPerson = differentPerson
    }
}

/// The first record: format version, the unit, its first officer and settings.
public struct HeaderData: Codable, Equatable, Sendable {
    public var format: Int
    public var unit: String
    public var officer: PersonData
    /// Registration-number scheme, e.g. `{kind}-{year}-{n:4}` (DOMAIN.md: configurable).
    public var scheme: String
    public init(format: Int = Record.formatVersion, unit: String, officer: PersonData, scheme: String = Ledger.defaultScheme) {
        self.format = format; self.unit = unit; self.officer = officer; self.scheme = scheme
    }
}

/// 登録: every field of the register entry (001 付紙第4).
public struct MediumData: Codable, Equatable, Sendable {
    public var registration: String
    public var kind: MediumKind
    public var category: DataCategory
    public var classification: Confidentiality
    public var restrictions: [Restriction]
    /// Material at 秘 or above is managed under separate secrecy rules (付紙第4 1(1)ア(ｱ)).
    public var secret: Bool
    public var model: String?
    public var serial: String?
    public var capacity: String?
    public var location: String?
    public var encrypted: Bool
    public var writeProtected: Bool
    /// "new" (package opened), the incoming transfer it came with (`TI-0001`), or "import"
    /// (a row of a register the unit kept before: `daicho import media`, MediaImport.swift).
    public var origin: String
    /// For a medium received from another unit: that unit, and its registration number there.
    public var fromUnit: String?
    public var theirRegistration: String?
    /// For an imported medium: the SHA-256 of the file it was read from, and the line its row starts on.
    public var importFile: String?
    public var importLine: Int?
    /// 登録日 as the imported register gave it (the record's own time is when it was imported).
    public var registeredOn: Day?

    public static let importOrigin = "import"
    public var isImported: Bool { origin == MediumData.importOrigin }

    enum CodingKeys: String, CodingKey {
        case registration, kind, category, classification = "class", restrictions, secret, model, serial, capacity, location
        case encrypted, writeProtected = "write_protected", origin, fromUnit = "from_unit", theirRegistration = "their_registration"
        case importFile = "import_sha256", importLine = "import_line", registeredOn = "registered_on"
    }
    public init(registration: String, kind: MediumKind, category: DataCategory, classification: Confidentiality,
                restrictions: [Restriction] = [], secret: Bool = false, model: String? = nil, serial: String? = nil,
                capacity: String? = nil, location: String? = nil, encrypted: Bool = false, writeProtected: Bool = false,
                origin: String = "new", fromUnit: String? = nil, theirRegistration: String? = nil,
                importFile: String? = nil, importLine: Int? = nil, registeredOn: Day? = nil) {
        self.registration = registration; self.kind = kind; self.category = category; self.classification = classification
        self.restrictions = restrictions; self.secret = secret; self.model = model; self.serial = serial
        self.capacity = capacity; self.location = location; self.encrypted = encrypted
        self.writeProtected = writeProtected; self.origin = origin
        self.fromUnit = fromUnit; self.theirRegistration = theirRegistration
        self.importFile = importFile; self.importLine = importLine; self.registeredOn = registeredOn
    }
}

public struct ScanData: Codable, Equatable, Sendable {
    public var registration: String
    public var result: ScanResult
    public var note: String?
    /// The checking product, and the date of its definitions (001 第3-3).
    public var product: String?
    public var definitions: Day?
    public init(registration: String, result: ScanResult, note: String? = nil, product: String? = nil, definitions: Day? = nil) {
        self.registration = registration; self.result = result; self.note = note; self.product = product; self.definitions = definitions
    }
}

/// A virus check recorded with a use itself (`use start --scanned clean`): by the user, now.
public struct UseScanData: Codable, Equatable, Sendable {
    public var result: ScanResult
    public var product: String?
    public init(result: ScanResult, product: String? = nil) { self.result = result; self.product = product }
}

public struct LostData: Codable, Equatable, Sendable {
    public var registration: String
    public var note: String
}

public struct UseStartData: Codable, Equatable, Sendable {
    public var registration: String
    public var purpose: String
    public var place: String?
    public var until: Date?
    /// The check recorded with the use, if it does not rest on one on record (001 第3-3).
    public var scan: UseScanData?
    enum CodingKeys: String, CodingKey { case registration, purpose, place = "where", until, scan }
    public init(registration: String, purpose: String, place: String? = nil, until: Date? = nil, scan: UseScanData? = nil) {
        self.registration = registration; self.purpose = purpose; self.place = place; self.until = until; self.scan = scan
    }
}

public struct UseEndData: Codable, Equatable, Sendable {
    public var registration: String
    public var note: String?
}

public struct TakeoutRequestData: Codable, Equatable, Sendable {
    public var request: String
    public var registration: String
    public var destination: String
    public var purpose: String
    public var from: Date
    public var until: Date
    public var transport: String?
}

public struct DecisionData: Codable, Equatable, Sendable {
    public var request: String
    /// Checks the approver confirmed (001 第3-2); empty on rejection.
    public var confirmed: [TakeoutCheck]
    public var comment: String?
}

public struct RejectionData: Codable, Equatable, Sendable {
    public var request: String
    public var reason: String
}

public struct WithdrawalData: Codable, Equatable, Sendable {
    public var request: String
    public var reason: String?
}

public struct MovementData: Codable, Equatable, Sendable {
    public var registration: String
    public var request: String
    public var note: String?
    /// The exceptions (Exceptions.swift) a departure went through under; absent when none.
    public var exceptions: [String]?
    public init(registration: String, request: String, note: String?, exceptions: [String]? = nil) {
        self.registration = registration; self.request = request; self.note = note; self.exceptions = exceptions
    }
}

public struct RolesData: Codable, Equatable, Sendable {
    public var login: String
    public var roles: [Role]
}

/// A correction names the record it corrects and gives a reason; nothing is edited.
public struct CorrectionData: Codable, Equatable, Sendable {
    public var target: Int
    public var reason: String
    public var note: String
}

/// A setting of the ledger changed by the officer (e.g. who decides take-outs).
public struct ConfigData: Codable, Equatable, Sendable {
    public var key: String
    public var value: String
}

/// One change: the payload of one record.
public enum Change: Equatable, Sendable {
    case header(HeaderData)
    case personEnrolled(PersonData)
    case rolesChanged(RolesData)
    /// 氏名, 官職, 階級, 所属 changed (People.swift).
    case personEdited(PersonEditData)
    /// 転出 or 退職: no more reading or writing.
    case personRetired(RetirementData)
    /// 責任者交代: the officer role moves from one person to another.
    case officerChanged(OfficerChangeData)
    case mediumRegistered(MediumData)
    case virusChecked(ScanData)
    case mediumLost(LostData)
    /// A lost medium found again: quarantined until a clean check (DOMAIN.md "Medium states").
    case mediumFound(LostData)
    case useStarted(UseStartData)
    case useEnded(UseEndData)
    case takeoutRequested(TakeoutRequestData)
    case requestApproved(DecisionData)
    case requestRejected(RejectionData)
    case requestWithdrawn(WithdrawalData)
    case takeoutDeparted(MovementData)
    case takeoutReturned(MovementData)
    case recordCorrected(CorrectionData)
    case configured(ConfigData)
    /// The register entry amended by the officer, each field old → new (Amend.swift).
    case mediumAmended(AmendmentData)
    case handoverDrafted(HandoverDraftData)
    /// A draft 送付リスト edited: the full content as it now stands (CaseRules.swift).
    case handoverEdited(HandoverDraftData)
    case handoverDispatched(HandoverDispatchData)
    case handoverReceived(HandoverReceiptData)
    case handoverReminded(HandoverNoteData)
    case handoverAcknowledged(HandoverNoteData)
    case handoverReturned(HandoverDisposalData)
    case handoverDestroyed(HandoverDisposalData)
    case handoverRecalled(HandoverNoteData)
    case handoverIncoming(HandoverIncomingData)
    case transferDrafted(TransferDraftData)
    /// A draft 送達票 edited: the full content as it now stands.
    case transferEdited(TransferDraftData)
    case transferDispatched(TransferDispatchData)
    case transferReceived(TransferReceiptData)
    case transferIncoming(TransferIncomingData)
    case transferRecalled(TransferRecallData)
    /// Media (or items) that arrived after a receipt that said they had not (Receipts.swift).
    case handoverLate(LateArrivalData)
    case transferLate(LateArrivalData)
    /// Pledges, keys, rosters, inventories, disposals and incidents (Life.swift).
    case life(LifeChange)
    /// An exception to a rule asked for (Exceptions.swift); decided by request.approved / request.rejected.
    case exceptionRequested(ExceptionRequestData)
    /// A correction asked for (Corrections.swift); decided by request.approved / request.rejected.
    case correctionRequested(CorrectionRequestData)

    /// The stable type name written in the record.
    public var type: String {
        switch self {
        case .header: "ledger.header"
        case .personEnrolled: "person.enrolled"
        case .rolesChanged: "person.roles_changed"
        case .personEdited: "person.edited"
        case .personRetired: "person.retired"
        case .officerChanged: "person.officer_changed"
        case .mediumRegistered: "medium.registered"
        case .virusChecked: "medium.scanned"
        case .mediumLost: "medium.lost"
        case .mediumFound: "medium.found"
        case .useStarted: "use.started"
        case .useEnded: "use.ended"
        case .takeoutRequested: "takeout.requested"
        case .requestApproved: "request.approved"
        case .requestRejected: "request.rejected"
        case .requestWithdrawn: "request.withdrawn"
        case .takeoutDeparted: "takeout.departed"
        case .takeoutReturned: "takeout.returned"
        case .recordCorrected: "record.corrected"
        case .configured: "ledger.configured"
        case .mediumAmended: "medium.amended"
        case .handoverDrafted: "handover.drafted"
        case .handoverEdited: "handover.edited"
        case .handoverDispatched: "handover.dispatched"
        case .handoverReceived: "handover.received"
        case .handoverReminded: "handover.reminded"
        case .handoverAcknowledged: "handover.acknowledged"
        case .handoverReturned: "handover.returned"
        case .handoverDestroyed: "handover.destroyed"
        case .handoverRecalled: "handover.recalled"
        case .handoverIncoming: "handover.incoming"
        case .transferDrafted: "transfer.drafted"
        case .transferEdited: "transfer.edited"
        case .transferDispatched: "transfer.dispatched"
        case .transferReceived: "transfer.received"
        case .transferIncoming: "transfer.incoming"
        case .transferRecalled: "transfer.recalled"
        case .handoverLate: "handover.late"
        case .transferLate: "transfer.late"
        case .life(let d): d.type
        case .exceptionRequested: "exception.requested"
        case .correctionRequested: "correction.requested"
        }
    }

    /// The medium this change concerns, if any (for a medium's history).
    public var registration: String? {
        switch self {
        case .mediumRegistered(let d): d.registration
        case .virusChecked(let d): d.registration
        case .mediumLost(let d): d.registration
        case .mediumFound(let d): d.registration
        case .useStarted(let d): d.registration
        case .useEnded(let d): d.registration
        case .takeoutRequested(let d): d.registration
        case .takeoutDeparted(let d): d.registration
        case .takeoutReturned(let d): d.registration
        case .mediumAmended(let d): d.registration
        case .life(let d): d.registration
        case .exceptionRequested(let d): d.registration
        default: nil
        }
    }

    /// The request this change concerns, if any.
    public var requestID: String? {
        switch self {
        case .takeoutRequested(let d): d.request
        case .requestApproved(let d): d.request
        case .requestRejected(let d): d.request
        case .requestWithdrawn(let d): d.request
        case .takeoutDeparted(let d): d.request
        case .takeoutReturned(let d): d.request
        case .exceptionRequested(let d): d.exception
        case .correctionRequested(let d): d.request
        default: nil
        }
    }

    /// The handover or transfer case this change concerns, if any.
    public var caseID: String? {
        switch self {
        case .handoverDrafted(let d), .handoverEdited(let d): d.handover
        case .handoverDispatched(let d): d.handover
        case .handoverReceived(let d): d.handover
        case .handoverReminded(let d), .handoverAcknowledged(let d), .handoverRecalled(let d): d.handover
        case .handoverReturned(let d), .handoverDestroyed(let d): d.handover
        case .handoverIncoming(let d): d.handover
        case .transferDrafted(let d), .transferEdited(let d): d.transfer
        case .transferDispatched(let d): d.transfer
        case .transferReceived(let d): d.transfer
        case .transferIncoming(let d): d.transfer
        case .transferRecalled(let d): d.transfer
        case .handoverLate(let d), .transferLate(let d): d.id
        default: nil
        }
    }
}
