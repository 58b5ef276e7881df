// A snapshot of the folded ledger, so that opening a long journal does not fold every record again.

extension Journal {
    /// The snapshot file in the data directory: derived, rebuilt whenever it does not match the journal.
    public static let snapshotName = "daicho.snapshot"
}
