// Who may write the journal, and what a file in the data directory may be.
//
// A hash chain proves integrity only against people who cannot rewrite the
// file; so the data directory and every file daicho opens in it must be
// writable by their owner alone (issue 10: the group-writable layout of an
// earlier version let a clerk append a line naming the officer). Created files
// are 0600 (directory 0700), or 0640 (0750) when DAICHO_GROUP names a group
// that may read them.
//
// Any file in the data directory can be anything (002 第128-132条: least
// privilege; issue 10 "hardening"): every file is opened with O_NOFOLLOW (a
// planted symbolic link is refused, never followed), O_NONBLOCK (a FIFO in
// place of the journal must not hang `verify`) and O_CLOEXEC, then fstat'ed:
// anything but a regular file, a file owned by someone other than the
// directory's owner, or one that others can write is refused at once with a
// one-line message naming it. The data directory itself must be a real
// directory (not a symbolic link), owned by its owner and writable by nobody
// else. Only the directory's owner creates or writes files in it: anyone else
// (root included) reads it as a read-only copy, so root never creates a file
// inside a directory another user controls.

import DaichoCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a path in the data directory turned out to be, for messages.
public enum FileKind: String, Equatable, Sendable {
    case directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFSOCK: self = .socket
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }

    func name(_ lang: Lang) -> String {
        switch self {
        case .directory: lang.pick("ディレクトリ", "a directory")
        case .fifo: lang.pick("FIFO（名前付きパイプ）", "a FIFO (named pipe)")
        case .characterDevice: lang.pick("キャラクタデバイス", "a character device")
        case .blockDevice: lang.pick("ブロックデバイス", "a block device")
        case .socket: lang.pick("ソケット", "a socket")
        case .symbolicLink: lang.pick("シンボリックリンク", "a symbolic link")
        case .other: lang.pick("通常のファイルでないもの", "not a regular file")
        }
    }
}

extension Journal {
    /// Flags every open in the data directory carries.
    static let safeOpenFlags = O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK

    /// Checks the data directory (a missing one is fine: it is created on the first write).
    /// Returns its owner, or nil when it does not exist.
    static func checkDirectory(_ directory: String) throws -> uid_t? {
        var st = stat()
        guard lstat(directory, &st) == 0 else {
            if errno == ENOENT { return nil }
            throw JournalError.io(operation: "stat", path: directory, errno: errno)
        }
        if st.st_mode & S_IFMT == S_IFLNK { throw JournalError.notRegularFile(path: directory, kind: .symbolicLink) }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw JournalError.notRegularFile(path: directory, kind: FileKind(mode: st.st_mode)) }
        if UInt32(st.st_mode) & 0o022 != 0 { throw JournalError.unsafePermissions(path: directory, mode: UInt32(st.st_mode)) }
        return st.st_uid
    }

    /// Checks an open file of the data directory: a regular file, owned by `owner` (when given),
    /// that nobody but its owner can write.
    static func checkOpenFile(_ fd: Int32, path: String, owner: uid_t?) throws -> stat {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError.io(operation: "stat", path: path, errno: errno) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw JournalError.notRegularFile(path: path, kind: FileKind(mode: st.st_mode)) }
        if let owner, st.st_uid != owner { throw JournalError.wrongOwner(path: path, owner: st.st_uid, expected: owner) }
        if UInt32(st.st_mode) & 0o022 != 0 { throw JournalError.unsafePermissions(path: path, mode: UInt32(st.st_mode)) }
        return st
    }

    /// Opens a file of the data directory safely (O_NOFOLLOW, O_NONBLOCK, O_CLOEXEC, then checked).
    /// Returns nil when it does not exist and `flags` does not create it.
    static func openChecked(_ path: String, _ flags: Int32, mode: mode_t = 0o600, owner: uid_t?) throws -> Int32? {
        let fd = open(path, flags | safeOpenFlags, mode)
        if fd < 0 {
            let e = errno
            if e == ENOENT && flags & O_CREAT == 0 { return nil }
            // O_NOFOLLOW on a symbolic link fails with ELOOP: say what it is, not "too many levels".
            if e == ELOOP {
                var st = stat()
                if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK { throw JournalError.notRegularFile(path: path, kind: .symbolicLink) }
            }
            throw JournalError.io(operation: "open", path: path, errno: e)
        }
        do { _ = try checkOpenFile(fd, path: path, owner: owner) } catch { close(fd); throw error }
        return fd
    }

    /// Reads a whole (small) file of the data directory safely; nil when it does not exist.
    /// Refuses one larger than `limit` bytes.
    static func readChecked(_ path: String, owner: uid_t?, limit: Int = 1 << 30) throws -> Data? {
        guard let fd = try openChecked(path, O_RDONLY, owner: owner) else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw JournalError.io(operation: "stat", path: path, errno: errno) }
        guard Int(st.st_size) <= limit else { throw JournalError.io(operation: "read", path: path, errno: EFBIG) }
        var data = Data(count: Int(st.st_size))
        var done = 0
        let count = data.count
        try data.withUnsafeMutableBytes { (buf: UnsafeMutableRawBufferPointer) in
            while done < count {
                let n = pread(fd, buf.baseAddress! + done, count - done, off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw JournalError.io(operation: "read", path: path, errno: errno)
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < count { data.count = done }
        return data
    }

    /// Refuses a directory, journal or checkpoint file that is not what it must be (above).
    /// Missing ones are fine. Returns the directory's owner (nil when it does not exist yet).
    static func checkPermissions(directory: String) throws -> uid_t? {
        guard let owner = try checkDirectory(directory) else { return nil }
        for path in [directory + "/" + fileName, directory + "/" + checkpointName] {
            if let fd = try openChecked(path, O_RDONLY, owner: owner) { close(fd) }
        }
        return owner
    }

    /// fsyncs a directory, so that a file created (or renamed) in it survives a power loss.
    static func fsyncDirectory(_ directory: String) {
        let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}
