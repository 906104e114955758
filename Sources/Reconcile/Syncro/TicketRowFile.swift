import RecordFormats
import Synchronization

/// The tickets file of a CSV export, read back a row at a time: `PackedRecords` keeps where each ticket's row
/// starts instead of its values, and packs them again from the row when the ticket is asked for.
///
/// A million tickets' kept values take about 170 MB packed; where their rows start takes 8 bytes a ticket. The drift
/// engine reads each ticket once per snapshot ticket, mostly in file order (snapshots and exports both list tickets
/// by id), so one reader stays open between calls: a row in the chunk it holds costs no system call, and a row
/// elsewhere a seek and a read of about a page (`CSVReader.rawRow(at:line:)`). The file is opened before loading
/// reads it through, so an export replaced meanwhile (exports are written to a temporary file and renamed) is still
/// read as it was. A row that reads back as another ticket, or not at all, means the file was changed in place:
/// the first such problem is kept as `failure`, for the command to report instead of a comparison.
final class TicketRowFile: Sendable {
    private struct State {
        let reader: CSVReader
        var failure: RecordFileError?
    }

    let path: String
    private let cells: TicketCells
    private let state: Mutex<State>

    /// Opens the tickets file at `path`, whose header `cells` was made from.
    init(path: String, cells: TicketCells) throws {
        let reader = try CSVReader(path: path)
        _ = try reader.header()
        self.path = path
        self.cells = cells
        state = Mutex(State(reader: reader))
    }

    /// The first row that did not read back as it was loaded, if any did not.
    var failure: RecordFileError? { state.withLock { $0.failure } }

    /// Appends the packed kept values of ticket `id` (`TicketCells.pack(_:into:)`), read from its row at `offset`
    /// on `line`, to `bytes`; false when that row is no longer ticket `id`'s (see `failure`).
    func pack(ticket id: Int, rowAt offset: Int, line: Int, into bytes: inout [UInt8]) -> Bool {
        state.withLock { state in
            let row = try? state.reader.rawRow(at: offset, line: line)
            guard let row, cells.decoder.integer(at: cells.id, of: row) == id else {
                if state.failure == nil {
                    state.failure = RecordFileError(
                        path: path, line: line, column: 1, code: "csv.changed",
                        message: "ticket \(id)'s row is not what it was when the export was loaded; "
                            + "leave the export unchanged while it is compared, then run the command again")
                }
                return false
            }
            cells.pack(row, into: &bytes)
            return true
        }
    }
}
