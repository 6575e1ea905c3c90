// Ctrl-C: a flag set by the signal handler (in the C shim), read by the shell
// to drop the pending line and by the engine's loops to stop a query.

import CLibEdit
import CasebookCore

enum Interrupts {
    static func install() { cb_install_interrupt_handler() }
    static var pending: Bool { cb_interrupted() != 0 }
    static func clear() { cb_clear_interrupt() }

    /// The engine's view of the flag.
    static let cancellation = Cancellation { cb_interrupted() != 0 }
}
