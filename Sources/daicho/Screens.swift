// `daicho` with no subcommand opens the terminal screens.

import DaichoCore
import Foundation

func runScreens(_ global: GlobalOptions) throws {
    throw CLIFailure(message: global.lang.pick("画面はまだ準備中です。daicho --help でコマンドを参照してください",
                                               "the screens are not built yet: see daicho --help for the commands"),
                     code: CLIFailure.usage)
}
