import CellKit
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A test case that runs under the C.UTF-8 locale: `wcwidth` of Japanese is
/// not 2 in the C locale.
class UTF8TestCase: XCTestCase {
    override class func setUp() {
        super.setUp()
        guard setlocale(LC_ALL, "C.UTF-8") != nil, TextLocale.isUTF8 else {
            fatalError("the C.UTF-8 locale is required for CellKit tests")
        }
    }
}
