// swift-tools-version:6.0
// daicho (台帳): the portable-media register and handover ledger.
//
// Module map (the domain never imports storage or terminal code):
//   DaichoCore      pure domain: records, state (the fold), rules, queries
//   DaichoJournal   the append-only, hash-chained journal files (flock, fsync)
//   CellKit         an in-memory cell grid, display width, widgets, keys, line editor
//   DaichoPaper     the printed forms (送付リスト/受領書, 送達票/受領票) as fixed-width text
//   DaichoPDF       the forms, labels and books as PDF (cairo + pango, barcodes by zint)
//   CCairo, CZint   system library shims for cairo/pango (pkg-config pangocairo) and libzint
//   DaichoResources data files under Resources/ (label sheet layouts)
//   DaichoUI        the screens as data: state, keys -> effects, render to cells
//   DaichoTerminal  the one thin ncursesw adapter: copies cells out, reads keys
//   CNcursesw       system library shim for libncursesw
//   CWidth          wcwidth/setlocale, which Glibc hides from Swift
//   DaichoSheets    spreadsheets: CSV read through CSV.swift, text encodings through iconv, .xlsx written by libxlsxwriter
//   CXlsxwriter     system library shim for libxlsxwriter
//   daicho          the executable: CLI (swift-argument-parser) and `daicho` = TUI
import PackageDescription

let package = Package(
    name: "daicho",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "daicho", targets: ["daicho"]),
        .executable(name: "daicho-bench", targets: ["daicho-bench"]),
        .executable(name: "daicho-stress", targets: ["daicho-stress"]),
        .executable(name: "daicho-fuzz", targets: ["daicho-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "CWidth", path: "Sources/CWidth"),
        .systemLibrary(name: "CXlsxwriter", path: "Sources/CXlsxwriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(
            name: "DaichoSheets",
            dependencies: ["CXlsxwriter", .product(name: "CSV", package: "CSV.swift")],
            path: "Sources/DaichoSheets"),
        .target(name: "DaichoCore", path: "Sources/DaichoCore"),
        .target(
            name: "DaichoJournal",
            dependencies: ["DaichoCore", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/DaichoJournal"),
        .target(name: "CellKit", dependencies: ["CWidth"], path: "Sources/CellKit"),
        .target(name: "DaichoPaper", dependencies: ["DaichoCore", "CellKit"], path: "Sources/DaichoPaper"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(name: "CZint", path: "Sources/CZint", providers: [.apt(["libzint-dev"])]),
        .target(name: "DaichoResources", path: "Resources",
                // The installation's files (make install) are data for the Makefile, not for the bundle.
                exclude: ["README.md", "daicho.1", "daicho.ja.1", "daicho.conf.in", "daicho.sysusers"],
                resources: [.copy("labels")]),
        .target(name: "DaichoPDF", dependencies: ["DaichoCore", "DaichoPaper", "CCairo", "CZint", "DaichoResources"], path: "Sources/DaichoPDF"),
        .target(name: "DaichoUI", dependencies: ["DaichoCore", "CellKit", "DaichoPaper"], path: "Sources/DaichoUI"),
        .target(name: "DaichoTerminal", dependencies: ["CellKit", "CNcursesw", "CWidth"], path: "Sources/DaichoTerminal"),
        .executableTarget(
            name: "daicho",
            dependencies: [
                "DaichoCore", "DaichoJournal", "CellKit", "DaichoUI", "DaichoTerminal", "DaichoPaper", "DaichoPDF", "DaichoSheets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/daicho"),
        .target(name: "DaichoBenchKit", dependencies: ["DaichoCore", "DaichoJournal"], path: "Sources/DaichoBenchKit"),
        .executableTarget(name: "daicho-bench", dependencies: ["DaichoBenchKit", "DaichoCore", "DaichoJournal", "DaichoUI", "CellKit"], path: "Sources/daicho-bench"),
        // A writer that appends many records from one process, for the crash and concurrency tests.
        .executableTarget(name: "daicho-stress", dependencies: ["DaichoCore", "DaichoJournal"], path: "Sources/daicho-stress"),
        // The journal reader under libFuzzer (`make fuzz`); built plainly it replays inputs.
        .executableTarget(name: "daicho-fuzz", dependencies: ["DaichoCore", "DaichoJournal"], path: "Sources/daicho-fuzz"),
        .testTarget(name: "DaichoCoreTests", dependencies: ["DaichoCore"], path: "Tests/DaichoCoreTests"),
        .testTarget(
            name: "DaichoPaperTests",
            dependencies: ["DaichoPaper", "DaichoCore", "CellKit"],
            path: "Tests/DaichoPaperTests",
            exclude: ["Golden"]),
        .testTarget(name: "DaichoPDFTests", dependencies: ["DaichoPDF", "DaichoPaper", "DaichoCore"], path: "Tests/DaichoPDFTests"),
        .testTarget(name: "DaichoJournalTests", dependencies: ["DaichoJournal", "DaichoCore", "DaichoBenchKit"], path: "Tests/DaichoJournalTests"),
        .testTarget(
            name: "CellKitTests",
            dependencies: ["CellKit", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            path: "Tests/CellKitTests",
            exclude: ["__Snapshots__"]),
        .testTarget(
            name: "DaichoUITests",
            dependencies: [
                "DaichoUI", "DaichoCore", "CellKit",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            path: "Tests/DaichoUITests",
            exclude: ["__Snapshots__"]),
        .testTarget(name: "DaichoCLITests", dependencies: ["DaichoCore", "DaichoJournal", "CellKit"], path: "Tests/DaichoCLITests"),
        // Crashes, concurrent writers, tampering, full disks and fuzzing, against the built binaries.
        .testTarget(
            name: "DaichoAbuseTests",
            dependencies: ["DaichoCore", "DaichoJournal", "DaichoUI", "CellKit"],
            path: "Tests/DaichoAbuseTests"),
        .testTarget(name: "DaichoSheetsTests", dependencies: ["DaichoSheets"], path: "Tests/DaichoSheetsTests"),
        .testTarget(name: "DaichoTerminalTests", dependencies: ["DaichoTerminal", "CellKit"], path: "Tests/DaichoTerminalTests"),
    ]
)
