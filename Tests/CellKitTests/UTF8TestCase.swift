import CellKit
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A test case that runs under the C.UTF-8 locale: `wcwidth` of Japanese is
/// not 2 in the C locale. A test fails (rather than passing on wrong widths)
/// when that locale cannot be set.
class UTF8TestCase: XCTestCase {
    struct LocaleUnavailable: Error {}

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else {
            throw LocaleUnavailable()
        }
    }
}
