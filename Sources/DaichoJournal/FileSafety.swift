// Who may write the journal. A hash chain proves integrity only against
// people who cannot rewrite the file; so the data directory and the files
// that anchor it (the journal, the checkpoints) must be writable by their
// owner alone, or also by the one group named in DAICHO_GROUP. Created files
// are 0600 (directory 0700), or 0640 (0750) with a group.

import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Journal {
    /// Refuses a directory, journal or checkpoint file that others can write. Missing ones are fine.
    static func checkPermissions(directory: String, group: gid_t?) throws {
        for path in [directory, directory + "/" + fileName, directory + "/" + checkpointName] {
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            let mode = UInt32(st.st_mode)
            let othersWrite = mode & 0o002 != 0
            // Group write only for the configured group (files made by an earlier version were 0660/0770).
            let groupWrite = mode & 0o020 != 0 && !(group != nil && st.st_gid == group!)
            if othersWrite || groupWrite { throw JournalError.unsafePermissions(path: path, mode: mode) }
        }
    }
}
