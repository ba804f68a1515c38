/// Interned contacts: every contact a routing table holds is stored here once and named by a 32-bit handle, so
/// a table entry is 16 bytes instead of a 26-byte contact plus its ageing data. A simulator shares one directory
/// among all its nodes (a million nodes know the same few million contacts); a node on its own gets a private one.
///
/// Handles only ever gain meaning (nothing is removed or renumbered), so routing tables that share a directory
/// keep their value semantics. A directory is not synchronised: it belongs to one simulation or one node, and is
/// used from one thread at a time.
public final class ContactDirectory: @unchecked Sendable {
    /// Names one contact (id and address).
    struct Handle: Equatable {
        var rawValue: UInt32
    }

    /// Names one node id, whatever the address it was heard from.
    struct IDHandle: Equatable {
        var rawValue: UInt32
        /// Matches no interned id.
        static let none = IDHandle(rawValue: .max)
    }

    /// A contact with its handles, interned ahead of time: a warm start hands thousands of tables the same contacts,
    /// and each then skips the hash lookup.
    public struct Interned: Sendable {
        public let contact: Contact
        let handle: Handle
        let idHandle: IDHandle
    }

    private var handles: [Contact: Handle] = [:]
    private var idHandles: [NodeID: IDHandle] = [:]
    /// Indexed by `Handle`.
    private(set) var contacts: [Contact] = []
    /// The id handle of each contact, indexed by `Handle`.
    private var contactIDs: [IDHandle] = []

    public init() {}

    /// Contacts interned so far.
    public var count: Int { contacts.count }

    /// The handles of `contact` and of its id, interning them if new.
    func intern(_ contact: Contact) -> (contact: Handle, id: IDHandle) {
        if let known = handles[contact] { return (known, contactIDs[Int(known.rawValue)]) }
        precondition(contacts.count < Int(UInt32.max), "a contact directory holds fewer than 2^32 contacts")
        let id = idHandle(internedFor: contact.id)
        let handle = Handle(rawValue: UInt32(contacts.count))
        handles[contact] = handle
        contacts.append(contact)
        contactIDs.append(id)
        return (handle, id)
    }

    public func interned(_ contact: Contact) -> Interned {
        let handles = intern(contact)
        return Interned(contact: contact, handle: handles.contact, idHandle: handles.id)
    }

    /// The handle of `id`, or `.none` when no contact with that id was ever interned.
    func idHandle(of id: NodeID) -> IDHandle {
        idHandles[id] ?? .none
    }

    subscript(handle: Handle) -> Contact {
        contacts[Int(handle.rawValue)]
    }

    private func idHandle(internedFor id: NodeID) -> IDHandle {
        if let known = idHandles[id] { return known }
        let handle = IDHandle(rawValue: UInt32(idHandles.count))
        idHandles[id] = handle
        return handle
    }
}
