import Foundation
import RecordFormats
import Snapshot

/// The Syncro tickets a new ticket might duplicate: looked up before a `TICKET_NOT_CREATED` becomes a
/// `POST /tickets`, besides the reference marker (`SyncroRecords.createdTicket(partnerTicketID:)`).
///
/// A Syncro ticket is a possible duplicate of a snapshot ticket when both belong to the same customer, their
/// subjects are equal once normalised (case-folded, runs of white space collapsed to one space, trimmed), and,
/// when both creation times are known, they lie at most `window` (7 days) apart. The snapshot has no creation time
/// for a ticket, so its earliest comment's `created_at` stands for it; a Syncro ticket's is its `created_at`.
///
/// The index holds, per customer and subject hash, only ticket ids; a candidate is unpacked and its subject
/// compared again when looked up, so memory grows by a few bytes per Syncro ticket.
package struct PossibleDuplicates {
    /// How far apart the two creation times may be: 7 days.
    package static let window: TimeInterval = 7 * 24 * 3600

    /// A Syncro ticket a creation may duplicate.
    package struct Match: Sendable, Hashable {
        package var ticketID: Int
        /// The ticket number people see in Syncro, when the record has one.
        package var number: String?
        package var createdAt: String?
        /// How many further Syncro tickets match.
        package var others: Int
    }

    /// A customer and the hash of a normalised subject (checked against the subject itself on look-up).
    private struct Key: Hashable {
        var customerID: Int
        var subjectHash: Int

        init(customerID: Int, subject: String) {
            self.customerID = customerID
            var hasher = Hasher()
            hasher.combine(subject)
            subjectHash = hasher.finalize()
        }
    }

    private let syncro: SyncroRecords
    private var ids: [Key: [Int]] = [:]

    init(_ syncro: SyncroRecords) {
        self.syncro = syncro
        for id in syncro.tickets.ids {
            guard let record = syncro.tickets[id], let customerID = record["customer_id"]?.intValue,
                let subject = record["subject"]?.stringValue
            else { continue }
            ids[Key(customerID: customerID, subject: Self.normalised(subject)), default: []].append(id)
        }
    }

    /// `subject` case-folded, with runs of white space collapsed to one space and trimmed.
    package static func normalised(_ subject: String) -> String {
        subject.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// When the snapshot ticket was created, as far as the snapshot tells: its earliest comment's `created_at`.
    static func createdAt(of ticket: SnapshotTicket) -> Date? {
        ticket.comments.compactMap(\.createdAt).min()
    }

    /// The lowest-id Syncro ticket of `customerID` with the same normalised `subject`, created within the window of
    /// `createdAt` (when both times are known); nil when there is none.
    func match(customerID: Int, subject: String, createdAt: Date?) -> Match? {
        let wanted = Self.normalised(subject)
        let found = (ids[Key(customerID: customerID, subject: wanted)] ?? []).sorted().filter { id in
            guard let record = syncro.tickets[id], record["customer_id"]?.intValue == customerID,
                let other = record["subject"]?.stringValue, Self.normalised(other) == wanted
            else { return false }
            guard let createdAt, let text = record["created_at"]?.stringValue, let syncroCreated = Timestamp.parse(text)
            else { return true }
            return abs(syncroCreated.timeIntervalSince(createdAt)) <= Self.window
        }
        guard let first = found.first else { return nil }
        let record = syncro.tickets[first]
        let number = record?["number"].flatMap { $0.isNull ? nil : $0.displayText }
        let created = record?["created_at"]?.stringValue
        return Match(ticketID: first, number: number, createdAt: created, others: found.count - 1)
    }
}
