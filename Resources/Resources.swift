// The data files under Resources/, bundled with the build (SwiftPM resources):
// Resources/labels/*.json, the built-in label sheet layouts (DaichoPDF Labels.swift).

import Foundation

public enum DaichoResources {
    /// The contents of `Resources/<folder>/<name>.<ext>`, or nil when there is no such file.
    public static func data(_ folder: String, _ name: String, ext: String) -> Data? {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: folder) else { return nil }
        return try? Data(contentsOf: url)
    }

    /// The names (without extension) of the files of a folder with this extension, sorted.
    public static func names(_ folder: String, ext: String) -> [String] {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent(folder),
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return files.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }
}
